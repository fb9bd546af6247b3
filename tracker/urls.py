from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerView

from claims.feeds import BenchmarkVerifiedClaimsFeed, VerifiedClaimsFeed
from tracker.views import health, healthz

handler400 = "tracker.views.bad_request"
handler404 = "tracker.views.not_found"
handler500 = "tracker.views.server_error"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("health/", health, name="health"),
    path("healthz", healthz, name="healthz"),
    path("api/v1/", include("tracker.api.urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="schema"), name="swagger-ui"),
    path("api/redoc/", SpectacularRedocView.as_view(url_name="schema"), name="redoc"),
    path("api-auth/", include("rest_framework.urls")),
    path("feeds/verified/", VerifiedClaimsFeed(), name="feed-verified"),
    path(
        "feeds/benchmarks/<slug:slug>/verified/",
        BenchmarkVerifiedClaimsFeed(),
        name="feed-benchmark-verified",
    ),
]
