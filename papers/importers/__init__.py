"""Paper importers: one module per source format, each a generator of records. Pure Python, no Django.

    for record in iter_records("daily.txt"):            # format sniffed from the first bytes
        if isinstance(record, RecordError): ...

Every format module has NAME, sniff(head: bytes) -> bool and parse(stream) -> Iterator[record].
"""

import datetime
import gzip
import os
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from papers.importers import (
    arxiv_atom,
    arxiv_jsonl,
    arxiv_oai,
    hf_daily_json,
    hf_daily_text,
    jsonl,
    plain_csv,
    pwc_code_links,
    pwc_evaluation_tables,
    pwc_papers,
)
from papers.importers.base import ImportFormatError, PaperRecord, RecordError
from papers.importers.lines import looks_like_html

__all__ = ["FORMATS", "ImportFormatError", "PaperRecord", "RecordError", "detect_format", "iter_records"]

# In sniffing order: arXiv snapshot lines also have the title and abstract that plain JSON lines need.
FORMATS = {
    module.NAME: module
    for module in (
        arxiv_atom,
        arxiv_oai,
        pwc_evaluation_tables,
        pwc_code_links,
        pwc_papers,
        hf_daily_json,
        arxiv_jsonl,
        jsonl,
        plain_csv,
        hf_daily_text,
    )
}
HEAD_SIZE = 8192
_GZIP_MAGIC = b"\x1f\x8b"
# A truncated or corrupt .gz file fails with EOFError or zlib.error rather than OSError.
_READ_ERRORS = (OSError, EOFError, zlib.error)


def _open(path: Path) -> BinaryIO:
    stream = path.open("rb")
    if stream.read(2) == _GZIP_MAGIC:
        stream.close()
        return gzip.open(path, "rb")
    stream.seek(0)
    return stream


def _head(path: Path) -> bytes:
    """The first bytes of the file (uncompressed), refusing unreadable, empty and HTML files."""
    try:
        with _open(path) as stream:
            head = stream.read(HEAD_SIZE)
    except _READ_ERRORS as exc:
        raise ImportFormatError(f"{path}: cannot read the file ({exc})") from exc
    if not head.strip():
        raise ImportFormatError(f"{path}: the file is empty")
    if looks_like_html(head):
        raise ImportFormatError(f"{path} looks like an HTML page, not a paper feed or export")
    return head


def detect_format(path: str | os.PathLike) -> str:
    """The name of the format whose sniff accepts the first few KB of the file."""
    path = Path(path)
    return _sniff(path, _head(path))


def _sniff(path: Path, head: bytes) -> str:
    for name, module in FORMATS.items():
        if module.sniff(head):
            return name
    raise ImportFormatError(
        f"{path}: cannot tell its format (no Atom feed, OAI-PMH response, Papers with Code archive file, JSON "
        f"list of papers, JSON lines or CSV header with title and abstract, or Hugging Face Daily Papers page); "
        f"name one of: {', '.join(FORMATS)}"
    )


def iter_records(
    path: str | os.PathLike, format: str | None = None, today: datetime.date | None = None
) -> Iterator[PaperRecord | RecordError]:
    """The file's records in order, its format detected unless given; .gz files are read transparently.

    File-level problems (unknown format, unreadable, empty or HTML file) raise ImportFormatError here,
    before the first record; a file that breaks down while being read raises it during iteration.
    `today` resolves year-less dates of the Daily Papers page.
    """
    path = Path(path)
    if format is not None and format not in FORMATS:
        raise ImportFormatError(f"unknown format {format!r}; known formats: {', '.join(FORMATS)}")
    head = _head(path)
    return _records(path, format or _sniff(path, head), today)


def _records(path: Path, name: str, today: datetime.date | None) -> Iterator[PaperRecord | RecordError]:
    options = {"today": today} if name == hf_daily_text.NAME else {}
    try:
        with _open(path) as stream:
            yield from FORMATS[name].parse(stream, **options)
    except ImportFormatError as exc:
        raise ImportFormatError(f"{path}: {exc}") from exc
    except _READ_ERRORS as exc:
        raise ImportFormatError(f"{path}: cannot read the file ({exc})") from exc
