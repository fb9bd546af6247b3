"""What both compatibility APIs' views share: read-only, anonymous, JSON, paginated."""

import re

from django.urls import reverse
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.permissions import AllowAny
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from claims.pwc_compat.params import repeated_parameters


class CompatSchema(AutoSchema):
    """Operation ids from the view's name (`pwc_legacy_paper_list`): paths alone would collide."""

    def get_operation_id(self):
        name = type(self.view).__name__.removesuffix("View")
        return f"{self.view.operation_prefix}_{re.sub(r'(?<!^)(?=[A-Z])', '_', name).lower()}"


class CompatView(APIView):
    """A read-only view. Writes get 405 pointing to our own API; authentication is off, so a token left
    in an old notebook is ignored rather than refused."""

    authentication_classes: list = []
    permission_classes = [AllowAny]
    renderer_classes = [JSONRenderer]
    pagination_class = None
    operation_prefix = "pwc"
    schema = CompatSchema()

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        # The database refuses text with NUL bytes; refuse them first, as the parameter's fault.
        given = [
            *((name, value) for name, values in request.query_params.lists() for value in values),
            *kwargs.items(),
        ]
        bad = sorted({name for name, value in given if "\x00" in str(value)})
        if bad:
            raise ValidationError({name: ["Null characters are not allowed."] for name in bad})
        if repeated := repeated_parameters(request.query_params):
            raise ValidationError(repeated)

    def http_method_not_allowed(self, request, *args, **kwargs):
        api = request.build_absolute_uri(reverse("api-root"))
        message = (
            f"This Papers with Code compatible API is read-only. Write to the tracker's own API at {api} "
            "with a token; the reference is at /api/docs/."
        )
        # The old client reads `message` from error bodies; DRF clients read `detail`.
        return Response(
            {"detail": message, "message": message},
            status=status.HTTP_405_METHOD_NOT_ALLOWED,
            headers={"Allow": "GET, HEAD, OPTIONS"},
        )

    def page(self, items, serializer_class, context_for=None, **context):
        """One page of `items`; `context_for(rows)` adds serializer context computed for the page's rows."""
        paginator = self.pagination_class()
        rows = paginator.paginate_queryset(items, self.request, view=self)
        if context_for is not None:
            context.update(context_for(rows))
        return paginator.get_paginated_response(serializer_class(rows, many=True, context=context).data)

    def param(self, name: str) -> str:
        return self.request.query_params.get(name, "").strip()

    def query(self, serializer_class) -> dict:
        query = serializer_class(data=self.request.query_params)
        query.is_valid(raise_exception=True)
        return query.validated_data


class UnknownEndpointView(CompatView):
    """Any other path under a compatibility API: a JSON 404 for every method, not an HTML page."""

    @extend_schema(exclude=True)
    def get(self, request, *args, **kwargs):
        raise NotFound(f"No such endpoint: {request.path}. The reference is at /api/docs/.")

    def http_method_not_allowed(self, request, *args, **kwargs):
        return self.get(request)
