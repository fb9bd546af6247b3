"""Paper importers: one module per source format, each a generator of records. Pure Python, no Django.

    for record in iter_records("daily.txt"):            # format sniffed from the first bytes
        if isinstance(record, RecordError): ...

Every format module has NAME, sniff(head: bytes) -> bool and parse(stream) -> Iterator[record].
"""

import datetime
import os
import zlib
from collections.abc import Iterator
from pathlib import Path

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
from papers.importers.streams import READ_ERRORS, FileTooLarge, ReadLimits, open_import_file

__all__ = [
    "FORMATS",
    "FileTooLarge",
    "ImportFormatError",
    "PaperRecord",
    "ReadLimits",
    "RecordError",
    "detect_format",
    "iter_records",
]

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
# Where a record lost to a read failure is reported: after the last record read.
END_OF_FILE = "end of file"


def _head(path: Path) -> bytes:
    """The first bytes of the file (uncompressed), refusing unreadable, empty and HTML files."""
    head = b""
    try:
        with open_import_file(path) as stream:
            # In small reads, so a file cut short within its first bytes still shows what it holds.
            while len(head) < HEAD_SIZE and (chunk := stream.read(1024)):
                head += chunk
    except (EOFError, zlib.error) as exc:
        if not head.strip():
            raise ImportFormatError(f"{path.name}: cannot read the file ({exc})") from exc
    except READ_ERRORS as exc:
        raise ImportFormatError(f"{path.name}: cannot read the file ({_read_error(exc)})") from exc
    if not head.strip():
        raise ImportFormatError(f"{path.name}: the file is empty")
    if looks_like_html(head):
        raise ImportFormatError(f"{path.name} looks like an HTML page, not a paper feed or export")
    return head


def _read_error(exc: BaseException) -> str:
    # OSError's text names the server path; the file's own name is enough for its reader.
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    return str(exc)


def detect_format(path: str | os.PathLike) -> str:
    """The name of the format whose sniff accepts the first few KB of the file."""
    path = Path(path)
    return _sniff(path, _head(path))


def _sniff(path: Path, head: bytes) -> str:
    for name, module in FORMATS.items():
        if module.sniff(head):
            return name
    raise ImportFormatError(
        f"{path.name}: cannot tell its format (no Atom feed, OAI-PMH response, Papers with Code archive file, "
        f"JSON list of papers, JSON lines or CSV header with title and abstract, or Hugging Face Daily Papers "
        f"page); name one of: {', '.join(FORMATS)}"
    )


def iter_records(
    path: str | os.PathLike,
    format: str | None = None,
    today: datetime.date | None = None,
    limits: ReadLimits | None = None,
) -> Iterator[PaperRecord | RecordError]:
    """The file's records in order, its format detected unless given; .gz files are read transparently.

    File-level problems (unknown format, unreadable, empty or HTML file) raise ImportFormatError here,
    before the first record; a file that breaks down while being read raises it during iteration.
    `today` resolves year-less dates of the Daily Papers page. A file cut short (a truncated .gz) ends
    with a RecordError at END_OF_FILE after the records read before the cut; a file larger than
    `limits` allows raises FileTooLarge once the limit is reached.
    """
    path = Path(path)
    if format is not None and format not in FORMATS:
        raise ImportFormatError(f"unknown format {format!r}; known formats: {', '.join(FORMATS)}")
    head = _head(path)
    return _records(path, format or _sniff(path, head), today, limits or ReadLimits())


def _records(
    path: Path, name: str, today: datetime.date | None, limits: ReadLimits
) -> Iterator[PaperRecord | RecordError]:
    options = {"today": today} if name == hf_daily_text.NAME else {}
    try:
        with open_import_file(path, limits) as stream:
            yield from FORMATS[name].parse(stream, **options)
    except FileTooLarge as exc:
        raise FileTooLarge(f"{path.name}: {exc}") from exc
    except ImportFormatError as exc:
        raise ImportFormatError(f"{path.name}: {exc}") from exc
    except (EOFError, zlib.error) as exc:
        # A cut or corrupt compressed stream: what was read before it stands, and the cut is reported.
        yield RecordError(
            END_OF_FILE, f"the compressed file is cut short or corrupt ({exc}); read stopped here"
        )
    except OSError as exc:
        raise ImportFormatError(f"{path.name}: cannot read the file ({_read_error(exc)})") from exc
