"""Run the extraction engine over stored papers, replacing only claims no curator has touched."""

import logging
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db import transaction
from django.db.models import F

from claims.cache import leaderboard_cache_invalidate
from claims.extraction import EXTRACTOR_NAME, EXTRACTOR_VERSION, ExtractedClaim, extract_claims
from claims.models import Claim
from claims.services.counts import claim_counts_refresh
from claims.services.name_cache import NameResolver, process_names_refresh
from papers.models import Paper

logger = logging.getLogger(__name__)


@dataclass
class ExtractionTotals:
    papers: int = 0
    claims_created: int = 0
    claims_replaced: int = 0
    curated_kept: int = 0
    missing: int = 0

    def add(self, other: "ExtractionTotals") -> None:
        for field in self.__dataclass_fields__:
            setattr(self, field, getattr(self, field) + getattr(other, field))


def _same_claim(curated: Claim, found: ExtractedClaim) -> bool:
    # A curator's decision on a number stands: the engine must not bring a rejected claim back as new.
    return (
        abs(curated.value - found.value) < 1e-9
        and curated.kind == found.kind
        and curated.evidence_start == found.evidence_start
    )


def _claim_row(paper: Paper, found: ExtractedClaim, names: NameResolver) -> Claim:
    return Claim(
        paper=paper,
        benchmark_id=names.benchmark_id(found.benchmark),
        metric_id=names.metric_id(found.metric),
        benchmark_text=(found.benchmark or "")[:255],
        metric_text=(found.metric or "")[:255],
        method=(found.method or "")[:255],
        compared_to=(found.compared_to or "")[:255],
        setting=(found.setting or "")[:100],
        split=(found.split or "")[:64],
        value=found.value,
        value_text=found.value_text[:100],
        unit=(found.unit or "")[:32],
        kind=found.kind,
        evidence=found.evidence,
        evidence_start=found.evidence_start,
        evidence_end=found.evidence_end,
        value_start=found.value_start,
        value_end=found.value_end,
        extractor=EXTRACTOR_NAME,
        extractor_version=EXTRACTOR_VERSION,
        provenance=Claim.Provenance.EXTRACTED,
        confidence=min(max(found.confidence, 0.0), 1.0),
    )


# Papers extracted in one transaction: fewer commits (each one a disk sync) without holding locks for long.
PAPERS_PER_TRANSACTION = 50


def claims_replaced(*, paper_ids: list[int], removed: list[Claim], created: list[Claim]) -> None:
    """Keep the stored claim counts right, once per transaction of extraction: after the engine's uncurated
    claims of these papers were deleted (`removed`) and the new ones bulk-created (`created`)."""
    changed = [*removed, *created]
    claim_counts_refresh(
        paper_ids=paper_ids,
        benchmark_ids={claim.benchmark_id for claim in changed},
        metric_ids={claim.metric_id for claim in changed},
    )


def _extract_locked(papers: list[Paper], names: NameResolver) -> tuple[ExtractionTotals, set[int | None]]:
    """Replace the uncurated claims of these (locked) papers, in a handful of queries for the lot.

    Returns the totals and the benchmarks whose leaderboards changed; the caller bumps their cache.
    """
    ids = [paper.pk for paper in papers]
    curated: dict[int, list[Claim]] = defaultdict(list)
    removed: list[Claim] = []
    # Only the engine's own claims are replaced; archive-imported and curator-entered claims are never touched.
    engine_claims = Claim.objects.filter(paper_id__in=ids, provenance=Claim.Provenance.EXTRACTED)
    existing = engine_claims.only(
        "id", "paper_id", "benchmark_id", "metric_id", "value", "kind", "evidence_start", "curated_at"
    )
    for claim in existing:
        (curated[claim.paper_id] if claim.is_curated else removed).append(claim)
    replaced = engine_claims.filter(pk__in=[claim.pk for claim in removed]).delete()[0] if removed else 0
    new_rows = [
        _claim_row(paper, claim, names)
        for paper in papers
        for claim in extract_claims(paper.abstract, paper.title)
        if not any(_same_claim(kept, claim) for kept in curated[paper.pk])
    ]
    Claim.objects.bulk_create(new_rows)
    claims_replaced(paper_ids=ids, removed=removed, created=new_rows)
    for paper in papers:
        paper.extracted_hash = paper.abstract_hash
    # One plain UPDATE (the rows are locked, so their hash is the one read) instead of a CASE per paper.
    Paper.objects.filter(pk__in=ids).update(extracted_hash=F("abstract_hash"))
    touched = {claim.benchmark_id for claim in removed} | {row.benchmark_id for row in new_rows}
    totals = ExtractionTotals(
        papers=len(papers),
        claims_created=len(new_rows),
        claims_replaced=replaced,
        curated_kept=sum(len(kept) for kept in curated.values()),
    )
    return totals, touched


@transaction.atomic
def paper_claims_extract(*, paper: Paper) -> ExtractionTotals:
    """Read the paper's abstract again and replace its uncurated claims with what the engine finds."""
    process_names_refresh()
    # Lock the paper so two workers extracting it at once cannot interleave deletes and inserts.
    locked = Paper.objects.select_for_update().get(pk=paper.pk)
    totals, touched = _extract_locked([locked], NameResolver())
    leaderboard_cache_invalidate(*touched)
    return totals


def papers_extract(
    *, paper_ids: Iterable[int], progress: Callable[[int], None] | None = None
) -> ExtractionTotals:
    """Extract claims for the given papers, a few dozen per transaction; ids of deleted papers are skipped.

    Benchmark and metric names stay resolved across transactions (see name_cache), and the leaderboards
    touched are bumped once for the whole call: until it returns, cached boards show the claims of before.
    """
    ids = sorted(set(paper_ids))
    totals = ExtractionTotals()
    touched: set[int | None] = set()
    try:
        for start in range(0, len(ids), PAPERS_PER_TRANSACTION):
            chunk = ids[start : start + PAPERS_PER_TRANSACTION]
            process_names_refresh()
            with transaction.atomic():
                papers = list(Paper.objects.select_for_update().filter(pk__in=chunk).order_by("pk"))
                chunk_totals, chunk_touched = _extract_locked(papers, NameResolver())
            totals.add(chunk_totals)
            touched |= chunk_touched
            totals.missing += len(chunk) - len(papers)
            if progress:
                progress(len(chunk))
    finally:
        # Also when a later chunk failed: the chunks committed before it changed leaderboards.
        if touched:
            leaderboard_cache_invalidate(*touched)
    return totals


def stale_paper_ids() -> list[int]:
    """Papers whose abstract changed (or was never read) since their claims were extracted."""
    return list(
        Paper.objects.exclude(extracted_hash=F("abstract_hash")).order_by("pk").values_list("pk", flat=True)
    )
