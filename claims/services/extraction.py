"""Run the extraction engine over stored papers, replacing only claims no curator has touched."""

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db import transaction

from claims.cache import leaderboard_cache_invalidate
from claims.extraction import EXTRACTOR_NAME, EXTRACTOR_VERSION, ExtractedClaim, extract_claims
from claims.models import Benchmark, Claim, Metric
from claims.services.catalog import benchmark_resolve, metric_resolve
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
        confidence=min(max(found.confidence, 0.0), 1.0),
    )


@transaction.atomic
def paper_claims_extract(*, paper: Paper) -> ExtractionTotals:
    """Read the paper's abstract again and replace its uncurated claims with what the engine finds."""
    # Resolved rows are cached per paper only: a rolled-back transaction must not leave stale rows behind.
    linker = _Linker()
    # Lock the paper so two workers extracting it at once cannot interleave deletes and inserts.
    paper = Paper.objects.select_for_update().get(pk=paper.pk)
    found = extract_claims(paper.abstract, paper.title)
    curated = list(paper.claims.filter(curated_at__isnull=False))
    uncurated = paper.claims.filter(curated_at__isnull=True)
    touched_benchmarks = set(uncurated.values_list("benchmark_id", flat=True))
    replaced, _ = uncurated.delete()
    new_rows = [
        _claim_row(paper, claim, linker)
        for claim in found
        if not any(_same_claim(kept, claim) for kept in curated)
    ]
    Claim.objects.bulk_create(new_rows)
    Paper.objects.filter(pk=paper.pk).update(extracted_hash=paper.abstract_hash)
    touched_benchmarks.update(row.benchmark_id for row in new_rows)
    leaderboard_cache_invalidate(*touched_benchmarks)
    return ExtractionTotals(
        papers=1, claims_created=len(new_rows), claims_replaced=replaced, curated_kept=len(curated)
    )


def papers_extract(
    *, paper_ids: Iterable[int], progress: Callable[[int], None] | None = None
) -> ExtractionTotals:
    """Extract claims for the given papers, one transaction each; ids of deleted papers are skipped."""
    ids = list(paper_ids)
    totals = ExtractionTotals()
    papers = Paper.objects.filter(pk__in=ids).only("pk").order_by("pk")
    found_ids = set()
    for paper in papers.iterator(chunk_size=500):
        found_ids.add(paper.pk)
        totals.add(paper_claims_extract(paper=paper))
        if progress:
            progress(1)
    totals.missing = len(set(ids) - found_ids)
    if totals.missing and progress:
        progress(totals.missing)
    return totals


def stale_paper_ids() -> list[int]:
    """Papers whose abstract changed (or was never read) since their claims were extracted."""
    from django.db.models import F

    return list(
        Paper.objects.exclude(extracted_hash=F("abstract_hash")).order_by("pk").values_list("pk", flat=True)
    )
