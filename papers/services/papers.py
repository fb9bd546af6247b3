"""Write papers: create or merge one record into the table."""

from dataclasses import dataclass

from papers.importers.base import PaperRecord, PaperRef
from papers.models import Paper
from papers.normalize import abstract_hash, title_key
from papers.services.records import RecordRejected, UpsertOutcome

__all__ = ["UpsertOutcome", "UpsertResult", "merged_fields", "new_paper", "paper_upsert", "paper_upsert_ref"]


@dataclass(frozen=True, slots=True)
class UpsertResult:
    paper: Paper
    outcome: UpsertOutcome
    abstract_changed: bool


def _existing_paper(record: PaperRecord) -> Paper | None:
    # The arXiv id is the stronger identity; the title key catches the same paper from a source without one.
    if record.arxiv_id:
        paper = Paper.objects.filter(arxiv_id=record.arxiv_id).first()
        if paper:
            return paper
    paper = Paper.objects.filter(title_key=title_key(record.title)).first()
    if paper and record.arxiv_id and paper.arxiv_id and paper.arxiv_id != record.arxiv_id:
        return None  # same title, different arXiv papers: let the unique title key report the clash
    return paper


def new_paper(record: PaperRecord) -> Paper:
    """An unsaved paper holding the record's fields."""
    return Paper(
        title=record.title,
        abstract=record.abstract,
        arxiv_id=record.arxiv_id,
        doi=record.doi,
        published=record.published,
        authors=list(record.authors),
        author_count=record.author_count
        if record.author_count is not None
        else (len(record.authors) or None),
        upvotes=record.upvotes,
        url=record.url,
        code_url=record.code_url,
        sources=[record.source] if record.source else [],
    )


def merged_fields(paper: Paper, record: PaperRecord) -> dict:
    """The fields a record changes on an existing paper: fills gaps, refreshes what goes stale."""
    changes: dict = {}
    # A record without an abstract (a leaderboard row) never blanks the one a feed gave.
    if record.abstract and abstract_hash(record.abstract) != paper.abstract_hash:
        changes["abstract"] = record.abstract
    for field in ("arxiv_id", "doi", "url", "code_url", "published"):
        value = getattr(record, field)
        if value and not getattr(paper, field):
            changes[field] = value
    if record.authors and not paper.authors:
        changes["authors"] = list(record.authors)
    if record.author_count is not None and paper.author_count is None:
        changes["author_count"] = record.author_count
    # Upvotes only grow, and files arrive in any order: keep the highest count seen.
    if record.upvotes is not None and (paper.upvotes is None or record.upvotes > paper.upvotes):
        changes["upvotes"] = record.upvotes
    if record.source and record.source not in paper.sources:
        changes["sources"] = [*paper.sources, record.source]
    return changes


_LOOK_IT_UP = object()


def paper_upsert(*, record: PaperRecord, existing=_LOOK_IT_UP) -> UpsertResult:
    """Create the record's paper, or merge it into the one already stored. Call inside a transaction.

    Uniqueness is left to the database's constraints (the lookup above already found the match), which
    saves two queries a record; a clash raises IntegrityError for the caller to report.
    """
    paper = _existing_paper(record) if existing is _LOOK_IT_UP else existing
    if paper is None:
        paper = new_paper(record)
        paper.full_clean(validate_unique=False, validate_constraints=False)
        paper.save()
        return UpsertResult(paper, UpsertOutcome.CREATED, abstract_changed=bool(paper.abstract))
    changes = merged_fields(paper, record)
    if not changes:
        return UpsertResult(paper, UpsertOutcome.UNCHANGED, abstract_changed=False)
    for field, value in changes.items():
        setattr(paper, field, value)
    paper.full_clean(validate_unique=False, validate_constraints=False)
    paper.save()
    return UpsertResult(paper, UpsertOutcome.UPDATED, abstract_changed="abstract" in changes)


def paper_upsert_ref(*, ref: PaperRef, source: str, code_url: str = "") -> UpsertResult | None:
    """The paper a leaderboard row or code link names, created from its title when new.

    Without a title a paper can only be found (by its arXiv id), never created: None when it is not stored.
    """
    known = Paper.objects.filter(arxiv_id=ref.arxiv_id).first() if ref.arxiv_id else None
    title = ref.title or (known.title if known else "")
    if not title:
        return None
    if known is None:
        known = Paper.objects.filter(title_key=title_key(title)).first()
        if known is not None and ref.arxiv_id and known.arxiv_id and known.arxiv_id != ref.arxiv_id:
            # Leaderboards sometimes give "Author et al. '17" as the title of several papers.
            raise RecordRejected(
                f"the title {title!r} is already that of arXiv paper {known.arxiv_id}, "
                f"not of arXiv paper {ref.arxiv_id} this row links to"
            )
    record = PaperRecord(
        title=title,
        abstract="",
        position="",
        source=source,
        arxiv_id=ref.arxiv_id,
        published=ref.published,
        url=ref.url,
        code_url=code_url,
    )
    return paper_upsert(record=record, existing=known)
