"""Opening an import file as a bounded byte stream: gzip and UTF-16 undone, sizes limited.

Every importer reads through a LimitedReader, so a gzip bomb or a file with one endless line is
refused after a fixed amount of memory and work, whatever the format.
"""

import codecs
import gzip
import io
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from papers.importers.base import ImportFormatError

GZIP_MAGIC = b"\x1f\x8b"
# A truncated or corrupt .gz file fails with EOFError or zlib.error rather than OSError.
READ_ERRORS = (OSError, EOFError, zlib.error)
_SKIP_CHUNK = 1024 * 1024
_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
_UTF16_SNIFF = 512


@dataclass(frozen=True, slots=True)
class ReadLimits:
    """How much one import may read: the whole file once uncompressed, and one line (or JSON item)."""

    max_bytes: int = 1024 * 1024 * 1024
    max_line_bytes: int = 4 * 1024 * 1024


class FileTooLarge(ImportFormatError):
    """The file, once uncompressed, is larger than the limit: read no further."""


class OverlongLine(bytes):
    """Stands in for a line longer than the limit, which was skipped, not kept."""

    length: int

    def __new__(cls, length: int) -> "OverlongLine":
        line = super().__new__(cls, b"")
        line.length = length
        return line


class LimitedReader:
    """A binary stream that refuses to give more than max_bytes in all, and iterates bounded lines."""

    def __init__(self, stream: BinaryIO, limits: ReadLimits) -> None:
        self._stream = stream
        self.limits = limits
        self.consumed = 0

    def _count(self, chunk: bytes) -> bytes:
        self.consumed += len(chunk)
        if self.consumed > self.limits.max_bytes:
            raise FileTooLarge(
                f"the file holds more than {self.limits.max_bytes:,} bytes once uncompressed "
                "(IMPORT_MAX_FILE_BYTES); read stopped there"
            )
        return chunk

    def read(self, size: int = -1) -> bytes:
        if size is None or size < 0:
            size = self.limits.max_bytes - self.consumed + 1
        return self._count(self._stream.read(size))

    def readline(self, size: int = -1) -> bytes:
        if size is None or size < 0:
            size = self.limits.max_line_bytes + 1
        return self._count(self._stream.readline(size))

    def __iter__(self):
        limit = self.limits.max_line_bytes
        while True:
            raw = self.readline(limit + 1)
            if not raw:
                return
            if len(raw) > limit and not raw.endswith(b"\n"):
                length = len(raw)
                while not raw.endswith(b"\n"):
                    raw = self.readline(_SKIP_CHUNK)
                    if not raw:
                        break
                    length += len(raw)
                yield OverlongLine(length)
                continue
            yield raw

    def close(self) -> None:
        self._stream.close()

    def __enter__(self) -> "LimitedReader":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


class _Utf16AsUtf8(io.RawIOBase):
    """Reads a UTF-16 stream as UTF-8 bytes, so the importers see one encoding."""

    def __init__(self, stream: BinaryIO, encoding: str) -> None:
        self._text = io.TextIOWrapper(stream, encoding=encoding, errors="replace", newline="")
        self._pending = b""

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        while not self._pending:
            chunk = self._text.read(8192)
            if not chunk:
                return 0
            self._pending = chunk.encode("utf-8", "surrogatepass")
        size = min(len(buffer), len(self._pending))
        buffer[:size], self._pending = self._pending[:size], self._pending[size:]
        return size

    def close(self) -> None:
        self._text.close()
        super().close()


def utf16_encoding(head: bytes) -> str | None:
    """ "utf-16" (with a byte-order mark), "utf-16-le" or "-be" (without, told by the zero bytes), or None."""
    if head.startswith(_UTF16_BOMS):
        return "utf-16"
    sample = head[:_UTF16_SNIFF]
    if len(sample) < 8:
        return None
    even, odd = sample[0::2], sample[1::2]
    # ASCII-heavy text in UTF-16 has a zero in every other byte; UTF-8 text has none.
    if odd.count(0) > len(odd) * 0.4 and even.count(0) == 0:
        return "utf-16-le"
    if even.count(0) > len(even) * 0.4 and odd.count(0) == 0:
        return "utf-16-be"
    return None


def open_import_file(path: Path, limits: ReadLimits | None = None) -> LimitedReader:
    """The file's content as bytes of UTF-8 text (or whatever it holds), uncompressed, within the limits."""
    # The streams are handed to the caller, who closes the LimitedReader (and so them) when done.
    stream: BinaryIO = path.open("rb")  # noqa: SIM115
    if stream.read(2) == GZIP_MAGIC:
        stream.close()
        stream = gzip.open(path, "rb")  # noqa: SIM115
    else:
        stream.seek(0)
    head = stream.peek(_UTF16_SNIFF)[:_UTF16_SNIFF]
    if encoding := utf16_encoding(head):
        stream = io.BufferedReader(_Utf16AsUtf8(stream, encoding))
    return LimitedReader(stream, limits or ReadLimits())
