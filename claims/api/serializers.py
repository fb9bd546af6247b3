"""Serializers of claims, benchmarks and metrics. Class names are unique across the schema."""

from rest_framework import serializers

from claims.models import Benchmark, Claim, Metric, Task
from claims.services.curation import EDITABLE_FIELDS
from papers.models import Paper
from tracker.api.serializers import StrictTypesMixin


class TaskRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Task
        fields = ["id", "slug", "name"]


class BenchmarkRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Benchmark
        fields = ["id", "slug", "name"]


class MetricRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Metric
        fields = ["id", "slug", "name", "higher_is_better", "unit"]


class ClaimPaperRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Paper
        fields = ["id", "title", "published", "arxiv_id"]


CLAIM_FIELDS = [
    "id", "benchmark", "metric", "benchmark_text", "metric_text", "method", "compared_to", "setting",
    "split", "value", "value_text", "unit", "kind", "evidence", "evidence_start", "evidence_end", "value_start",
    "value_end", "extractor", "extractor_version", "confidence", "provenance", "import_run", "status",
    "verified_by", "curated_by", "curated_at", "curation_note", "version", "created_at", "updated_at",
]  # fmt: skip

VERSION_HELP = (
    "The claim's version your decision is based on (from its last read); if another curator changed it "
    "since, the answer is 409 and nothing changes. Omitted: the version when the request arrives."
)


class PaperClaimSerializer(serializers.ModelSerializer):
    """A claim as listed inside its paper."""

    benchmark = BenchmarkRefSerializer(read_only=True, allow_null=True)
    metric = MetricRefSerializer(read_only=True, allow_null=True)
    curated_by = serializers.SlugRelatedField(
        slug_field="username", read_only=True, allow_null=True, help_text="Username of the curator."
    )
    import_run = serializers.PrimaryKeyRelatedField(
        read_only=True, allow_null=True, help_text="Id of the import run that brought the claim in."
    )
    verified_by = serializers.CharField(
        read_only=True,
        help_text='Who vouches for it: the verifying curator, "Papers with Code archive", or empty.',
    )

    class Meta:
        model = Claim
        fields = CLAIM_FIELDS
        read_only_fields = CLAIM_FIELDS


class ClaimSerializer(PaperClaimSerializer):
    paper = ClaimPaperRefSerializer(read_only=True)

    class Meta(PaperClaimSerializer.Meta):
        fields = ["id", "paper", *CLAIM_FIELDS[1:]]


class ClaimUpdateRequestSerializer(StrictTypesMixin, serializers.ModelSerializer):
    """The fields a curator may correct. Benchmark and metric are given as written and re-linked by name."""

    version = serializers.IntegerField(
        required=False, min_value=1, max_value=2**31 - 1, help_text=VERSION_HELP
    )

    class Meta:
        model = Claim
        fields = [*EDITABLE_FIELDS, "version"]
        extra_kwargs = {field: {"required": False} for field in EDITABLE_FIELDS}

    def validate(self, attrs):
        if not {key for key in attrs if key != "version"}:
            raise serializers.ValidationError(f"Give at least one of: {', '.join(EDITABLE_FIELDS)}.")
        return attrs


class ClaimCurationRequestSerializer(StrictTypesMixin, serializers.Serializer):
    note = serializers.CharField(
        required=False, allow_blank=True, max_length=2000, help_text="Why the claim was verified or rejected."
    )
    version = serializers.IntegerField(
        required=False, min_value=1, max_value=2**31 - 1, help_text=VERSION_HELP
    )


class ConflictSerializer(serializers.Serializer):
    detail = serializers.CharField()
    claim = ClaimSerializer(help_text="The claim as it is now.")


class BenchmarkSerializer(serializers.ModelSerializer):
    aliases = serializers.SlugRelatedField(
        many=True, read_only=True, slug_field="name", help_text="Other names this benchmark is known by."
    )
    paper_count = serializers.IntegerField(
        read_only=True, help_text="Papers with claims that are not rejected."
    )
    claim_count = serializers.IntegerField(read_only=True, help_text="Claims that are not rejected.")
    tasks = TaskRefSerializer(
        many=True, read_only=True, help_text="Tasks of the catalog this benchmark serves."
    )
    task = serializers.CharField(
        read_only=True, help_text="Task or area as free text (see `tasks` for the catalog)."
    )

    class Meta:
        model = Benchmark
        fields = [
            "id", "slug", "name", "task", "tasks", "description", "url", "aliases", "paper_count", "claim_count",
            "created_at", "updated_at",
        ]  # fmt: skip


class MetricSerializer(serializers.ModelSerializer):
    aliases = serializers.SlugRelatedField(
        many=True, read_only=True, slug_field="name", help_text="Other names this metric is known by."
    )
    paper_count = serializers.IntegerField(
        read_only=True, help_text="Papers with claims that are not rejected."
    )
    claim_count = serializers.IntegerField(read_only=True, help_text="Claims that are not rejected.")

    class Meta:
        model = Metric
        fields = [
            "id", "slug", "name", "higher_is_better", "unit", "description", "aliases", "paper_count",
            "claim_count", "created_at", "updated_at",
        ]  # fmt: skip


class CatalogMergeRequestSerializer(StrictTypesMixin, serializers.Serializer):
    into = serializers.SlugField(help_text="Slug of the entry to merge into; this one is deleted.")


class BenchmarkMergeResultSerializer(serializers.Serializer):
    into = BenchmarkSerializer(help_text="The benchmark that remains.")
    claims_moved = serializers.IntegerField()


class MetricMergeResultSerializer(serializers.Serializer):
    into = MetricSerializer(help_text="The metric that remains.")
    claims_moved = serializers.IntegerField()


class TaskSerializer(serializers.ModelSerializer):
    parent = TaskRefSerializer(
        read_only=True, allow_null=True, help_text="The task this one is a subtask of."
    )
    aliases = serializers.SlugRelatedField(
        many=True, read_only=True, slug_field="name", help_text="The task's names, synonyms included."
    )
    categories = serializers.ListField(
        child=serializers.CharField(), read_only=True, help_text="Areas, e.g. Computer Vision."
    )
    source_link = serializers.CharField(read_only=True, help_text="Where the task's leaderboards came from.")
    benchmark_count = serializers.IntegerField(read_only=True, help_text="Benchmarks linked to this task.")
    subtask_count = serializers.IntegerField(read_only=True, help_text="Tasks directly below this one.")

    class Meta:
        model = Task
        fields = [
            "id", "slug", "name", "parent", "aliases", "categories", "description", "source_link",
            "benchmark_count", "subtask_count", "created_at", "updated_at",
        ]  # fmt: skip
        read_only_fields = fields


class TaskDetailSerializer(TaskSerializer):
    benchmarks = BenchmarkRefSerializer(
        many=True, read_only=True, help_text="Benchmarks of this task, by name."
    )
    subtasks = TaskRefSerializer(
        many=True, read_only=True, help_text="Tasks directly below this one, by name."
    )

    class Meta(TaskSerializer.Meta):
        fields = [*TaskSerializer.Meta.fields, "benchmarks", "subtasks"]
        read_only_fields = fields
