"""Shared pieces of the project's API views. Renderers, negotiation and pagination defaults are in settings."""

from rest_framework.renderers import BrowsableAPIRenderer

from tracker.api.renderers import ORJSONRenderer


class JsonOnlyMixin:
    """For endpoints whose answers are not tables (writes, previews): no CSV."""

    renderer_classes = [ORJSONRenderer, BrowsableAPIRenderer]
