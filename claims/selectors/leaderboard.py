"""The leaderboard of a benchmark on one metric: the best score of each (paper, method), ranked."""

from dataclasses import asdict, dataclass, field, replace

from claims.models import Benchmark, Claim, Metric
from claims.selectors.ranking import ranked_page
from claims.selectors.scores import (
    ROW_FIELDS,
    MetricUsage,
    ScoreFilters,
    ScoreRow,
    SplitUsage,
    better_first,
    cache_params,
    cached,
    metric_chosen,
    metric_usages,
    score_claims,
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


def _usage_dict(usage: MetricUsage | None) -> dict | None:
    return asdict(usage) if usage is not None else None


def _board_head(*, benchmark: Benchmark, metric: Metric | None, split: str | None) -> dict:
    """The metric and split a board shows, with what the benchmark reports (cached apart: every page needs it)."""

    def build() -> dict:
        usages = metric_usages(benchmark_id=benchmark.pk)
        usage = metric_chosen(usages=usages, metric=metric)
        splits = split_usages(benchmark_id=benchmark.pk, metric_id=usage.id) if usage else []
        return {
            "metric": _usage_dict(usage),
            "metrics": [asdict(item) for item in usages],
            "splits": [asdict(item) for item in splits],
            "split": split_chosen(splits=splits, requested=split) if usage else "",
        }

    return cached(
        benchmark_id=benchmark.pk,
        kind="leaderboard-head",
        params={"metric": metric.pk if metric else None, "split": split},
        build=build,
    )


def _entry(rank: int, values: dict) -> dict:
    published = values["paper__published"]
    return {
        "rank": rank,
        "value": values["value"],
        "unit": values["unit"],
        "method": values["method"],
        "setting": values["setting"],
        "split": values["split"],
        "paper_id": values["paper_id"],
        "paper_title": values["paper__title"],
        "paper_published": published.isoformat() if published else None,
        "paper_arxiv_id": values["paper__arxiv_id"],
        "claim_id": values["id"],
        "claim_status": values["status"],
        "provenance": values["provenance"],
        "evidence": values["evidence"],
    }


def _page_build(
    *, benchmark: Benchmark, metric: Metric | None, filters: ScoreFilters, page: int, size: int
) -> dict:
    head = _board_head(benchmark=benchmark, metric=metric, split=filters.split)
    board = {"benchmark": {"id": benchmark.pk, "slug": benchmark.slug, "name": benchmark.name}, **head}
    if head["metric"] is None:
        return {**board, "count": 0, "results": []}
    claims = score_claims(
        benchmark_id=benchmark.pk,
        metric_id=head["metric"]["id"],
        filters=replace(filters, split=head["split"]),
    )
    ranks, total = ranked_page(
        claims, higher_is_better=head["metric"]["higher_is_better"], offset=(page - 1) * size, limit=size
    )
    # Evidence and paper columns are read for the page's rows only.
    rows = {
        values["id"]: values
        for values in Claim.objects.filter(pk__in=[pk for pk, _ in ranks]).values(*ROW_FIELDS)
    }
    return {**board, "count": total, "results": [_entry(rank, rows[pk]) for pk, rank in ranks]}


def leaderboard_page_get(
    *, benchmark: Benchmark, metric: Metric | None, filters: ScoreFilters, page: int = 1, page_size: int = 100
) -> dict:
    """One page of the leaderboard as plain data (ranked in SQL), cached until a claim of the benchmark changes.

    The same rows, order and ranks as leaderboard_get; `count` is the number of rows of the whole board.
    """
    return cached(
        benchmark_id=benchmark.pk,
        kind="leaderboard-page",
        params=cache_params(metric=metric, filters=filters, page=page, page_size=page_size),
        build=lambda: _page_build(
            benchmark=benchmark, metric=metric, filters=filters, page=page, size=page_size
        ),
    )
