"""CSV with a header row naming at least title and abstract (comma, semicolon or tab separated)."""

import csv
import re
from collections.abc import Iterator
from typing import BinaryIO

from papers.importers.base import ImportFormatError, PaperRecord, RecordError
from papers.importers.fields import FieldError, record_from_mapping
from papers.importers.lines import head_text, read_lines

NAME = "csv"
_DELIMITERS = ",;\t"
_REQUIRED = {"title", "abstract"}


def _column_name(header: str) -> str:
    """ "Code URL" and "code-url" both name the code_url column."""
    return re.sub(r"[\s\-]+", "_", header.strip().lower())


def _header(first_line: str) -> tuple[str, list[str]] | None:
    """The delimiter and column names when first_line is a header with title and abstract."""
    for delimiter in _DELIMITERS:
        names = [_column_name(name) for name in next(csv.reader([first_line], delimiter=delimiter))]
        if set(names) >= _REQUIRED:
            return delimiter, names
    return None


def sniff(head: bytes) -> bool:
    first = next((line for line in head_text(head).splitlines() if line.strip()), "")
    return _header(first) is not None


def parse(stream: BinaryIO) -> Iterator[PaperRecord | RecordError]:
    lines = read_lines(stream)
    first = next((line for line in lines if line.text.strip()), None)
    if first is None:
        raise ImportFormatError("the CSV file is empty")
    if first.error:
        raise ImportFormatError(f"the CSV header on line {first.number} is {first.error}")
    header = _header(first.text)
    if header is None:
        raise ImportFormatError(f"the CSV header on line {first.number} has no title and abstract columns")
    delimiter, names = header

    # A quoted field may span lines: csv.reader counts the lines it consumed, and the bad ones are
    # remembered so a row is rejected only for invalid bytes inside it.
    bad_lines: dict[int, str] = {}

    def physical_lines() -> Iterator[str]:
        for line in lines:
            if line.error:
                bad_lines[line.number] = line.error
            yield line.text + "\n"

    reader = csv.reader(physical_lines(), delimiter=delimiter)
    end = first.number
    while True:
        start = end + 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            end = first.number + reader.line_num
            _take_until(bad_lines, end)
            yield RecordError(f"line {start}", f"invalid CSV: {exc}")
            continue
        end = first.number + reader.line_num
        bad = _take_until(bad_lines, end)
        if any(field.strip() for field in row):
            yield _record(row, names, start, end, bad)


def _take_until(bad_lines: dict[int, str], end: int) -> list[tuple[int, str]]:
    """The bad lines up to end, in order, removed from bad_lines."""
    return [(number, bad_lines.pop(number)) for number in sorted(bad_lines) if number <= end]


def _record(
    row: list[str], names: list[str], start: int, end: int, bad: list[tuple[int, str]]
) -> PaperRecord | RecordError:
    position = f"line {start}"
    if bad:
        number, reason = bad[0]
        return RecordError(position, reason if number == start else f"{reason} on line {number}")
    if len(row) != len(names):
        span = f" (lines {start}-{end}: an unclosed quote?)" if end > start else ""
        return RecordError(position, f"the row has {len(row)} fields, the header has {len(names)}{span}")
    try:
        return record_from_mapping(dict(zip(names, row, strict=True)), source=NAME, position=position)
    except FieldError as exc:
        return RecordError(position, str(exc))
