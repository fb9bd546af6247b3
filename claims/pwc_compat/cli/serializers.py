"""Objects of the pwc CLI's v1 contract (pwc-cli 0.1.16), with the fields its commands read.

Class names start with `PwcCli` so the schema's components stay apart from the other APIs'.
"""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from claims.pwc_compat.links import author_names, paper_abs_url, paper_pdf_url
from claims.pwc_compat.params import (
    MAX_INT,
    QuerySerializer,
    StrictDateField,
    StrictFloatField,
    StrictIntegerField,
)
from claims.pwc_compat.selectors.evaluations import row_is_open
from claims.pwc_compat.selectors.papers import repository_of
from claims.pwc_compat.selectors.tasks import task_of_benchmark

HF_HOST = "huggingface.co"
# The CLI refuses answers over 2 MiB; a page of 100 rows must stay well below that whatever the abstracts say.
EVIDENCE_MAX_CHARS = 1000


# Query parameters: bad values (empty ones included) are answered 400 with the parameter named.


class PwcCliPageQuerySerializer(QuerySerializer):
    page = StrictIntegerField(required=False, min_value=1, max_value=MAX_INT)
    page_size = StrictIntegerField(required=False, min_value=1, max_value=500)


class _DateRangeQuery(PwcCliPageQuerySerializer):
    start_date = StrictDateField(required=False, help_text="Published on or after (YYYY-MM-DD).")
    end_date = StrictDateField(required=False, help_text="Published on or before (YYYY-MM-DD).")

    def validate(self, attrs):
        start, end = attrs.get("start_date"), attrs.get("end_date")
        if start and end and start > end:
            raise serializers.ValidationError({"start_date": ["Must not be later than end_date."]})
        return attrs


class PwcCliSearchQuerySerializer(_DateRangeQuery):
    q = serializers.CharField(required=False, allow_blank=True, help_text="Text in the title or abstract.")
    mode = serializers.ChoiceField(
        choices=["hybrid", "keyword", "semantic"],
        required=False,
        help_text="Accepted; every mode is keyword.",
    )


class PwcCliPaperListQuerySerializer(_DateRangeQuery):
    search = serializers.CharField(required=False, allow_blank=True)
    task = serializers.CharField(required=False, help_text="Task id, slug or name.")
    method = serializers.CharField(required=False, help_text="Method name (case-insensitive).")
    conference = serializers.CharField(required=False, help_text="Not recorded: any value matches nothing.")
    framework = serializers.CharField(required=False, help_text="Not recorded: any value matches nothing.")
    organization = serializers.CharField(required=False, help_text="Not recorded: any value matches nothing.")
    latest_only = serializers.BooleanField(
        required=False, help_text="Accepted; papers have one version here."
    )
    order_by = serializers.ChoiceField(
        choices=["trending", "date_published", "citation_count"], required=False, default="trending"
    )
    order_dir = serializers.ChoiceField(choices=["asc", "desc"], required=False, default="desc")
    include_resources = serializers.BooleanField(required=False, default=False)

    FILTERS = ("task", "method", "conference", "framework", "organization", "start_date", "end_date")


class PwcCliPaperQuerySerializer(QuerySerializer):
    include_resources = serializers.BooleanField(required=False, default=False)


class PwcCliLimitQuerySerializer(QuerySerializer):
    limit = StrictIntegerField(required=False, min_value=1, max_value=100, default=10)


class PwcCliTrendingPapersQuerySerializer(QuerySerializer):
    limit = StrictIntegerField(required=False, min_value=1, max_value=100, default=20)
    max_age_days = StrictIntegerField(required=False, min_value=1, max_value=365, default=180)
    min_velocity = StrictFloatField(required=False, min_value=0, help_text="Upvotes a day, at least.")


class PwcCliEvaluationQuerySerializer(PwcCliPageQuerySerializer):
    paper_id = StrictIntegerField(required=False, min_value=1, max_value=2**63 - 1)
    dataset_id = serializers.CharField(required=False, help_text="Benchmark id or slug.")
    is_open = serializers.BooleanField(required=False, allow_null=True, default=None)
    ordering = serializers.ChoiceField(
        choices=["best_rank", "-best_rank", "benchmark_popularity", "-benchmark_popularity"], required=False
    )


class PwcCliLeaderboardQuerySerializer(PwcCliPageQuerySerializer):
    is_open = serializers.BooleanField(required=False, allow_null=True, default=None)
    ordering = serializers.ChoiceField(choices=["best_rank", "-best_rank"], required=False)


_BENCHMARK_ORDERINGS = ["name", "full_name", "created_at", "paper_count", "evaluation_count"]


class PwcCliBenchmarkListQuerySerializer(PwcCliPageQuerySerializer):
    q = serializers.CharField(
        required=False, allow_blank=True, help_text="Name, full name, slug, alias or id."
    )
    task = serializers.CharField(required=False, help_text="Task id, slug or name.")
    include_descendants = serializers.BooleanField(
        required=False, help_text="Accepted; tasks have no children yet."
    )
    min_eval_count = StrictIntegerField(required=False, min_value=0, max_value=MAX_INT)
    is_open = serializers.BooleanField(required=False, allow_null=True, default=None)
    ordering = serializers.ChoiceField(
        choices=[*_BENCHMARK_ORDERINGS, *(f"-{o}" for o in _BENCHMARK_ORDERINGS)], required=False
    )


_TASK_ORDERINGS = ["name", "slug", "paper_count", "benchmark_count", "evaluation_count"]


class PwcCliTaskListQuerySerializer(PwcCliPageQuerySerializer):
    q = serializers.CharField(required=False, allow_blank=True, help_text="Part of the name or slug.")
    area_id = serializers.CharField(required=False)
    level = StrictIntegerField(required=False, min_value=0, max_value=MAX_INT)
    visible_only = serializers.BooleanField(required=False, help_text="Accepted; every task is visible.")
    ordering = serializers.ChoiceField(
        choices=[*_TASK_ORDERINGS, *(f"-{o}" for o in _TASK_ORDERINGS)], required=False
    )


class PwcCliTrendingQuerySerializer(QuerySerializer):
    limit = StrictIntegerField(required=False, min_value=1, max_value=500, default=100)
    min_recent_papers = StrictIntegerField(required=False, min_value=0, max_value=MAX_INT, default=0)
    include_descendants = serializers.BooleanField(required=False)
    is_open = serializers.BooleanField(required=False, allow_null=True, default=None)


class PwcCliTaskPapersQuerySerializer(PwcCliPageQuerySerializer):
    order_by = serializers.ChoiceField(
        choices=["trending", "date_published", "citation_count"], required=False, default="trending"
    )
    order_dir = serializers.ChoiceField(choices=["asc", "desc"], required=False, default="desc")
    include_resources = serializers.BooleanField(required=False, default=False)


class PwcCliAreaBenchmarksQuerySerializer(QuerySerializer):
    benchmarks_per_task = StrictIntegerField(required=False, min_value=1, max_value=100, default=3)
    min_eval_count = StrictIntegerField(required=False, min_value=0, max_value=MAX_INT, default=0)


# Papers


class PwcCliRepositorySerializer(serializers.Serializer):
    url = serializers.CharField()
    is_official = serializers.BooleanField()


class PwcCliPaperSerializer(serializers.Serializer):
    """A paper in a list (no abstract, so a page of 100 stays far below the CLI's 2 MiB cap)."""

    id = serializers.IntegerField(help_text="Our paper id.")
    arxiv_id = serializers.SerializerMethodField()
    route_identifier = serializers.SerializerMethodField(help_text="arXiv id, else our id.")
    title = serializers.CharField()
    published = serializers.DateField(allow_null=True)
    authors = serializers.SerializerMethodField()
    citation_count = serializers.SerializerMethodField(help_text="Not recorded: always null.")
    upvotes = serializers.IntegerField(allow_null=True)
    url_abs = serializers.SerializerMethodField()
    methods = serializers.SerializerMethodField(help_text="Method names the paper's claims report.")

    def get_arxiv_id(self, paper) -> str | None:
        return paper.arxiv_id or None

    def get_route_identifier(self, paper) -> str:
        return paper.arxiv_id or str(paper.pk)

    def get_authors(self, paper) -> list[str]:
        return author_names(paper)

    def get_citation_count(self, paper) -> int | None:
        return None

    def get_url_abs(self, paper) -> str:
        return paper_abs_url(paper)

    def get_methods(self, paper) -> list[str]:
        return self.context.get("methods_of", {}).get(paper.pk, [])

    def to_representation(self, paper):
        data = super().to_representation(paper)
        if self.context.get("include_resources"):
            data.update(_resources(paper))
        return data


def _resources(paper) -> dict:
    repository = repository_of(code_url=paper.code_url)
    url = paper.code_url.strip()
    return {
        "repositories": [{"url": repository.url if repository else url, "is_official": True}] if url else [],
        "project_pages": [],
        "hf_models": [],
        "hf_datasets": [],
        "hf_spaces": [],
    }


class PwcCliPaperDetailSerializer(PwcCliPaperSerializer):
    abstract = serializers.CharField()
    url_pdf = serializers.SerializerMethodField()
    source_url = serializers.SerializerMethodField()
    doi = serializers.CharField(allow_blank=True)
    organizations = serializers.SerializerMethodField(help_text="Not recorded: always empty.")
    conference_name = serializers.SerializerMethodField(help_text="Not recorded: always null.")
    predecessor_papers = serializers.SerializerMethodField(help_text="Not recorded: always empty.")
    successor_papers = serializers.SerializerMethodField(help_text="Not recorded: always empty.")

    def get_url_pdf(self, paper) -> str:
        return paper_pdf_url(paper)

    def get_source_url(self, paper) -> str:
        return paper.url or paper_abs_url(paper)

    def get_organizations(self, paper) -> list[dict]:
        return []

    def get_conference_name(self, paper) -> str | None:
        return None

    def get_predecessor_papers(self, paper) -> list[dict]:
        return []

    get_successor_papers = get_predecessor_papers


class PwcCliLineageEntrySerializer(serializers.Serializer):
    reference = serializers.SerializerMethodField()
    title = serializers.CharField()
    published = serializers.DateField(allow_null=True)

    def get_reference(self, paper) -> str:
        return paper.arxiv_id or str(paper.pk)


class PwcCliLineageSerializer(serializers.Serializer):
    paper = PwcCliLineageEntrySerializer()
    predecessors = PwcCliLineageEntrySerializer(many=True, help_text="Not recorded: always empty.")
    successors = PwcCliLineageEntrySerializer(many=True, help_text="Not recorded: always empty.")


# Evaluation rows


class PwcCliEvaluationSerializer(serializers.Serializer):
    """One leaderboard row: a paper's best score of one method on a benchmark and metric."""

    id = serializers.IntegerField(source="row.claim_id", help_text="The score claim behind the row.")
    paper_id = serializers.IntegerField(source="row.paper_id")
    paper_title = serializers.CharField(source="row.paper_title")
    paper_arxiv_id = serializers.SerializerMethodField()
    paper_published_date = serializers.DateField(source="row.paper_published", allow_null=True)
    dataset_id = serializers.IntegerField(source="table.benchmark.pk")
    dataset_name = serializers.CharField(source="table.benchmark.name")
    dataset_slug = serializers.CharField(source="table.benchmark.slug")
    task_id = serializers.SerializerMethodField()
    task_name = serializers.SerializerMethodField()
    model_name = serializers.CharField(source="row.method", allow_blank=True)
    harness = serializers.CharField(
        source="row.setting", allow_blank=True, help_text="The evaluation setting (zero-shot, 5-shot, ...)."
    )
    metrics = serializers.SerializerMethodField(help_text="Metric name to value.")
    best_metric = serializers.CharField(source="table.metric.name")
    best_rank = serializers.IntegerField(source="rank", help_text="1 is best, by the metric's direction.")
    higher_is_better = serializers.BooleanField(source="table.metric.higher_is_better")
    unit = serializers.CharField(source="row.unit", allow_blank=True)
    is_open = serializers.SerializerMethodField()
    claim_status = serializers.CharField(source="row.claim_status")
    evidence = serializers.SerializerMethodField(
        help_text=f"The sentence the score comes from, cut at {EVIDENCE_MAX_CHARS} characters."
    )
    result_url = serializers.SerializerMethodField()

    def get_evidence(self, result) -> str:
        evidence = result.row.evidence
        return evidence if len(evidence) <= EVIDENCE_MAX_CHARS else evidence[: EVIDENCE_MAX_CHARS - 1] + "…"

    def get_paper_arxiv_id(self, result) -> str | None:
        return result.row.paper_arxiv_id or None

    def get_task_id(self, result) -> str | None:
        task = task_of_benchmark(benchmark=result.table.benchmark)
        return task.id if task else None

    def get_task_name(self, result) -> str | None:
        task = task_of_benchmark(benchmark=result.table.benchmark)
        return task.name if task else None

    def get_metrics(self, result) -> dict[str, float]:
        return {result.table.metric.name: result.row.value}

    def get_is_open(self, result) -> bool:
        return row_is_open(result=result)

    def get_result_url(self, result) -> str:
        if result.row.paper_arxiv_id:
            return f"https://arxiv.org/abs/{result.row.paper_arxiv_id}"
        return self.context.get("paper_urls", {}).get(result.row.paper_id, "")


# Benchmarks, tasks, areas


class PwcCliBenchmarkSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    slug = serializers.CharField()
    name = serializers.CharField()
    full_name = serializers.CharField(source="name")
    description = serializers.CharField(allow_blank=True)
    url = serializers.CharField(allow_blank=True)
    hf_url = serializers.SerializerMethodField()
    task_id = serializers.SerializerMethodField()
    task_name = serializers.SerializerMethodField()
    paper_count = serializers.IntegerField(help_text="Papers with claims that are not rejected.")
    evaluation_count = serializers.IntegerField(help_text="Live score claims on a metric.")

    def get_hf_url(self, benchmark) -> str | None:
        return benchmark.url if HF_HOST in benchmark.url else None

    def get_task_id(self, benchmark) -> str | None:
        task = task_of_benchmark(benchmark=benchmark)
        return task.id if task else None

    def get_task_name(self, benchmark) -> str | None:
        task = task_of_benchmark(benchmark=benchmark)
        return task.name if task else None


class PwcCliTrendingBenchmarkSerializer(PwcCliBenchmarkSerializer):
    recent_paper_count = serializers.IntegerField(help_text="Papers of the last 180 days.")
    all_time_paper_count = serializers.IntegerField(source="paper_count")
    trend_score = serializers.FloatField(source="recent_paper_count")
    best_model_name = serializers.SerializerMethodField()
    best_paper_title = serializers.SerializerMethodField()
    best_code_url = serializers.SerializerMethodField()

    def _best(self, benchmark):
        return self.context.get("best", {}).get(benchmark.pk)

    def get_best_model_name(self, benchmark) -> str | None:
        best = self._best(benchmark)
        return best.model_name if best else None

    def get_best_paper_title(self, benchmark) -> str | None:
        best = self._best(benchmark)
        return best.paper_title if best else None

    def get_best_code_url(self, benchmark) -> str | None:
        best = self._best(benchmark)
        return (best.code_url or None) if best else None


class PwcCliTrendingListSerializer(serializers.Serializer):
    task_id = serializers.CharField()
    task_slug = serializers.CharField()
    recent_days = serializers.IntegerField()
    results = PwcCliTrendingBenchmarkSerializer(many=True)


class PwcCliTaskSerializer(serializers.Serializer):
    id = serializers.CharField(help_text="Task id (its slug).")
    slug = serializers.CharField()
    name = serializers.CharField()
    description = serializers.CharField(allow_blank=True)
    area_id = serializers.CharField(source="area.id", allow_null=True)
    area_name = serializers.CharField(source="area.name", allow_null=True)
    level = serializers.IntegerField()
    parent_id = serializers.CharField(allow_null=True)
    paper_count = serializers.SerializerMethodField()
    benchmark_count = serializers.SerializerMethodField()
    evaluation_count = serializers.SerializerMethodField()

    def _counts(self, task):
        return self.context["counts"][task.id]

    def get_paper_count(self, task) -> int:
        return self._counts(task).paper_count

    def get_benchmark_count(self, task) -> int:
        return self._counts(task).benchmark_count

    def get_evaluation_count(self, task) -> int:
        return self._counts(task).evaluation_count


class PwcCliTaskPageSerializer(serializers.Serializer):
    task = PwcCliTaskSerializer()
    parents = PwcCliTaskSerializer(many=True)
    children = PwcCliTaskSerializer(many=True)
    sisters = PwcCliTaskSerializer(many=True)
    recommended_frameworks = serializers.ListField(child=serializers.CharField())
    benchmarks = PwcCliBenchmarkSerializer(many=True)
    subtask_benchmarks = serializers.ListField(child=serializers.DictField())


class PwcCliAreaSerializer(serializers.Serializer):
    id = serializers.CharField()
    name = serializers.CharField()


class PwcCliAreaTaskSerializer(PwcCliTaskSerializer):
    """A task inside its area: only what the grouped list shows, so thousands of tasks fit in 2 MiB."""

    class Meta:
        fields = ("id", "slug", "name", "paper_count", "benchmark_count", "evaluation_count")

    def get_fields(self):
        return {name: field for name, field in super().get_fields().items() if name in self.Meta.fields}


class PwcCliAreaWithTasksSerializer(PwcCliAreaSerializer):
    tasks = serializers.SerializerMethodField()

    @extend_schema_field(PwcCliAreaTaskSerializer(many=True))
    def get_tasks(self, area) -> list[dict]:
        tasks = self.context["tasks_of"](area)
        return PwcCliAreaTaskSerializer(tasks, many=True, context=self.context).data


class PwcCliAreaTaskBenchmarksSerializer(serializers.Serializer):
    id = serializers.CharField(allow_null=True)
    name = serializers.CharField()
    slug = serializers.CharField(allow_blank=True)
    benchmarks = PwcCliBenchmarkSerializer(many=True)


class PwcCliAreaWithBenchmarksSerializer(PwcCliAreaSerializer):
    tasks = PwcCliAreaTaskBenchmarksSerializer(many=True)


def page_serializer(item_serializer, name: str, **extra):
    fields = {
        "count": serializers.IntegerField(),
        "next": serializers.URLField(allow_null=True),
        "previous": serializers.URLField(allow_null=True),
        **extra,
        "results": item_serializer(many=True),
    }
    return type(name, (serializers.Serializer,), fields)


PwcCliPaperPageSerializer = page_serializer(PwcCliPaperSerializer, "PwcCliPaperPageSerializer")
PwcCliFilteredPaperPageSerializer = page_serializer(
    PwcCliPaperSerializer,
    "PwcCliFilteredPaperPageSerializer",
    applied_filters=serializers.DictField(
        child=serializers.CharField(), help_text="The filters applied, as the request gave them."
    ),
)
PwcCliEvaluationPageSerializer = page_serializer(PwcCliEvaluationSerializer, "PwcCliEvaluationPageSerializer")
PwcCliBenchmarkPageSerializer = page_serializer(PwcCliBenchmarkSerializer, "PwcCliBenchmarkPageSerializer")
PwcCliTaskListPageSerializer = page_serializer(PwcCliTaskSerializer, "PwcCliTaskListPageSerializer")
PwcCliAreaPageSerializer = page_serializer(PwcCliAreaSerializer, "PwcCliAreaPageSerializer")
PwcCliAreaWithTasksPageSerializer = page_serializer(
    PwcCliAreaWithTasksSerializer, "PwcCliAreaWithTasksPageSerializer"
)
PwcCliAreaWithBenchmarksPageSerializer = page_serializer(
    PwcCliAreaWithBenchmarksSerializer, "PwcCliAreaWithBenchmarksPageSerializer"
)
