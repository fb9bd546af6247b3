"""Papers with Code `papers-with-abstracts.json`: a JSON list of papers, streamed one at a time.

Abstracts may be missing in the dump; such a paper is kept by its title (a leaderboard row can name it).
"""

import re
from collections.abc import Iterator
from typing import BinaryIO

from papers.importers.base import PaperRecord, RecordError
from papers.importers.fields import FieldError, arxiv_id, authors, iso_date, text, url
from papers.importers.lines import head_text
from papers.importers.pwc_json import flat_records

NAME = "pwc_papers"
_PAPER_KEYS = re.compile(r'"paper_url"\s*:.*?"(?:url_abs|abstract)"\s*:', re.DOTALL)
_LINK_KEY = re.compile(r'"repo_url"\s*:')


def sniff(head: bytes) -> bool:
    start = head_text(head).lstrip()
    return start.startswith("[") and bool(_PAPER_KEYS.search(start)) and not _LINK_KEY.search(start)


def parse(stream: BinaryIO) -> Iterator[PaperRecord | RecordError]:
    yield from flat_records(stream, "paper", _record)


def _record(item: dict, position: str) -> PaperRecord:
    title = text(item.get("title"), "title")
    if not title:
        raise FieldError("missing title")
    names = authors(item.get("authors"))
    return PaperRecord(
        title=title,
        abstract=text(item.get("abstract"), "abstract"),
        position=position,
        source=NAME,
        arxiv_id=arxiv_id(item.get("arxiv_id")),
        published=iso_date(item.get("date"), "date"),
        authors=names,
        author_count=len(names) or None,
        url=url(item.get("url_abs"), "url_abs")[:500] or url(item.get("url_pdf"), "url_pdf")[:500],
    )
