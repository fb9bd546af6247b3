"""Reads behind the pages. Rankings come from the claims selectors; these only gather and cache them."""

import datetime
from dataclasses import dataclass, field, fields, replace

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count, Prefetch, Q
from django.shortcuts import get_object_or_404
from django.utils.text import slugify

from claims.cache import site_cache_key
from claims.models import Benchmark, Claim, Metric, Task
from claims.selectors.catalog import benchmark_list
from claims.selectors.claims import claim_list_of_paper
from claims.selectors.history import History, history_get
from claims.selectors.leaderboard import Leaderboard, leaderboard_get
from claims.selectors.scores import (
    ROW_FIELDS,
    MetricUsage,
    ScoreFilters,
    ScoreRow,
    better_first,
    cache_params,
    cached,
    live_scores,
    score_rows,
)
from papers.models import Paper

# Claim fields a benchmark page offers as filters, when its claims have more than one value for them.
# Each must also be a field of ScoreFilters; a field added there (provenance, split) is offered by adding it here.
BENCHMARK_FILTER_FIELDS = {"setting": "Setting", "provenance": "Provenance", "split": "Split"}
# A leaderboard page shows this many rows; the CSV and JSON links have them all.
BOARD_ROWS_SHOWN = 200
UNCLASSIFIED_TASK = "Unclassified"


def _site_cached(*, kind: str, params: dict, build):
    key = site_cache_key(kind=kind, params=params)
    result = cache.get(key)
    if result is None:
        result = build()
        cache.set(key, result, settings.LEADERBOARD_CACHE_SECONDS)
    return result


# -- benchmark page ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class FilterOption:
    name: str
    label: str
    values: list[str]


@dataclass(frozen=True)
class ClaimDetail:
    confidence: float
    value_text: str


@dataclass(frozen=True)
class BenchmarkPage:
    board: Leaderboard
    history: History
    rows: list[ScoreRow] = field(default_factory=list)
    details: dict[int, ClaimDetail] = field(default_factory=dict)
    filters: list[FilterOption] = field(default_factory=list)


def benchmark_filter_fields() -> dict[str, str]:
    """The filter fields that exist today both on claims and in ScoreFilters."""
    known = {f.name for f in fields(ScoreFilters)}
    claim_fields = {f.name for f in Claim._meta.get_fields()}
    return {name: label for name, label in BENCHMARK_FILTER_FIELDS.items() if name in known & claim_fields}


def _filter_options(*, benchmark_id: int, metric_id: int) -> list[FilterOption]:
    names = list(benchmark_filter_fields())
    if not names:
        return []
    seen: dict[str, set[str]] = {name: set() for name in names}
    claims = live_scores(benchmark_id=benchmark_id).filter(metric_id=metric_id)
    for values in claims.order_by().values(*names).distinct():
        for name in names:
            if values[name]:
                seen[name].add(values[name])
    labels = benchmark_filter_fields()
    return [
        FilterOption(name, labels[name], sorted(seen[name], key=str.casefold)) for name in names if seen[name]
    ]


def _benchmark_page_build(
    *, benchmark: Benchmark, metric: Metric | None, filters: ScoreFilters
) -> BenchmarkPage:
    board = leaderboard_get(benchmark=benchmark, metric=metric, filters=filters)
    history = history_get(benchmark=benchmark, metric=metric, filters=filters)
    if board.metric is None:
        return BenchmarkPage(board=board, history=history)
    rows = score_rows(
        benchmark_id=benchmark.pk, metric_id=board.metric.id, filters=replace(filters, split=board.split)
    )
    shown = [entry.row.claim_id for entry in board.entries[:BOARD_ROWS_SHOWN]]
    details = {
        values["id"]: ClaimDetail(values["confidence"], values["value_text"])
        for values in Claim.objects.filter(pk__in=shown).values("id", "confidence", "value_text")
    }
    return BenchmarkPage(
        board=board,
        history=history,
        rows=rows,
        details=details,
        filters=_filter_options(benchmark_id=benchmark.pk, metric_id=board.metric.id),
    )


def benchmark_page_get(
    *, benchmark: Benchmark, metric: Metric | None, filters: ScoreFilters
) -> BenchmarkPage:
    """The leaderboard, the history and every claim behind them, cached with the benchmark's leaderboards."""
    return cached(
        benchmark_id=benchmark.pk,
        kind="page",
        params=cache_params(metric=metric, filters=filters),
        build=lambda: _benchmark_page_build(benchmark=benchmark, metric=metric, filters=filters),
    )


# -- leaders and tasks ------------------------------------------------------------------------------


@dataclass(frozen=True)
class BenchmarkSummary:
    id: int
    slug: str
    name: str
    task: str
    claim_count: int
    paper_count: int
    leader: ScoreRow | None = None
    leader_metric: MetricUsage | None = None


@dataclass(frozen=True)
class TaskLink:
    name: str
    slug: str


@dataclass(frozen=True)
class TaskGroup:
    """A task with its benchmarks: a row of the task catalog, or (catalog=False) a free-text Benchmark.task.

    benchmarks are the task's own; subtask_benchmark_count counts the distinct benchmarks of the tasks below.
    """

    name: str
    slug: str
    benchmarks: list[BenchmarkSummary] = field(default_factory=list)
    catalog: bool = False
    description: str = ""
    parent: TaskLink | None = None
    subtasks: list[TaskLink] = field(default_factory=list)
    subtask_benchmark_count: int = 0

    @property
    def benchmark_count(self) -> int:
        return len(self.benchmarks) + self.subtask_benchmark_count


def _leaders(benchmark_ids: list[int]) -> dict[int, tuple[MetricUsage, ScoreRow]]:
    """Each benchmark's best live score on its most reported metric, in two queries for any number.

    The metric and the order are those of the leaderboard selector (most reported metric, better_first),
    so the leader is the leaderboard's rank 1.
    """
    usages = (
        Claim.objects.filter(benchmark_id__in=benchmark_ids, kind=Claim.Kind.SCORE, metric__isnull=False)
        .exclude(status=Claim.Status.REJECTED)
        .values(
            "benchmark_id",
            "metric_id",
            "metric__slug",
            "metric__name",
            "metric__higher_is_better",
            "metric__unit",
        )  # fmt: skip
        .annotate(claim_count=Count("id"), paper_count=Count("paper_id", distinct=True))
        .order_by("benchmark_id", "-claim_count", "metric__name")
    )
    chosen: dict[int, MetricUsage] = {}
    for row in usages:
        chosen.setdefault(
            row["benchmark_id"],
            MetricUsage(
                id=row["metric_id"],
                slug=row["metric__slug"],
                name=row["metric__name"],
                higher_is_better=row["metric__higher_is_better"],
                unit=row["metric__unit"],
                claim_count=row["claim_count"],
                paper_count=row["paper_count"],
            ),
        )
    if not chosen:
        return {}
    pairs = Q()
    for benchmark_id, usage in chosen.items():
        pairs |= Q(benchmark_id=benchmark_id, metric_id=usage.id)
    claims = (
        Claim.objects.filter(pairs, kind=Claim.Kind.SCORE)
        .exclude(status=Claim.Status.REJECTED)
        .order_by()
        .values("benchmark_id", *ROW_FIELDS)
    )
    best: dict[int, ScoreRow] = {}
    for values in claims:
        benchmark_id = values["benchmark_id"]
        row = ScoreRow.of(values)
        key = better_first(chosen[benchmark_id])
        if benchmark_id not in best or key(row) < key(best[benchmark_id]):
            best[benchmark_id] = row
    return {pk: (chosen[pk], row) for pk, row in best.items()}


def _summaries(benchmarks) -> list[BenchmarkSummary]:
    benchmarks = list(benchmarks)
    leaders = _leaders([b.pk for b in benchmarks])
    summaries = []
    for b in benchmarks:
        usage, row = leaders.get(b.pk, (None, None))
        summaries.append(
            BenchmarkSummary(b.pk, b.slug, b.name, b.task, b.claim_count, b.paper_count, row, usage)
        )
    return summaries


def task_slug(name: str) -> str:
    return slugify(name) or slugify(UNCLASSIFIED_TASK)


def _catalog_groups() -> list[TaskGroup]:
    """Every task that has (or has below it) a benchmark with claims, catalog tasks first, by name.

    Four queries whatever the size: benchmarks with their tasks (one prefetch), their leaders (two) and the
    catalog's tasks (one). A benchmark linked to no Task is grouped by its free-text task; a free-text
    task whose slug is a catalog task's joins that task, so a URL names one page.
    """
    benchmarks = list(benchmark_list().filter(claim_count__gt=0).order_by("-claim_count", "name"))
    summaries = zip(_summaries(benchmarks), ([t.pk for t in b.tasks.all()] for b in benchmarks), strict=True)
    tasks = {t.pk: t for t in Task.objects.only("id", "name", "slug", "parent_id", "description")}
    by_slug = {t.slug: t.pk for t in tasks.values()}
    own: dict[int, list[BenchmarkSummary]] = {pk: [] for pk in tasks}
    loose: dict[str, TaskGroup] = {}
    for summary, task_ids in summaries:
        name = summary.task.strip() or UNCLASSIFIED_TASK
        if not task_ids and task_slug(name) in by_slug:
            task_ids = [by_slug[task_slug(name)]]
        if task_ids:
            for pk in task_ids:
                own[pk].append(summary)
        else:
            loose.setdefault(task_slug(name), TaskGroup(name=name, slug=task_slug(name))).benchmarks.append(
                summary
            )
    children: dict[int, list[int]] = {}
    for task in tasks.values():
        if task.parent_id in tasks:
            children.setdefault(task.parent_id, []).append(task.pk)

    below: dict[int, set[int]] = {}

    def benchmarks_below(pk: int, seen: frozenset = frozenset()) -> set[int]:
        # The benchmarks of the tasks under pk; seen guards against a cycle of parents in bad data.
        if pk not in below:
            found: set[int] = set()
            for child in children.get(pk, []):
                if child not in seen:
                    found |= {s.id for s in own[child]} | benchmarks_below(child, seen | {pk})
            below[pk] = found
        return below[pk]

    def live(pk: int) -> bool:
        return bool(own[pk]) or bool(benchmarks_below(pk))

    def link(pk: int) -> TaskLink:
        return TaskLink(name=tasks[pk].name, slug=tasks[pk].slug)

    groups = []
    for pk, task in tasks.items():
        if not live(pk):
            continue
        mine = {s.id for s in own[pk]}
        groups.append(
            TaskGroup(
                name=task.name,
                slug=task.slug,
                benchmarks=own[pk],
                catalog=True,
                description=task.description,
                parent=link(task.parent_id) if task.parent_id in tasks else None,
                subtasks=sorted(
                    (link(c) for c in children.get(pk, []) if live(c)), key=lambda t: t.name.casefold()
                ),
                subtask_benchmark_count=len(benchmarks_below(pk) - mine),
            )
        )
    groups.sort(key=lambda g: g.name.casefold())
    free = sorted(loose.values(), key=lambda g: (g.name == UNCLASSIFIED_TASK, g.name.casefold()))
    return groups + free


def _tasks_of(benchmark: Benchmark) -> list[TaskGroup]:
    linked = [
        TaskGroup(
            name=t.name,
            slug=t.slug,
            catalog=True,
            parent=TaskLink(t.parent.name, t.parent.slug) if t.parent else None,
        )
        for t in benchmark.tasks.select_related("parent").only("name", "slug", "parent__name", "parent__slug")
    ]
    if linked:
        return sorted(linked, key=lambda g: g.name.casefold())
    name = benchmark.task.strip()
    return [TaskGroup(name=name, slug=task_slug(name))] if name else []


def task_groups(*, slug: str | None = None, benchmark: Benchmark | None = None) -> list[TaskGroup]:
    """Benchmarks grouped by task, with their leaders.

    Without arguments, the top-level tasks (catalog tasks without a parent, then free-text tasks); with a
    slug, that task alone (or nothing); with a benchmark, its catalog tasks (with their parents, one query)
    or else its free-text task, without benchmarks. Every task lookup of the pages goes through here.
    """
    if benchmark is not None:
        # Cached with the benchmark's leaderboards, so a warm benchmark page still costs its one query.
        return cached(benchmark_id=benchmark.pk, kind="tasks", params={}, build=lambda: _tasks_of(benchmark))

    groups = _site_cached(kind="tasks", params={}, build=_catalog_groups)
    if slug is not None:
        return [g for g in groups if g.slug == slug][:1]
    return [g for g in groups if g.parent is None]


def task_search(*, query: str, limit: int) -> list[TaskGroup]:
    """Tasks at any level whose name holds the query, case-insensitive."""
    folded = query.casefold()
    groups = _site_cached(kind="tasks", params={}, build=_catalog_groups)
    return [g for g in groups if folded in g.name.casefold()][:limit]


# -- home -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class VerifiedResult:
    claim_id: int
    value: float
    unit: str
    method: str
    metric_name: str
    benchmark_slug: str
    benchmark_name: str
    metric_slug: str
    paper_id: int
    paper_title: str
    curated_at: datetime.datetime


@dataclass(frozen=True)
class HomePage:
    active: list[BenchmarkSummary]
    verified: list[VerifiedResult]
    counts: dict[str, int]


def home_page_get(*, active: int = 8, verified: int = 10) -> HomePage:
    """The most reported benchmarks with their leaders, and the latest verified results."""

    def build() -> HomePage:
        top = benchmark_list().filter(claim_count__gt=0).order_by("-claim_count", "name")[:active]
        recent = (
            Claim.objects.filter(status=Claim.Status.VERIFIED)
            .select_related("paper", "benchmark", "metric")
            .only(
                "id",
                "value",
                "unit",
                "method",
                "metric_text",
                "curated_at",
                "paper__title",
                "benchmark__slug",
                "benchmark__name",
                "metric__slug",
                "metric__name",
            )  # fmt: skip
            .order_by("-curated_at", "-id")[:verified]
        )
        results = [
            VerifiedResult(
                claim_id=c.pk,
                value=c.value,
                unit=c.unit,
                method=c.method,
                metric_name=c.metric.name if c.metric else c.metric_text,
                benchmark_slug=c.benchmark.slug if c.benchmark else "",
                benchmark_name=c.benchmark.name if c.benchmark else "",
                metric_slug=c.metric.slug if c.metric else "",
                paper_id=c.paper_id,
                paper_title=c.paper.title,
                curated_at=c.curated_at,
            )
            for c in recent
        ]
        counts = Claim.objects.aggregate(
            claims=Count("id", filter=~Q(status=Claim.Status.REJECTED)),
            verified=Count("id", filter=Q(status=Claim.Status.VERIFIED)),
            papers=Count("paper_id", filter=~Q(status=Claim.Status.REJECTED), distinct=True),
        )
        return HomePage(active=_summaries(top), verified=results, counts=counts)

    return _site_cached(kind="home", params={"active": active, "verified": verified}, build=build)


@dataclass(frozen=True)
class SearchResults:
    query: str
    benchmarks: list[Benchmark]
    tasks: list[TaskGroup]
    papers: list[Paper]

    @property
    def empty(self) -> bool:
        return not (self.benchmarks or self.tasks or self.papers)


def site_search(*, query: str, limit: int = 20) -> SearchResults:
    """Benchmarks by name or alias, tasks by name, papers by title or arXiv id; case-insensitive."""
    query = " ".join(query.split())[:200]
    if not query:
        return SearchResults(query="", benchmarks=[], tasks=[], papers=[])
    benchmark_ids = (
        Benchmark.objects.filter(Q(name__icontains=query) | Q(aliases__name__icontains=query))
        .values("pk")
        .distinct()
    )
    benchmarks = list(Benchmark.objects.filter(pk__in=benchmark_ids).order_by("name")[:limit])
    papers = list(
        Paper.objects.filter(Q(title__icontains=query) | Q(arxiv_id__iexact=query))
        .only("id", "title", "published", "arxiv_id")
        .order_by("-published", "-id")[:limit]
    )
    tasks = task_search(query=query, limit=limit)
    return SearchResults(query=query, benchmarks=benchmarks, tasks=tasks, papers=papers)


# -- paper ------------------------------------------------------------------------------------------


def paper_get(*, pk: int) -> Paper:
    """A paper with its claims (benchmark and metric joined), in two queries."""
    claims = claim_list_of_paper().order_by("evidence_start", "value_start", "id")
    return get_object_or_404(Paper.objects.prefetch_related(Prefetch("claims", queryset=claims)), pk=pk)
