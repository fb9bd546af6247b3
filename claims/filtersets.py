import django_filters
from django.db.models import Exists, OuterRef, Q

from claims.models import Benchmark, BenchmarkAlias, Claim, Metric, MetricAlias
from tracker.api.filters import (
    ChoiceFilter,
    DateFilter,
    FloatFilter,
    IdFilter,
    IsoDateTimeFilter,
    StrictBooleanFilter,
)


class ClaimFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(
        method="filter_q", label="Search in evidence, method and the texts as written"
    )
    paper_id = IdFilter(label="Paper id")
    benchmark = django_filters.ModelChoiceFilter(
        queryset=Benchmark.objects.all(), to_field_name="slug", label="Benchmark (slug)"
    )
    benchmark_id = IdFilter(label="Benchmark id")
    metric = django_filters.ModelChoiceFilter(
        queryset=Metric.objects.all(), to_field_name="slug", label="Metric (slug)"
    )
    metric_id = IdFilter(label="Metric id")
    kind = ChoiceFilter(choices=Claim.Kind.choices)
    status = ChoiceFilter(choices=Claim.Status.choices)
    method = django_filters.CharFilter(lookup_expr="iexact", label="Method, case-insensitive")
    setting = django_filters.CharFilter(lookup_expr="iexact", label="Evaluation setting, case-insensitive")
    value_min = FloatFilter(field_name="value", lookup_expr="gte", label="Value at least")
    value_max = FloatFilter(field_name="value", lookup_expr="lte", label="Value at most")
    published_after = DateFilter(
        field_name="paper__published", lookup_expr="gte", label="Paper published on or after (YYYY-MM-DD)"
    )
    published_before = DateFilter(
        field_name="paper__published", lookup_expr="lte", label="Paper published on or before (YYYY-MM-DD)"
    )
    updated_since = IsoDateTimeFilter(
        field_name="updated_at",
        lookup_expr="gte",
        label="Changed at or after this ISO 8601 time (incremental sync)",
    )

    class Meta:
        model = Claim
        fields = ["paper_id", "benchmark_id", "metric_id", "kind", "status"]

    def filter_q(self, queryset, name, value):
        return queryset.filter(
            Q(evidence__icontains=value)
            | Q(method__icontains=value)
            | Q(benchmark_text__icontains=value)
            | Q(metric_text__icontains=value)
        )


class _CatalogFilterSet(django_filters.FilterSet):
    """Benchmarks and metrics are found by their name or any alias."""

    alias_model = None
    q = django_filters.CharFilter(method="filter_q", label="Search in the name and the aliases")
    name = django_filters.CharFilter(lookup_expr="iexact", label="Exact name, case-insensitive")

    def filter_q(self, queryset, name, value):
        owner = self.alias_model._meta.get_field(self.alias_owner).attname
        aliases = self.alias_model.objects.filter(**{owner: OuterRef("pk"), "name__icontains": value})
        return queryset.filter(Q(name__icontains=value) | Exists(aliases))


class BenchmarkFilterSet(_CatalogFilterSet):
    alias_model = BenchmarkAlias
    alias_owner = "benchmark"
    task = django_filters.CharFilter(lookup_expr="icontains", label="Task or area contains")

    class Meta:
        model = Benchmark
        fields = ["q", "name", "task"]


class MetricFilterSet(_CatalogFilterSet):
    alias_model = MetricAlias
    alias_owner = "metric"
    higher_is_better = StrictBooleanFilter(label="Direction: higher values are better")

    class Meta:
        model = Metric
        fields = ["q", "name", "higher_is_better"]
