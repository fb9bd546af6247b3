"""What the Papers with Code archive formats share: a JSON list streamed item by item, links, paper names."""

import re
from collections.abc import Callable, Iterator
from typing import BinaryIO

import ijson

from papers.importers.base import ImportFormatError, PaperRef, RecordError
from papers.importers.fields import FieldError, bare_arxiv_id, iso_date, object_record, text, type_name

_URL = re.compile(r"https?://\S+")


def stream_items(stream: BinaryIO, what: str) -> Iterator[tuple[int, object]]:
    """The top-level list's items with their 1-based numbers, parsed one at a time (never the whole file).

    Where the JSON breaks, a RecordError (position left to the caller) says why, and reading stops.
    """
    first = stream.read(_FIRST_CHUNK)
    if not first.removeprefix(b"\xef\xbb\xbf").lstrip().startswith(b"["):
        raise ImportFormatError(f"expected a JSON list of {what}")
    number = 0
    try:
        items = ijson.items(_Prefixed(first.removeprefix(b"\xef\xbb\xbf"), stream), "item", use_float=True)
        for number, item in enumerate(items, start=1):
            yield number, item
    except (ijson.JSONError, UnicodeDecodeError) as exc:
        # The C parser reads ahead by a buffer, so the break may be a few items past the last one given.
        yield number + 1, RecordError("", f"invalid JSON after {number} items: {_reason(exc)}; stopped here")


_FIRST_CHUNK = 64 * 1024


class _Prefixed:
    """A binary stream whose first bytes were already read for a look at them."""

    def __init__(self, first: bytes, rest: BinaryIO) -> None:
        self._first, self._rest = first, rest

    def read(self, size: int = -1) -> bytes:
        if size == 0:  # ijson asks for nothing to learn whether the stream gives bytes or text
            return b""
        if self._first:
            chunk, self._first = self._first, b""
            return chunk
        return self._rest.read(size)


def flat_records(stream: BinaryIO, what: str, build: Callable[[dict, str], object]) -> Iterator[object]:
    """build(item, position) for each object of a JSON list of flat items ("paper 3"); a bad item is a
    RecordError at its position."""
    for number, item in stream_items(stream, f"{what}s"):
        yield object_record(item, f"{what} {number}", build)


def _reason(exc: Exception) -> str:
    message = exc.args[0] if exc.args else ""
    if isinstance(message, bytes):
        message = message.decode("utf-8", "replace")
    return str(message).strip().splitlines()[0][:200] if str(message).strip() else type(exc).__name__


def first_url(value: object) -> str:
    """The first http(s) URL of a link, a {"url": ...} object, or a list of either; "" when none."""
    if isinstance(value, list):
        return next((found for item in value if (found := first_url(item))), "")
    if isinstance(value, dict):
        value = value.get("url")
    if isinstance(value, str) and _URL.fullmatch(value.strip()):
        return value.strip()[:500]
    return ""


def text_list(value: object, field: str) -> tuple[str, ...]:
    """Names from a list of strings (or of {"name": ...} objects)."""
    if value is None:
        return ()
    if not isinstance(value, list):
        raise FieldError(f"{field} must be a list, got {type_name(value)}")
    names = []
    for item in value:
        name = item.get("name") if isinstance(item, dict) else item
        if isinstance(name, str) and (name := text(name, field)):
            names.append(name)
    return tuple(names)


def paper_ref(*, title: object, url: object, arxiv_id: object = None, date: object = None) -> PaperRef:
    """A paper named by a title and a URL, where the title is sometimes the URL itself."""
    title_text, url_text = text(title, "paper_title"), text(url, "paper_url")
    if _URL.fullmatch(title_text):
        url_text, title_text = url_text or title_text, ""
    bare = bare_arxiv_id(text(arxiv_id, "arxiv_id")) or bare_arxiv_id(url_text)
    return PaperRef(
        title=title_text,
        arxiv_id=bare,
        url=url_text[:500] if _URL.fullmatch(url_text) else "",
        published=iso_date(date, "paper_date"),
    )
