"""The Hugging Face daily papers API: a JSON list of {"paper": {...}, ...} entries."""

import codecs
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
    object_record,
    paper_record,
    text,
    type_name,
    url,
    whole_number,
)
from papers.importers.jsonl import NESTED_TOO_DEEPLY, json_error
from papers.importers.lines import head_text, looks_like_html

NAME = "hf_daily_json"
_PAPER_OBJECT = re.compile(r'"paper"\s*:\s*\{')
_SPACE = re.compile(r"\s*")
_CHUNK = 256 * 1024


def sniff(head: bytes) -> bool:
    start = head_text(head).lstrip()
    return start.startswith("[") and bool(_PAPER_OBJECT.search(start))


def parse(stream: BinaryIO) -> Iterator[PaperRecord | RecordError]:
    for number, item in enumerate(_items(_JsonText(stream)), start=1):
        yield object_record(item, f"item {number}", _record)


class _JsonText:
    """The stream's text read a chunk at a time, so the list is never held whole.

    `text` holds what is not yet consumed; bad bytes are kept as escapes for fields.text() to report
    in the item they spoil.
    """

    def __init__(self, stream: BinaryIO) -> None:
        self._stream = stream
        self._decoder = codecs.getincrementaldecoder("utf-8")("surrogateescape")
        self.max_item = getattr(getattr(stream, "limits", None), "max_line_bytes", 4 * 1024 * 1024)
        self.text = ""
        self.line = 1  # of text[0]
        self.at_end = False
        self._first = True

    def more(self) -> bool:
        """Read one more chunk; False at the end of the stream."""
        if self.at_end:
            return False
        raw = self._stream.read(_CHUNK)
        if self._first:
            self._first = False
            if looks_like_html(raw[:1024]):
                raise ImportFormatError("looks like an HTML page, not a JSON list of papers")
            raw = raw.removeprefix(b"\xef\xbb\xbf")
        self.at_end = not raw
        self.text += self._decoder.decode(raw, final=self.at_end)
        return not self.at_end

    def consume(self, end: int) -> None:
        self.line += self.text.count("\n", 0, end)
        self.text = self.text[end:]

    def skip_space(self) -> None:
        while True:
            end = _SPACE.match(self.text).end()
            self.consume(end)
            if self.text or not self.more():
                return


def _items(source: _JsonText) -> Iterator[object]:
    """The list's items one at a time, so a file cut short still gives up the items before the cut.

    Where the JSON breaks, a RecordError (its position left to the caller) says why, and reading stops.
    """
    decoder = json.JSONDecoder()
    source.skip_space()
    if not source.text.startswith("["):
        raise ImportFormatError("expected a JSON list of papers")
    source.consume(1)
    source.skip_space()
    if source.text.startswith("]"):
        return
    while True:
        try:
            item, end = _decode_item(decoder, source)
        except json.JSONDecodeError as exc:
            line = source.line + exc.lineno - 1
            yield RecordError("", f"invalid JSON: {json_error(exc)} of line {line}; stopped here")
            return
        except RecursionError:
            yield RecordError("", f"{NESTED_TOO_DEEPLY}; stopped here")
            return
        except _ItemTooLarge as exc:
            yield RecordError("", f"{exc}; stopped here")
            return
        source.consume(end)
        if end > source.max_item:
            yield RecordError(
                "", f"the item is {end:,} characters long; items are limited to {source.max_item:,}"
            )
        else:
            yield item
        source.skip_space()
        if source.text.startswith("]"):
            return
        if not source.text.startswith(","):
            yield RecordError(
                "", f"invalid JSON: expected ',' or ']' after the item on line {source.line}; stopped here"
            )
            return
        source.consume(1)
        source.skip_space()


class _ItemTooLarge(ValueError):
    pass


def _decode_item(decoder: json.JSONDecoder, source: _JsonText) -> tuple[object, int]:
    """The next item and where it ends, reading more text while the item may be cut by the chunk."""
    while True:
        try:
            item, end = decoder.raw_decode(source.text)
        except json.JSONDecodeError:
            if len(source.text) > source.max_item:
                raise _ItemTooLarge(
                    f"an item is larger than {source.max_item:,} bytes (IMPORT_MAX_LINE_BYTES)"
                ) from None
            if not source.more():
                raise
            continue
        # A scalar cut by the chunk ("12" of "123") decodes too: make sure the text goes on past it.
        if end < len(source.text) or not source.more():
            return item, end


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
