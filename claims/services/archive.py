"""Write the Papers with Code archive into the catalog: tasks, benchmarks, and verified score claims.

Every leaderboard value becomes a `score` claim with provenance "Papers with Code archive", verified,
linked to benchmark and metric rows through the same resolver (and aliases) the extractor uses. A claim
is identified by its paper and a key of its row (benchmark, metric, method and value as written), so
importing the same file again finds every claim and changes nothing.
"""

import hashlib

from claims.cache import leaderboard_cache_invalidate
from claims.extraction.vocabulary import lookup_metric, name_key
from claims.models import Benchmark, BenchmarkAlias, Claim, Metric, MetricAlias, Task
from claims.services.catalog import benchmark_resolve, metric_resolve
from claims.services.counts import claim_counts_refresh_for
from claims.services.tasks import benchmark_task_link, task_find, task_upsert
from papers.importers.base import BenchmarkRecord, ScoreRecord, TaskRecord
from papers.models import ImportRun, Paper
from papers.services.papers import UpsertOutcome, paper_upsert_ref
from papers.services.records import RecordRejected, WriteResult


def score_source_key(record: ScoreRecord) -> str:
    parts = (record.benchmark, record.metric, record.method, record.value_text)
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:40]


def score_evidence(record: ScoreRecord) -> str:
    task = f" ({record.task})" if record.task else ""
    method = record.method or "an unnamed model"
    return f"Papers with Code leaderboard of {record.benchmark}{task}: {method}, {record.metric} {record.value_text}."


class ArchiveWriter:
    """Writes the archive records of one import run, resolving each name once per run.

    Call reset() when a record's savepoint is rolled back: rows it created are gone, so are the cached ones.
    """

    def __init__(self, run: ImportRun) -> None:
        self.run = run
        self._warned: set[str] = set()
        # New claims are inserted together at the end of each batch, inside its transaction.
        self._pending: list[Claim] = []
        self._pending_keys: set[tuple[int, str]] = set()
        self.reset()

    def reset(self) -> None:
        self._tasks: dict[str, Task | None] = {}
        self._benchmarks: dict[str, Benchmark] = {}
        self._metrics: dict[str, Metric] = {}
        self._papers: dict[tuple, tuple[Paper, UpsertOutcome] | None] = {}
        self._links: set[tuple[int, int]] = set()
        self._stored_keys: dict[int, set[str]] = {}

    def flush(self) -> None:
        """Insert the batch's new claims and refresh the cached leaderboards of their benchmarks."""
        Claim.objects.bulk_create(self._pending)
        claim_counts_refresh_for(self._pending)
        leaderboard_cache_invalidate(*{claim.benchmark_id for claim in self._pending})
        self._pending, self._pending_keys = [], set()
        # Papers are many in a full dump; keeping them only for a batch keeps memory flat.
        self._papers, self._stored_keys = {}, {}

    def writes_nothing(self, record) -> bool:
        """True when the record needs no query: its paper, benchmark and metric are all at hand.

        The import service then spares it a savepoint, the main cost of a record on a busy database.
        """
        return (
            isinstance(record, ScoreRecord)
            and self._papers.get((record.paper, record.code_url)) is not None
            and record.benchmark in self._benchmarks
            and record.metric in self._metrics
            and self._papers[(record.paper, record.code_url)][0].pk in self._stored_keys
        )

    # Tasks and benchmarks

    def _task(self, name: str) -> Task | None:
        if not name:
            return None
        if name not in self._tasks:
            self._tasks[name] = task_find(name=name)
        return self._tasks[name]

    def task(self, record: TaskRecord) -> WriteResult:
        try:
            result = task_upsert(
                name=record.name,
                parent=self._task(record.parent),
                description=record.description,
                categories=record.categories,
                synonyms=record.synonyms,
                source_link=record.source_link,
            )
        except ValueError as exc:
            raise RecordRejected(str(exc)) from exc
        self._tasks[record.name] = result.task
        return WriteResult(result.outcome)

    def _benchmark(self, name: str) -> tuple[Benchmark, bool]:
        if name in self._benchmarks:
            return self._benchmarks[name], False
        existed = BenchmarkAlias.objects.filter(key=name_key(name)).exists()
        benchmark = benchmark_resolve(name=name)
        if benchmark is None:
            raise RecordRejected(f"the dataset name {name!r} has no letter or digit")
        self._benchmarks[name] = benchmark
        return benchmark, not existed

    def benchmark(self, record: BenchmarkRecord) -> WriteResult:
        benchmark, created = self._benchmark(record.name)
        changed = []
        for field, value in (("description", record.description), ("url", record.url)):
            if value and not getattr(benchmark, field):
                setattr(benchmark, field, value)
                changed.append(field)
        if changed:
            benchmark.save(update_fields=[*changed, "updated_at"])
        linked = False
        task = self._task(record.task)
        if task is not None and (benchmark.pk, task.pk) not in self._links:
            linked = benchmark_task_link(benchmark=benchmark, task=task)
            self._links.add((benchmark.pk, task.pk))
        if created:
            return WriteResult(UpsertOutcome.CREATED)
        return WriteResult(UpsertOutcome.UPDATED if changed or linked else UpsertOutcome.UNCHANGED)

    # Scores

    def _metric(self, name: str) -> tuple[Metric, str]:
        """The metric row, and a warning when the vocabulary does not know the name (its direction is unsure)."""
        if name in self._metrics:
            return self._metrics[name], ""
        existed = MetricAlias.objects.filter(key=name_key(name)).exists()
        metric = metric_resolve(name=name)
        if metric is None:
            raise RecordRejected(f"the metric name {name!r} has no letter or digit")
        self._metrics[name] = metric
        warning = ""
        if lookup_metric(name) is None and name not in self._warned:
            self._warned.add(name)
            direction = "higher" if metric.higher_is_better else "lower"
            if existed:
                warning = (
                    f"metric {name!r} is not in the vocabulary; its scores go to the stored metric "
                    f"{metric.name!r} ({direction} is better)"
                )
            else:
                warning = (
                    f"metric {name!r} is not in the vocabulary; created as {metric.name!r} with {direction} "
                    f"is better, a guess a curator should check"
                )
        return metric, warning

    def _paper(self, record: ScoreRecord) -> tuple[Paper, UpsertOutcome]:
        key = (record.paper, record.code_url)
        if key not in self._papers:
            result = paper_upsert_ref(ref=record.paper, source=record.source, code_url=record.code_url)
            self._papers[key] = (result.paper, result.outcome) if result else None
            found = self._papers[key]
        else:
            found = self._papers[key]
            found = (found[0], UpsertOutcome.UNCHANGED) if found else None
        if found is None:
            raise RecordRejected(
                f"the row names no paper title and arXiv paper {record.paper.arxiv_id} is not stored; "
                f"import its paper first (e.g. papers-with-abstracts.json), then this file again"
            )
        return found

    def _stored(self, paper: Paper) -> set[str]:
        if paper.pk not in self._stored_keys:
            claims = Claim.objects.filter(paper=paper).exclude(source_key="")
            self._stored_keys[paper.pk] = set(claims.values_list("source_key", flat=True))
        return self._stored_keys[paper.pk]

    def score(self, record: ScoreRecord) -> WriteResult:
        paper, paper_outcome = self._paper(record)
        benchmark, _ = self._benchmark(record.benchmark)
        metric, warning = self._metric(record.metric)
        key = score_source_key(record)
        warnings = (warning,) if warning else ()
        if key in self._stored(paper) or (paper.pk, key) in self._pending_keys:
            outcome = (
                UpsertOutcome.UNCHANGED if paper_outcome == UpsertOutcome.UNCHANGED else UpsertOutcome.UPDATED
            )
            return WriteResult(outcome, warnings=warnings)
        claim = Claim(
            paper=paper,
            benchmark=benchmark,
            metric=metric,
            benchmark_text=record.benchmark[:255],
            metric_text=record.metric[:255],
            method=record.method[:255],
            setting=record.setting[:100],
            value=record.value,
            value_text=record.value_text[:100],
            unit=record.unit,
            kind=Claim.Kind.SCORE,
            evidence=score_evidence(record),
            confidence=1.0,
            status=Claim.Status.VERIFIED,
            provenance=Claim.Provenance.PWC_ARCHIVE,
            import_run=self.run,
            source_key=key,
        )
        claim.full_clean(
            exclude=["paper", "benchmark", "metric", "import_run", "curated_by"],
            validate_unique=False,
            validate_constraints=False,
        )
        self._pending.append(claim)
        self._pending_keys.add((paper.pk, key))
        return WriteResult(UpsertOutcome.CREATED, warnings=warnings)
