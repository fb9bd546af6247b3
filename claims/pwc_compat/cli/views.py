"""The pwc CLI's v1 contract: small read-only views over the compatibility selectors.

Envelopes follow the contract: lists are `{count, next, previous, results}`, details are bare
objects, nothing is wrapped in `{schema_version, data}`.
"""

from django.http import Http404, HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework.response import Response

from claims.models import Benchmark
from claims.pwc_compat.base import CompatView
from claims.pwc_compat.cli import serializers as s
from claims.pwc_compat.links import author_names
from claims.pwc_compat.pagination import CliPagination
from claims.pwc_compat.selectors import benchmarks, evaluations, papers, tasks

TAG = "Papers with Code: pwc CLI v1"
NOT_FOUND = {404: OpenApiResponse(description="No such object.")}
BAD_PARAMETER = {400: OpenApiResponse(description="A bad parameter, named in the answer.")}


def _path(name: str, description: str) -> OpenApiParameter:
    return OpenApiParameter(name, OpenApiTypes.STR, OpenApiParameter.PATH, description=description)


def _docs(summary: str, response, *, query=None, path=(), found=False, description=""):
    return extend_schema(
        summary=summary,
        description=description,
        tags=[TAG],
        parameters=[*path, *([query] if query else [])],
        responses={200: response, **BAD_PARAMETER, **(NOT_FOUND if found else {})},
    )


PAPER_REF = _path("ref", "Our id, or an arXiv id (legacy ones keep their slash: hep-th/9901001).")
TASK_REF = _path("ref", "Task id, slug or name.")
BENCHMARK_REF = _path("ref", "Benchmark id or slug.")


class CliView(CompatView):
    operation_prefix = "pwc_cli"
    pagination_class = CliPagination


def _paper(ref: str):
    paper = papers.paper_by_ref(ref=ref)
    if paper is None:
        raise Http404(f"No paper {ref!r}.")
    return paper


def _task(ref: str) -> tasks.TaskRef:
    task = tasks.task_get(ref=ref)
    if task is None:
        raise Http404(f"No task {ref!r}.")
    return task


def _benchmark(ref: str) -> Benchmark:
    benchmark = benchmarks.benchmark_by_ref(ref=ref)
    if benchmark is None:
        raise Http404(f"No benchmark {ref!r}.")
    return benchmark


def _paper_context(*, include_resources: bool = False):
    def context_for(rows) -> dict:
        ids = [paper.pk for paper in rows]
        return {
            "methods_of": papers.method_names_of_papers(paper_ids=ids),
            "include_resources": include_resources,
        }

    return context_for


def _evaluation_context(rows) -> dict:
    ids = {result.row.paper_id for result in rows if not result.row.paper_arxiv_id}
    return {"paper_urls": papers.paper_urls(paper_ids=ids)}


def _dated(queryset, query: dict):
    if start := query.get("start_date"):
        queryset = queryset.filter(published__gte=start)
    if end := query.get("end_date"):
        queryset = queryset.filter(published__lte=end)
    return queryset


# Papers


class SearchView(CliView):
    @_docs("Search papers", s.PwcCliPaperPageSerializer, query=s.PwcCliSearchQuerySerializer)
    def get(self, request):
        query = self.query(s.PwcCliSearchQuerySerializer)
        found = papers.paper_search(queryset=papers.paper_queryset(), q=query.get("q", ""))
        return self.page(_dated(found, query), s.PwcCliPaperSerializer, _paper_context())


class PaperListView(CliView):
    @_docs(
        "List papers, with the filters applied echoed",
        s.PwcCliFilteredPaperPageSerializer,
        query=s.PwcCliPaperListQuerySerializer,
        description="`applied_filters` repeats each filter given; the CLI checks it before trusting a page.",
    )
    def get(self, request):
        query = self.query(s.PwcCliPaperListQuerySerializer)
        found = _dated(
            papers.paper_search(queryset=papers.paper_queryset(), q=query.get("search", "")), query
        )
        if "task" in query:
            task = tasks.task_get(ref=query["task"])
            found = papers.papers_of_task(queryset=found, task=task) if task else found.none()
        if "method" in query:
            found = papers.papers_of_method(queryset=found, method=query["method"])
        if any(key in query for key in ("conference", "framework", "organization")):
            found = found.none()  # not recorded: no paper has one
        found = papers.papers_ordered(
            queryset=found, order_by=query["order_by"], descending=query["order_dir"] == "desc"
        )
        response = self.page(
            found, s.PwcCliPaperSerializer, _paper_context(include_resources=query["include_resources"])
        )
        applied = {
            key: self.param(key)
            for key in (*s.PwcCliPaperListQuerySerializer.FILTERS, "search")
            if key in query
        }
        response.data["applied_filters"] = applied
        return response


class PaperDetailView(CliView):
    @_docs(
        "One paper",
        s.PwcCliPaperDetailSerializer,
        query=s.PwcCliPaperQuerySerializer,
        path=[PAPER_REF],
        found=True,
    )
    def get(self, request, ref: str):
        query = self.query(s.PwcCliPaperQuerySerializer)
        paper = _paper(ref)
        context = _paper_context(include_resources=query["include_resources"])([paper])
        return Response(s.PwcCliPaperDetailSerializer(paper, context=context).data)


class PaperReadView(CliView):
    @extend_schema(
        summary="A paper as Markdown (title, authors, abstract)",
        tags=[TAG],
        parameters=[PAPER_REF],
        responses={(200, "text/markdown"): OpenApiTypes.STR, **NOT_FOUND},
    )
    def get(self, request, ref: str):
        paper = _paper(ref)
        authors = ", ".join(author_names(paper))
        text = f"# {paper.title}\n\n" + (f"{authors}\n\n" if authors else "") + f"{paper.abstract}\n"
        return HttpResponse(text, content_type="text/markdown; charset=utf-8")


class PaperLineageView(CliView):
    @_docs(
        "A paper's lineage (not recorded: no predecessors or successors)",
        s.PwcCliLineageSerializer,
        path=[PAPER_REF],
        found=True,
    )
    def get(self, request, ref: str):
        data = {"paper": _paper(ref), "predecessors": [], "successors": []}
        return Response(s.PwcCliLineageSerializer(data).data)


class PaperRelatedView(CliView):
    @_docs(
        "Papers reporting on the same benchmarks",
        s.PwcCliPaperPageSerializer,
        query=s.PwcCliLimitQuerySerializer,
        path=[PAPER_REF],
        found=True,
    )
    def get(self, request, ref: str):
        query = self.query(s.PwcCliLimitQuerySerializer)
        return self._listed(papers.papers_related(paper=_paper(ref), limit=query["limit"]))

    def _listed(self, found: list):
        context = _paper_context()(found)
        return Response(
            {
                "count": len(found),
                "next": None,
                "previous": None,
                "results": s.PwcCliPaperSerializer(found, many=True, context=context).data,
            }
        )


class PaperRecentView(PaperRelatedView):
    @_docs("The newest papers", s.PwcCliPaperPageSerializer, query=s.PwcCliLimitQuerySerializer)
    def get(self, request):
        return self._listed(papers.papers_recent(limit=self.query(s.PwcCliLimitQuerySerializer)["limit"]))


class PaperTrendingView(PaperRelatedView):
    @_docs(
        "Papers with the most upvotes a day",
        s.PwcCliPaperPageSerializer,
        query=s.PwcCliTrendingPapersQuerySerializer,
        description="Upvotes come from Hugging Face Daily Papers imports; papers without upvotes are left out.",
    )
    def get(self, request):
        query = self.query(s.PwcCliTrendingPapersQuerySerializer)
        found = papers.papers_trending(
            limit=query["limit"], max_age_days=query["max_age_days"], min_velocity=query.get("min_velocity")
        )
        return self._listed(found)


# Evaluations


class EvaluationListView(CliView):
    @_docs(
        "Evaluation rows of a paper or a benchmark",
        s.PwcCliEvaluationPageSerializer,
        query=s.PwcCliEvaluationQuerySerializer,
        description="One row per leaderboard entry (a paper's best score of a method on a benchmark and metric).",
    )
    def get(self, request):
        query = self.query(s.PwcCliEvaluationQuerySerializer)
        benchmark = None
        if "paper_id" not in query and "dataset_id" in query:
            benchmark = benchmarks.benchmark_by_ref(ref=query["dataset_id"])
            if benchmark is None:
                return self.page([], s.PwcCliEvaluationSerializer)
        rows = evaluations.result_rows(
            paper_id=query.get("paper_id"),
            benchmark=benchmark,
            is_open=query["is_open"],
            ordering=query.get("ordering"),
        )
        return self.page(rows, s.PwcCliEvaluationSerializer, _evaluation_context)


# Benchmarks


class DatasetListView(CliView):
    @_docs("List benchmarks", s.PwcCliBenchmarkPageSerializer, query=s.PwcCliBenchmarkListQuerySerializer)
    def get(self, request):
        query = self.query(s.PwcCliBenchmarkListQuerySerializer)
        found = benchmarks.benchmark_list_filtered(
            q=query.get("q", ""),
            task_ref=query.get("task"),
            min_eval_count=query.get("min_eval_count"),
            is_open=query["is_open"],
            ordering=query.get("ordering"),
        )
        return self.page(found, s.PwcCliBenchmarkSerializer)


class DatasetDetailView(CliView):
    @_docs("One benchmark", s.PwcCliBenchmarkSerializer, path=[BENCHMARK_REF], found=True)
    def get(self, request, ref: str):
        benchmark = benchmarks.benchmark_catalog().get(pk=_benchmark(ref).pk)
        return Response(s.PwcCliBenchmarkSerializer(benchmark).data)


class DatasetEvaluationListView(CliView):
    @_docs(
        "A benchmark's leaderboard rows on every metric, best rank first",
        s.PwcCliEvaluationPageSerializer,
        query=s.PwcCliLeaderboardQuerySerializer,
        path=[BENCHMARK_REF],
        found=True,
    )
    def get(self, request, ref: str):
        query = self.query(s.PwcCliLeaderboardQuerySerializer)
        rows = evaluations.result_rows(
            benchmark=_benchmark(ref), is_open=query["is_open"], ordering=query.get("ordering")
        )
        return self.page(rows, s.PwcCliEvaluationSerializer, _evaluation_context)


# Tasks and areas


def _task_context(task_list: list) -> dict:
    return {"counts": tasks.task_counts(tasks=task_list)}


class TaskListView(CliView):
    @_docs("List tasks", s.PwcCliTaskListPageSerializer, query=s.PwcCliTaskListQuerySerializer)
    def get(self, request):
        query = self.query(s.PwcCliTaskListQuerySerializer)
        found = tasks.task_list(q=query.get("q", ""), area_id=query.get("area_id"))
        if "level" in query:
            found = [task for task in found if task.level == query["level"]]
        counts = tasks.task_counts(tasks=found)
        if ordering := query.get("ordering"):
            found = tasks.task_list_ordered(tasks=found, counts=counts, ordering=ordering)
        return self.page(found, s.PwcCliTaskSerializer, counts=counts)


class TaskDetailView(CliView):
    @_docs("One task", s.PwcCliTaskSerializer, path=[TASK_REF], found=True)
    def get(self, request, ref: str):
        task = _task(ref)
        return Response(s.PwcCliTaskSerializer(task, context=_task_context([task])).data)


class TaskPageView(CliView):
    @_docs(
        "A task with its benchmarks, parents and children",
        s.PwcCliTaskPageSerializer,
        path=[TASK_REF],
        found=True,
    )
    def get(self, request, ref: str):
        task = _task(ref)
        parents, children = tasks.task_parents(task=task), tasks.task_children(task=task)
        found = benchmarks.benchmarks_in_task(queryset=benchmarks.benchmark_catalog(), task=task)
        page = {
            "task": task,
            "parents": parents,
            "children": children,
            "sisters": [],
            "recommended_frameworks": [],
            "benchmarks": list(found.order_by("-evaluation_count", "name")),
            "subtask_benchmarks": [],
        }
        return Response(
            s.PwcCliTaskPageSerializer(page, context=_task_context([task, *parents, *children])).data
        )


class TaskTrendingBenchmarksView(CliView):
    @_docs(
        "A task's benchmarks, most reported on recently first",
        s.PwcCliTrendingListSerializer,
        query=s.PwcCliTrendingQuerySerializer,
        path=[TASK_REF],
        found=True,
        description=f"`recent_paper_count` counts papers of the last {benchmarks.RECENT_DAYS} days.",
    )
    def get(self, request, ref: str):
        query = self.query(s.PwcCliTrendingQuerySerializer)
        task = _task(ref)
        found = benchmarks.trending_benchmarks(task=task, min_recent_papers=query["min_recent_papers"])
        found = [] if query["is_open"] is False else found[: query["limit"]]
        data = {
            "task_id": task.id,
            "task_slug": task.slug,
            "recent_days": benchmarks.RECENT_DAYS,
            "results": found,
        }
        context = {"best": benchmarks.best_results(benchmarks=found)}
        return Response(s.PwcCliTrendingListSerializer(data, context=context).data)


class TaskPaperListView(CliView):
    @_docs(
        "Papers reporting on a task's benchmarks",
        s.PwcCliPaperPageSerializer,
        query=s.PwcCliTaskPapersQuerySerializer,
        path=[TASK_REF],
        found=True,
    )
    def get(self, request, ref: str):
        query = self.query(s.PwcCliTaskPapersQuerySerializer)
        found = papers.papers_of_task(queryset=papers.paper_queryset(), task=_task(ref))
        found = papers.papers_ordered(
            queryset=found, order_by=query["order_by"], descending=query["order_dir"] == "desc"
        )
        return self.page(
            found, s.PwcCliPaperSerializer, _paper_context(include_resources=query["include_resources"])
        )


class AreaListView(CliView):
    @_docs("List areas", s.PwcCliAreaPageSerializer, query=s.PwcCliPageQuerySerializer)
    def get(self, request):
        self.query(s.PwcCliPageQuerySerializer)
        return self.page(tasks.area_list(), s.PwcCliAreaSerializer)


class AreaWithTasksView(CliView):
    @_docs("Areas with their tasks", s.PwcCliAreaWithTasksPageSerializer, query=s.PwcCliPageQuerySerializer)
    def get(self, request):
        self.query(s.PwcCliPageQuerySerializer)
        areas = tasks.area_list()
        every_task = tasks.task_list()
        context = {
            "counts": tasks.task_counts(tasks=every_task),
            "tasks_of": lambda area: tasks.tasks_in_area(tasks=every_task, area=area),
        }
        return self.page(areas, s.PwcCliAreaWithTasksSerializer, **context)


class AreaWithTaskBenchmarksView(CliView):
    @_docs(
        "Areas with their tasks and each task's most evaluated benchmarks",
        s.PwcCliAreaWithBenchmarksPageSerializer,
        query=s.PwcCliAreaBenchmarksQuerySerializer,
        description="Benchmarks with no task yet are listed under a task named 'No task yet' (slug '').",
    )
    def get(self, request):
        query = self.query(s.PwcCliAreaBenchmarksQuerySerializer)
        groups = benchmarks.benchmarks_by_area(
            min_eval_count=query["min_eval_count"], per_task=query["benchmarks_per_task"]
        )
        return self.page(groups, s.PwcCliAreaWithBenchmarksSerializer)
