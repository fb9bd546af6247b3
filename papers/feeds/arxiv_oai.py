"""Harvesting an arXiv OAI-PMH set (ListRecords, metadataPrefix=arXiv), page by resumptionToken."""

import datetime
import io
from collections.abc import Iterator
from dataclasses import dataclass
from typing import ClassVar

from papers.feeds.base import FeedConfig, FeedError, Page, fetch
from papers.feeds.http import FeedClient
from papers.importers import arxiv_oai
from papers.importers.base import ImportFormatError

BAD_TOKEN = "badResumptionToken"


@dataclass(frozen=True)
class OaiHarvest:
    """The records of one OAI set (cs, math, physics:hep-th, ...) changed between two dates."""

    kind: ClassVar[str] = "oai_set"
    format: ClassVar[str] = arxiv_oai.NAME
    pacing_key: ClassVar[str] = "arxiv"

    set_spec: str
    since: datetime.date
    until: datetime.date | None = None

    def __post_init__(self) -> None:
        if not self.set_spec.strip():
            raise ValueError("an OAI set cannot be empty")
        if self.until and self.until < self.since:
            raise ValueError("until is before from")

    @property
    def origin(self) -> str:
        until = f" until {self.until}" if self.until else ""
        return f"arXiv OAI-PMH: set {self.set_spec} from {self.since}{until}"

    def pinned(self, today: datetime.date) -> "OaiHarvest":
        return self

    def to_dict(self) -> dict:
        return {
            "set_spec": self.set_spec,
            "since": self.since.isoformat(),
            "until": self.until.isoformat() if self.until else None,
        }

    @classmethod
    def from_dict(cls, data: dict) -> "OaiHarvest":
        until = data.get("until")
        return cls(
            set_spec=data["set_spec"],
            since=datetime.date.fromisoformat(data["since"]),
            until=datetime.date.fromisoformat(until) if until else None,
        )

    def pages(self, client: FeedClient, config: FeedConfig, position: str | None) -> Iterator[Page]:
        token = position
        while True:
            if token:
                # A resumed list is named by its token alone; OAI-PMH refuses any other argument with it.
                params = {"verb": "ListRecords", "resumptionToken": token}
                label = f"token {token}"
            else:
                params = {"verb": "ListRecords", "metadataPrefix": "arXiv", "set": self.set_spec}
                params["from"] = self.since.isoformat()
                if self.until:
                    params["until"] = self.until.isoformat()
                label = "first page"
            body = fetch(client, config.arxiv_oai_url, params)
            page = arxiv_oai.OaiPage()
            try:
                records = list(arxiv_oai.parse(io.BytesIO(body), page))
            except arxiv_oai.OaiError as exc:
                raise FeedError(f"{label}: {exc}", restart=exc.code == BAD_TOKEN) from exc
            except ImportFormatError as exc:
                raise FeedError(f"{label}: {exc}") from exc
            if page.broken:
                # Imported whole or not at all: the run stops here and a resumed run asks for this page again.
                raise FeedError(f"{label}: the response breaks off ({page.broken})")
            yield Page(label=label, records=records, next_position=page.token or None, skipped=page.deleted)
            if not page.token:
                return
            if page.token == token:
                raise FeedError(f"{label}: the repository handed back the same resumptionToken; stopped")
            token = page.token
