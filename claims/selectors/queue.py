"""The curation queue: claims no curator has decided on, one at a time, with the counts for progress."""

from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet

from claims.models import Claim


@dataclass(frozen=True)
class QueueFilters:
    benchmark: str = ""  # slug
    metric: str = ""  # slug
    confidence_below: float | None = None
    paper: int | None = None


@dataclass(frozen=True)
class QueueState:
    claim: Claim | None
    left: int
    total: int
    skipped_left: int
    paper_claims: list[Claim] = field(default_factory=list)

    @property
    def done(self) -> int:
        return self.total - self.left


def _filtered(filters: QueueFilters) -> QuerySet[Claim]:
    claims = Claim.objects.all()
    if filters.benchmark:
        claims = claims.filter(benchmark__slug=filters.benchmark)
    if filters.metric:
        claims = claims.filter(metric__slug=filters.metric)
    if filters.confidence_below is not None:
        claims = claims.filter(confidence__lt=filters.confidence_below)
    if filters.paper is not None:
        claims = claims.filter(paper_id=filters.paper)
    return claims


def curation_queue(*, filters: QueueFilters, skipped: list[int], first: int | None = None) -> QueueState:
    """The next undecided claim (a paper's claims in reading order), skipping those the curator skipped.

    With first, that claim comes next if it is still undecided (after an undo, the claim it restored).
    In four queries whatever the queue's length.
    """
    claims = _filtered(filters)
    pending = Q(status=Claim.Status.EXTRACTED)
    counts = claims.aggregate(
        total=Count("id"),
        left=Count("id", filter=pending),
        skipped_left=Count("id", filter=pending & Q(pk__in=skipped)),
    )
    candidates = claims.filter(pending).select_related("paper", "benchmark", "metric")
    claim = None
    if first is not None:
        claim = candidates.filter(pk=first).first()
    if claim is None:
        claim = (
            candidates.exclude(pk__in=skipped)
            .order_by("paper_id", "evidence_start", "value_start", "id")
            .first()
        )
    paper_claims = []
    if claim is not None:
        # Every claim of the paper is marked in its abstract, rejected ones struck through.
        paper_claims = list(Claim.objects.filter(paper_id=claim.paper_id))
    return QueueState(
        claim=claim,
        left=counts["left"],
        total=counts["total"],
        skipped_left=counts["skipped_left"],
        paper_claims=paper_claims,
    )


def queue_filter_choices() -> tuple[list[dict], list[dict]]:
    """Benchmarks and metrics with undecided claims, most pending first (at most 200 of each)."""
    pending = Claim.objects.filter(status=Claim.Status.EXTRACTED).order_by()
    benchmarks = list(
        pending.filter(benchmark__isnull=False)
        .values("benchmark__slug", "benchmark__name")
        .annotate(pending=Count("id"))
        .order_by("-pending", "benchmark__name")[:200]
    )
    metrics = list(
        pending.filter(metric__isnull=False)
        .values("metric__slug", "metric__name")
        .annotate(pending=Count("id"))
        .order_by("-pending", "metric__name")[:200]
    )
    return benchmarks, metrics
