"""The task catalog: find or create tasks by any of their names, and link benchmarks to them."""

import gzip
import itertools
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from django.db import IntegrityError, transaction
from django.utils.text import slugify

from claims.cache import leaderboard_cache_invalidate
from claims.extraction.vocabulary import name_key
from claims.models import Benchmark, BenchmarkAlias, Task, TaskAlias
from claims.services.catalog import benchmark_resolve
from papers.importers.lines import read_lines
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
    if parent is not None and task.parent_id is None and not _is_below(parent, task):
        task.parent = parent
        changed.append("parent")
    for name_of_field, value in (("description", description), ("source_link", source_link)):
        if value and not getattr(task, name_of_field):
            setattr(task, name_of_field, value)
            changed.append(name_of_field)
    if categories and not task.categories:
        task.categories = list(categories)
        changed.append("categories")
    if changed:
        task.save(update_fields=[*changed, "updated_at"])
    aliased = _aliases_add(task, synonyms)
    return TaskResult(task, Outcome.UPDATED if changed or aliased else Outcome.UNCHANGED)


def _is_below(candidate: Task, task: Task) -> bool:
    """True when candidate is the task or one of its subtasks: making it the parent would close a loop."""
    seen: set[int] = set()
    node: Task | None = candidate
    while node is not None and node.pk not in seen:
        if node.pk == task.pk:
            return True
        seen.add(node.pk)
        node = node.parent
    return False


def benchmark_task_link(*, benchmark: Benchmark, task: Task) -> bool:
    """Link the benchmark to the task; True when the link is new."""
    through = Benchmark.tasks.through
    _, created = through.objects.get_or_create(benchmark_id=benchmark.pk, task_id=task.pk)
    if created:
        # The task pages and the benchmark's breadcrumb are cached under its leaderboard versions.
        leaderboard_cache_invalidate(benchmark.pk)
    return created


@dataclass
class CatalogLoadTotals:
    lines: int = 0
    tasks_created: int = 0
    benchmarks_created: int = 0
    links_created: int = 0
    rejected: int = 0
    errors: list = field(default_factory=list)  # [{position, reason}] for each line that was not used


LINES_PER_TRANSACTION = 500


class _CatalogLoader:
    """Resolves each task and benchmark name once; call reset() after a rollback."""

    def __init__(self, totals: CatalogLoadTotals) -> None:
        self.totals = totals
        self.reset()

    def reset(self) -> None:
        self.tasks: dict[str, Task] = {}
        self.benchmarks: dict[str, Benchmark] = {}
        self.links: set[tuple[int, int]] = set()

    def task(self, name: str) -> Task:
        if name not in self.tasks:
            result = task_upsert(name=name)
            self.totals.tasks_created += result.outcome == Outcome.CREATED
            self.tasks[name] = result.task
        return self.tasks[name]

    def benchmark(self, name: str) -> Benchmark:
        if name not in self.benchmarks:
            existed = BenchmarkAlias.objects.filter(key=name_key(name)).exists()
            benchmark = benchmark_resolve(name=name)
            if benchmark is None:
                raise ValueError(f"the dataset name {name!r} has no letter or digit")
            self.totals.benchmarks_created += not existed
            self.benchmarks[name] = benchmark
        return self.benchmarks[name]

    def line(self, row: dict) -> None:
        task, benchmark = self.task(row["task"]), self.benchmark(row["dataset"])
        if (benchmark.pk, task.pk) not in self.links:
            self.totals.links_created += benchmark_task_link(benchmark=benchmark, task=task)
            self.links.add((benchmark.pk, task.pk))


def _catalog_row(text: str) -> dict:
    row = json.loads(text)
    if not isinstance(row, dict):
        raise ValueError("expected a JSON object")
    names = {}
    for field_name in ("task", "dataset"):
        value = row.get(field_name)
        if not isinstance(value, str) or not name_key(value):
            raise ValueError(f"{field_name} must be a non-empty name")
        names[field_name] = " ".join(value.split())[:255]
    return names


def task_catalog_load(*, path: Path, progress: Callable[[int], None] | None = None) -> CatalogLoadTotals:
    """Seed the task catalog from JSON lines of {"task", "dataset", ...} (e.g. leaderboards.jsonl).

    Each task and dataset is found through its aliases or created, and the dataset linked to the task;
    loading the same file again changes nothing. A bad line is listed with its number and skipped.
    """
    totals = CatalogLoadTotals()
    loader = _CatalogLoader(totals)
    with path.open("rb") as head:
        packed = head.read(2) == b"\x1f\x8b"
    with (gzip.open if packed else open)(path, "rb") as stream:
        lines = read_lines(stream)
        while chunk := list(itertools.islice(lines, LINES_PER_TRANSACTION)):
            with transaction.atomic():
                for line in chunk:
                    if not line.text.strip():
                        continue
                    totals.lines += 1
                    try:
                        if line.error:
                            raise ValueError(line.error)
                        row = _catalog_row(line.text)
                        with transaction.atomic():
                            loader.line(row)
                    except (ValueError, IntegrityError) as exc:
                        loader.reset()
                        totals.rejected += 1
                        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
                        totals.errors.append({"position": f"line {line.number}", "reason": reason})
            if progress:
                progress(len(chunk))
    return totals
