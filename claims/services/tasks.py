"""The task catalog: find or create tasks by any of their names, and link benchmarks to them."""

from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils.text import slugify

from claims.extraction.vocabulary import name_key
from claims.models import Benchmark, Task, TaskAlias
from papers.services.papers import UpsertOutcome as Outcome


@dataclass(frozen=True, slots=True)
class TaskResult:
    task: Task
    outcome: Outcome


def _unique_slug(name: str) -> str:
    base = slugify(name)[:240] or "task"
    slug, n = base, 2
    while Task.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def task_find(*, name: str) -> Task | None:
    """The task this name (or one of its synonyms) refers to, case and punctuation folded."""
    key = name_key(name or "")
    if not key:
        return None
    alias = TaskAlias.objects.select_related("task").filter(key=key).first()
    return alias.task if alias else None


def _aliases_add(task: Task, names) -> bool:
    """Add the names no task holds yet; a synonym another task already owns stays with that task."""
    added = False
    for alias in names:
        key = name_key(alias)
        if key and not TaskAlias.objects.filter(key=key).exists():
            TaskAlias.objects.create(task=task, name=alias[:255], key=key)
            added = True
    return added


def task_upsert(
    *,
    name: str,
    parent: Task | None = None,
    description: str = "",
    categories=(),
    synonyms=(),
    source_link: str = "",
) -> TaskResult:
    """The task of this name, created when new; gaps (parent, description, areas, synonyms) are filled.

    What is already set is left alone, so a curator's edits and the first source's parent stand.
    Call inside a transaction.
    """
    name = name.strip()[:255]
    if not name_key(name):
        raise ValueError("A task needs a name with at least one letter or digit.")
    task = task_find(name=name)
    if task is None:
        try:
            with transaction.atomic():
                task = Task(
                    name=name,
                    slug=_unique_slug(name),
                    parent=parent,
                    description=description,
                    categories=list(categories),
                    source_link=source_link,
                )
                task.full_clean(exclude=["parent"], validate_unique=False, validate_constraints=False)
                task.save()
                _aliases_add(task, [name, *synonyms])
        except IntegrityError:
            # Another writer created it at the same moment (or the exact name is taken under another key).
            task = task_find(name=name) or Task.objects.get(name=name)
        else:
            return TaskResult(task, Outcome.CREATED)
    changed = []
    if parent is not None and task.parent_id is None and parent.pk != task.pk:
        task.parent = parent
        changed.append("parent")
    for field, value in (("description", description), ("source_link", source_link)):
        if value and not getattr(task, field):
            setattr(task, field, value)
            changed.append(field)
    if categories and not task.categories:
        task.categories = list(categories)
        changed.append("categories")
    if changed:
        task.save(update_fields=[*changed, "updated_at"])
    aliased = _aliases_add(task, synonyms)
    return TaskResult(task, Outcome.UPDATED if changed or aliased else Outcome.UNCHANGED)


def benchmark_task_link(*, benchmark: Benchmark, task: Task) -> bool:
    """Link the benchmark to the task; True when the link is new."""
    through = Benchmark.tasks.through
    _, created = through.objects.get_or_create(benchmark_id=benchmark.pk, task_id=task.pk)
    return created
