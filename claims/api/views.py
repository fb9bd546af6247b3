"""Claims, benchmarks and metrics: read by anyone, curated by the curators group, merged by staff."""

from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from claims.api.serializers import (
    BenchmarkMergeResultSerializer,
    BenchmarkSerializer,
    CatalogMergeRequestSerializer,
    ClaimCurationRequestSerializer,
    ClaimSerializer,
    ClaimUpdateRequestSerializer,
    ConflictSerializer,
    MetricMergeResultSerializer,
    MetricSerializer,
    TaskDetailSerializer,
    TaskSerializer,
)
from claims.filtersets import BenchmarkFilterSet, ClaimFilterSet, MetricFilterSet, TaskFilterSet
from claims.selectors.catalog import benchmark_list, metric_list
from claims.selectors.claims import claim_list
from claims.selectors.tasks import task_detail, task_list
from claims.services.catalog import benchmark_merge, metric_merge
from claims.services.curation import ClaimVersionConflict, claim_reject, claim_update, claim_verify
from tracker.api.permissions import IsCurator, IsCuratorOrReadOnly, IsStaff


def _as_drf_error(exc: Exception) -> ValidationError:
    if isinstance(exc, DjangoValidationError):
        return ValidationError(exc.message_dict if hasattr(exc, "error_dict") else exc.messages)
    return ValidationError(str(exc))


CONFLICT = OpenApiResponse(
    ConflictSerializer, description="Another curator changed the claim first; nothing was changed."
)


def _conflict(exc: ClaimVersionConflict) -> Response:
    body = {"detail": str(exc), "claim": ClaimSerializer(exc.claim).data}
    return Response(body, status=status.HTTP_409_CONFLICT)


@extend_schema(tags=["claims"])
@extend_schema_view(
    list=extend_schema(summary="List claims", description="Claims read from abstracts, filterable for sync."),
    retrieve=extend_schema(summary="One claim"),
)
class ClaimViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    queryset = claim_list()
    serializer_class = ClaimSerializer
    filterset_class = ClaimFilterSet
    permission_classes = [IsCuratorOrReadOnly]
    ordering_fields = ["id", "value", "confidence", "created_at", "updated_at", "paper__published"]

    @extend_schema(
        summary="Correct a claim (curators)",
        request=ClaimUpdateRequestSerializer,
        responses={200: ClaimSerializer, 400: OpenApiResponse(description="Invalid values."), 409: CONFLICT},
    )
    def partial_update(self, request, pk=None):
        claim = self.get_object()
        serializer = ClaimUpdateRequestSerializer(claim, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        version = data.pop("version", None)
        try:
            claim = claim_update(claim=claim, user=request.user, data=data, version=version)
        except ClaimVersionConflict as exc:
            return _conflict(exc)
        except (ValueError, DjangoValidationError) as exc:
            raise _as_drf_error(exc) from exc
        return Response(ClaimSerializer(claim).data)

    def _curate(self, request, service):
        claim = self.get_object()
        serializer = ClaimCurationRequestSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            claim = service(
                claim=claim,
                user=request.user,
                note=serializer.validated_data.get("note"),
                version=serializer.validated_data.get("version"),
            )
        except ClaimVersionConflict as exc:
            return _conflict(exc)
        except DjangoValidationError as exc:
            raise _as_drf_error(exc) from exc
        return Response(ClaimSerializer(claim).data)

    @extend_schema(
        summary="Verify a claim (curators)",
        request=ClaimCurationRequestSerializer,
        responses={200: ClaimSerializer, 409: CONFLICT},
    )
    @action(detail=True, methods=["post"], permission_classes=[IsCurator])
    def verify(self, request, pk=None):
        return self._curate(request, claim_verify)

    @extend_schema(
        summary="Reject a claim (curators)",
        request=ClaimCurationRequestSerializer,
        responses={200: ClaimSerializer, 409: CONFLICT},
    )
    @action(detail=True, methods=["post"], permission_classes=[IsCurator])
    def reject(self, request, pk=None):
        return self._curate(request, claim_reject)


class _CatalogViewSet(viewsets.ReadOnlyModelViewSet):
    lookup_field = "slug"
    ordering_fields = ["name", "slug", "paper_count", "claim_count", "created_at"]
    ordering = ["name"]
    merge_service = None
    merge_result_serializer = None

    def _merge(self, request):
        source = self.get_object()
        serializer = CatalogMergeRequestSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        into = serializer.validated_data["into"]
        target = self.get_queryset().filter(slug=into).first()
        if target is None:
            raise ValidationError({"into": [f"No {self.basename} with slug {into!r}."]})
        try:
            moved = type(self).merge_service(source=source, target=target)
        except ValueError as exc:
            raise ValidationError({"into": [str(exc)]}) from exc
        result = {"into": self.get_queryset().get(pk=target.pk), "claims_moved": moved}
        return Response(self.merge_result_serializer(result).data, status=status.HTTP_200_OK)


@extend_schema(tags=["benchmarks"])
@extend_schema_view(
    list=extend_schema(
        summary="List benchmarks", description="With counts of papers and claims (not rejected)."
    ),
    retrieve=extend_schema(summary="One benchmark, by slug"),
)
class BenchmarkViewSet(_CatalogViewSet):
    queryset = benchmark_list()
    serializer_class = BenchmarkSerializer
    filterset_class = BenchmarkFilterSet
    merge_service = benchmark_merge
    merge_result_serializer = BenchmarkMergeResultSerializer

    @extend_schema(
        summary="Merge this benchmark into another (staff)",
        description="Claims and aliases move to the target; this benchmark's name becomes an alias of it.",
        request=CatalogMergeRequestSerializer,
        responses={
            200: BenchmarkMergeResultSerializer,
            400: OpenApiResponse(description="Unknown or same target."),
        },
    )
    @action(detail=True, methods=["post"], permission_classes=[IsStaff])
    def merge(self, request, slug=None):
        return self._merge(request)


@extend_schema(tags=["metrics"])
@extend_schema_view(
    list=extend_schema(
        summary="List metrics", description="With counts of papers and claims (not rejected)."
    ),
    retrieve=extend_schema(summary="One metric, by slug"),
)
class MetricViewSet(_CatalogViewSet):
    queryset = metric_list()
    serializer_class = MetricSerializer
    filterset_class = MetricFilterSet
    merge_service = metric_merge
    merge_result_serializer = MetricMergeResultSerializer

    @extend_schema(
        summary="Merge this metric into another (staff)",
        description="Claims and aliases move to the target; this metric's name becomes an alias of it.",
        request=CatalogMergeRequestSerializer,
        responses={
            200: MetricMergeResultSerializer,
            400: OpenApiResponse(description="Unknown or same target."),
        },
    )
    @action(detail=True, methods=["post"], permission_classes=[IsStaff])
    def merge(self, request, slug=None):
        return self._merge(request)


@extend_schema(tags=["tasks"])
@extend_schema_view(
    list=extend_schema(
        summary="List tasks",
        description="The task catalog (area, task, subtasks), searchable by name or synonym with `q`.",
    ),
    retrieve=extend_schema(summary="One task, by slug, with its benchmarks and subtasks"),
)
class TaskViewSet(viewsets.ReadOnlyModelViewSet):
    lookup_field = "slug"
    filterset_class = TaskFilterSet
    ordering_fields = ["name", "slug", "benchmark_count", "subtask_count", "created_at"]
    ordering = ["name"]
    queryset = task_list()

    def get_queryset(self):
        return task_detail() if self.action == "retrieve" else task_list()

    def get_serializer_class(self):
        return TaskDetailSerializer if self.action == "retrieve" else TaskSerializer
