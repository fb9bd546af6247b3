"""Feeding an XML parser one line at a time, so a record learns its lines and its bad bytes."""

from typing import BinaryIO

from papers.importers.lines import read_lines

HEAD_SIZE = 4096


class LineFeeder:
    """Hands the XML parser one line per read, with invalid UTF-8 replaced and remembered.

    iterparse reports the events of each read before reading again, so at any event `line` is the
    line the parser has just read: that is how a record learns its lines and its bad bytes.
    """

    def __init__(self, stream: BinaryIO) -> None:
        self._lines = read_lines(stream)
        self._pending = b""
        self.line = 0
        self.bad: dict[int, str] = {}
        self.head = b""

    def read(self, size: int = -1) -> bytes:
        if not self._pending:
            line = next(self._lines, None)
            if line is None:
                return b""
            self.line = line.number
            if line.error:
                self.bad[line.number] = line.error
            self._pending = (line.text + "\n").encode("utf-8")
            if len(self.head) < HEAD_SIZE:
                self.head += self._pending
        size = len(self._pending) if size < 0 else size
        chunk, self._pending = self._pending[:size], self._pending[size:]
        return chunk

    def bad_since(self, start_line: int) -> list[tuple[int, str]]:
        """The bad lines from start_line on, forgotten once told."""
        bad = [(n, reason) for n, reason in sorted(self.bad.items()) if n >= start_line]
        self.bad.clear()
        return bad
