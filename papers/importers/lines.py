"""Reading binary streams line by line, so one bad byte sequence spoils one record, not the file."""

import re
from collections.abc import Iterator
from typing import BinaryIO, NamedTuple

from papers.importers.streams import OverlongLine

_BOM = b"\xef\xbb\xbf"
_XML_PROLOGUE = re.compile(r"^\s*(?:<\?xml[^>]*\?>\s*|<!--.*?-->\s*)*", re.DOTALL)
# A document type declaration, with an internal subset in brackets (entity declarations live there).
_DOCTYPE = re.compile(r"<!DOCTYPE\s[^\[>]*(?:\[.*?\]\s*)?>\s*(?:<!--.*?-->\s*)*", re.DOTALL | re.IGNORECASE)


class Line(NamedTuple):
    number: int  # 1-based physical line number
    text: str  # without the line terminator; undecodable bytes replaced when error is set
    error: str = ""  # why the line is not valid UTF-8, empty when it is


def utf8_error(raw: bytes, exc: UnicodeDecodeError) -> str:
    column = len(raw[: exc.start].decode("utf-8", "replace")) + 1
    return f"not valid UTF-8 (byte 0x{raw[exc.start]:02x} at column {column})"


def decode_line(raw: bytes) -> tuple[str, str]:
    """The text of one line and, when it is not valid UTF-8, why."""
    try:
        return raw.decode("utf-8"), ""
    except UnicodeDecodeError as exc:
        return raw.decode("utf-8", "replace"), utf8_error(raw, exc)


def read_lines(stream: BinaryIO) -> Iterator[Line]:
    """The stream's lines, decoded one at a time (never the whole file in memory).

    A stream over a range of a file says where it starts in `first_line`, so positions stay the file's.
    """
    for number, raw in enumerate(stream, start=getattr(stream, "first_line", 1)):
        if isinstance(raw, OverlongLine):
            limit = getattr(stream, "limits", None)
            most = f"; lines are limited to {limit.max_line_bytes:,} bytes" if limit else ""
            yield Line(number, "", f"the line is {raw.length:,} bytes long{most}")
            continue
        if number == 1 and raw.startswith(_BOM):
            raw = raw[len(_BOM) :]
        text, error = decode_line(raw.rstrip(b"\r\n"))
        yield Line(number, text, error)


def head_text(head: bytes) -> str:
    """The first bytes of a file as text, for sniffing (a character cut in half is no error here)."""
    return head.removeprefix(_BOM).decode("utf-8", "replace")


def markup_start(head: bytes, skip_doctype: bool = False) -> str:
    """The text from the first tag after any XML declaration and comments (and DOCTYPE, if asked)."""
    start = _XML_PROLOGUE.sub("", head_text(head), count=1)
    if skip_doctype and not start[:20].lower().startswith("<!doctype html"):
        start = _DOCTYPE.sub("", start, count=1)
    return start


def looks_like_html(head: bytes) -> bool:
    return markup_start(head)[:20].lower().startswith(("<!doctype html", "<html"))
