"""Version 1 of the REST API: both apps' routes under one prefix, with an index of the resources."""

from django.urls import include, path

from tracker.api.root import ApiRootView

urlpatterns = [
    path("", ApiRootView.as_view(), name="api-root"),
    path("", include("papers.api.urls")),
    path("", include("claims.api.urls")),
]
