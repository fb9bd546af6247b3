"""Tasks and areas as the Papers with Code APIs see them: the only module that knows where tasks come from.

Today a task is the text of `Benchmark.task` (no table, no hierarchy, no synonyms) and every task sits in
one area. Every task lookup of the compatibility APIs goes through the functions here, so moving to a Task
model changes this module and nothing else.
"""

from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet
from django.utils.text import slugify

from claims.models import Benchmark, Claim


@dataclass(frozen=True)
class AreaRef:
    id: str
    name: str


@dataclass(frozen=True)
class TaskRef:
    """A task: `id` is what URLs carry (the slug while tasks have no table of their own)."""

    id: str
    slug: str
    name: str
    # The spellings of Benchmark.task that fold to this task ("Object detection", "object detection").
    names: tuple[str, ...] = field(default=(), compare=False)
    description: str = ""
    area: AreaRef | None = None
    level: int = 0
    parent_id: str | None = None


@dataclass(frozen=True)
class TaskCounts:
    paper_count: int = 0
    benchmark_count: int = 0
    evaluation_count: int = 0


# Benchmark.task has no areas yet: every task is in this one.
ALL_TASKS_AREA = AreaRef(id="all", name="All tasks")


def _task_names() -> dict[str, list[str]]:
    by_slug: dict[str, list[str]] = {}
    for name in Benchmark.objects.exclude(task="").values_list("task", flat=True).distinct().order_by("task"):
        slug = slugify(name)
        if slug:
            by_slug.setdefault(slug, []).append(name)
    return by_slug


def _task(slug: str, names: list[str]) -> TaskRef:
    return TaskRef(id=slug, slug=slug, name=names[0], names=tuple(names), area=ALL_TASKS_AREA)


def task_list(*, q: str = "", area_id: str | None = None) -> list[TaskRef]:
    """All tasks by name; `q` matches a part of the name or slug, case-insensitively."""
    if area_id is not None and area_get(ref=area_id) is None:
        return []
    tasks = [_task(slug, names) for slug, names in _task_names().items()]
    needle = q.strip().casefold()
    if needle:
        tasks = [task for task in tasks if needle in task.name.casefold() or needle in task.slug]
    return sorted(tasks, key=lambda task: (task.name.casefold(), task.slug))


def task_get(*, ref: str) -> TaskRef | None:
    """A task by id, slug or name (case-insensitive)."""
    wanted = ref.strip()
    if not wanted:
        return None
    names = _task_names()
    slug = wanted if wanted in names else slugify(wanted)
    return _task(slug, names[slug]) if slug in names else None


def task_of_benchmark(*, benchmark: Benchmark) -> TaskRef | None:
    slug = slugify(benchmark.task)
    return (
        TaskRef(id=slug, slug=slug, name=benchmark.task, names=(benchmark.task,), area=ALL_TASKS_AREA)
        if slug
        else None
    )


def benchmarks_of_task(*, task: TaskRef) -> QuerySet[Benchmark]:
    return Benchmark.objects.filter(task__in=task.names)


def task_parents(*, task: TaskRef) -> list[TaskRef]:
    return []


def task_children(*, task: TaskRef) -> list[TaskRef]:
    return []


def task_counts(*, tasks: list[TaskRef]) -> dict[str, TaskCounts]:
    """Papers, benchmarks and live score claims on a benchmark and metric, per task id (two queries)."""
    slug_of = {name: task.id for task in tasks for name in task.names}
    benchmarks: dict[str, int] = {}
    for name, count in (
        Benchmark.objects.filter(task__in=slug_of).values_list("task").annotate(n=Count("id")).order_by()
    ):
        benchmarks[slug_of[name]] = benchmarks.get(slug_of[name], 0) + count
    live = ~Q(status=Claim.Status.REJECTED)
    rows = (
        Claim.objects.filter(live, benchmark__task__in=slug_of)
        .values("benchmark__task")
        .annotate(
            papers=Count("paper_id", distinct=True),
            evaluations=Count("id", filter=Q(kind=Claim.Kind.SCORE, metric__isnull=False), distinct=True),
        )
        .order_by()
    )
    papers: dict[str, int] = {}
    evaluations: dict[str, int] = {}
    for row in rows:
        task_id = slug_of[row["benchmark__task"]]
        papers[task_id] = papers.get(task_id, 0) + row["papers"]
        evaluations[task_id] = evaluations.get(task_id, 0) + row["evaluations"]
    return {
        task.id: TaskCounts(papers.get(task.id, 0), benchmarks.get(task.id, 0), evaluations.get(task.id, 0))
        for task in tasks
    }


def area_list() -> list[AreaRef]:
    return [ALL_TASKS_AREA] if Benchmark.objects.exists() else []


def area_get(*, ref: str) -> AreaRef | None:
    wanted = ref.strip().casefold()
    return next((area for area in area_list() if wanted in {area.id, area.name.casefold()}), None)


def tasks_of_benchmarks(*, benchmarks) -> list[TaskRef]:
    """The distinct tasks of these benchmarks, by name."""
    tasks = {task.id: task for b in benchmarks if (task := task_of_benchmark(benchmark=b)) is not None}
    return sorted(tasks.values(), key=lambda task: (task.name.casefold(), task.slug))


def task_list_ordered(*, tasks: list[TaskRef], counts: dict[str, TaskCounts], ordering: str) -> list[TaskRef]:
    """By `name` or `slug`, or by a count (`paper_count`, ...); a leading '-' reverses."""
    field, descending = ordering.lstrip("-"), ordering.startswith("-")
    if field in {"name", "slug"}:
        return sorted(tasks, key=lambda t: getattr(t, field).casefold(), reverse=descending)
    return sorted(tasks, key=lambda t: getattr(counts[t.id], field), reverse=descending)
