"""What every live feed has in common: pages of records, where the next page starts, and the error
that stops a run. Pure Python, no Django."""

import datetime
import io
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, BinaryIO, ClassVar, Protocol

from papers.feeds.http import FeedClient, FeedHTTPError
from papers.importers.base import ImportFormatError, PaperRecord, RecordError


class FeedError(Exception):
    """The feed cannot go on: the service failed for good or answered something unreadable.

    `restart` says the stored position is useless (an expired OAI resumptionToken): the next run
    starts the feed from its beginning instead of resuming.
    """

    def __init__(self, message: str, *, restart: bool = False) -> None:
        super().__init__(message)
        self.restart = restart


@dataclass(frozen=True)
class Page:
    """One response's records, and the position of the next page (None after the last one)."""

    label: str  # where the page is, for record positions: "start=100", "date 2024-05-01"
    records: list[PaperRecord | RecordError]
    next_position: Any
    skipped: int = 0  # records the source marks as withdrawn


@dataclass(frozen=True)
class FeedConfig:
    """Where the services are and how to page them; the service layer fills it from settings."""

    arxiv_api_url: str = "https://export.arxiv.org/api/query"
    arxiv_oai_url: str = "https://oaipmh.arxiv.org/oai"
    hf_daily_url: str = "https://huggingface.co/api/daily_papers"
    arxiv_page_size: int = 100


class Feed(Protocol):
    """A feed's parameters, enough to fetch it again; serialisable so a run can resume it."""

    kind: ClassVar[str]
    format: ClassVar[str]
    pacing_key: ClassVar[str]

    @property
    def origin(self) -> str: ...

    def pinned(self, today: datetime.date) -> "Feed": ...

    def to_dict(self) -> dict: ...

    def pages(self, client: FeedClient, config: FeedConfig, position: Any) -> Iterator[Page]: ...


def fetch(client: FeedClient, url: str, params: dict) -> bytes:
    try:
        return client.get(url, params=params).content
    except FeedHTTPError as exc:
        raise FeedError(str(exc)) from exc


def parse_whole(
    parse: Callable[[BinaryIO], Iterator[PaperRecord | RecordError]], body: bytes, where: str
) -> list[PaperRecord | RecordError]:
    """Every record of one response; a response the format refuses is a FeedError naming the page."""
    try:
        return list(parse(io.BytesIO(body)))
    except ImportFormatError as exc:
        raise FeedError(f"{where}: {exc}") from exc
