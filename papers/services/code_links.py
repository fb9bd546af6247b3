"""Write code links: a repository onto the paper it implements."""

from papers.importers.base import CodeLinkRecord
from papers.services.papers import paper_upsert_ref
from papers.services.records import RecordRejected, WriteResult


def paper_code_link(*, record: CodeLinkRecord) -> WriteResult:
    """Set the paper's code URL to the repository when it has none (the first link seen stays).

    The paper is found by arXiv id or title, and created from its title when new, like a leaderboard's.
    """
    result = paper_upsert_ref(ref=record.paper, source=record.source, code_url=record.repo_url)
    if result is None:
        if record.paper.arxiv_id:
            raise RecordRejected(
                f"the link names no paper title and arXiv paper {record.paper.arxiv_id} is not stored"
            )
        raise RecordRejected("the link names no paper (no title and no arXiv id)")
    return WriteResult(result.outcome)
