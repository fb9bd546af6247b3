"""Papers with Code `links-between-papers-and-code.json`: a JSON list of paper-to-repository links."""

import re
from collections.abc import Iterator
from typing import BinaryIO

from papers.importers.base import CodeLinkRecord, RecordError
from papers.importers.fields import FieldError, text, type_name, url
from papers.importers.lines import head_text
from papers.importers.pwc_json import flat_records, paper_ref

NAME = "pwc_code_links"
_LINK_KEYS = re.compile(r'"repo_url"\s*:')
_PAPER_KEYS = re.compile(r'"paper_(?:url|title|arxiv_id)"\s*:')


def sniff(head: bytes) -> bool:
    start = head_text(head).lstrip()
    return start.startswith("[") and bool(_LINK_KEYS.search(start)) and bool(_PAPER_KEYS.search(start))


def parse(stream: BinaryIO) -> Iterator[CodeLinkRecord | RecordError]:
    yield from flat_records(stream, "link", _record)


def _record(item: dict, position: str) -> CodeLinkRecord:
    repo = url(item.get("repo_url"), "repo_url")[:500]
    if not repo:
        raise FieldError("missing repo_url")
    # paper_url is the (gone) Papers with Code page; the paper's own page is paper_url_abs.
    paper = paper_ref(
        title=item.get("paper_title"),
        url=item.get("paper_url_abs"),
        arxiv_id=item.get("paper_arxiv_id"),
    )
    if not paper.title and not paper.arxiv_id:
        raise FieldError("the link names no paper (no paper_title and no paper_arxiv_id)")
    official = item.get("is_official")
    if official is not None and not isinstance(official, bool):
        raise FieldError(f"is_official must be true or false, got {type_name(official)}")
    return CodeLinkRecord(
        position=position,
        source=NAME,
        paper=paper,
        repo_url=repo,
        is_official=bool(official),
        framework=text(item.get("framework"), "framework")[:64],
    )
