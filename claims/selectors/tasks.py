"""Read the task catalog: tasks with their counts, one task with its benchmarks and subtasks."""

from django.db.models import Count, Prefetch, QuerySet

from claims.models import Benchmark, Task


def task_list() -> QuerySet[Task]:
    return (
        Task.objects.select_related("parent")
        .annotate(
            benchmark_count=Count("benchmarks", distinct=True),
            subtask_count=Count("subtasks", distinct=True),
        )
        .prefetch_related("aliases")
        # Aggregating queries drop Meta.ordering, so the order is restated for stable pages.
        .order_by("name")
    )


def task_detail() -> QuerySet[Task]:
    return task_list().prefetch_related(
        Prefetch("benchmarks", queryset=Benchmark.objects.order_by("name").only("id", "slug", "name")),
        Prefetch("subtasks", queryset=Task.objects.order_by("name").only("id", "slug", "name", "parent_id")),
    )


def task_with_subtask_ids(*, task: Task) -> set[int]:
    """The task and every task below it, one query per level (catalogs are a few levels deep)."""
    found, level = {task.pk}, {task.pk}
    while level:
        level = set(
            Task.objects.filter(parent_id__in=level).exclude(pk__in=found).values_list("pk", flat=True)
        )
        found |= level
    return found
