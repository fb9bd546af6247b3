"""Routes of the old Papers with Code API, mounted at /pwc/api/v1/ (the client's `url="http://host/pwc"`)."""

from django.urls import re_path

from claims.pwc_compat.base import UnknownEndpointView
from claims.pwc_compat.legacy import views as v
from claims.pwc_compat.routes import route

app_name = "pwc-legacy"

urlpatterns = [
    route("search", v.SearchView, "search"),
    route("papers", v.PaperListView, "paper-list"),
    route("papers/<paper_id>", v.PaperDetailView, "paper-detail"),
    route("papers/<paper_id>/datasets", v.PaperDatasetListView, "paper-datasets"),
    route("papers/<paper_id>/repositories", v.PaperRepositoryListView, "paper-repositories"),
    route("papers/<paper_id>/tasks", v.PaperTaskListView, "paper-tasks"),
    route("papers/<paper_id>/methods", v.PaperMethodListView, "paper-methods"),
    route("papers/<paper_id>/results", v.PaperResultListView, "paper-results"),
    route("repositories", v.RepositoryListView, "repository-list"),
    route("repositories/<owner>", v.RepositoryOwnerListView, "repository-owner"),
    route("repositories/<owner>/<name>", v.RepositoryDetailView, "repository-detail"),
    route("repositories/<owner>/<name>/papers", v.RepositoryPaperListView, "repository-papers"),
    route("areas", v.AreaListView, "area-list"),
    route("areas/<area_id>", v.AreaDetailView, "area-detail"),
    route("areas/<area_id>/tasks", v.AreaTaskListView, "area-tasks"),
    route("tasks", v.TaskListView, "task-list"),
    route("tasks/<task_id>", v.TaskDetailView, "task-detail"),
    route("tasks/<task_id>/parents", v.TaskParentListView, "task-parents"),
    route("tasks/<task_id>/children", v.TaskChildListView, "task-children"),
    route("tasks/<task_id>/papers", v.TaskPaperListView, "task-papers"),
    route("tasks/<task_id>/evaluations", v.TaskEvaluationListView, "task-evaluations"),
    route("datasets", v.DatasetListView, "dataset-list"),
    route("datasets/<dataset_id>", v.DatasetDetailView, "dataset-detail"),
    route("datasets/<dataset_id>/evaluations", v.DatasetEvaluationListView, "dataset-evaluations"),
    route("methods", v.MethodListView, "method-list"),
    route("methods/<method_id>", v.MethodDetailView, "method-detail"),
    route("evaluations", v.EvaluationListView, "evaluation-list"),
    route("evaluations/<evaluation_id>", v.EvaluationDetailView, "evaluation-detail"),
    route("evaluations/<evaluation_id>/metrics", v.EvaluationMetricListView, "evaluation-metrics"),
    route(
        "evaluations/<evaluation_id>/metrics/<metric_id>", v.EvaluationMetricDetailView, "evaluation-metric"
    ),
    route("evaluations/<evaluation_id>/results", v.EvaluationResultListView, "evaluation-results"),
    route(
        "evaluations/<evaluation_id>/results/<result_id>", v.EvaluationResultDetailView, "evaluation-result"
    ),
    route("rpc/<procedure>", v.ReadOnlyView, "rpc"),
    re_path(r"^.*$", UnknownEndpointView.as_view(), name="unknown"),
]
