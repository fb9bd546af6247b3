"""Objects of the old Papers with Code API, field for field as `paperswithcode-client` 0.3.1 parses them.

Ids are strings, as the client's models declare them. Class names start with `Pwc` so the schema's
components stay apart from our own API's.
"""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from claims.pwc_compat.links import author_names, paper_abs_url, paper_pdf_url, value_text
from claims.pwc_compat.selectors.papers import repository_of


class PwcPaperSerializer(serializers.Serializer):
    id = serializers.SerializerMethodField(help_text="Our paper id, as a string.")
    arxiv_id = serializers.SerializerMethodField()
    nips_id = serializers.SerializerMethodField()
    url_abs = serializers.SerializerMethodField()
    url_pdf = serializers.SerializerMethodField()
    title = serializers.CharField()
    abstract = serializers.CharField()
    authors = serializers.SerializerMethodField()
    published = serializers.DateField(allow_null=True)
    conference = serializers.SerializerMethodField()
    conference_url_abs = serializers.SerializerMethodField()
    conference_url_pdf = serializers.SerializerMethodField()
    proceeding = serializers.SerializerMethodField()

    def get_id(self, paper) -> str:
        return str(paper.pk)

    def get_arxiv_id(self, paper) -> str | None:
        return paper.arxiv_id or None

    def get_nips_id(self, paper) -> str | None:
        return None

    def get_url_abs(self, paper) -> str:
        return paper_abs_url(paper)

    def get_url_pdf(self, paper) -> str:
        return paper_pdf_url(paper)

    def get_authors(self, paper) -> list[str]:
        return author_names(paper)

    def get_conference(self, paper) -> str | None:
        return None

    get_conference_url_abs = get_conference_url_pdf = get_proceeding = get_conference


class PwcRepositorySerializer(serializers.Serializer):
    url = serializers.CharField()
    owner = serializers.CharField()
    name = serializers.CharField()
    description = serializers.SerializerMethodField()
    stars = serializers.SerializerMethodField()
    framework = serializers.SerializerMethodField()
    is_official = serializers.SerializerMethodField(
        help_text="True for the code URL a paper gives itself; null outside a paper."
    )

    def get_description(self, repository) -> str:
        return ""

    def get_stars(self, repository) -> int:
        return 0

    def get_framework(self, repository) -> str:
        return "none"

    def get_is_official(self, repository) -> bool | None:
        return self.context.get("is_official")


class PwcPaperRepoSerializer(serializers.Serializer):
    paper = serializers.SerializerMethodField()
    repository = serializers.SerializerMethodField()
    is_official = serializers.SerializerMethodField()

    @extend_schema_field(PwcPaperSerializer)
    def get_paper(self, paper) -> dict:
        return PwcPaperSerializer(paper).data

    @extend_schema_field(PwcRepositorySerializer(allow_null=True))
    def get_repository(self, paper) -> dict | None:
        repository = repository_of(code_url=paper.code_url)
        return PwcRepositorySerializer(repository, context={"is_official": True}).data if repository else None

    def get_is_official(self, paper) -> bool:
        return repository_of(code_url=paper.code_url) is not None


class PwcDatasetSerializer(serializers.Serializer):
    id = serializers.CharField(source="slug", help_text="The benchmark's slug.")
    name = serializers.CharField()
    full_name = serializers.CharField(source="name")
    url = serializers.SerializerMethodField()

    def get_url(self, benchmark) -> str | None:
        return benchmark.url or None


class PwcAreaSerializer(serializers.Serializer):
    id = serializers.CharField()
    name = serializers.CharField()


class PwcTaskSerializer(serializers.Serializer):
    id = serializers.CharField()
    name = serializers.CharField()
    description = serializers.CharField(allow_blank=True)


class PwcMethodSerializer(serializers.Serializer):
    id = serializers.CharField(help_text="The method name's slug.")
    name = serializers.CharField()
    full_name = serializers.CharField(source="name")
    description = serializers.SerializerMethodField()
    paper = serializers.SerializerMethodField(help_text="The earliest paper reporting a result of it.")

    def get_description(self, method) -> str:
        return ""

    def get_paper(self, method) -> str | None:
        return str(method.paper_id) if method.paper_id else None


class PwcEvaluationTableSerializer(serializers.Serializer):
    id = serializers.CharField(help_text="`<benchmark slug>--<metric slug>`.")
    task = serializers.SerializerMethodField(help_text="Task id of the benchmark; empty when it has none.")
    dataset = serializers.CharField(source="benchmark.slug")
    description = serializers.SerializerMethodField()
    mirror_url = serializers.SerializerMethodField()

    def get_task(self, table) -> str:
        task = self.context["task_of"](table.benchmark)
        return task.id if task else ""

    def get_description(self, table) -> str:
        return f"{table.benchmark.name}, {table.metric.name}"

    def get_mirror_url(self, table) -> str | None:
        return None


class PwcMetricSerializer(serializers.Serializer):
    id = serializers.CharField(source="slug")
    name = serializers.CharField()
    description = serializers.CharField(allow_blank=True)
    is_loss = serializers.SerializerMethodField(help_text="True when lower values are better.")

    def get_is_loss(self, metric) -> bool:
        return not metric.higher_is_better


class PwcResultSerializer(serializers.Serializer):
    id = serializers.SerializerMethodField(help_text="The id of the score claim behind the row.")
    best_rank = serializers.IntegerField(source="rank", help_text="1 is best, by the metric's direction.")
    metrics = serializers.SerializerMethodField(help_text="Metric name to the value, as a decimal string.")
    methodology = serializers.CharField(source="row.method", allow_blank=True)
    uses_additional_data = serializers.SerializerMethodField()
    paper = serializers.SerializerMethodField()
    best_metric = serializers.CharField(source="table.metric.name")
    evaluated_on = serializers.SerializerMethodField(help_text="The paper's publication date (YYYY-MM-DD).")
    external_source_url = serializers.SerializerMethodField()

    def get_id(self, result) -> str:
        return str(result.row.claim_id)

    def get_metrics(self, result) -> dict[str, str]:
        return {result.table.metric.name: value_text(result.row.value)}

    def get_uses_additional_data(self, result) -> bool:
        return False

    def get_paper(self, result) -> str | None:
        return str(result.row.paper_id)

    def get_evaluated_on(self, result) -> str | None:
        published = result.row.paper_published
        return published.isoformat() if published else None

    def get_external_source_url(self, result) -> str | None:
        return None


def page_serializer(item_serializer: type[serializers.Serializer], name: str) -> type[serializers.Serializer]:
    """The paginated shape of a list, named for the schema (PwcPaperPage, ...)."""
    fields = {
        "count": serializers.IntegerField(),
        "next": serializers.URLField(allow_null=True),
        "previous": serializers.URLField(allow_null=True),
        "results": item_serializer(many=True),
    }
    return type(name, (serializers.Serializer,), fields)


PwcPaperPageSerializer = page_serializer(PwcPaperSerializer, "PwcPaperPageSerializer")
PwcPaperRepoPageSerializer = page_serializer(PwcPaperRepoSerializer, "PwcPaperRepoPageSerializer")
PwcRepositoryPageSerializer = page_serializer(PwcRepositorySerializer, "PwcRepositoryPageSerializer")
PwcDatasetPageSerializer = page_serializer(PwcDatasetSerializer, "PwcDatasetPageSerializer")
PwcAreaPageSerializer = page_serializer(PwcAreaSerializer, "PwcAreaPageSerializer")
PwcTaskPageSerializer = page_serializer(PwcTaskSerializer, "PwcTaskPageSerializer")
PwcMethodPageSerializer = page_serializer(PwcMethodSerializer, "PwcMethodPageSerializer")
PwcEvaluationTablePageSerializer = page_serializer(
    PwcEvaluationTableSerializer, "PwcEvaluationTablePageSerializer"
)
PwcMetricPageSerializer = page_serializer(PwcMetricSerializer, "PwcMetricPageSerializer")
PwcResultPageSerializer = page_serializer(PwcResultSerializer, "PwcResultPageSerializer")


class PwcReadOnlyErrorSerializer(serializers.Serializer):
    detail = serializers.CharField()
    message = serializers.CharField(help_text="The same text, where the old client looks for it.")
