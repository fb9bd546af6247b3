"""Benchmarks as the pwc CLI lists them: searchable by name, slug, id or alias, with counts and trends."""

import datetime
from dataclasses import dataclass

from django.db.models import Case, Count, Q, QuerySet, Value, When
from django.utils import timezone

from claims.models import Benchmark, Claim
from claims.pwc_compat.selectors.tasks import (
    TaskRef,
    area_list,
    benchmarks_of_task,
    benchmarks_with_tasks,
    task_get,
    task_list,
    task_of_benchmark,
)
from claims.selectors.leaderboard import leaderboard_get
from papers.models import Paper

_LIVE = ~Q(claims__status=Claim.Status.REJECTED)
# Claims that make a row of some evaluation table: live scores on a benchmark and a metric.
_EVALUATION = _LIVE & Q(claims__kind=Claim.Kind.SCORE, claims__metric__isnull=False)
# "Recent" for trending benchmarks: papers published in this many days before today.
RECENT_DAYS = 180

ORDERINGS = {"name": "name", "full_name": "name", "created_at": "created_at", "paper_count": "paper_count",
             "evaluation_count": "evaluation_count"}  # fmt: skip


def benchmark_catalog() -> QuerySet[Benchmark]:
    return benchmarks_with_tasks(
        Benchmark.objects.annotate(
            paper_count=Count("claims__paper", filter=_LIVE, distinct=True),
            evaluation_count=Count("claims", filter=_EVALUATION, distinct=True),
        ).order_by("name")
    )


def benchmark_search(*, queryset: QuerySet[Benchmark], q: str) -> QuerySet[Benchmark]:
    """Name, slug or another name containing `q`, or the id itself, so an exact name is always found."""
    q = q.strip()
    if not q:
        return queryset
    match = Q(name__icontains=q) | Q(slug__icontains=q) | Q(aliases__name__icontains=q)
    same = Q(name__iexact=q) | Q(slug__iexact=q)
    if q.isdigit() and len(q) < 19:
        match |= Q(pk=int(q))
        same |= Q(pk=int(q))
    found = queryset.filter(pk__in=Benchmark.objects.filter(match).values("pk"))
    # Exact matches first: the CLI looks for its benchmark in the first page only.
    exact = Case(When(same, then=Value(0)), default=Value(1))
    return found.order_by(exact, "name")


def benchmark_by_ref(*, ref: str) -> Benchmark | None:
    ref = ref.strip()
    if ref.isdigit() and len(ref) < 19:
        found = Benchmark.objects.filter(pk=int(ref)).first()
        if found is not None:
            return found
    return Benchmark.objects.filter(slug=ref).first()


def benchmarks_in_task(*, queryset: QuerySet[Benchmark], task: TaskRef | None) -> QuerySet[Benchmark]:
    if task is None:
        return queryset.none()
    return queryset.filter(pk__in=benchmarks_of_task(task=task).values("pk"))


def benchmark_list_filtered(
    *,
    q: str = "",
    task_ref: str | None = None,
    min_eval_count: int | None = None,
    is_open: bool | None = None,
    ordering: str | None = None,
) -> QuerySet[Benchmark]:
    """The catalogue the CLI lists: searched, of one task (id, slug or name; unknown gives none), with at least
    `min_eval_count` evaluations, ordered by a field of ORDERINGS (a leading '-' reverses)."""
    found = benchmark_search(queryset=benchmark_catalog(), q=q)
    if task_ref is not None:
        found = benchmarks_in_task(queryset=found, task=task_get(ref=task_ref))
    if min_eval_count is not None:
        found = found.filter(evaluation_count__gte=min_eval_count)
    if is_open is False:
        found = found.none()  # every row counts as open (see evaluations.row_is_open)
    if ordering:
        field = ORDERINGS[ordering.lstrip("-")]
        found = found.order_by(f"{'-' if ordering.startswith('-') else ''}{field}", "name")
    return found


@dataclass(frozen=True)
class BestResult:
    model_name: str
    paper_title: str
    code_url: str


def best_results(*, benchmarks: list[Benchmark]) -> dict[int, BestResult]:
    """The top row of each benchmark's leaderboard on its most reported metric (cached leaderboards)."""
    tops = {}
    for benchmark in benchmarks:
        board = leaderboard_get(benchmark=benchmark)
        if board.entries:
            tops[benchmark.pk] = board.entries[0].row
    code = dict(
        Paper.objects.filter(pk__in={row.paper_id for row in tops.values()}).values_list("pk", "code_url")
    )
    return {
        pk: BestResult(
            model_name=row.method, paper_title=row.paper_title, code_url=code.get(row.paper_id, "")
        )
        for pk, row in tops.items()
    }


def trending_benchmarks(
    *, task: TaskRef, min_recent_papers: int = 0, today: datetime.date | None = None
) -> list[Benchmark]:
    """The task's benchmarks by papers reporting on them in the last RECENT_DAYS, then by all papers."""
    since = (today or timezone.now().date()) - datetime.timedelta(days=RECENT_DAYS)
    recent = _LIVE & Q(claims__paper__published__gte=since)
    found = benchmarks_in_task(queryset=benchmark_catalog(), task=task).annotate(
        recent_paper_count=Count("claims__paper", filter=recent, distinct=True)
    )
    found = found.filter(recent_paper_count__gte=min_recent_papers)
    return list(found.order_by("-recent_paper_count", "-paper_count", "name"))


# Benchmarks with no task yet are grouped under this name in the grouped listing.
NO_TASK_NAME = "No task yet"


def benchmarks_by_area(*, min_eval_count: int, per_task: int) -> list[dict]:
    """Areas, their tasks, and each task's `per_task` most evaluated benchmarks (one catalogue query)."""
    catalog = benchmark_catalog().filter(evaluation_count__gte=min_eval_count)
    by_task: dict[str | None, list[Benchmark]] = {}
    for benchmark in catalog.order_by("-evaluation_count", "name"):
        task = task_of_benchmark(benchmark=benchmark)
        by_task.setdefault(task.id if task else None, []).append(benchmark)
    groups = []
    for area in area_list():
        entries = [
            {"id": task.id, "name": task.name, "slug": task.slug, "benchmarks": by_task[task.id][:per_task]}
            for task in task_list(area_id=area.id)
            if task.id in by_task
        ]
        if None in by_task:
            entries.append(
                {"id": None, "name": NO_TASK_NAME, "slug": "", "benchmarks": by_task[None][:per_task]}
            )
        groups.append({"id": area.id, "name": area.name, "tasks": entries})
    return groups
