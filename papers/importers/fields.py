"""Checking and normalising the fields of one record, shared by the importers.

Every helper raises FieldError with a reason a person can act on; the importer turns it into a
RecordError at the record's position.
"""

import datetime
import re
from collections.abc import Callable, Mapping

from papers.importers.base import PaperRecord, RecordError
from papers.normalize import clean_text

_JSON_TYPES = {str: "string", int: "number", float: "number", bool: "boolean", list: "array", dict: "object"}
# Bytes that were not valid UTF-8, kept by the "surrogateescape" decoder as lone surrogates.
_ESCAPED_BYTE = re.compile("[\udc80-\udcff]")
# Half of a UTF-16 pair with no other half (JSON's "\\ud800"): no encoding can store it.
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
# Control characters are no part of any title or abstract, and PostgreSQL cannot store NUL at all.
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_ARXIV_PREFIX = re.compile(r"^(?:https?://(?:export\.|www\.)?arxiv\.org/(?:abs|pdf)/|arxiv:)", re.IGNORECASE)
_ARXIV_ID = re.compile(r"\d{4}\.\d{4,5}|[a-z]+(?:-[a-z]+)*(?:\.[A-Z]{2})?/\d{7}")
_DOI_PREFIX = re.compile(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", re.IGNORECASE)
_URL = re.compile(r"https?://\S+")
_DIGITS = re.compile(r"\d+")
_PARENTHESISED = re.compile(r"\([^()]*\)")
_AUTHOR_SEPARATOR = re.compile(r"\s*(?:[,;&]|\band\b)\s*")


class FieldError(ValueError):
    """A field of one record is missing, of the wrong type or malformed."""


def type_name(value: object) -> str:
    return "null" if value is None else _JSON_TYPES.get(type(value), type(value).__name__)


def object_record(item: object, position: str, build: Callable[[dict, str], object]) -> object:
    """build(item, position) for one item of a JSON list; a RecordError at position when the item could not
    be read, is not an object, or has a bad field."""
    if isinstance(item, RecordError):
        return RecordError(position, item.reason)
    if not isinstance(item, dict):
        return RecordError(position, f"expected a JSON object, got {type_name(item)}")
    try:
        return build(item, position)
    except FieldError as exc:
        return RecordError(position, str(exc))


def text(value: object, field: str) -> str:
    """A string field with white space collapsed; "" when absent."""
    if value is None:
        return ""
    if not isinstance(value, str):
        raise FieldError(f"{field} must be a string, got {type_name(value)}")
    if bad := _ESCAPED_BYTE.search(value):
        byte = ord(bad.group()) - 0xDC00
        raise FieldError(f"{field} is not valid UTF-8 (byte 0x{byte:02x} at column {bad.start() + 1})")
    _check_characters(value, field)
    return clean_text(value)


def free_text(value: object, field: str) -> str:
    """Like text, for prose that names nothing (a description): control characters are dropped, not refused."""
    if isinstance(value, str):
        value = _CONTROL.sub("", value)
    return text(value, field)


def _check_characters(value: str, field: str) -> None:
    if bad := _LONE_SURROGATE.search(value):
        raise FieldError(
            f"{field} has a lone surrogate U+{ord(bad.group()):04X} at column {bad.start() + 1} (not text)"
        )
    if bad := _CONTROL.search(value):
        name = "a NUL character" if bad.group() == "\x00" else f"a control character U+{ord(bad.group()):04X}"
        raise FieldError(f"{field} has {name} at column {bad.start() + 1}")


def whole_number(value: object, field: str) -> int | None:
    if value is None or value == "":
        return None
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        return value
    if isinstance(value, str) and _DIGITS.fullmatch(value.strip()):
        return int(value)
    shown = repr(value) if type(value) in (str, int) else type_name(value)
    raise FieldError(f"{field} must be a whole number of at least 0, got {shown}")


def iso_date(value: object, field: str) -> datetime.date | None:
    """A date written as 2024-05-01, or an ISO date-time whose date part is taken as written."""
    day = text(value, field)
    if not day:
        return None
    try:
        return datetime.date.fromisoformat(day)
    except ValueError:
        pass
    try:
        return datetime.datetime.fromisoformat(day).date()
    except ValueError:
        raise FieldError(f"{field} must be a date like 2024-05-01, got {day!r}") from None


def bare_arxiv_id(value: str) -> str:
    """ "2401.01234" from "arXiv:2401.01234v2" or "http://arxiv.org/abs/2401.01234v2"; "" if not an id."""
    bare = _ARXIV_PREFIX.sub("", value.strip()).removesuffix(".pdf")
    bare = re.sub(r"v\d+$", "", bare)
    return bare if _ARXIV_ID.fullmatch(bare) else ""


def arxiv_id(value: object, field: str = "arxiv_id") -> str:
    given = text(value, field)
    if given and not (bare := bare_arxiv_id(given)):
        raise FieldError(f"{field} is not an arXiv id: {given!r}")
    return bare if given else ""


def doi(value: object, field: str = "doi") -> str:
    given = _DOI_PREFIX.sub("", text(value, field))
    # Sources sometimes list several DOIs separated by spaces; the first is the paper's own.
    first = given.split(" ", 1)[0]
    if first and not first.startswith("10."):
        raise FieldError(f"{field} is not a DOI (they start with 10.): {first!r}")
    return first


def url(value: object, field: str) -> str:
    given = text(value, field)
    if given and not _URL.fullmatch(given):
        raise FieldError(f"{field} must be an http(s) URL, got {given!r}")
    return given


def split_authors(names: str) -> tuple[str, ...]:
    """ "A. Author, B. Author and C. Author" as three names; parenthesised affiliations dropped."""
    while _PARENTHESISED.search(names):
        names = _PARENTHESISED.sub(" ", names)
    return tuple(name for part in _AUTHOR_SEPARATOR.split(clean_text(names)) if (name := part.strip()))


def authors(value: object, field: str = "authors") -> tuple[str, ...]:
    """Names from a list of strings or of {"name": ...} objects, or from one "A, B and C" string."""
    if value is None:
        return ()
    if isinstance(value, str):
        return split_authors(text(value, field))
    if not isinstance(value, list):
        raise FieldError(f"{field} must be a list of names or a string, got {type_name(value)}")
    names = []
    for item in value:
        name = item.get("name") if isinstance(item, dict) else item
        if not isinstance(name, str):
            raise FieldError(f"{field} must be a list of names, found {type_name(item)}")
        if name := text(name, field):
            names.append(name)
    return tuple(names)


def paper_record(
    *,
    source: str,
    position: str,
    title: str,
    abstract: str,
    authors: tuple[str, ...] = (),
    author_count: int | None = None,
    **metadata,
) -> PaperRecord:
    """A PaperRecord, refused when the title or abstract is empty."""
    for name, value in (("title", title), ("abstract", abstract)):
        _check_characters(value, name)
    missing = [name for name, value in (("title", title), ("abstract", abstract)) if not value]
    if missing:
        raise FieldError("missing " + " and ".join(missing))
    return PaperRecord(
        title=title,
        abstract=abstract,
        position=position,
        source=source,
        authors=authors,
        author_count=len(authors) if authors else author_count,
        **metadata,
    )


def record_from_mapping(row: Mapping[str, object], *, source: str, position: str) -> PaperRecord:
    """A record from the flat fields shared by JSON lines and CSV; unknown fields are ignored."""
    date_field = "published" if row.get("published") not in (None, "") else "date"
    return paper_record(
        source=source,
        position=position,
        title=text(row.get("title"), "title"),
        abstract=text(row.get("abstract"), "abstract"),
        arxiv_id=arxiv_id(row.get("arxiv_id")),
        doi=doi(row.get("doi")),
        published=iso_date(row.get(date_field), date_field),
        authors=authors(row.get("authors")),
        author_count=whole_number(row.get("author_count"), "author_count"),
        upvotes=whole_number(row.get("upvotes"), "upvotes"),
        url=url(row.get("url"), "url"),
        code_url=url(row.get("code_url"), "code_url"),
    )
