"""The leaderboard of a benchmark on one metric: the best score of each (paper, method), ranked."""

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
class LeaderboardEntry:
    rank: int
    row: ScoreRow


@dataclass(frozen=True)
class Leaderboard:
    metric: MetricUsage | None
    metrics: list[MetricUsage]
    splits: list[SplitUsage] = field(default_factory=list)  # of the chosen metric
    split: str = ""  # the split shown ("" is the standard evaluation)
    entries: list[LeaderboardEntry] = field(default_factory=list)


def _best_per_paper_method(rows: list[ScoreRow], usage: MetricUsage) -> list[ScoreRow]:
    best: dict[tuple[int, str], ScoreRow] = {}
    for row in sorted(rows, key=better_first(usage)):
        # Method names differ in case and spacing between sentences of one abstract.
        best.setdefault((row.paper_id, " ".join(row.method.casefold().split())), row)
    return sorted(best.values(), key=better_first(usage))


def _ranked(rows: list[ScoreRow]) -> list[LeaderboardEntry]:
    """Competition ranking: equal values share a rank and the next rank skips (1, 2, 2, 4)."""
    entries: list[LeaderboardEntry] = []
    for position, row in enumerate(rows, start=1):
        tied = entries and entries[-1].row.value == row.value
        entries.append(LeaderboardEntry(rank=entries[-1].rank if tied else position, row=row))
    return entries


def _leaderboard_build(*, benchmark: Benchmark, metric: Metric | None, filters: ScoreFilters) -> Leaderboard:
    usages = metric_usages(benchmark_id=benchmark.pk)
    usage = metric_chosen(usages=usages, metric=metric)
    if usage is None:
        return Leaderboard(metric=None, metrics=usages)
    splits = split_usages(benchmark_id=benchmark.pk, metric_id=usage.id)
    split = split_chosen(splits=splits, requested=filters.split)
    rows = score_rows(benchmark_id=benchmark.pk, metric_id=usage.id, filters=replace(filters, split=split))
    return Leaderboard(
        metric=usage,
        metrics=usages,
        splits=splits,
        split=split,
        entries=_ranked(_best_per_paper_method(rows, usage)),
    )


def leaderboard_get(
    *, benchmark: Benchmark, metric: Metric | None = None, filters: ScoreFilters | None = None
) -> Leaderboard:
    """Rejected claims never count; with no metric given, the benchmark's most reported metric is used."""
    filters = filters or ScoreFilters()
    return cached(
        benchmark_id=benchmark.pk,
        kind="leaderboard",
        params=cache_params(metric=metric, filters=filters),
        build=lambda: _leaderboard_build(benchmark=benchmark, metric=metric, filters=filters),
    )
