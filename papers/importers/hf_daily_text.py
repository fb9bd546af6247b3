"""The Hugging Face Daily Papers page saved as text.

After the page chrome, each entry is a title line, an abstract paragraph, then usually
"  • 9 authors", "·" and a date line ("Dec 30, 2025", or "Jan 30" in the current year) that may end
with the upvote count ("Apr 3, 2024 2"). Some entries have no author or date lines at all, so an
entry ends where the next title begins.
"""

import datetime
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import BinaryIO

from papers.importers.base import PaperRecord, RecordError
from papers.importers.fields import FieldError, paper_record
from papers.importers.lines import head_text, read_lines
from papers.normalize import clean_text

NAME = "hf_daily_text"
_CHROME = {
    "new",
    "Get trending papers in your email inbox!",
    "Subscribe",
    "Daily Papers",
    "byAK and the research community",
}
_AUTHORS = re.compile(r"•\s*(\d+)\s+authors?")
_SEPARATOR = "·"
_DATE = re.compile(r"([A-Z][a-z]{2,8})\.? (\d{1,2})(?:, (\d{4}))?(?: +(\d+))?")
_COUNT = re.compile(r"\d+")
_MONTH_NAMES = "January February March April May June July August September October November December"
_MONTHS = {
    name[:length]: n for n, name in enumerate(_MONTH_NAMES.split(), 1) for length in (3, len(name))
} | {"Sept": 9}
# Titles are short and abstracts long: a line this long can only be (more of) an abstract.
_MAX_TITLE = 300
_YEARS_BACK = 8  # far enough back to find a Feb 29 for a year-less date


@dataclass
class _Entry:
    number: int
    line: int
    title: str = ""
    abstract: list[str] = field(default_factory=list)
    author_count: int | None = None
    published: datetime.date | None = None
    upvotes: int | None = None
    has_meta: bool = False
    errors: list[str] = field(default_factory=list)

    @property
    def position(self) -> str:
        return f"entry {self.number} (line {self.line})"


def sniff(head: bytes) -> bool:
    lines = {line.strip() for line in head_text(head).splitlines()}
    return "Daily Papers" in lines or any(_AUTHORS.fullmatch(line) for line in lines)


def parse(stream: BinaryIO, today: datetime.date | None = None) -> Iterator[PaperRecord | RecordError]:
    """Entries in page order; year-less dates are the latest such day not after today."""
    today = today or datetime.date.today()
    entry: _Entry | None = None
    count = 0
    for line in read_lines(stream):
        content = line.text.strip()
        if not content:
            continue
        if entry is None and (content in _CHROME or _is_meta(content)):
            continue  # the page chrome, including the page's own date line
        if entry is not None and _is_meta(content, entry):
            _add_meta(entry, content, today, line.number)
        elif entry is not None and not entry.has_meta and (not entry.abstract or len(content) > _MAX_TITLE):
            entry.abstract.append(content)  # the abstract, or one more paragraph of it
        else:
            if entry is not None:
                yield _record(entry)
            count += 1
            entry = _Entry(count, line.number)
            if len(content) > _MAX_TITLE:
                entry.abstract.append(content)  # an abstract whose title is missing
            else:
                entry.title = content
        if line.error:
            entry.errors.append(f"{line.error} on line {line.number}")
    if entry is not None:
        yield _record(entry)


def _is_meta(content: str, entry: _Entry | None = None) -> bool:
    if content == _SEPARATOR or _AUTHORS.fullmatch(content) or _date_match(content):
        return True
    # A lone number just after the date line is the upvote count.
    return (
        entry is not None
        and entry.published is not None
        and entry.upvotes is None
        and bool(_COUNT.fullmatch(content))
    )


def _date_match(content: str) -> re.Match | None:
    match = _DATE.fullmatch(content)
    return match if match and match.group(1) in _MONTHS else None


def _add_meta(entry: _Entry, content: str, today: datetime.date, number: int) -> None:
    entry.has_meta = True
    if authors := _AUTHORS.fullmatch(content):
        entry.author_count = int(authors.group(1))
    elif date := _date_match(content):
        month, day, year, upvotes = date.groups()
        try:
            entry.published = _resolve_date(_MONTHS[month], int(day), int(year) if year else None, today)
        except ValueError:
            entry.errors.append(f"invalid date {content!r} on line {number}")
        entry.upvotes = int(upvotes) if upvotes else None
    elif content != _SEPARATOR:
        entry.upvotes = int(content)


def _resolve_date(month: int, day: int, year: int | None, today: datetime.date) -> datetime.date:
    if year is not None:
        return datetime.date(year, month, day)
    for candidate_year in range(today.year, today.year - _YEARS_BACK, -1):
        try:
            candidate = datetime.date(candidate_year, month, day)
        except ValueError:
            continue
        if candidate <= today:
            return candidate
    raise ValueError(f"no {month}/{day} in the last {_YEARS_BACK} years")


def _record(entry: _Entry) -> PaperRecord | RecordError:
    if entry.errors:
        return RecordError(entry.position, entry.errors[0])
    try:
        return paper_record(
            source=NAME,
            position=entry.position,
            title=clean_text(entry.title),
            abstract=clean_text(" ".join(entry.abstract)),
            published=entry.published,
            author_count=entry.author_count,
            upvotes=entry.upvotes,
        )
    except FieldError as exc:
        return RecordError(entry.position, str(exc))
