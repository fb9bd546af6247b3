"""Tasks and areas as the Papers with Code APIs see them: the only module that knows where tasks come from.

Tasks come from the task catalog (`Task`, its `TaskAlias` synonyms and `Benchmark.tasks`); areas are the
catalog's categories, and a task with none sits in the "Other" area. A benchmark linked to no Task still
appears under a task derived from its free-text `Benchmark.task` (spellings folded by slug), so data loaded
before the catalog loses nothing. Free text whose slug is a catalog task's slug joins that task.
"""

from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils.text import slugify

from claims.models import Benchmark, Claim, Task, TaskAlias

BenchmarkTask = Benchmark.tasks.through


@dataclass(frozen=True)
class AreaRef:
    id: str
    name: str


@dataclass(frozen=True)
class TaskRef:
    """A task: `id` is what URLs carry (the slug, for catalog tasks and derived ones alike)."""

    id: str
    slug: str
    name: str
    # Spellings of Benchmark.task, on benchmarks linked to no Task, that fold to this task.
    names: tuple[str, ...] = field(default=(), compare=False)
    description: str = ""
    area: AreaRef | None = None
    level: int = 0
    parent_id: str | None = None
    areas: tuple[AreaRef, ...] = field(default=(), compare=False)
    synonyms: tuple[str, ...] = field(default=(), compare=False)
    # True when the task is a Task row; False when derived from free text only.
    in_catalog: bool = field(default=False, compare=False)


@dataclass(frozen=True)
class TaskCounts:
    paper_count: int = 0
    benchmark_count: int = 0
    evaluation_count: int = 0


OTHER_AREA = AreaRef(id="other", name="Other")


def _areas(categories) -> tuple[AreaRef, ...]:
    found = {}
    for name in categories if isinstance(categories, list) else []:
        if isinstance(name, str) and (area_id := slugify(name)):
            found.setdefault(area_id, AreaRef(id=area_id, name=name.strip()))
    return tuple(found.values()) or (OTHER_AREA,)


def _catalog() -> dict[str, TaskRef]:
    """Every task by id (four queries, whatever the number of tasks)."""
    rows = {
        row["id"]: row
        for row in Task.objects.values("id", "slug", "name", "parent_id", "categories", "description")
    }
    synonyms: dict[int, list[str]] = {}
    for task_id, name in TaskAlias.objects.order_by("name").values_list("task_id", "name"):
        synonyms.setdefault(task_id, []).append(name)
    by_slug: dict[str, list[str]] = {}
    unlinked = Benchmark.objects.filter(~Exists(BenchmarkTask.objects.filter(benchmark_id=OuterRef("pk"))))
    for name in unlinked.exclude(task="").values_list("task", flat=True).distinct().order_by("task"):
        if slug := slugify(name):
            by_slug.setdefault(slug, []).append(name)

    def level(pk: int) -> int:
        depth, seen = 0, {pk}
        while (parent := rows[pk]["parent_id"]) is not None and parent not in seen:
            depth, pk = depth + 1, parent
            seen.add(pk)
        return depth

    tasks: dict[str, TaskRef] = {}
    for pk, row in rows.items():
        areas = _areas(row["categories"])
        parent = rows.get(row["parent_id"])
        tasks[row["slug"]] = TaskRef(
            id=row["slug"],
            slug=row["slug"],
            name=row["name"],
            names=tuple(by_slug.pop(row["slug"], ())),
            description=row["description"],
            area=areas[0],
            level=level(pk),
            parent_id=parent["slug"] if parent else None,
            areas=areas,
            synonyms=tuple(synonyms.get(pk, ())),
            in_catalog=True,
        )
    for slug, names in by_slug.items():
        tasks[slug] = TaskRef(
            id=slug, slug=slug, name=names[0], names=tuple(names), area=OTHER_AREA, areas=(OTHER_AREA,)
        )
    return tasks


def _by_name(tasks) -> list[TaskRef]:
    return sorted(tasks, key=lambda task: (task.name.casefold(), task.slug))


def _matches(task: TaskRef, needle: str) -> bool:
    return (
        needle in task.name.casefold()
        or needle in task.slug
        or any(needle in synonym.casefold() for synonym in task.synonyms)
    )


def task_list(*, q: str = "", area_id: str | None = None) -> list[TaskRef]:
    """All tasks by name; `q` matches a part of the name, slug or a synonym, case-insensitively."""
    tasks = _catalog().values()
    if area_id is not None:
        area = _area_in(areas=_area_list(tasks), ref=area_id)
        tasks = [task for task in tasks if area is not None and area in task.areas]
    if needle := q.strip().casefold():
        tasks = [task for task in tasks if _matches(task, needle)]
    return _by_name(tasks)


def task_get(*, ref: str) -> TaskRef | None:
    """A task by id, slug, name or synonym (case-insensitive)."""
    wanted = ref.strip()
    if not wanted:
        return None
    tasks = _catalog()
    if wanted in tasks:
        return tasks[wanted]
    if (slug := slugify(wanted)) in tasks:
        return tasks[slug]
    folded = wanted.casefold()
    return next(
        (task for task in _by_name(tasks.values()) if folded in {s.casefold() for s in task.synonyms}), None
    )


def benchmarks_with_tasks(queryset: QuerySet[Benchmark]) -> QuerySet[Benchmark]:
    """The queryset with each benchmark's catalog tasks prefetched, so task_of_benchmark asks nothing."""
    return queryset.prefetch_related(
        Prefetch("tasks", queryset=Task.objects.select_related("parent").order_by("name"))
    )


def task_of_benchmark(*, benchmark: Benchmark) -> TaskRef | None:
    """The benchmark's first catalog task by name, else the task of its free text; a label (id, slug,
    name, parent), not the full task: task_get gives level, areas and synonyms."""
    linked = list(benchmark.tasks.all())
    if linked:
        task = linked[0]
        return TaskRef(
            id=task.slug,
            slug=task.slug,
            name=task.name,
            parent_id=task.parent.slug if task.parent else None,
            in_catalog=True,
        )
    slug = slugify(benchmark.task)
    return TaskRef(id=slug, slug=slug, name=benchmark.task, names=(benchmark.task,)) if slug else None


def _unlinked() -> Q:
    return ~Exists(BenchmarkTask.objects.filter(benchmark_id=OuterRef("pk")))


def benchmarks_of_task(*, task: TaskRef) -> QuerySet[Benchmark]:
    linked = BenchmarkTask.objects.filter(task__slug=task.slug).values("benchmark_id")
    found = Q(task__in=task.names) & _unlinked() if task.names else Q(pk__in=[])
    if task.in_catalog:
        found |= Q(pk__in=linked)
    return Benchmark.objects.filter(found)


def task_parents(*, task: TaskRef) -> list[TaskRef]:
    if task.parent_id is None:
        return []
    parent = _catalog().get(task.parent_id)
    return [parent] if parent else []


def task_children(*, task: TaskRef) -> list[TaskRef]:
    if not task.in_catalog:
        return []
    return _by_name(child for child in _catalog().values() if child.parent_id == task.id)


def task_counts(*, tasks: list[TaskRef]) -> dict[str, TaskCounts]:
    """Papers, benchmarks and live score claims on a benchmark and metric, per task id (four queries).

    A task with both linked benchmarks and free-text ones adds the two paper counts up."""
    slug_of = {name: task.id for task in tasks for name in task.names}
    catalog_ids = [task.id for task in tasks if task.in_catalog]
    benchmarks: dict[str, int] = {}
    papers: dict[str, int] = {}
    evaluations: dict[str, int] = {}

    def add(into: dict[str, int], task_id: str, n: int) -> None:
        into[task_id] = into.get(task_id, 0) + n

    live = ~Q(status=Claim.Status.REJECTED)
    per_claims = {
        "papers": Count("paper_id", distinct=True),
        "evaluations": Count("id", filter=Q(kind=Claim.Kind.SCORE, metric__isnull=False), distinct=True),
    }
    unlinked = Benchmark.objects.filter(_unlinked(), task__in=slug_of)
    for name, n in unlinked.values_list("task").annotate(n=Count("id")).order_by():
        add(benchmarks, slug_of[name], n)
    for row in (
        Claim.objects.filter(live, benchmark__in=unlinked.values("pk"))
        .values("benchmark__task")
        .annotate(**per_claims)
        .order_by()
    ):
        add(papers, slug_of[row["benchmark__task"]], row["papers"])
        add(evaluations, slug_of[row["benchmark__task"]], row["evaluations"])
    if catalog_ids:
        for slug, n in (
            BenchmarkTask.objects.filter(task__slug__in=catalog_ids)
            .values_list("task__slug")
            .annotate(n=Count("benchmark_id", distinct=True))
            .order_by()
        ):
            add(benchmarks, slug, n)
        for row in (
            Claim.objects.filter(live, benchmark__tasks__slug__in=catalog_ids)
            .values("benchmark__tasks__slug")
            .annotate(**per_claims)
            .order_by()
        ):
            add(papers, row["benchmark__tasks__slug"], row["papers"])
            add(evaluations, row["benchmark__tasks__slug"], row["evaluations"])
    return {
        task.id: TaskCounts(papers.get(task.id, 0), benchmarks.get(task.id, 0), evaluations.get(task.id, 0))
        for task in tasks
    }


def _area_list(tasks) -> list[AreaRef]:
    found = {area.id: area for task in tasks for area in task.areas}
    # "Other" comes last: it gathers what the catalog has not placed.
    return sorted(found.values(), key=lambda area: (area == OTHER_AREA, area.name.casefold(), area.id))


def _area_in(*, areas: list[AreaRef], ref: str) -> AreaRef | None:
    wanted = ref.strip().casefold()
    return next((area for area in areas if wanted in {area.id, area.name.casefold()}), None)


def area_list() -> list[AreaRef]:
    """The areas that hold at least one task, by name, "Other" last."""
    return _area_list(_catalog().values())


def area_get(*, ref: str) -> AreaRef | None:
    return _area_in(areas=area_list(), ref=ref)


def tasks_in_area(*, tasks: list[TaskRef], area: AreaRef) -> list[TaskRef]:
    return [task for task in tasks if area in task.areas]


def tasks_of_benchmarks(*, benchmarks) -> list[TaskRef]:
    """The distinct tasks of these benchmarks, by name."""
    if isinstance(benchmarks, QuerySet):
        benchmarks = benchmarks_with_tasks(benchmarks)
    found = {task.id: task for b in benchmarks if (task := task_of_benchmark(benchmark=b)) is not None}
    return _by_name(found.values())


def task_list_ordered(*, tasks: list[TaskRef], counts: dict[str, TaskCounts], ordering: str) -> list[TaskRef]:
    """By `name` or `slug`, or by a count (`paper_count`, ...); a leading '-' reverses."""
    field, descending = ordering.lstrip("-"), ordering.startswith("-")
    if field in {"name", "slug"}:
        return sorted(tasks, key=lambda t: getattr(t, field).casefold(), reverse=descending)
    return sorted(tasks, key=lambda t: getattr(counts[t.id], field), reverse=descending)
