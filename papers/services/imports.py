"""Import a file of papers: stream its records, upsert them in batches, record the run."""

import datetime
import logging
import uuid
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import DatabaseError, DataError, IntegrityError, connection, reset_queries, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.text import capfirst

from claims.services.archive import ArchiveWriter
from papers.code_links import code_url_in
from papers.importers import FORMATS, ImportFormatError, ReadLimits, arxiv_jsonl, detect_format, iter_records
from papers.importers.base import (
    BenchmarkRecord,
    CodeLinkRecord,
    PaperRecord,
    RecordError,
    ScoreRecord,
    TaskRecord,
)
from papers.models import ImportRange, ImportRun
from papers.services.code_links import paper_code_link
from papers.services.paper_batches import papers_upsert_batch
from papers.services.paper_copy import papers_copy_chunk
from papers.services.papers import UpsertOutcome, paper_upsert
from papers.services.records import RecordRejected, WriteResult
from tracker.broker import BROKER_ERRORS, TaskQueueUnavailable

logger = logging.getLogger(__name__)

# Errors kept on a run; the rejected count stays exact beyond it.
MAX_STORED_ERRORS = 1000

ProgressCallback = Callable[[ImportRun], None]


class ImportRunNotClaimed(Exception):
    """Another worker runs (or already ran) this import."""


class ImportRunBusy(ImportRunNotClaimed):
    """A redelivered message of a run whose worker still shows signs of life: ask again later."""


class ImportRunLost(ImportRunNotClaimed):
    """The run was taken over (its worker was thought dead) while this worker still ran it."""


def import_upload_save(*, uploaded_file) -> Path:
    """Keep an uploaded file where workers can read it (MEDIA_ROOT/imports/)."""
    directory = Path(settings.MEDIA_ROOT) / "imports"
    directory.mkdir(parents=True, exist_ok=True)
    safe_name = Path(uploaded_file.name or "upload").name[-100:]
    path = directory / f"{uuid.uuid4().hex}-{safe_name}"
    with path.open("wb") as handle:
        for chunk in uploaded_file.chunks():
            handle.write(chunk)
    return path


def read_limits() -> ReadLimits:
    return ReadLimits(max_bytes=settings.IMPORT_MAX_FILE_BYTES, max_line_bytes=settings.IMPORT_MAX_LINE_BYTES)


def import_run_create(
    *,
    path: Path | str,
    origin: str = "",
    format: str | None = None,
    user=None,
    extract: bool = True,
    delete_file: bool = False,
) -> ImportRun:
    if format and format not in FORMATS:
        raise ValueError(f"Unknown format {format!r}; known formats: {', '.join(sorted(FORMATS))}")
    return ImportRun.objects.create(
        origin=origin or Path(path).name,
        format=format or "",
        extract=extract,
        path=str(path),
        delete_file=delete_file,
        started_by=user if user is not None and user.is_authenticated else None,
    )


def import_run_enqueue(run: ImportRun) -> None:
    """Hand a queued run to a worker; when the broker is unreachable the run fails at once, saying so."""
    from papers.tasks import import_file_task

    try:
        import_file_task.delay(import_run_id=run.pk, path=run.path)
    except BROKER_ERRORS as exc:
        logger.warning("Import run %s not sent: the broker is unreachable (%s)", run.pk, exc)
        ImportRun.objects.filter(pk=run.pk, status=ImportRun.Status.QUEUED).update(
            status=ImportRun.Status.FAILED,
            message="Not started: the task queue was unreachable. Import the file again when it is back.",
            finished_at=timezone.now(),
        )
        _delete_upload(run)
        raise TaskQueueUnavailable() from exc


def import_file_start(
    *,
    path: Path | str,
    origin: str = "",
    format: str | None = None,
    user=None,
    extract: bool = True,
    delete_file: bool = False,
) -> ImportRun:
    """Create a queued run and hand it to a worker (in-process when no broker is configured).

    Raises TaskQueueUnavailable (the run then failed, saying why) when the broker does not answer.
    """
    run = import_run_create(
        path=path, origin=origin, format=format, user=user, extract=extract, delete_file=delete_file
    )
    # The worker must find the committed run, so the task is sent only after commit.
    transaction.on_commit(lambda: import_run_enqueue(run))
    run.refresh_from_db()
    return run


def _stale_cutoff():
    return timezone.now() - datetime.timedelta(seconds=settings.IMPORT_STALE_AFTER_SECONDS)


def _claim(run_id: int, task_id: str, model=ImportRun):
    """Move the run from queued to running, exactly once.

    A redelivered message of the same task may resume it, but only once the worker that had it has
    stopped beating: a broker's visibility timeout shorter than the import never runs it twice.
    """
    fresh = Q(status=ImportRun.Status.QUEUED)
    redelivered = (
        Q(status=ImportRun.Status.RUNNING, task_id=task_id)
        & (Q(heartbeat_at__lt=_stale_cutoff()) | Q(heartbeat_at__isnull=True))
        if task_id
        else Q(pk__in=[])
    )
    now = timezone.now()
    claimed = model.objects.filter(fresh | redelivered, pk=run_id).update(
        status=ImportRun.Status.RUNNING,
        task_id=task_id or f"local-{uuid.uuid4().hex}",
        attempts=F("attempts") + 1,
        started_at=now,
        heartbeat_at=now,
        finished_at=None,
        read_count=0,
        created_count=0,
        updated_count=0,
        unchanged_count=0,
        rejected_count=0,
        errors=[],
        warnings=[],
        message="",
    )
    if claimed != 1:
        if (
            task_id
            and model.objects.filter(pk=run_id, status=ImportRun.Status.RUNNING, task_id=task_id).exists()
        ):
            raise ImportRunBusy(
                f"{capfirst(model._meta.verbose_name)} {run_id} is still running on a live worker."
            )
        raise ImportRunNotClaimed(f"{capfirst(model._meta.verbose_name)} {run_id} is not queued.")
    return model.objects.get(pk=run_id)


COUNT_FIELDS = ("read_count", "created_count", "updated_count", "unchanged_count", "rejected_count")
_PROGRESS_FIELDS = {
    ImportRun: ("format", *COUNT_FIELDS, "errors", "warnings", "message", "cursor"),
    ImportRange: (*COUNT_FIELDS, "errors", "warnings", "message"),
}


def _save_progress(run: ImportRun | ImportRange, **final) -> None:
    """Save the counts (and a heartbeat) of a run or a range only while this worker still owns it."""
    model = type(run)
    updated = model.objects.filter(pk=run.pk, status=ImportRun.Status.RUNNING, task_id=run.task_id).update(
        **{name: getattr(run, name) for name in _PROGRESS_FIELDS[model]},
        heartbeat_at=timezone.now(),
        **final,
    )
    if updated != 1:
        raise ImportRunLost(f"{run} was taken over by another worker; this one stops.")


def _batches(records: Iterable, size: int, max_chars: int | None = None) -> Iterator[list]:
    """Batches of size records, cut sooner when their text passes max_chars: a batch of long abstracts
    (each copied into models and SQL parameters) would otherwise hold hundreds of MB at once."""
    max_chars = settings.IMPORT_BATCH_MAX_CHARS if max_chars is None else max_chars
    batch: list = []
    chars = 0
    for record in records:
        batch.append(record)
        chars += len(getattr(record, "abstract", "") or "") + len(getattr(record, "title", "") or "")
        if len(batch) >= size or chars >= max_chars:
            yield batch
            batch = []
            chars = 0
    if batch:
        yield batch


def _until_failure(records: Iterable, failures: list[ImportFormatError]) -> Iterator:
    """The records, stopping (not raising) where the file breaks down, so those read before still land."""
    try:
        yield from records
    except ImportFormatError as exc:
        failures.append(exc)


def _reject(run: ImportRun, position: str, reason: str) -> None:
    run.rejected_count += 1
    if len(run.errors) < MAX_STORED_ERRORS:
        run.errors.append({"position": position, "reason": reason})


def _validation_reason(exc: ValidationError) -> str:
    if hasattr(exc, "message_dict"):
        return "; ".join(f"{field}: {' '.join(msgs)}" for field, msgs in exc.message_dict.items())
    return " ".join(exc.messages)


def _too_large(record: PaperRecord) -> str:
    for field, most in (
        ("title", settings.IMPORT_MAX_TITLE_CHARS),
        ("abstract", settings.IMPORT_MAX_ABSTRACT_CHARS),
    ):
        size = len(getattr(record, field))
        if size > most:
            return f"the {field} is {size:,} characters long; the limit is {most:,}"
    return ""


def _warn(run: ImportRun, position: str, reason: str) -> None:
    if len(run.warnings) < MAX_STORED_ERRORS:
        run.warnings.append({"position": position, "reason": reason})


def _with_code_url(record: PaperRecord) -> PaperRecord:
    """A repository linked in the abstract becomes the code URL when the source gave none."""
    if not record.code_url and (found := code_url_in(record.abstract)):
        return replace(record, code_url=found)
    return record


def paper_record_write(*, record: PaperRecord) -> WriteResult:
    """Upsert a paper; a repository linked in its abstract becomes its code URL when the source gave none."""
    result = paper_upsert(record=_with_code_url(record))
    return WriteResult(result.outcome, extract_ids=(result.paper.pk,) if result.abstract_changed else ())


class RecordWriter:
    """Writes each kind of record an importer yields, through the service that owns it."""

    def __init__(self, run: ImportRun) -> None:
        self.archive = ArchiveWriter(run)

    def write(self, record) -> WriteResult:
        if isinstance(record, PaperRecord):
            return paper_record_write(record=record)
        if isinstance(record, ScoreRecord):
            return self.archive.score(record)
        if isinstance(record, BenchmarkRecord):
            return self.archive.benchmark(record)
        if isinstance(record, TaskRecord):
            return self.archive.task(record)
        if isinstance(record, CodeLinkRecord):
            return paper_code_link(record=record)
        raise TypeError(f"no writer for {type(record).__name__}")

    def writes_nothing(self, record) -> bool:
        return self.archive.writes_nothing(record)

    def forget(self) -> None:
        """A record was rolled back: rows cached while writing it may be gone."""
        self.archive.reset()

    def flush(self) -> None:
        self.archive.flush()


_COUNTERS = {
    UpsertOutcome.CREATED: "created_count",
    UpsertOutcome.UPDATED: "updated_count",
    UpsertOutcome.UNCHANGED: "unchanged_count",
}


def _write(writer: "RecordWriter", item):
    """The record written in a savepoint, tried once more when a concurrent import stored the same row first.

    The unique index makes the second writer wait for the first to commit, so on the retry the lookup
    finds the row and merges into it instead of clashing.
    """
    if writer.writes_nothing(item):
        return writer.write(item)
    try:
        with transaction.atomic():
            return writer.write(item)
    except IntegrityError:
        writer.forget()
        with transaction.atomic():
            return writer.write(item)


# What makes a batch of papers fall back to writing its records one by one.
_BATCH_FALLBACK_ERRORS = (ValidationError, IntegrityError, DataError, ValueError)


def _split_rejected(records: list) -> tuple[list[PaperRecord], list[tuple[str, str]]]:
    """The paper records to write, and (position, reason) of those refused before any write."""
    papers: list[PaperRecord] = []
    rejected: list[tuple[str, str]] = []
    for item in records:
        if isinstance(item, RecordError):
            rejected.append((item.position, item.reason))
        elif reason := _too_large(item):
            rejected.append((item.position, reason))
        else:
            papers.append(_with_code_url(item))
    return papers, rejected


def _count_read(run: ImportRun, records: list, rejected: list[tuple[str, str]]) -> None:
    run.read_count += len(records)
    for position, reason in rejected:
        _reject(run, position, reason)


def _papers_batch(run: ImportRun, batch: list) -> list[int] | None:
    """Write a batch of paper records with a few queries for the lot; None (nothing kept) when a record
    needs the per-record path. A concurrent import storing the same papers is met by trying once more."""
    papers, rejected = _split_rejected(batch)
    results = None
    for _ in range(2):
        try:
            with transaction.atomic():
                results = papers_upsert_batch(records=papers)
            break
        except IntegrityError:
            continue  # the other import has committed by now: the lookups find its rows
        except _BATCH_FALLBACK_ERRORS:
            return None
    if results is None:
        return None
    _count_read(run, batch, rejected)
    for result in results:
        counter = _COUNTERS[result.outcome]
        setattr(run, counter, getattr(run, counter) + 1)
    return [result.paper.pk for result in results if result.abstract_changed]


def _papers_copy(run: ImportRun, chunk: list) -> list[int] | None:
    """Write a chunk of paper records with COPY and a set-based merge; None (nothing kept) when it cannot."""
    papers, rejected = _split_rejected(chunk)
    try:
        with transaction.atomic():
            result = papers_copy_chunk(records=papers)
    except _BATCH_FALLBACK_ERRORS as exc:
        logger.info(
            "%s: a chunk of %d records goes the batched way (%s)", run, len(chunk), type(exc).__name__
        )
        return None
    _count_read(run, chunk, rejected)
    run.created_count += result.created
    run.updated_count += result.updated
    run.unchanged_count += result.unchanged
    return result.extract_ids


def _import_chunk(run: ImportRun, chunk: list, writer: "RecordWriter") -> list[int]:
    """Write one chunk of arXiv-snapshot records in one transaction through COPY; when the set-based merge
    cannot take it, the chunk is written again the batched way (bad records then get their positions)."""
    with transaction.atomic():
        if (to_extract := _papers_copy(run, chunk)) is not None:
            _save_progress(run)
            return to_extract
    paper_ids: list[int] = []
    for batch in _batches(chunk, settings.IMPORT_BATCH_SIZE):
        paper_ids.extend(_import_batch(run, batch, writer))
    return paper_ids


def _uses_copy(run: ImportRun | ImportRange) -> bool:
    """The COPY path: arXiv-snapshot JSON lines on PostgreSQL, unless IMPORT_COPY is off."""
    run_format = run.run.format if isinstance(run, ImportRange) else run.format
    return settings.IMPORT_COPY and connection.vendor == "postgresql" and run_format == arxiv_jsonl.NAME


def _is_papers(batch: list) -> bool:
    return all(isinstance(item, PaperRecord | RecordError) for item in batch)


def _import_batch(run: ImportRun, batch: list, writer: "RecordWriter") -> list[int]:
    """Write one batch in one transaction; returns ids of papers whose abstract is new or changed."""
    with transaction.atomic():
        if _is_papers(batch) and (to_extract := _papers_batch(run, batch)) is not None:
            _save_progress(run)
            return to_extract
        return _import_records_one_by_one(run, batch, writer)


def _import_records_one_by_one(run: ImportRun, batch: list, writer: "RecordWriter") -> list[int]:
    """Each record in a savepoint of its own, so a bad one is rejected at its position and the rest land."""
    to_extract: list[int] = []
    for item in batch:
        run.read_count += 1
        if isinstance(item, RecordError):
            _reject(run, item.position, item.reason)
            continue
        if isinstance(item, PaperRecord) and (reason := _too_large(item)):
            _reject(run, item.position, reason)
            continue
        try:
            result = _write(writer, item)
        except RecordRejected as exc:
            writer.forget()
            _reject(run, item.position, exc.reason)
            continue
        except ValidationError as exc:
            writer.forget()
            _reject(run, item.position, _validation_reason(exc))
            continue
        except IntegrityError as exc:
            writer.forget()
            what = "paper" if isinstance(item, PaperRecord) else "row"
            _reject(run, item.position, f"conflicts with a stored {what} ({str(exc).splitlines()[0]})")
            continue
        except (DataError, ValueError) as exc:
            writer.forget()
            _reject(run, item.position, f"cannot be stored ({str(exc).splitlines()[0][:200]})")
            continue
        counter = _COUNTERS[result.outcome]
        setattr(run, counter, getattr(run, counter) + 1)
        for warning in result.warnings:
            _warn(run, item.position, warning)
        to_extract.extend(result.extract_ids)
    writer.flush()
    _save_progress(run)
    return to_extract


def _queue_extraction(run: ImportRun, paper_ids: list[int]) -> None:
    """Queue extraction; with the broker gone the papers stay stale for the periodic sweep, and the run says so."""
    from claims.tasks import extract_papers_task

    chunk = settings.EXTRACT_CHUNK_SIZE
    for start in range(0, len(paper_ids), chunk):
        ids = paper_ids[start : start + chunk]
        try:
            extract_papers_task.delay(paper_ids=ids)
        except BROKER_ERRORS as exc:
            logger.warning(
                "Extraction of %d papers not queued: the broker is unreachable (%s)", len(ids), exc
            )
            run.unqueued_extractions = getattr(run, "unqueued_extractions", 0) + len(ids)


def _delete_upload(run: ImportRun) -> None:
    if run.delete_file and run.path:
        Path(run.path).unlink(missing_ok=True)


def _public_message(exc: Exception, *, path: Path | str, origin: str) -> str:
    """Why the file failed, naming it as its user knows it: an upload's server path is never shown."""
    name = origin or Path(path).name
    if isinstance(exc, OSError) and not isinstance(exc, ImportFormatError):
        return f"{name}: cannot read the file ({exc.strerror or type(exc).__name__})"
    message = str(exc)
    for form in sorted({str(path), str(Path(path)), str(Path(path).resolve())}, key=len, reverse=True):
        message = message.replace(form, name)
    return message


def import_run_claim(*, import_run_id: int, task_id: str = "") -> ImportRun:
    """Move a queued run to running, exactly once; raises ImportRunNotClaimed when it is not queued."""
    return _claim(import_run_id, task_id)


def import_records(
    *,
    run: ImportRun | ImportRange,
    records: Iterable[PaperRecord | RecordError],
    progress: ProgressCallback | None = None,
) -> None:
    """Write records into a running run (or range), a batch per transaction, queueing extraction after each commit."""
    writer = RecordWriter(run.run if isinstance(run, ImportRange) else run)
    if _uses_copy(run):
        batches = _batches(records, settings.IMPORT_COPY_CHUNK_SIZE, settings.IMPORT_COPY_MAX_CHARS)
        write = _import_chunk
    else:
        batches = _batches(records, settings.IMPORT_BATCH_SIZE)
        write = _import_batch
    for batch in batches:
        paper_ids = write(run, batch, writer)
        if run.extract and paper_ids:
            _queue_extraction(run, paper_ids)
        if progress:
            progress(run)
        # With DEBUG on (the default outside production), Django logs every query with its parameters, and
        # only a web request clears the log: without this, a command or a worker holds every batch's text.
        reset_queries()


def import_run_finish(*, run: ImportRun, failure: str = "") -> ImportRun:
    """Close a run: failed with the reason when given, else succeeded (partial when records were rejected)."""
    if failure:
        run.status = ImportRun.Status.FAILED
        run.message = failure
    else:
        run.status = ImportRun.Status.PARTIAL if run.rejected_count else ImportRun.Status.SUCCEEDED
    if unqueued := getattr(run, "unqueued_extractions", 0):
        run.message = " ".join(
            filter(
                None,
                [
                    run.message,
                    f"Claim extraction was not queued for {unqueued} papers (the task queue was unreachable); "
                    "`manage.py extract_claims` or the periodic sweep reads them.",
                ],
            )
        )
    run.finished_at = timezone.now()
    _save_progress(run, status=run.status, finished_at=run.finished_at)
    _delete_upload(run)
    logger.info(
        "%s: read %d, created %d, updated %d, unchanged %d, rejected %d",
        run,
        run.read_count,
        run.created_count,
        run.updated_count,
        run.unchanged_count,
        run.rejected_count,
    )
    return run


def import_run_requeue(*, run: ImportRun) -> None:
    """Put a run interrupted by a transient database error back, so a retry can claim it."""
    ImportRun.objects.filter(pk=run.pk, task_id=run.task_id).update(status=ImportRun.Status.QUEUED)


def import_run_execute(
    *,
    import_run_id: int,
    path: Path | str | None = None,
    task_id: str = "",
    progress: ProgressCallback | None = None,
) -> ImportRun:
    """Run a queued import: every good record lands, every bad one is listed with its position.

    The run always ends in a final state (succeeded, partial or failed) unless the database itself is
    unreachable, when it is put back in the queue for a retry.
    """
    run = _claim(import_run_id, task_id)
    path = Path(path or run.path)
    failures: list[ImportFormatError] = []
    try:
        run.format = run.format or detect_format(path)
        from papers.services.import_ranges import import_run_split

        if import_run_split(run=run, path=path):
            # Its ranges are tasks of their own; the last one to finish closes the run.
            return ImportRun.objects.get(pk=run.pk)
        records = _until_failure(iter_records(path, format=run.format, limits=read_limits()), failures)
        import_records(run=run, records=records, progress=progress)
        if failures:
            raise failures[0]
    except ImportRunLost:
        raise
    except (ImportFormatError, OSError) as exc:
        return import_run_finish(run=run, failure=_public_message(exc, path=path, origin=run.origin))
    except DatabaseError:
        # Transient trouble: put the run back so a retry can claim it; records already written are idempotent.
        import_run_requeue(run=run)
        raise
    except Exception as exc:
        logger.exception("Import run %s stopped on an unexpected error", run.pk)
        return import_run_finish(
            run=run,
            failure=(
                f"The import stopped on an unexpected error ({type(exc).__name__}) after {run.read_count} "
                "records; the records before it were kept."
            ),
        )
    return import_run_finish(run=run)
