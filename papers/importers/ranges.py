"""Cutting a big JSON-lines file into ranges of whole lines, and reading one range. Pure Python, no Django."""

import io
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

from papers.importers import arxiv_jsonl, jsonl
from papers.importers.base import ImportFormatError, PaperRecord, RecordError
from papers.importers.streams import GZIP_MAGIC, LimitedReader, ReadLimits, utf16_encoding

# Formats of one record per line: any line boundary is a record boundary.
SPLITTABLE = {module.NAME: module for module in (arxiv_jsonl, jsonl)}
_CHUNK = 1024 * 1024


class LineRange(NamedTuple):
    start: int  # byte offset of the first line
    end: int  # byte offset just past the last line
    first_line: int  # its line number in the file


def can_split(path: Path, format: str) -> bool:
    """A plain UTF-8 file of a one-record-per-line format (a .gz or UTF-16 file cannot be read from the middle)."""
    if format not in SPLITTABLE:
        return False
    with path.open("rb") as stream:
        head = stream.read(512)
    return not head.startswith(GZIP_MAGIC) and utf16_encoding(head) is None


def line_ranges(path: Path, target_bytes: int) -> list[LineRange]:
    """Ranges of about target_bytes each, cut just after a line break, with the number of their first line.

    Reads the file once (counting line breaks), never holding more than a chunk of it.
    """
    ranges: list[LineRange] = []
    start, first_line, lines, offset = 0, 1, 0, 0
    with path.open("rb") as stream:
        while chunk := stream.read(_CHUNK):
            pos = 0
            while True:
                search_from = max(pos, start + target_bytes - 1 - offset)
                cut = chunk.find(b"\n", search_from) if search_from < len(chunk) else -1
                if cut == -1:
                    lines += chunk.count(b"\n", pos)
                    break
                lines += chunk.count(b"\n", pos, cut + 1)
                end = offset + cut + 1
                ranges.append(LineRange(start, end, first_line))
                start, first_line, lines, pos = end, first_line + lines, 0, cut + 1
            offset += len(chunk)
    if start < offset:
        ranges.append(LineRange(start, offset, first_line))
    return ranges


class _Window(io.RawIOBase):
    """The bytes of a file from start to end, and no further."""

    def __init__(self, path: Path, start: int, end: int) -> None:
        self._file = path.open("rb")  # noqa: SIM115 - closed with this stream
        self._file.seek(start)
        self._left = end - start

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        if self._left <= 0:
            return 0
        view = memoryview(buffer)[: min(len(buffer), self._left)]
        size = self._file.readinto(view)
        self._left -= size
        return size

    def close(self) -> None:
        self._file.close()
        super().close()


def iter_range_records(
    path: Path, format: str, line_range: LineRange, limits: ReadLimits | None = None
) -> Iterator[PaperRecord | RecordError]:
    """The records of one range, with their positions in the whole file ("line 1234567")."""
    reader = LimitedReader(
        io.BufferedReader(_Window(path, line_range.start, line_range.end)), limits or ReadLimits()
    )
    reader.first_line = line_range.first_line
    try:
        with reader:
            yield from SPLITTABLE[format].parse(reader)
    except ImportFormatError as exc:
        raise ImportFormatError(f"{path.name}: {exc}") from exc
    except OSError as exc:
        raise ImportFormatError(f"{path.name}: cannot read the file ({exc.strerror or exc})") from exc
