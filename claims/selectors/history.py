"""State of the art over time: each score claim that beat every earlier one, by paper date."""

from dataclasses import dataclass, field, replace

from claims.models import Benchmark, Metric
from claims.selectors.scores import (
    MetricUsage,
    ScoreFilters,
    ScoreRow,
    SplitUsage,
    better_first,
    cache_params,
    cached,
    metric_chosen,
    metric_usages,
    score_rows,
    split_chosen,
    split_usages,
)


@dataclass(frozen=True)
class HistoryPoint:
    row: ScoreRow
    previous_value: float | None


@dataclass(frozen=True)
class History:
    metric: MetricUsage | None
    metrics: list[MetricUsage]
    splits: list[SplitUsage] = field(default_factory=list)  # of the chosen metric
    split: str = ""  # the split shown ("" is the standard evaluation)
    points: list[HistoryPoint] = field(default_factory=list)


def _record_breakers(rows: list[ScoreRow], usage: MetricUsage) -> list[HistoryPoint]:
    order = better_first(usage)
    dated = sorted((row for row in rows if row.paper_published), key=lambda r: (r.paper_published, order(r)))
    points: list[HistoryPoint] = []
    best: float | None = None
    for row in dated:
        beats = best is None or (row.value > best if usage.higher_is_better else row.value < best)
        if beats:
            points.append(HistoryPoint(row=row, previous_value=best))
            best = row.value
    return points


def _history_build(*, benchmark: Benchmark, metric: Metric | None, filters: ScoreFilters) -> History:
    usages = metric_usages(benchmark_id=benchmark.pk)
    usage = metric_chosen(usages=usages, metric=metric)
    if usage is None:
        return History(metric=None, metrics=usages)
    splits = split_usages(benchmark_id=benchmark.pk, metric_id=usage.id)
    split = split_chosen(splits=splits, requested=filters.split)
    rows = score_rows(benchmark_id=benchmark.pk, metric_id=usage.id, filters=replace(filters, split=split))
    return History(
        metric=usage,
        metrics=usages,
        splits=splits,
        split=split,
        points=_record_breakers(rows, usage),
    )


def history_get(
    *, benchmark: Benchmark, metric: Metric | None = None, filters: ScoreFilters | None = None
) -> History:
    """Undated papers are left out: they cannot be placed in time."""
    filters = filters or ScoreFilters()
    return cached(
        benchmark_id=benchmark.pk,
        kind="history",
        params=cache_params(metric=metric, filters=filters),
        build=lambda: _history_build(benchmark=benchmark, metric=metric, filters=filters),
    )
