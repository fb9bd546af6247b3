"""Routes of the pwc CLI's v1 contract, mounted at /hf/api/v1/ (`PWC_API_URL=http://host/hf/api/v1`).

Paths answer with and without a trailing slash; a paper reference keeps the slash of a legacy arXiv id.
"""

from django.urls import re_path

from claims.pwc_compat.base import UnknownEndpointView
from claims.pwc_compat.cli import views as v
from claims.pwc_compat.routes import route

app_name = "pwc-cli"

# Our id, a modern arXiv id or a legacy one (archive[.XX]/NNNNNNN), each with an optional version.
PAPER_REF = r"(?P<ref>\d+|\d{4}\.\d{4,5}(?:v\d+)?|[a-zA-Z][a-zA-Z\-]*(?:\.[A-Z]{2})?/\d{7}(?:v\d+)?)"

urlpatterns = [
    route("papers/search", v.SearchView, "paper-search"),
    route("papers", v.PaperListView, "paper-list"),
    route("papers/recent", v.PaperRecentView, "paper-recent"),
    route("papers/trending", v.PaperTrendingView, "paper-trending"),
    re_path(rf"^papers/{PAPER_REF}/?$", v.PaperDetailView.as_view(), name="paper-detail"),
    re_path(rf"^papers/{PAPER_REF}/related/?$", v.PaperRelatedView.as_view(), name="paper-related"),
    re_path(rf"^research/papers/{PAPER_REF}/read/?$", v.PaperReadView.as_view(), name="paper-read"),
    re_path(rf"^research/papers/{PAPER_REF}/lineage/?$", v.PaperLineageView.as_view(), name="paper-lineage"),
    route("evaluations", v.EvaluationListView, "evaluation-list"),
    route("datasets", v.DatasetListView, "dataset-list"),
    route("datasets/<ref>", v.DatasetDetailView, "dataset-detail"),
    route("datasets/<ref>/evaluations", v.DatasetEvaluationListView, "dataset-evaluations"),
    route("tasks", v.TaskListView, "task-list"),
    route("tasks/<ref>", v.TaskDetailView, "task-detail"),
    route("tasks/<ref>/page", v.TaskPageView, "task-page"),
    route("tasks/<ref>/trending-benchmarks", v.TaskTrendingBenchmarksView, "task-trending-benchmarks"),
    route("tasks/<ref>/papers", v.TaskPaperListView, "task-papers"),
    route("areas", v.AreaListView, "area-list"),
    route("areas/with-tasks", v.AreaWithTasksView, "area-with-tasks"),
    route("areas/with-task-benchmarks", v.AreaWithTaskBenchmarksView, "area-with-task-benchmarks"),
    re_path(r"^.*$", UnknownEndpointView.as_view(), name="unknown"),
]
