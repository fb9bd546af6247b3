"""The records every importer yields. Pure Python, no Django."""

import datetime
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class PaperRecord:
    """One paper read from a source, with cleaned text and whatever metadata the source gives."""

    title: str
    abstract: str
    position: str  # where it was in the source: "line 12", "item 3", "entry 5 (line 120)"
    source: str  # the format name, e.g. "hf_daily_text"
    arxiv_id: str = ""  # bare id without version or prefix: "2312.01234", "hep-th/9901001"
    doi: str = ""
    published: datetime.date | None = None
    authors: tuple[str, ...] = ()
    author_count: int | None = None  # from "N authors" when names are not given; len(authors) otherwise
    upvotes: int | None = None
    url: str = ""
    code_url: str = ""


@dataclass(frozen=True, slots=True)
class RecordError:
    """A record that could not be read; the records around it still are."""

    position: str
    reason: str


class ImportFormatError(Exception):
    """The whole file cannot be read as this format (HTML page, unknown format, empty file...)."""
