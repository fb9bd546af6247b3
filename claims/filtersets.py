import django_filters
from django.db.models import Exists, OuterRef, Q
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from claims.models import Benchmark, BenchmarkAlias, Claim, Metric, MetricAlias, Task, TaskAlias
from claims.selectors.tasks import task_with_subtask_ids
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
    provenance = ChoiceFilter(choices=Claim.Provenance.choices, label="Where the claim came from")
    method = django_filters.CharFilter(lookup_expr="iexact", label="Method, case-insensitive")
    setting = django_filters.CharFilter(lookup_expr="iexact", label="Evaluation setting, case-insensitive")
    split = django_filters.CharFilter(
        lookup_expr="iexact", label="Split or subset, e.g. test-dev; empty for the standard evaluation"
    )
    value_min = FloatFilter(field_name="value", lookup_expr="gte", label="Value at least")
    value_max = FloatFilter(field_name="value", lookup_expr="lte", label="Value at most")
    min_confidence = FloatFilter(
        field_name="confidence",
        lookup_expr="gte",
        label="Confidence at least (0 to 1): 0.8 keeps the trusted claims",
    )
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
        fields = ["paper_id", "benchmark_id", "metric_id", "kind", "status", "provenance"]

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
    task = django_filters.ModelChoiceFilter(
        queryset=Task.objects.all(),
        to_field_name="slug",
        method="filter_task",
        label="Task (slug): benchmarks of this task or of any of its subtasks",
    )
    task_text = django_filters.CharFilter(
        field_name="task", lookup_expr="icontains", label="The free-text task or area contains"
    )

    class Meta:
        model = Benchmark
        fields = ["q", "name", "task", "task_text"]

    @extend_schema_field(OpenApiTypes.STR)
    def filter_task(self, queryset, name, value):
        return queryset.filter(tasks__in=task_with_subtask_ids(task=value)).distinct()


class MetricFilterSet(_CatalogFilterSet):
    alias_model = MetricAlias
    alias_owner = "metric"
    higher_is_better = StrictBooleanFilter(label="Direction: higher values are better")

    class Meta:
        model = Metric
        fields = ["q", "name", "higher_is_better"]


class TaskFilterSet(_CatalogFilterSet):
    """Tasks are found by their name or any synonym."""

    alias_model = TaskAlias
    alias_owner = "task"
    parent = django_filters.ModelChoiceFilter(
        queryset=Task.objects.all(), to_field_name="slug", label="Parent task (slug)"
    )
    top_level = StrictBooleanFilter(
        field_name="parent", lookup_expr="isnull", label="Only tasks without a parent (true) or only subtasks"
    )
    category = django_filters.CharFilter(method="filter_category", label="Area, e.g. Computer Vision")

    class Meta:
        model = Task
        fields = ["q", "name", "parent", "top_level", "category"]

    def filter_category(self, queryset, name, value):
        return queryset.filter(categories__icontains=value)
