"""Run the extraction engine over stored papers, replacing only claims no curator has touched."""

import logging
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db import transaction

from claims.cache import leaderboard_cache_invalidate
from claims.extraction import EXTRACTOR_NAME, EXTRACTOR_VERSION, ExtractedClaim, extract_claims
from claims.models import Benchmark, Claim, Metric
from claims.services.catalog import benchmark_resolve, metric_resolve
from claims.services.counts import claim_counts_refresh
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


class _Linker:
    """Resolves names to Benchmark and Metric rows once per name."""

    def __init__(self) -> None:
        self._benchmarks: dict[str, Benchmark | None] = {}
        self._metrics: dict[str, Metric | None] = {}

    def benchmark(self, name: str | None) -> Benchmark | None:
        if not name:
            return None
        if name not in self._benchmarks:
            self._benchmarks[name] = benchmark_resolve(name=name)
        return self._benchmarks[name]

    def metric(self, name: str | None) -> Metric | None:
        if not name:
            return None
        if name not in self._metrics:
            self._metrics[name] = metric_resolve(name=name)
        return self._metrics[name]


def _same_claim(curated: Claim, found: ExtractedClaim) -> bool:
    # A curator's decision on a number stands: the engine must not bring a rejected claim back as new.
    return (
        abs(curated.value - found.value) < 1e-9
        and curated.kind == found.kind
        and curated.evidence_start == found.evidence_start
    )


def _claim_row(paper: Paper, found: ExtractedClaim, linker: _Linker) -> Claim:
    return Claim(
        paper=paper,
        benchmark=linker.benchmark(found.benchmark),
        metric=linker.metric(found.metric),
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


def _extract_locked(papers: list[Paper], linker: _Linker) -> ExtractionTotals:
    """Replace the uncurated claims of these (locked) papers, in a handful of queries for the lot."""
    ids = [paper.pk for paper in papers]
    curated: dict[int, list[Claim]] = defaultdict(list)
    touched_benchmarks: set[int | None] = set()
    touched_metrics: set[int | None] = set()
    # Only the engine's own claims are replaced; archive-imported and curator-entered claims are never touched.
    engine_claims = Claim.objects.filter(paper_id__in=ids, provenance=Claim.Provenance.EXTRACTED)
    existing = engine_claims.only(
        "id", "paper_id", "benchmark_id", "metric_id", "value", "kind", "evidence_start", "curated_at"
    )
    for claim in existing:
        if claim.is_curated:
            curated[claim.paper_id].append(claim)
        else:
            touched_benchmarks.add(claim.benchmark_id)
            touched_metrics.add(claim.metric_id)
    replaced, _ = engine_claims.filter(curated_at__isnull=True).delete()
    new_rows = [
        _claim_row(paper, claim, linker)
        for paper in papers
        for claim in extract_claims(paper.abstract, paper.title)
        if not any(_same_claim(kept, claim) for kept in curated[paper.pk])
    ]
    Claim.objects.bulk_create(new_rows)
    for paper in papers:
        paper.extracted_hash = paper.abstract_hash
    Paper.objects.bulk_update(papers, ["extracted_hash"])
    touched_benchmarks.update(row.benchmark_id for row in new_rows)
    touched_metrics.update(row.metric_id for row in new_rows)
    claim_counts_refresh(paper_ids=ids, benchmark_ids=touched_benchmarks, metric_ids=touched_metrics)
    leaderboard_cache_invalidate(*touched_benchmarks)
    return ExtractionTotals(
        papers=len(papers),
        claims_created=len(new_rows),
        claims_replaced=replaced,
        curated_kept=sum(len(kept) for kept in curated.values()),
    )


@transaction.atomic
def paper_claims_extract(*, paper: Paper) -> ExtractionTotals:
    """Read the paper's abstract again and replace its uncurated claims with what the engine finds."""
    # Lock the paper so two workers extracting it at once cannot interleave deletes and inserts.
    locked = Paper.objects.select_for_update().get(pk=paper.pk)
    return _extract_locked([locked], _Linker())


def papers_extract(
    *, paper_ids: Iterable[int], progress: Callable[[int], None] | None = None
) -> ExtractionTotals:
    """Extract claims for the given papers, a few dozen per transaction; ids of deleted papers are skipped."""
    ids = sorted(set(paper_ids))
    totals = ExtractionTotals()
    for start in range(0, len(ids), PAPERS_PER_TRANSACTION):
        chunk = ids[start : start + PAPERS_PER_TRANSACTION]
        with transaction.atomic():
            # Rows resolved here are cached for this transaction only: a rollback must not leave stale ones.
            linker = _Linker()
            papers = list(Paper.objects.select_for_update().filter(pk__in=chunk).order_by("pk"))
            totals.add(_extract_locked(papers, linker))
        totals.missing += len(chunk) - len(papers)
        if progress:
            progress(len(chunk))
    return totals


def stale_paper_ids() -> list[int]:
    """Papers whose abstract changed (or was never read) since their claims were extracted."""
    from django.db.models import F

    return list(
        Paper.objects.exclude(extracted_hash=F("abstract_hash")).order_by("pk").values_list("pk", flat=True)
    )
