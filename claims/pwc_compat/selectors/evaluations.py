"""Evaluation tables and their result rows, built on the leaderboard selectors (never re-ranked here).

A Papers with Code evaluation table is one of our benchmarks on one metric; its result rows are that
leaderboard's entries (the best live score claim of each paper and method), with the leaderboard's rank.
"""

from dataclasses import dataclass

from django.db.models import Count, Q

from claims.models import Benchmark, Claim, Metric
from claims.pwc_compat.selectors.tasks import benchmarks_with_tasks
from claims.selectors.leaderboard import LeaderboardEntry, leaderboard_get

# Separates the benchmark and metric slugs in a table id; slugify never produces two hyphens in a row.
TABLE_ID_SEPARATOR = "--"


@dataclass(frozen=True)
class EvaluationTable:
    benchmark: Benchmark
    metric: Metric
    claim_count: int = 0
    paper_count: int = 0

    @property
    def id(self) -> str:
        return f"{self.benchmark.slug}{TABLE_ID_SEPARATOR}{self.metric.slug}"


@dataclass(frozen=True)
class ResultRow:
    """One leaderboard entry of one table: rank 1 is best by the metric's direction."""

    table: EvaluationTable
    entry: LeaderboardEntry

    @property
    def rank(self) -> int:
        return self.entry.rank

    @property
    def row(self):
        return self.entry.row


def _linked_scores():
    return Claim.objects.filter(kind=Claim.Kind.SCORE, benchmark__isnull=False, metric__isnull=False).exclude(
        status=Claim.Status.REJECTED
    )


def evaluation_table_list(
    *, benchmark_ids: list[int] | None = None, paper_id: int | None = None
) -> list[EvaluationTable]:
    """Tables with at least one live score claim, by benchmark name, the most reported metric first.

    With `paper_id`, only the tables that paper reports on (the counts stay those of the whole table).
    """
    claims = _linked_scores()
    if benchmark_ids is not None:
        claims = claims.filter(benchmark_id__in=benchmark_ids)
    if paper_id is not None:
        wanted = set(_linked_scores().filter(paper_id=paper_id).values_list("benchmark_id", "metric_id"))
        claims = claims.filter(benchmark_id__in={benchmark_id for benchmark_id, _ in wanted})
    rows = (
        claims.values("benchmark_id", "metric_id")
        .annotate(claim_count=Count("id"), paper_count=Count("paper_id", distinct=True))
        .order_by()
    )
    rows = [row for row in rows if paper_id is None or (row["benchmark_id"], row["metric_id"]) in wanted]
    benchmarks = benchmarks_with_tasks(Benchmark.objects.all()).in_bulk({row["benchmark_id"] for row in rows})
    metrics = Metric.objects.in_bulk({row["metric_id"] for row in rows})
    tables = [
        EvaluationTable(
            benchmark=benchmarks[row["benchmark_id"]],
            metric=metrics[row["metric_id"]],
            claim_count=row["claim_count"],
            paper_count=row["paper_count"],
        )
        for row in rows
    ]
    return sorted(tables, key=lambda t: (t.benchmark.name.casefold(), -t.claim_count, t.metric.name))


def evaluation_table_get(*, table_id: str) -> EvaluationTable | None:
    """A table by its id, `<benchmark slug>--<metric slug>`; None when unknown or without live claims."""
    parts = table_id.split(TABLE_ID_SEPARATOR)
    for cut in range(1, len(parts)):
        benchmark_slug, metric_slug = (
            TABLE_ID_SEPARATOR.join(parts[:cut]),
            TABLE_ID_SEPARATOR.join(parts[cut:]),
        )
        benchmark = Benchmark.objects.filter(slug=benchmark_slug).first()
        if benchmark is None:
            continue
        tables = evaluation_table_list(benchmark_ids=[benchmark.pk])
        found = next((table for table in tables if table.metric.slug == metric_slug), None)
        if found is not None:
            return found
    return None


def table_results(*, table: EvaluationTable) -> list[ResultRow]:
    board = leaderboard_get(benchmark=table.benchmark, metric=table.metric)
    return [ResultRow(table=table, entry=entry) for entry in board.entries]


def benchmark_results(*, benchmark: Benchmark) -> list[ResultRow]:
    """Every table of the benchmark, best rank first; within a rank, the most reported metric first."""
    tables = evaluation_table_list(benchmark_ids=[benchmark.pk])
    order = {table.id: position for position, table in enumerate(tables)}
    rows = [row for table in tables for row in table_results(table=table)]
    return sorted(rows, key=lambda r: (r.rank, order[r.table.id], r.row.claim_id))


def paper_results(*, paper_id: int) -> list[ResultRow]:
    """The paper's rows on every table it reports on, the most popular benchmark (by papers) first."""
    tables = evaluation_table_list(paper_id=paper_id)
    popularity = _benchmark_popularity({table.benchmark.pk for table in tables})
    tables.sort(
        key=lambda t: (-popularity.get(t.benchmark.pk, 0), t.benchmark.name.casefold(), t.metric.name)
    )
    return [row for table in tables for row in table_results(table=table) if row.row.paper_id == paper_id]


def all_results() -> list[ResultRow]:
    return [row for table in evaluation_table_list() for row in table_results(table=table)]


def _benchmark_popularity(benchmark_ids: set[int]) -> dict[int, int]:
    rows = (
        Benchmark.objects.filter(pk__in=benchmark_ids)
        .annotate(
            papers=Count("claims__paper", filter=~Q(claims__status=Claim.Status.REJECTED), distinct=True)
        )
        .values_list("pk", "papers")
    )
    return dict(rows)


def result_get(*, table: EvaluationTable, result_id: str) -> ResultRow | None:
    return next((row for row in table_results(table=table) if str(row.row.claim_id) == result_id), None)


def row_is_open(*, result: ResultRow) -> bool:
    """Whether the model behind a row is open. The tracker records no model licences yet, so every row
    counts as open, which is also what the pwc CLI assumes of a row that does not say."""
    return True


def result_rows(
    *,
    paper_id: int | None = None,
    benchmark: Benchmark | None = None,
    is_open: bool | None = None,
    ordering: str | None = None,
) -> list[ResultRow]:
    """Rows of one paper, of one benchmark or of everything, optionally only open (or closed) ones,
    in the selector's order or by `best_rank` / `-best_rank`."""
    if paper_id is not None:
        rows = paper_results(paper_id=paper_id)
    elif benchmark is not None:
        rows = benchmark_results(benchmark=benchmark)
    else:
        rows = all_results()
    if is_open is not None:
        rows = [row for row in rows if row_is_open(result=row) is is_open]
    if ordering in {"best_rank", "-best_rank"}:
        rows = sorted(rows, key=lambda r: r.rank, reverse=ordering.startswith("-"))
    return rows
