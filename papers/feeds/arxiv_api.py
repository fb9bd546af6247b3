"""The arXiv API (Atom), paged by start and max_results, newest submissions first."""

import dataclasses
import datetime
import logging
from collections.abc import Iterator
from dataclasses import dataclass
from typing import ClassVar
from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from papers.feeds.base import FeedConfig, FeedError, Page, fetch, parse_whole
from papers.feeds.http import FeedClient
from papers.importers import arxiv_atom

logger = logging.getLogger(__name__)

EMPTY_PAGE_RETRIES = 2
OPENSEARCH = "{http://a9.com/-/spec/opensearch/1.1/}"
ATOM = arxiv_atom.ATOM


@dataclass(frozen=True)
class ArxivQuery:
    """An arXiv API search (`cat:cs.CL AND abs:benchmark`), optionally from a submission date on."""

    kind: ClassVar[str] = "arxiv_query"
    format: ClassVar[str] = arxiv_atom.NAME
    pacing_key: ClassVar[str] = "arxiv"

    query: str
    since: datetime.date | None = None
    until: datetime.date | None = None  # fixed when the run is created, so a resumed run pages the same list
    max_results: int | None = None

    def __post_init__(self) -> None:
        if not self.query.strip():
            raise ValueError("an arXiv query cannot be empty")
        if self.max_results is not None and self.max_results < 1:
            raise ValueError("max must be at least 1")
        if self.since and self.until and self.until < self.since:
            raise ValueError("until is before since")

    @property
    def origin(self) -> str:
        since = f" since {self.since}" if self.since else ""
        most = f" (at most {self.max_results})" if self.max_results else ""
        return f"arXiv API: {self.query}{since}{most}"

    @property
    def search_query(self) -> str:
        if not self.since:
            return self.query
        until = self.until or self.pinned(datetime.date.today()).until
        return f"({self.query}) AND submittedDate:[{self.since:%Y%m%d}0000 TO {until:%Y%m%d}2359]"

    def pinned(self, today: datetime.date) -> "ArxivQuery":
        """The same query with its window closed at tomorrow, so a resumed run pages the same list."""
        if self.since and not self.until:
            return dataclasses.replace(self, until=today + datetime.timedelta(days=1))
        return self

    def to_dict(self) -> dict:
        return {
            "query": self.query,
            "since": self.since.isoformat() if self.since else None,
            "until": self.until.isoformat() if self.until else None,
            "max_results": self.max_results,
        }

    @classmethod
    def from_dict(cls, data: dict) -> "ArxivQuery":
        return cls(
            query=data["query"],
            since=_date(data.get("since")),
            until=_date(data.get("until")),
            max_results=data.get("max_results"),
        )

    def pages(self, client: FeedClient, config: FeedConfig, position: int | None) -> Iterator[Page]:
        start = position or 0
        while self.max_results is None or start < self.max_results:
            size = config.arxiv_page_size
            if self.max_results is not None:
                size = min(size, self.max_results - start)
            params = {
                "search_query": self.search_query,
                "start": start,
                "max_results": size,
                "sortBy": "submittedDate",
                "sortOrder": "descending",
            }
            label = f"start={start}"
            for _ in range(1 + EMPTY_PAGE_RETRIES):
                body = fetch(client, config.arxiv_api_url, params)
                total = _total_results(body, label)
                records = parse_whole(arxiv_atom.parse, body, label)
                if records or start >= total:
                    break
                # The API now and then answers an empty page in the middle of a list; asking again (paced) helps.
                logger.warning("%s: an empty page before the end of %d results; asking again", label, total)
            if self.max_results is not None:
                records = records[:size]  # a page longer than asked for must not overshoot max
            following = start + len(records)
            # A page still empty ends the list even when totalResults promised more (the count can run ahead).
            done = not records or following >= total
            yield Page(label=label, records=records, next_position=None if done else following)
            if done:
                return
            start = following


def _date(value: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if value else None


def _total_results(body: bytes, label: str) -> int:
    """opensearch:totalResults of a page; an error entry or an unreadable page is a FeedError."""
    try:
        root = fromstring(body, forbid_dtd=True)
    except (ParseError, DefusedXmlException) as exc:
        raise FeedError(
            f"{label}: the arXiv API answered something that is not an Atom feed ({exc})"
        ) from exc
    if root.tag != f"{ATOM}feed":
        raise FeedError(f"{label}: the arXiv API answered <{root.tag}>, not an Atom feed")
    for entry in root.iterfind(f"{ATOM}entry"):
        if "arxiv.org/api/errors" in (entry.findtext(f"{ATOM}id") or ""):
            raise FeedError(f"{label}: the arXiv API refused the query: {entry.findtext(f'{ATOM}summary')}")
    total = (root.findtext(f"{OPENSEARCH}totalResults") or "").strip()
    if not total.isdigit():
        raise FeedError(f"{label}: the feed has no opensearch:totalResults")
    return int(total)
