"""arXiv metadata JSON lines, the fields of the Kaggle bulk snapshot (id, authors_parsed, versions...)."""

import datetime
import email.utils
from collections.abc import Iterator
from typing import BinaryIO

from papers.importers.base import PaperRecord, RecordError
from papers.importers.fields import (
    FieldError,
    arxiv_id,
    authors,
    doi,
    iso_date,
    paper_record,
    text,
    type_name,
)
from papers.importers.jsonl import first_object_keys, json_objects

NAME = "arxiv_jsonl"
# Fields only the snapshot has; plain JSON lines with "title" and "abstract" have none of them.
_SNAPSHOT_FIELDS = {"submitter", "authors_parsed", "update_date", "versions", "journal-ref", "report-no"}


def sniff(head: bytes) -> bool:
    keys = first_object_keys(head, 1)
    return bool(keys) and "id" in keys[0] and len(keys[0] & _SNAPSHOT_FIELDS) >= 2


def parse(stream: BinaryIO) -> Iterator[PaperRecord | RecordError]:
    for position, value in json_objects(stream):
        if isinstance(value, RecordError):
            yield value
            continue
        try:
            yield _record(value, position)
        except FieldError as exc:
            yield RecordError(position, str(exc))


def _record(row: dict, position: str) -> PaperRecord:
    bare_id = arxiv_id(row.get("id"), "id")
    return paper_record(
        source=NAME,
        position=position,
        title=text(row.get("title"), "title"),
        abstract=text(row.get("abstract"), "abstract"),
        arxiv_id=bare_id,
        doi=doi(row.get("doi")),
        published=_first_version_date(row.get("versions")) or iso_date(row.get("update_date"), "update_date"),
        authors=_parsed_authors(row.get("authors_parsed")) or authors(row.get("authors")),
        url=f"https://arxiv.org/abs/{bare_id}" if bare_id else "",
    )


def _first_version_date(versions: object) -> datetime.date | None:
    """The day v1 was submitted ("Mon, 2 Apr 2007 19:18:42 GMT"); update_date is only the last change."""
    if versions is None:
        return None
    if not isinstance(versions, list):
        raise FieldError(f"versions must be a list, got {type_name(versions)}")
    if not versions or not isinstance(versions[0], dict):
        return None
    created = text(versions[0].get("created"), "versions[0].created")
    if not created:
        return None
    try:
        return email.utils.parsedate_to_datetime(created).date()
    except (TypeError, ValueError):
        raise FieldError(f"versions[0].created is not a date: {created!r}") from None


def _parsed_authors(parsed: object) -> tuple[str, ...]:
    """ "First Last Suffix" from [["Last", "First", "Suffix"], ...]."""
    if parsed is None:
        return ()
    if not isinstance(parsed, list) or not all(isinstance(name, list) for name in parsed):
        raise FieldError("authors_parsed must be a list of [last, first, suffix] lists")
    names = []
    for parts in parsed:
        last, first, suffix = ([text(part, "authors_parsed") for part in parts] + ["", "", ""])[:3]
        if name := " ".join(part for part in (first, last, suffix) if part):
            names.append(name)
    return tuple(names)
