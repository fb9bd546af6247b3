"""Read benchmarks and metrics with how many papers and claims use them (rejected claims not counted)."""

from django.db.models import F, QuerySet

from claims.models import Benchmark, Metric


def _with_counts(queryset: QuerySet) -> QuerySet:
    # The counts are stored (claims/services/counts.py keeps them), so ordering by them reads no claims.
    return (
        queryset.annotate(paper_count=F("live_paper_count"), claim_count=F("live_claim_count"))
        .prefetch_related("aliases")
        .order_by("name")
    )


def benchmark_list() -> QuerySet[Benchmark]:
    return _with_counts(Benchmark.objects.all()).prefetch_related("tasks")


def metric_list() -> QuerySet[Metric]:
    return _with_counts(Metric.objects.all())
