"""Read benchmarks and metrics with how many papers and claims use them (rejected claims not counted)."""

from django.db.models import Count, Q, QuerySet

from claims.models import Benchmark, Claim, Metric

_LIVE = ~Q(claims__status=Claim.Status.REJECTED)


def _with_counts(queryset: QuerySet) -> QuerySet:
    return (
        queryset.annotate(
            paper_count=Count("claims__paper", filter=_LIVE, distinct=True),
            claim_count=Count("claims", filter=_LIVE, distinct=True),
        )
        .prefetch_related("aliases")
        # Aggregating queries drop Meta.ordering, so the order is restated for stable pages.
        .order_by("name")
    )


def benchmark_list() -> QuerySet[Benchmark]:
    return _with_counts(Benchmark.objects.all()).prefetch_related("tasks")


def metric_list() -> QuerySet[Metric]:
    return _with_counts(Metric.objects.all())
