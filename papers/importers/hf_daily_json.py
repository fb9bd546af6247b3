"""The Hugging Face daily papers API: a JSON list of {"paper": {...}, ...} entries."""

import json
import re
from collections.abc import Iterator
from typing import BinaryIO

from papers.importers.base import ImportFormatError, PaperRecord, RecordError
from papers.importers.fields import (
    FieldError,
    arxiv_id,
    authors,
    iso_date,
    paper_record,
    text,
    type_name,
    url,
    whole_number,
)
from papers.importers.jsonl import json_error
from papers.importers.lines import head_text, looks_like_html

NAME = "hf_daily_json"
_PAPER_OBJECT = re.compile(r'"paper"\s*:\s*\{')
_SPACE = re.compile(r"\s*")


def sniff(head: bytes) -> bool:
    start = head_text(head).lstrip()
    return start.startswith("[") and bool(_PAPER_OBJECT.search(start))


def parse(stream: BinaryIO) -> Iterator[PaperRecord | RecordError]:
    # The API answers a few dozen entries at once, so reading it whole is fine. Bad bytes are kept as
    # escapes for fields.text() to report in the entry they spoil.
    raw = stream.read()
    if looks_like_html(raw[:1024]):
        raise ImportFormatError("looks like an HTML page, not a JSON list of papers")
    document = raw.removeprefix(b"\xef\xbb\xbf").decode("utf-8", "surrogateescape")
    for number, item in enumerate(_items(document), start=1):
        position = f"item {number}"
        if isinstance(item, RecordError):
            yield RecordError(position, item.reason)
        elif not isinstance(item, dict):
            yield RecordError(position, f"expected a JSON object, got {type_name(item)}")
        else:
            try:
                yield _record(item, position)
            except FieldError as exc:
                yield RecordError(position, str(exc))


def _items(document: str) -> Iterator[object]:
    """The list's items one at a time, so a file cut short still gives up the items before the cut.

    Where the JSON breaks, a RecordError (its position left to the caller) says why, and reading stops.
    """
    decoder = json.JSONDecoder()
    pos = _SPACE.match(document).end()
    if not document.startswith("[", pos):
        raise ImportFormatError("expected a JSON list of papers")
    pos = _SPACE.match(document, pos + 1).end()
    if document.startswith("]", pos):
        return
    while True:
        try:
            item, pos = decoder.raw_decode(document, pos)
        except json.JSONDecodeError as exc:
            yield RecordError("", f"invalid JSON: {json_error(exc)} of line {exc.lineno}; stopped here")
            return
        yield item
        pos = _SPACE.match(document, pos).end()
        if document.startswith("]", pos):
            return
        if not document.startswith(",", pos):
            line = document.count("\n", 0, pos) + 1
            yield RecordError(
                "", f"invalid JSON: expected ',' or ']' after the item on line {line}; stopped here"
            )
            return
        pos = _SPACE.match(document, pos + 1).end()


def _record(item: dict, position: str) -> PaperRecord:
    paper = item.get("paper", item)
    if not isinstance(paper, dict):
        raise FieldError(f"paper must be an object, got {type_name(paper)}")
    bare_id = arxiv_id(paper.get("id"), "paper.id")
    return paper_record(
        source=NAME,
        position=position,
        title=text(paper.get("title") or item.get("title"), "title"),
        abstract=text(paper.get("summary") or item.get("summary"), "summary"),
        arxiv_id=bare_id,
        published=iso_date(paper.get("publishedAt") or item.get("publishedAt"), "publishedAt"),
        authors=authors(paper.get("authors"), "paper.authors"),
        upvotes=whole_number(paper.get("upvotes"), "paper.upvotes"),
        url=f"https://huggingface.co/papers/{bare_id}" if bare_id else "",
        code_url=url(paper.get("githubRepo"), "paper.githubRepo"),
    )
