from django.conf import settings
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from claims.api.serializers import PaperClaimSerializer
from papers.importers import FORMATS
from papers.models import ImportRun, Paper


class PaperSerializer(serializers.ModelSerializer):
    authors = serializers.ListField(
        child=serializers.CharField(), help_text="Author names, when the source gives them."
    )
    sources = serializers.ListField(
        child=serializers.CharField(), help_text="Formats or feeds the paper was seen in."
    )
    claim_count = serializers.IntegerField(read_only=True, help_text="Claims that are not rejected.")
    # Plain strings: an unknown link is "", which is not a valid URI for a "format: uri" field.
    url = serializers.CharField(read_only=True, help_text="The paper's page; empty when unknown.")
    code_url = serializers.CharField(read_only=True, help_text="The paper's code; empty when unknown.")

    class Meta:
        model = Paper
        fields = [
            "id", "arxiv_id", "doi", "title", "abstract", "published", "authors", "author_count", "upvotes",
            "url", "code_url", "sources", "claim_count", "created_at", "updated_at",
        ]  # fmt: skip
        read_only_fields = fields


class PaperDetailSerializer(PaperSerializer):
    claims = PaperClaimSerializer(many=True, read_only=True, help_text="All claims, rejected ones included.")

    class Meta(PaperSerializer.Meta):
        fields = [*PaperSerializer.Meta.fields, "claims"]
        read_only_fields = fields


@extend_schema_field(
    {
        "type": "array",
        "items": {
            "type": "object",
            "properties": {
                "position": {"type": "string", "description": "Line or item number of the rejected record."},
                "reason": {"type": "string"},
            },
        },
    }
)
class ImportErrorsField(serializers.JSONField):
    pass


class ImportRunSerializer(serializers.ModelSerializer):
    started_by = serializers.SlugRelatedField(slug_field="username", read_only=True, allow_null=True)
    errors = ImportErrorsField(read_only=True, help_text="Each rejected record with its position and reason.")
    warnings = ImportErrorsField(
        read_only=True, help_text="What was imported with a caveat, e.g. a metric not in the vocabulary."
    )
    is_finished = serializers.BooleanField(read_only=True)

    class Meta:
        model = ImportRun
        fields = [
            "id", "format", "origin", "status", "is_finished", "read_count", "created_count", "updated_count",
            "unchanged_count", "rejected_count", "errors", "warnings", "message", "extract", "started_by",
            "created_at", "started_at", "finished_at",
        ]  # fmt: skip
        read_only_fields = fields


class StrictBooleanField(serializers.BooleanField):
    """true or false, as written in JSON and in forms; not 1, "yes" or "on"."""

    TRUE_VALUES = {True, "true", "True"}
    FALSE_VALUES = {False, "false", "False"}
    NULL_VALUES = set()


@extend_schema_field({"type": "string", "format": "binary", "minLength": 1})
class NonEmptyFileField(serializers.FileField):
    """A file of at least one byte (an empty one is a 400)."""


class ImportRunCreateRequestSerializer(serializers.Serializer):
    file = NonEmptyFileField(help_text="The file to import; gzip-compressed files are read too.")
    format = serializers.ChoiceField(
        choices=sorted(FORMATS),
        required=False,
        allow_blank=True,
        help_text="Force a format; detected if omitted or empty.",
    )
    extract = StrictBooleanField(default=True, help_text="Extract claims from new or changed abstracts.")

    def validate_file(self, file):
        limit = settings.IMPORT_UPLOAD_MAX_BYTES
        if file.size > limit:
            raise FileTooLarge(f"The file is {file.size} bytes; uploads are limited to {limit} bytes.")
        if file.size == 0:
            raise serializers.ValidationError("The file is empty.")
        return file


class FileTooLarge(Exception):
    """Answered 413 by the view, not 400: the request itself is too large."""
