"""The Hugging Face daily papers API: one JSON list per date."""

import datetime
import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import ClassVar

from papers.feeds.base import FeedConfig, FeedError, Page, fetch, parse_whole
from papers.feeds.http import FeedClient
from papers.importers import hf_daily_json

MAX_DAYS = 366


@dataclass(frozen=True)
class HfDaily:
    """The daily papers of every date from `first` to `last`, both included."""

    kind: ClassVar[str] = "hf_daily"
    format: ClassVar[str] = hf_daily_json.NAME
    pacing_key: ClassVar[str] = "hf"

    first: datetime.date
    last: datetime.date

    def __post_init__(self) -> None:
        if self.last < self.first:
            raise ValueError("the last date is before the first")
        if (self.last - self.first).days >= MAX_DAYS:
            raise ValueError(f"at most {MAX_DAYS} days at once")

    @property
    def origin(self) -> str:
        days = str(self.first) if self.first == self.last else f"{self.first} to {self.last}"
        return f"Hugging Face daily papers: {days}"

    def pinned(self, today: datetime.date) -> "HfDaily":
        return self

    def to_dict(self) -> dict:
        return {"first": self.first.isoformat(), "last": self.last.isoformat()}

    @classmethod
    def from_dict(cls, data: dict) -> "HfDaily":
        return cls(
            first=datetime.date.fromisoformat(data["first"]), last=datetime.date.fromisoformat(data["last"])
        )

    def pages(self, client: FeedClient, config: FeedConfig, position: str | None) -> Iterator[Page]:
        day = datetime.date.fromisoformat(position) if position else self.first
        while day <= self.last:
            label = f"date {day}"
            body = fetch(client, config.hf_daily_url, {"date": day.isoformat()})
            try:
                json.loads(body)
            except ValueError as exc:
                raise FeedError(f"{label}: the API answered something that is not JSON ({exc})") from exc
            records = parse_whole(hf_daily_json.parse, body, label)
            following = day + datetime.timedelta(days=1)
            yield Page(
                label=label,
                records=records,
                next_position=following.isoformat() if following <= self.last else None,
            )
            day = following
