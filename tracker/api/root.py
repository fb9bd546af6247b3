from drf_spectacular.utils import extend_schema
from rest_framework.response import Response
from rest_framework.reverse import reverse
from rest_framework.views import APIView

from tracker.api.views import JsonOnlyMixin

RESOURCES = {
    "papers": "paper-list",
    "claims": "claim-list",
    "benchmarks": "benchmark-list",
    "metrics": "metric-list",
    "tasks": "task-list",
    "imports": "importrun-list",
    "extract": "extract-preview",
    "schema": "schema",
}


class ApiRootView(JsonOnlyMixin, APIView):
    """The resources of the API; the OpenAPI schema is at /api/schema/ and its docs at /api/docs/."""

    @extend_schema(exclude=True)
    def get(self, request):
        return Response({key: reverse(name, request=request) for key, name in RESOURCES.items()})
