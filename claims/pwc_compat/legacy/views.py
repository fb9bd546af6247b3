"""The old Papers with Code API: small read-only views over the compatibility selectors.

Every write the old client can send (POST, PUT, PATCH, DELETE) is answered 405 with a pointer to our own
API (see CompatView).
"""

from django.db.models import Q
from django.http import Http404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework.response import Response

from claims.models import Benchmark, Metric
from claims.pwc_compat.base import CompatView
from claims.pwc_compat.legacy import serializers as s
from claims.pwc_compat.pagination import LegacyPagination
from claims.pwc_compat.selectors import evaluations, papers, tasks

TAG = "Papers with Code: legacy API (paperswithcode-client)"


def _query(name: str, description: str) -> OpenApiParameter:
    return OpenApiParameter(name, OpenApiTypes.STR, OpenApiParameter.QUERY, description=description)


PAGE_PARAMETERS = [
    OpenApiParameter(
        "page",
        {"type": "integer", "minimum": 1},
        OpenApiParameter.QUERY,
        description="Page number, from 1; anything else is a 400, a page past the last a 404.",
    ),
    OpenApiParameter(
        "items_per_page",
        {"type": "integer", "minimum": 1, "maximum": LegacyPagination.max_page_size},
        OpenApiParameter.QUERY,
        description=f"Items per page, 1 to {LegacyPagination.max_page_size} (default "
        f"{LegacyPagination.page_size}); anything else is a 400, never cut or ignored.",
    ),
]
NOT_FOUND = {404: OpenApiResponse(description="No such object.")}


def _docs(summary: str, response, *, parameters=(), paginated=True):
    return extend_schema(
        summary=summary,
        tags=[TAG],
        parameters=[*parameters, *(PAGE_PARAMETERS if paginated else [])],
        responses={200: response, **({} if paginated else NOT_FOUND)},
    )


class LegacyView(CompatView):
    operation_prefix = "pwc_legacy"
    pagination_class = LegacyPagination


def _paper(paper_id: str):
    paper = papers.paper_by_ref(ref=paper_id)
    if paper is None:
        raise Http404(f"No paper {paper_id!r}.")
    return paper


def _task(task_id: str) -> tasks.TaskRef:
    task = tasks.task_get(ref=task_id)
    if task is None:
        raise Http404(f"No task {task_id!r}.")
    return task


def _dataset(dataset_id: str) -> Benchmark:
    benchmark = Benchmark.objects.filter(slug=dataset_id).first()
    if benchmark is None:
        raise Http404(f"No dataset {dataset_id!r}.")
    return benchmark


def _table(evaluation_id: str) -> evaluations.EvaluationTable:
    table = evaluations.evaluation_table_get(table_id=evaluation_id)
    if table is None:
        raise Http404(f"No evaluation table {evaluation_id!r}.")
    return table


def _repository(owner: str, name: str) -> papers.Repository:
    found = [r for r in papers.repository_list(owner=owner) if r.name.casefold() == name.casefold()]
    if not found:
        raise Http404(f"No repository {owner}/{name}.")
    return found[0]


def _table_context() -> dict:
    return {"task_of": lambda benchmark: tasks.task_of_benchmark(benchmark=benchmark)}


# Papers and search


class SearchView(LegacyView):
    @_docs(
        "Search papers (title and abstract)", s.PwcPaperRepoPageSerializer, parameters=[_query("q", "Text.")]
    )
    def get(self, request):
        found = papers.paper_search(queryset=papers.paper_queryset(), q=self.param("q"))
        return self.page(found, s.PwcPaperRepoSerializer)


class PaperListView(LegacyView):
    @_docs(
        "List papers",
        s.PwcPaperPageSerializer,
        parameters=[
            _query("q", "Text in the title or abstract."),
            _query("arxiv_id", "arXiv id."),
            _query("title", "Part of the title."),
            _query("abstract", "Part of the abstract."),
        ],
    )
    def get(self, request):
        found = papers.paper_search(queryset=papers.paper_queryset(), q=self.param("q"))
        if arxiv_id := self.param("arxiv_id"):
            found = found.filter(arxiv_id=papers.bare_arxiv_id(arxiv_id) or arxiv_id)
        if title := self.param("title"):
            found = found.filter(title__icontains=title)
        if abstract := self.param("abstract"):
            found = found.filter(abstract__icontains=abstract)
        return self.page(found, s.PwcPaperSerializer)


class PaperDetailView(LegacyView):
    @_docs("One paper (by id or arXiv id)", s.PwcPaperSerializer, paginated=False)
    def get(self, request, paper_id: str):
        return Response(s.PwcPaperSerializer(_paper(paper_id)).data)


class PaperDatasetListView(LegacyView):
    @_docs("Datasets a paper reports results on", s.PwcDatasetPageSerializer)
    def get(self, request, paper_id: str):
        return self.page(papers.benchmarks_of_paper(paper_id=_paper(paper_id).pk), s.PwcDatasetSerializer)


class PaperRepositoryListView(LegacyView):
    @_docs("A paper's code repository", s.PwcRepositoryPageSerializer)
    def get(self, request, paper_id: str):
        repository = papers.repository_of(code_url=_paper(paper_id).code_url)
        return self.page([repository] if repository else [], s.PwcRepositorySerializer, is_official=True)


class PaperTaskListView(LegacyView):
    @_docs("Tasks of the benchmarks a paper reports on", s.PwcTaskPageSerializer)
    def get(self, request, paper_id: str):
        benchmarks = papers.benchmarks_of_paper(paper_id=_paper(paper_id).pk)
        return self.page(tasks.tasks_of_benchmarks(benchmarks=benchmarks), s.PwcTaskSerializer)


class PaperMethodListView(LegacyView):
    @_docs("Methods a paper reports results of", s.PwcMethodPageSerializer)
    def get(self, request, paper_id: str):
        return self.page(papers.method_list(paper_id=_paper(paper_id).pk), s.PwcMethodSerializer)


class PaperResultListView(LegacyView):
    @_docs("A paper's result rows on every evaluation table", s.PwcResultPageSerializer)
    def get(self, request, paper_id: str):
        return self.page(evaluations.paper_results(paper_id=_paper(paper_id).pk), s.PwcResultSerializer)


# Repositories (from the papers' code URLs)


class RepositoryListView(LegacyView):
    @_docs(
        "List code repositories",
        s.PwcRepositoryPageSerializer,
        parameters=[
            _query("q", "Part of the URL."),
            _query("owner", "Owner."),
            _query("name", "Part of the name."),
            _query("stars", "Ignored: stars are not recorded."),
            _query("framework", "Frameworks are not recorded: any value gives an empty page."),
        ],
    )
    def get(self, request):
        if self.param("framework"):
            return self.page([], s.PwcRepositorySerializer)
        found = papers.repository_list(q=self.param("q"), owner=self.param("owner"), name=self.param("name"))
        return self.page(found, s.PwcRepositorySerializer)


class RepositoryOwnerListView(LegacyView):
    @_docs("Repositories of one owner", s.PwcRepositoryPageSerializer)
    def get(self, request, owner: str):
        return self.page(papers.repository_list(owner=owner), s.PwcRepositorySerializer)


class RepositoryDetailView(LegacyView):
    @_docs("One repository", s.PwcRepositorySerializer, paginated=False)
    def get(self, request, owner: str, name: str):
        return Response(s.PwcRepositorySerializer(_repository(owner, name)).data)


class RepositoryPaperListView(LegacyView):
    @_docs("Papers whose code is in a repository", s.PwcPaperPageSerializer)
    def get(self, request, owner: str, name: str):
        return self.page(papers.repository_papers(repository=_repository(owner, name)), s.PwcPaperSerializer)


# Areas and tasks


class AreaListView(LegacyView):
    @_docs("List areas", s.PwcAreaPageSerializer, parameters=[_query("q", "Part of the name.")])
    def get(self, request):
        needle = (self.param("q") or self.param("name")).casefold()
        return self.page([a for a in tasks.area_list() if needle in a.name.casefold()], s.PwcAreaSerializer)


class AreaDetailView(LegacyView):
    @_docs("One area", s.PwcAreaSerializer, paginated=False)
    def get(self, request, area_id: str):
        area = tasks.area_get(ref=area_id)
        if area is None:
            raise Http404(f"No area {area_id!r}.")
        return Response(s.PwcAreaSerializer(area).data)


class AreaTaskListView(LegacyView):
    @_docs("Tasks of an area", s.PwcTaskPageSerializer)
    def get(self, request, area_id: str):
        if tasks.area_get(ref=area_id) is None:
            raise Http404(f"No area {area_id!r}.")
        return self.page(tasks.task_list(area_id=area_id), s.PwcTaskSerializer)


class TaskListView(LegacyView):
    @_docs(
        "List tasks",
        s.PwcTaskPageSerializer,
        parameters=[_query("q", "Part of the name."), _query("name", "Part of the name.")],
    )
    def get(self, request):
        found = tasks.task_list(q=self.param("q"))
        if name := self.param("name").casefold():
            found = [task for task in found if name in task.name.casefold()]
        return self.page(found, s.PwcTaskSerializer)


class TaskDetailView(LegacyView):
    @_docs("One task", s.PwcTaskSerializer, paginated=False)
    def get(self, request, task_id: str):
        return Response(s.PwcTaskSerializer(_task(task_id)).data)


class TaskParentListView(LegacyView):
    @_docs("Parent tasks", s.PwcTaskPageSerializer)
    def get(self, request, task_id: str):
        return self.page(tasks.task_parents(task=_task(task_id)), s.PwcTaskSerializer)


class TaskChildListView(LegacyView):
    @_docs("Child tasks", s.PwcTaskPageSerializer)
    def get(self, request, task_id: str):
        return self.page(tasks.task_children(task=_task(task_id)), s.PwcTaskSerializer)


class TaskPaperListView(LegacyView):
    @_docs("Papers reporting results on a task's benchmarks", s.PwcPaperPageSerializer)
    def get(self, request, task_id: str):
        found = papers.papers_of_task(queryset=papers.paper_queryset(), task=_task(task_id))
        return self.page(found, s.PwcPaperSerializer)


class TaskEvaluationListView(LegacyView):
    @_docs("Evaluation tables of a task", s.PwcEvaluationTablePageSerializer)
    def get(self, request, task_id: str):
        benchmark_ids = list(tasks.benchmarks_of_task(task=_task(task_id)).values_list("pk", flat=True))
        tables = evaluations.evaluation_table_list(benchmark_ids=benchmark_ids)
        return self.page(tables, s.PwcEvaluationTableSerializer, **_table_context())


# Datasets (our benchmarks)


class DatasetListView(LegacyView):
    @_docs(
        "List datasets (our benchmarks)",
        s.PwcDatasetPageSerializer,
        parameters=[
            _query("q", "Part of the name or of another name."),
            _query("name", "Name (case-insensitive)."),
            _query("full_name", "Full name (case-insensitive)."),
        ],
    )
    def get(self, request):
        found = Benchmark.objects.order_by("name")
        if q := self.param("q"):
            found = found.filter(Q(name__icontains=q) | Q(slug__icontains=q) | Q(aliases__name__icontains=q))
        for param in ("name", "full_name"):
            if value := self.param(param):
                found = found.filter(name__iexact=value)
        return self.page(found.distinct(), s.PwcDatasetSerializer)


class DatasetDetailView(LegacyView):
    @_docs("One dataset", s.PwcDatasetSerializer, paginated=False)
    def get(self, request, dataset_id: str):
        return Response(s.PwcDatasetSerializer(_dataset(dataset_id)).data)


class DatasetEvaluationListView(LegacyView):
    @_docs("Evaluation tables of a dataset, one per metric", s.PwcEvaluationTablePageSerializer)
    def get(self, request, dataset_id: str):
        tables = evaluations.evaluation_table_list(benchmark_ids=[_dataset(dataset_id).pk])
        return self.page(tables, s.PwcEvaluationTableSerializer, **_table_context())


# Methods (the method names of score claims)


class MethodListView(LegacyView):
    @_docs(
        "List methods",
        s.PwcMethodPageSerializer,
        parameters=[
            _query("q", "Part of the name."),
            _query("name", "Part of the name."),
            _query("full_name", "Part of the name."),
        ],
    )
    def get(self, request):
        found = papers.method_list(q=self.param("q"))
        for param in ("name", "full_name"):
            if value := self.param(param).casefold():
                found = [m for m in found if value in m.name.casefold()]
        return self.page(found, s.PwcMethodSerializer)


class MethodDetailView(LegacyView):
    @_docs("One method", s.PwcMethodSerializer, paginated=False)
    def get(self, request, method_id: str):
        method = papers.method_get(method_id=method_id)
        if method is None:
            raise Http404(f"No method {method_id!r}.")
        return Response(s.PwcMethodSerializer(method).data)


# Evaluation tables (a benchmark on one metric) and their results


class EvaluationListView(LegacyView):
    @_docs("List evaluation tables", s.PwcEvaluationTablePageSerializer)
    def get(self, request):
        return self.page(
            evaluations.evaluation_table_list(), s.PwcEvaluationTableSerializer, **_table_context()
        )


class EvaluationDetailView(LegacyView):
    @_docs("One evaluation table", s.PwcEvaluationTableSerializer, paginated=False)
    def get(self, request, evaluation_id: str):
        return Response(s.PwcEvaluationTableSerializer(_table(evaluation_id), context=_table_context()).data)


class EvaluationMetricListView(LegacyView):
    @_docs("The metric of an evaluation table", s.PwcMetricPageSerializer)
    def get(self, request, evaluation_id: str):
        return self.page([_table(evaluation_id).metric], s.PwcMetricSerializer)


class EvaluationMetricDetailView(LegacyView):
    @_docs("One metric of an evaluation table", s.PwcMetricSerializer, paginated=False)
    def get(self, request, evaluation_id: str, metric_id: str):
        metric: Metric = _table(evaluation_id).metric
        if metric_id != metric.slug:
            raise Http404(f"No metric {metric_id!r} in {evaluation_id!r}.")
        return Response(s.PwcMetricSerializer(metric).data)


class EvaluationResultListView(LegacyView):
    @_docs("Result rows of an evaluation table, best first", s.PwcResultPageSerializer)
    def get(self, request, evaluation_id: str):
        return self.page(evaluations.table_results(table=_table(evaluation_id)), s.PwcResultSerializer)


class EvaluationResultDetailView(LegacyView):
    @_docs("One result row", s.PwcResultSerializer, paginated=False)
    def get(self, request, evaluation_id: str, result_id: str):
        result = evaluations.result_get(table=_table(evaluation_id), result_id=result_id)
        if result is None:
            raise Http404(f"No result {result_id!r} in {evaluation_id!r}.")
        return Response(s.PwcResultSerializer(result).data)


class ReadOnlyView(LegacyView):
    """Endpoints that only ever wrote (evaluation synchronisation): every method is refused."""

    @extend_schema(exclude=True)
    def get(self, request, *args, **kwargs):
        return self.http_method_not_allowed(request)
