from django.urls import path
from rest_framework.routers import SimpleRouter

from claims.api.extract import ExtractPreviewView
from claims.api.leaderboard import HistoryView, LeaderboardView
from claims.api.views import BenchmarkViewSet, ClaimViewSet, MetricViewSet, TaskViewSet

router = SimpleRouter()
router.register("claims", ClaimViewSet, basename="claim")
router.register("benchmarks", BenchmarkViewSet, basename="benchmark")
router.register("metrics", MetricViewSet, basename="metric")
router.register("tasks", TaskViewSet, basename="task")

urlpatterns = [
    path("benchmarks/<slug:slug>/leaderboard/", LeaderboardView.as_view(), name="benchmark-leaderboard"),
    path("benchmarks/<slug:slug>/history/", HistoryView.as_view(), name="benchmark-history"),
    path("extract/", ExtractPreviewView.as_view(), name="extract-preview"),
    *router.urls,
]
