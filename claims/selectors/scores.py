"""What leaderboards and histories share: the filters, the metrics a benchmark reports, the score rows."""

import datetime
from dataclasses import asdict, dataclass

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count, Q, QuerySet

from claims.cache import leaderboard_cache_key
from claims.models import Claim, Metric

ROW_FIELDS = (
    "id", "value", "unit", "method", "setting", "split", "status", "provenance", "evidence",
    "paper_id", "paper__title", "paper__published", "paper__arxiv_id",
)  # fmt: skip


@dataclass(frozen=True)
class ScoreFilters:
    verified_only: bool = False
    setting: str = ""
    # Always applied, so results of two splits never mix: "" is the standard evaluation; None asks for the
    # default (the standard evaluation when the metric has claims there, else its most reported split).
    split: str | None = None
    provenance: str = ""
    published_after: datetime.date | None = None
    published_before: datetime.date | None = None
    min_confidence: float | None = None  # verified claims pass whatever the engine's confidence


@dataclass(frozen=True)
class MetricUsage:
    """A metric as one benchmark uses it: how many live score claims and papers report it there."""

    id: int
    slug: str
    name: str
    higher_is_better: bool
    unit: str
    claim_count: int = 0
    paper_count: int = 0

    @classmethod
    def of(cls, metric: Metric) -> "MetricUsage":
        return cls(metric.pk, metric.slug, metric.name, metric.higher_is_better, metric.unit)


@dataclass(frozen=True)
class ScoreRow:
    """One score claim with the paper it comes from, flattened for ranking and for the response."""

    claim_id: int
    value: float
    unit: str
    method: str
    setting: str
    split: str
    claim_status: str
    provenance: str
    evidence: str
    paper_id: int
    paper_title: str
    paper_published: datetime.date | None
    paper_arxiv_id: str

    @classmethod
    def of(cls, values: dict) -> "ScoreRow":
        return cls(
            claim_id=values["id"],
            value=values["value"],
            unit=values["unit"],
            method=values["method"],
            setting=values["setting"],
            split=values["split"],
            claim_status=values["status"],
            provenance=values["provenance"],
            evidence=values["evidence"],
            paper_id=values["paper_id"],
            paper_title=values["paper__title"],
            paper_published=values["paper__published"],
            paper_arxiv_id=values["paper__arxiv_id"],
        )


def live_scores(*, benchmark_id: int) -> QuerySet[Claim]:
    """Score claims of a benchmark that a curator has not rejected."""
    return Claim.objects.filter(benchmark_id=benchmark_id, kind=Claim.Kind.SCORE).exclude(
        status=Claim.Status.REJECTED
    )


def metric_usages(*, benchmark_id: int) -> list[MetricUsage]:
    """The metrics the benchmark's score claims report, most reported first."""
    rows = (
        live_scores(benchmark_id=benchmark_id)
        .filter(metric__isnull=False)
        .values("metric_id", "metric__slug", "metric__name", "metric__higher_is_better", "metric__unit")
        .annotate(claim_count=Count("id"), paper_count=Count("paper_id", distinct=True))
        .order_by("-claim_count", "metric__name")
    )
    return [
        MetricUsage(
            id=row["metric_id"],
            slug=row["metric__slug"],
            name=row["metric__name"],
            higher_is_better=row["metric__higher_is_better"],
            unit=row["metric__unit"],
            claim_count=row["claim_count"],
            paper_count=row["paper_count"],
        )
        for row in rows
    ]


@dataclass(frozen=True)
class SplitUsage:
    """A split of a benchmark as one metric's score claims use it ("" is the standard evaluation)."""

    split: str
    claim_count: int


def split_chosen(*, splits: list[SplitUsage], requested: str | None) -> str:
    """The split a board shows: the one asked for, else the standard evaluation if it has claims, else the
    most reported split (a benchmark such as LibriSpeech is only ever reported per split)."""
    if requested is not None:
        return requested
    if not splits or any(usage.split == "" for usage in splits):
        return ""
    return splits[0].split


def split_usages(*, benchmark_id: int, metric_id: int) -> list[SplitUsage]:
    """The splits the benchmark's live score claims on the metric were measured on, most reported first."""
    rows = (
        live_scores(benchmark_id=benchmark_id)
        .filter(metric_id=metric_id)
        .values("split")
        .annotate(claim_count=Count("id"))
        .order_by("-claim_count", "split")
    )
    return [SplitUsage(split=row["split"], claim_count=row["claim_count"]) for row in rows]


def metric_chosen(*, usages: list[MetricUsage], metric: Metric | None) -> MetricUsage | None:
    """The requested metric with its counts here, or the most reported one when none was requested."""
    if metric is None:
        return usages[0] if usages else None
    return next((usage for usage in usages if usage.id == metric.pk), MetricUsage.of(metric))


def score_claims(*, benchmark_id: int, metric_id: int, filters: ScoreFilters) -> QuerySet[Claim]:
    """The live score claims of a board: one benchmark, one metric, one split, the filters applied."""
    claims = live_scores(benchmark_id=benchmark_id).filter(metric_id=metric_id)
    if filters.verified_only:
        claims = claims.filter(status=Claim.Status.VERIFIED)
    if filters.setting:
        claims = claims.filter(setting__iexact=filters.setting)
    claims = claims.filter(split__iexact=filters.split or "")
    if filters.provenance:
        claims = claims.filter(provenance=filters.provenance)
    if filters.published_after:
        claims = claims.filter(paper__published__gte=filters.published_after)
    if filters.published_before:
        claims = claims.filter(paper__published__lte=filters.published_before)
    if filters.min_confidence is not None:
        claims = claims.filter(Q(confidence__gte=filters.min_confidence) | Q(status=Claim.Status.VERIFIED))
    return claims


def score_rows(*, benchmark_id: int, metric_id: int, filters: ScoreFilters) -> list[ScoreRow]:
    claims = score_claims(benchmark_id=benchmark_id, metric_id=metric_id, filters=filters)
    return [ScoreRow.of(values) for values in claims.order_by().values(*ROW_FIELDS)]


def better_first(usage: MetricUsage):
    """A sort key putting the better value first, then verified claims, earlier papers, older claims."""
    sign = -1 if usage.higher_is_better else 1

    def key(row: ScoreRow):
        published = row.paper_published or datetime.date.max
        return (sign * row.value, row.claim_status != Claim.Status.VERIFIED, published, row.claim_id)

    return key


def cached(*, benchmark_id: int, kind: str, params: dict, build):
    """The cached result for these parameters, built and stored on a miss; claim changes bump the version."""
    key = leaderboard_cache_key(benchmark_id=benchmark_id, kind=kind, params=params)
    result = cache.get(key)
    if result is None:
        result = build()
        cache.set(key, result, settings.LEADERBOARD_CACHE_SECONDS)
    return result


def cache_params(*, metric: Metric | None, filters: ScoreFilters, **extra) -> dict:
    return {"metric": metric.pk if metric else None, **asdict(filters), **extra}
