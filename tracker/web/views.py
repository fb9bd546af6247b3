"""Public pages: thin views over tracker.web.selectors and the claims selectors."""

from urllib.parse import urlencode

from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse

from claims.api.leaderboard import ScoreQuerySerializer
from claims.models import Benchmark
from tracker.web.chart import sota_chart
from tracker.web.highlight import abstract_segments
from tracker.web.selectors import (
    BOARD_ROWS_SHOWN,
    benchmark_page_get,
    home_page_get,
    paper_get,
    site_search,
    task_groups,
)


def home(request):
    query = request.GET.get("q", "")
    context = {
        "page": home_page_get(),
        "search": site_search(query=query) if query.strip() else None,
        "query": query,
    }
    return render(request, "web/home.html", context)


def task_list(request):
    return render(request, "web/task_list.html", {"groups": task_groups()})


def task_detail(request, slug: str):
    groups = task_groups(slug=slug)
    if not groups:
        raise Http404("No task with this name has benchmarks.")
    return render(request, "web/task_detail.html", {"group": groups[0]})


def benchmark_detail(request, slug: str):
    benchmark = get_object_or_404(Benchmark, slug=slug)
    # Empty form fields mean "any", as if the parameter were absent; other parameters are ignored.
    known = ScoreQuerySerializer().fields
    params = {key: value for key, value in request.GET.items() if key in known and value.strip()}
    query = ScoreQuerySerializer(data=params, context={"benchmark": benchmark})
    context = {
        "benchmark": benchmark,
        "tasks": task_groups(benchmark=benchmark),
        "params": params,
        "rows_shown": BOARD_ROWS_SHOWN,
    }
    if not query.is_valid():
        context["errors"] = {name: [str(e) for e in errors] for name, errors in query.errors.items()}
        return render(request, "web/benchmark.html", context, status=400)
    page = benchmark_page_get(
        benchmark=benchmark, metric=query.validated_data.get("metric"), filters=query.filters()
    )
    metric = page.board.metric
    api_params = dict(params, metric=metric.slug) if metric else params
    context.update(
        page=page,
        metric=metric,
        entries=page.board.entries[:BOARD_ROWS_SHOWN],
        chart=sota_chart(rows=page.rows, records=page.history.points),
        filters=query.filters(),
        filters_active=any(name != "metric" for name in params),
        api_query=urlencode(sorted(api_params.items())),
        leaderboard_api=reverse("benchmark-leaderboard", args=[benchmark.slug]),
        history_api=reverse("benchmark-history", args=[benchmark.slug]),
    )
    return render(request, "web/benchmark.html", context)


def paper_detail(request, pk: int):
    paper = paper_get(pk=pk)
    claims = list(paper.claims.all())
    live = [claim for claim in claims if claim.status != claim.Status.REJECTED]
    context = {
        "paper": paper,
        "claims": claims,
        "segments": abstract_segments(paper.abstract, live),
        "arxiv_url": _arxiv_url(paper),
    }
    return render(request, "web/paper.html", context)


def _arxiv_url(paper) -> str:
    if "arxiv.org" in (paper.url or ""):
        return paper.url
    return f"https://arxiv.org/abs/{paper.arxiv_id}" if paper.arxiv_id else ""
