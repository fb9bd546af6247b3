"""Unknown query parameters are a 400: `?search=` instead of `?q=` must not quietly list everything.

Lists check their parameters in a filter backend (first in DEFAULT_FILTER_BACKENDS) against what their
filterset, ordering and pagination take; the leaderboards check against their query serializer.
"""

from rest_framework.exceptions import ValidationError
from rest_framework.filters import BaseFilterBackend, OrderingFilter
from rest_framework.settings import api_settings

# Every answer may take the renderer's parameter (json, csv, api).
ALWAYS_KNOWN = frozenset({api_settings.URL_FORMAT_OVERRIDE})


def unknown_parameters_refuse(query_params, known) -> None:
    known = set(known) | ALWAYS_KNOWN
    unknown = sorted(set(query_params) - known)
    if unknown:
        takes = ", ".join(sorted(known))
        raise ValidationError(
            {name: [f"Unknown parameter {name!r}; this endpoint takes: {takes}."] for name in unknown}
        )


def list_parameters(view) -> set[str]:
    """What a generic list view reads from the query string."""
    known: set[str] = set()
    filterset_class = getattr(view, "filterset_class", None)
    if filterset_class is not None:
        known.update(filterset_class.base_filters)
    if any(issubclass(backend, OrderingFilter) for backend in view.filter_backends):
        known.add(OrderingFilter.ordering_param)
    paginator = getattr(view, "paginator", None)
    for attribute in ("page_query_param", "page_size_query_param", "cursor_query_param", "limit_query_param"):
        name = getattr(paginator, attribute, None)
        if name:
            known.add(name)
    return known


class KnownParametersFilter(BaseFilterBackend):
    """Refuses a list request that carries a parameter the list does not know (retrieve is left alone)."""

    def filter_queryset(self, request, queryset, view):
        if getattr(view, "action", "list") == "list":
            unknown_parameters_refuse(request.query_params, list_parameters(view))
        return queryset
