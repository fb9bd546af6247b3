from django.conf import settings
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.exceptions import APIException, ValidationError
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from papers.api.serializers import (
    FileTooLarge,
    ImportRunCreateRequestSerializer,
    ImportRunSerializer,
    PaperDetailSerializer,
    PaperSerializer,
)
from papers.filtersets import ImportRunFilterSet, PaperFilterSet
from papers.importers import ImportFormatError
from papers.selectors import import_run_list, paper_detail, paper_list
from papers.services.imports import import_file_start, import_upload_save
from tracker.api.exceptions import ServiceUnavailable
from tracker.api.views import JsonOnlyMixin
from tracker.broker import TaskQueueUnavailable

# Room for the multipart envelope and the other fields around the file.
MULTIPART_OVERHEAD_BYTES = 64 * 1024


class PayloadTooLarge(APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_detail = "The upload is too large."
    default_code = "payload_too_large"


@extend_schema(tags=["papers"])
@extend_schema_view(
    list=extend_schema(summary="List papers", description="Search with `q`; CSV with `?format=csv`."),
    retrieve=extend_schema(summary="One paper with its claims"),
)
class PaperViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = paper_list()
    serializer_class = PaperSerializer
    filterset_class = PaperFilterSet
    ordering_fields = ["id", "published", "created_at", "updated_at", "title", "upvotes", "claim_count"]

    def get_queryset(self):
        return paper_detail() if self.action == "retrieve" else paper_list()

    def get_serializer_class(self):
        return PaperDetailSerializer if self.action == "retrieve" else PaperSerializer


@extend_schema(tags=["imports"])
@extend_schema_view(
    list=extend_schema(summary="List import runs"),
    retrieve=extend_schema(summary="One import run with its counts and errors"),
)
class ImportRunViewSet(
    JsonOnlyMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    queryset = import_run_list()
    serializer_class = ImportRunSerializer
    filterset_class = ImportRunFilterSet
    permission_classes = [IsAuthenticated]
    ordering_fields = ["id", "created_at", "finished_at", "status"]
    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(
        summary="Import a file of papers",
        description="Upload a file (multipart). The run is queued and answered at once; poll it for the outcome.",
        request={"multipart/form-data": ImportRunCreateRequestSerializer},
        responses={
            202: ImportRunSerializer,
            503: OpenApiResponse(description="The task queue is unreachable; nothing was started."),
            400: OpenApiResponse(description="No file, an empty file or an unknown format."),
            413: OpenApiResponse(description="The file is larger than the upload limit."),
        },
    )
    def create(self, request, *args, **kwargs):
        self._refuse_oversized_body(request)
        upload = ImportRunCreateRequestSerializer(data=request.data)
        try:
            upload.is_valid(raise_exception=True)
        except FileTooLarge as exc:
            raise PayloadTooLarge(str(exc)) from exc
        data = upload.validated_data
        path = import_upload_save(uploaded_file=data["file"])
        try:
            run = import_file_start(
                path=path,
                origin=data["file"].name,
                format=data.get("format") or None,
                user=request.user,
                extract=data["extract"],
                delete_file=True,
            )
        except (ValueError, ImportFormatError) as exc:
            path.unlink(missing_ok=True)
            raise ValidationError({"format": [str(exc)]}) from exc
        except TaskQueueUnavailable as exc:
            raise ServiceUnavailable(str(exc)) from exc
        return Response(ImportRunSerializer(run).data, status=status.HTTP_202_ACCEPTED)

    @staticmethod
    def _refuse_oversized_body(request) -> None:
        # Refuse before the body is parsed, so a huge upload is not first spooled to disk.
        limit = settings.IMPORT_UPLOAD_MAX_BYTES
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > limit + MULTIPART_OVERHEAD_BYTES:
            raise PayloadTooLarge(f"The request is {length} bytes; uploads are limited to {limit} bytes.")
