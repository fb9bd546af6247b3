"""Text-to-claims preview: what the extraction engine reads in a text. Nothing is stored."""

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from claims.extraction import EXTRACTOR_NAME, EXTRACTOR_VERSION, extract_claims
from claims.models import Claim
from tracker.api.serializers import StrictTypesMixin
from tracker.api.throttling import AnonRateLimit, UserRateLimit
from tracker.api.views import JsonOnlyMixin

EXTRACT_TEXT_MAX_CHARS = 20_000


class ExtractPreviewThrottle(AnonRateLimit):
    """Anonymous previews run the engine on arbitrary text, so they get a tighter budget of their own."""

    scope = "extract_preview"
    rate = "30/min"


class ExtractRequestSerializer(StrictTypesMixin, serializers.Serializer):
    text = serializers.CharField(
        max_length=EXTRACT_TEXT_MAX_CHARS, trim_whitespace=False, help_text="An abstract or any text to read."
    )
    title = serializers.CharField(required=False, allow_blank=True, max_length=1000, default="")


class ExtractedClaimSerializer(serializers.Serializer):
    value = serializers.FloatField()
    unit = serializers.CharField(allow_null=True, allow_blank=True)
    kind = serializers.ChoiceField(choices=Claim.Kind.choices)
    metric = serializers.CharField(allow_null=True, allow_blank=True, help_text="As written.")
    benchmark = serializers.CharField(allow_null=True, allow_blank=True, help_text="As written.")
    method = serializers.CharField(allow_null=True, allow_blank=True)
    compared_to = serializers.CharField(allow_null=True, allow_blank=True)
    setting = serializers.CharField(allow_null=True, allow_blank=True)
    evidence = serializers.CharField()
    evidence_start = serializers.IntegerField()
    evidence_end = serializers.IntegerField()
    value_text = serializers.CharField(allow_null=True, allow_blank=True)
    value_start = serializers.IntegerField(allow_null=True)
    value_end = serializers.IntegerField(allow_null=True)
    confidence = serializers.FloatField()


class ExtractResponseSerializer(serializers.Serializer):
    extractor = serializers.CharField()
    extractor_version = serializers.CharField()
    count = serializers.IntegerField()
    claims = ExtractedClaimSerializer(many=True)


class ExtractPreviewView(JsonOnlyMixin, APIView):
    permission_classes = [AllowAny]
    throttle_classes = [ExtractPreviewThrottle, UserRateLimit]

    @extend_schema(
        tags=["extract"],
        summary="Read the claims in a text",
        description=f"Runs the extraction engine on up to {EXTRACT_TEXT_MAX_CHARS} characters; stores nothing.",
        request=ExtractRequestSerializer,
        responses=ExtractResponseSerializer,
    )
    def post(self, request):
        query = ExtractRequestSerializer(data=request.data)
        query.is_valid(raise_exception=True)
        found = [
            claim.to_dict()
            for claim in extract_claims(query.validated_data["text"], query.validated_data["title"])
        ]
        data = {
            "extractor": EXTRACTOR_NAME,
            "extractor_version": EXTRACTOR_VERSION,
            "count": len(found),
            "claims": found,
        }
        return Response(ExtractResponseSerializer(data).data)
