import django_filters
from django.db.models import Exists, OuterRef
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from claims.models import Benchmark, Claim
from papers.models import ImportRun, Paper
from papers.search import paper_search
from tracker.api.filters import ChoiceFilter, DateFilter, IdFilter, IsoDateTimeFilter, StrictBooleanFilter


def _claims_of_paper():
    return Claim.objects.filter(paper_id=OuterRef("pk")).exclude(status=Claim.Status.REJECTED)


@extend_schema_field(OpenApiTypes.STR)
class BenchmarkSlugFilter(django_filters.ModelChoiceFilter):
    """A benchmark given by slug; an unknown slug is a 400, not an empty page."""

    def __init__(self, **kwargs):
        super().__init__(queryset=Benchmark.objects.all(), to_field_name="slug", **kwargs)


class PaperFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(
        method="filter_q",
        label=(
            'Search in title and abstract: words, "quoted phrases", OR, -excluded (full-text on PostgreSQL, '
            "best matches first unless `ordering` is given)"
        ),
    )
    published_after = DateFilter(
        field_name="published", lookup_expr="gte", label="Published on or after (YYYY-MM-DD)"
    )
    published_before = DateFilter(
        field_name="published", lookup_expr="lte", label="Published on or before (YYYY-MM-DD)"
    )
    has_claims = StrictBooleanFilter(method="filter_has_claims", label="Has claims that are not rejected")
    has_code = StrictBooleanFilter(method="filter_has_code", label="Has a code URL")
    benchmark = BenchmarkSlugFilter(
        method="filter_benchmark", label="Reports a claim on this benchmark (slug)"
    )
    benchmark_id = IdFilter(method="filter_benchmark", label="Reports a claim on this benchmark (id)")
    arxiv_id = django_filters.CharFilter(label="arXiv id, e.g. 2501.01234")
    updated_since = IsoDateTimeFilter(
        field_name="updated_at", lookup_expr="gte", label="Changed at or after this ISO 8601 time"
    )

    class Meta:
        model = Paper
        fields = ["q", "arxiv_id"]

    def filter_q(self, queryset, name, value):
        return paper_search(queryset, value)

    def filter_has_claims(self, queryset, name, value):
        has = Exists(_claims_of_paper())
        return queryset.filter(has if value else ~has)

    def filter_has_code(self, queryset, name, value):
        return queryset.exclude(code_url="") if value else queryset.filter(code_url="")

    def filter_benchmark(self, queryset, name, value):
        benchmark_id = value.pk if isinstance(value, Benchmark) else value
        return queryset.filter(Exists(_claims_of_paper().filter(benchmark_id=benchmark_id)))


class ImportRunFilterSet(django_filters.FilterSet):
    status = ChoiceFilter(choices=ImportRun.Status.choices)
    # Not `format`: that query parameter picks the response's renderer (json, csv).
    import_format = django_filters.CharFilter(field_name="format", label="Import format, e.g. jsonl")

    class Meta:
        model = ImportRun
        fields = ["status", "import_format"]
