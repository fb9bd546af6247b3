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


@dataclass(frozen=True, slots=True)
class PaperRef:
    """A paper as a leaderboard row or a code link names it: any of a title, an arXiv id and a URL."""

    title: str = ""
    arxiv_id: str = ""
    url: str = ""
    published: datetime.date | None = None


@dataclass(frozen=True, slots=True)
class TaskRecord:
    """A task of the Papers with Code catalog, with its parent task's name when it is a subtask."""

    name: str
    position: str
    source: str
    parent: str = ""
    description: str = ""
    categories: tuple[str, ...] = ()
    synonyms: tuple[str, ...] = ()
    source_link: str = ""


@dataclass(frozen=True, slots=True)
class BenchmarkRecord:
    """A dataset of a leaderboard, under the task it was listed for."""

    name: str
    position: str
    source: str
    task: str = ""
    description: str = ""
    url: str = ""


@dataclass(frozen=True, slots=True)
class ScoreRecord:
    """One value of one leaderboard row: a score of a method on a benchmark and metric, from a paper."""

    position: str
    source: str
    task: str
    benchmark: str
    metric: str
    value: float
    value_text: str
    unit: str
    method: str
    paper: PaperRef
    code_url: str = ""
    setting: str = ""  # "extra training data" when the row says it used additional data


@dataclass(frozen=True, slots=True)
class CodeLinkRecord:
    """A repository holding a paper's code."""

    position: str
    source: str
    paper: PaperRef
    repo_url: str
    is_official: bool = False
    framework: str = ""
