"""The claim counts stored on papers, benchmarks and metrics, so lists can show and order by them.

Every service that creates, deletes or changes claims (status, benchmark, metric, paper) calls
`claim_counts_refresh` with what it touched, in its transaction; the counts are recomputed exactly for
those rows (not incremented), so a retried or concurrent batch cannot make them drift. Rejected claims
never count. `claim_counts_backfill` (the `refresh_claim_counts` command, and the migration that added
the columns) recomputes every row; run it after writing claims behind the services' back (raw SQL, COPY).
"""

from collections.abc import Iterable

from django.db import connection, transaction
from django.db.models import Count, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce

from claims.cache import leaderboard_cache_invalidate
from claims.models import Benchmark, Claim, Metric
from papers.models import Paper

# Rows recomputed per statement: keeps the IN lists short for a big import batch.
CHUNK = 1000


def _live_claims():
    return Claim.objects.exclude(status=Claim.Status.REJECTED).order_by()


def _count_of(owner: str, *, distinct_papers: bool = False) -> Coalesce:
    counted = Count("paper_id", distinct=True) if distinct_papers else Count("id")
    rows = _live_claims().filter(**{f"{owner}_id": OuterRef("pk")}).values(f"{owner}_id").annotate(n=counted)
    return Coalesce(Subquery(rows.values("n"), output_field=IntegerField()), Value(0))


def _ids(values: Iterable[int | None]) -> list[int]:
    return sorted({pk for pk in values if pk is not None})


def _chunks(ids: list[int]):
    for start in range(0, len(ids), CHUNK):
        yield ids[start : start + CHUNK]


def claim_counts_refresh(
    *,
    paper_ids: Iterable[int | None] = (),
    benchmark_ids: Iterable[int | None] = (),
    metric_ids: Iterable[int | None] = (),
) -> None:
    """Recompute the live claim (and paper) counts of these papers, benchmarks and metrics.

    Give the ids from before and after a change: a claim moved from one benchmark to another changes both.
    """
    for chunk in _chunks(_ids(paper_ids)):
        Paper.objects.filter(pk__in=chunk).update(live_claim_count=_count_of("paper"))
    for model, owner, ids in ((Benchmark, "benchmark", benchmark_ids), (Metric, "metric", metric_ids)):
        for chunk in _chunks(_ids(ids)):
            _catalog_refresh(model, owner, chunk)


def _catalog_refresh(model, owner: str, ids: list[int]) -> None:
    # One grouped read (an index-only scan of the board index) for both counts, then one write per row that
    # changed: a correlated subquery per count read a big benchmark's claims twice, heap included.
    found = {
        row[f"{owner}_id"]: (row["claims"], row["papers"])
        for row in _live_claims()
        .filter(**{f"{owner}_id__in": ids})
        .values(f"{owner}_id")
        .annotate(claims=Count("id"), papers=Count("paper_id", distinct=True))
    }
    rows = model.objects.filter(pk__in=ids).only("live_claim_count", "live_paper_count")
    changed = []
    for row in rows:
        claims, papers = found.get(row.pk, (0, 0))
        if (row.live_claim_count, row.live_paper_count) != (claims, papers):
            row.live_claim_count, row.live_paper_count = claims, papers
            changed.append(row)
    model.objects.bulk_update(changed, ["live_claim_count", "live_paper_count"])


def claim_counts_refresh_for(claims: Iterable[Claim]) -> None:
    """Refresh the counts of everything these claims point at (as they are now)."""
    claims = list(claims)
    claim_counts_refresh(
        paper_ids=(claim.paper_id for claim in claims),
        benchmark_ids=(claim.benchmark_id for claim in claims),
        metric_ids=(claim.metric_id for claim in claims),
    )


def _paper_backfill_statements() -> list[str]:
    papers, claims = Paper._meta.db_table, Claim._meta.db_table
    live = f"SELECT paper_id, COUNT(*) AS n FROM {claims} WHERE status <> 'rejected' GROUP BY paper_id"
    return [
        f"UPDATE {papers} SET live_claim_count = 0 WHERE live_claim_count <> 0 AND NOT EXISTS "
        f"(SELECT 1 FROM {claims} WHERE paper_id = {papers}.id AND status <> 'rejected')",
        f"UPDATE {papers} SET live_claim_count = counted.n FROM ({live}) AS counted "
        f"WHERE counted.paper_id = {papers}.id AND {papers}.live_claim_count <> counted.n",
    ]


def claim_counts_backfill() -> str:
    """Recompute every stored count; returns what it did, for the command and the benchmark scripts."""
    papers = 0
    with connection.cursor() as cursor:
        # One grouped pass over the claims instead of a subquery per paper: a million papers in seconds.
        for statement in _paper_backfill_statements():
            cursor.execute(statement)
            papers += max(cursor.rowcount, 0)
    benchmarks = Benchmark.objects.update(
        live_claim_count=_count_of("benchmark"), live_paper_count=_count_of("benchmark", distinct_papers=True)
    )
    metrics = Metric.objects.update(
        live_claim_count=_count_of("metric"), live_paper_count=_count_of("metric", distinct_papers=True)
    )
    return f"claim counts of {papers:,} papers changed, {benchmarks:,} benchmarks and {metrics:,} metrics recomputed"


def claims_delete(*, claims) -> int:
    """Delete these claims (a queryset), keeping the counts and leaderboards of what they pointed at right:
    the door for deletes outside the extraction and curation services (the admin's delete). Returns how many."""
    with transaction.atomic():
        pointed = list(claims.values_list("paper_id", "benchmark_id", "metric_id"))
        deleted = claims.delete()[1].get(Claim._meta.label, 0)
        _refresh_pointed(pointed)
    return deleted


def papers_delete(*, papers) -> int:
    """Delete these papers (a queryset) and their claims, keeping the benchmarks' and metrics' counts and
    leaderboards right. Returns how many papers."""
    with transaction.atomic():
        pointed = list(
            Claim.objects.filter(paper__in=papers).values_list("paper_id", "benchmark_id", "metric_id")
        )
        deleted = papers.delete()[1].get(Paper._meta.label, 0)
        _refresh_pointed([(None, benchmark, metric) for _, benchmark, metric in pointed])
    return deleted


def _refresh_pointed(pointed: list[tuple]) -> None:
    claim_counts_refresh(
        paper_ids=(row[0] for row in pointed),
        benchmark_ids=(row[1] for row in pointed),
        metric_ids=(row[2] for row in pointed),
    )
    leaderboard_cache_invalidate(*{row[1] for row in pointed})
