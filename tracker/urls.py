from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerView

from claims.feeds import BenchmarkVerifiedClaimsFeed, VerifiedClaimsFeed
from tracker.views import health, healthz

handler400 = "tracker.views.bad_request"
handler404 = "tracker.views.not_found"
handler500 = "tracker.views.server_error"

# The admin's "View site" link: the home page.
admin.site.site_url = "/"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", include("tracker.web.urls")),
    path("health/", health, name="health"),
    path("healthz", healthz, name="healthz"),
    path("api/v1/", include("tracker.api.urls")),
    # Papers with Code compatible reads: the old client's API, and the pwc CLI's v1 contract.
    path("pwc/api/v1/", include("claims.pwc_compat.legacy.urls")),
    path("hf/api/v1/", include("claims.pwc_compat.cli.urls")),
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
