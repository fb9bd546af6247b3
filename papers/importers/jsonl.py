"""Plain JSON lines: one object per line with at least title and abstract."""

import json
import re
from collections.abc import Iterator
from typing import BinaryIO

from papers.importers.base import PaperRecord, RecordError
from papers.importers.fields import FieldError, record_from_mapping, type_name
from papers.importers.lines import head_text, read_lines

NAME = "jsonl"
_SNIFF_LINES = 5
# Good enough for sniffing: nested keys count too, and a cut line still shows its first keys.
_KEY = re.compile(r'"([\w-]+)"\s*:')


NESTED_TOO_DEEPLY = "invalid JSON: nested too deeply"


def json_error(exc: json.JSONDecodeError) -> str:
    """ "Expecting ',' delimiter at column 80" (the message may itself end in "at")."""
    return f"{exc.msg.removesuffix(' at')} at column {exc.colno}"


def json_objects(stream: BinaryIO) -> Iterator[tuple[str, dict | RecordError]]:
    """(position, object) for each non-blank line, or a RecordError saying why the line is no object."""
    for line in read_lines(stream):
        position = f"line {line.number}"
        if line.error:
            yield position, RecordError(position, line.error)
            continue
        if not line.text.strip():
            continue
        try:
            value = json.loads(line.text)
        except json.JSONDecodeError as exc:
            yield position, RecordError(position, f"invalid JSON: {json_error(exc)}")
            continue
        except RecursionError:
            yield position, RecordError(position, NESTED_TOO_DEEPLY)
            continue
        if not isinstance(value, dict):
            yield position, RecordError(position, f"expected a JSON object, got {type_name(value)}")
            continue
        yield position, value


def first_object_keys(head: bytes, lines: int) -> list[set[str]]:
    """The keys named on each of the first JSON-object lines of head (a line cut by the head counts too)."""
    found = []
    for line in head_text(head).splitlines():
        line = line.strip()
        if not line:
            continue
        if not line.startswith("{") or len(found) == lines:
            break
        found.append(set(_KEY.findall(line)))
    return found


def sniff(head: bytes) -> bool:
    return any({"title", "abstract"} <= keys for keys in first_object_keys(head, _SNIFF_LINES))


def parse(stream: BinaryIO) -> Iterator[PaperRecord | RecordError]:
    for position, value in json_objects(stream):
        if isinstance(value, RecordError):
            yield value
            continue
        try:
            yield record_from_mapping(value, source=NAME, position=position)
        except FieldError as exc:
            yield RecordError(position, str(exc))
