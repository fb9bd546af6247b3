"""Import a file of papers: stream its records, upsert them in batches, record the run."""

import datetime
import logging
import uuid
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import DatabaseError, DataError, IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone

from papers.importers import FORMATS, ImportFormatError, ReadLimits, detect_format, iter_records
from papers.importers.base import PaperRecord, RecordError
from papers.models import ImportRun
from papers.services.papers import UpsertOutcome, paper_upsert
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


def _claim(run_id: int, task_id: str) -> ImportRun:
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
    claimed = ImportRun.objects.filter(fresh | redelivered, pk=run_id).update(
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
        message="",
    )
    if claimed != 1:
        if (
            task_id
            and ImportRun.objects.filter(pk=run_id, status=ImportRun.Status.RUNNING, task_id=task_id).exists()
        ):
            raise ImportRunBusy(f"Import run {run_id} is still running on a live worker.")
        raise ImportRunNotClaimed(f"Import run {run_id} is not queued.")
    return ImportRun.objects.get(pk=run_id)


def _save_progress(run: ImportRun, **final) -> None:
    """Save the counts (and a heartbeat) only while this worker still owns the run."""
    updated = ImportRun.objects.filter(
        pk=run.pk, status=ImportRun.Status.RUNNING, task_id=run.task_id
    ).update(
        format=run.format,
        read_count=run.read_count,
        created_count=run.created_count,
        updated_count=run.updated_count,
        unchanged_count=run.unchanged_count,
        rejected_count=run.rejected_count,
        errors=run.errors,
        message=run.message,
        heartbeat_at=timezone.now(),
        **final,
    )
    if updated != 1:
        raise ImportRunLost(f"Import run {run.pk} was taken over by another worker; this one stops.")


def _batches(records: Iterable, size: int) -> Iterator[list]:
    batch: list = []
    for record in records:
        batch.append(record)
        if len(batch) >= size:
            yield batch
            batch = []
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


def _upsert(record: PaperRecord):
    """The upsert in a savepoint, tried once more when a concurrent import stored the same paper first.

    The unique index makes the second writer wait for the first to commit, so on the retry the lookup
    finds the paper and merges into it instead of clashing.
    """
    try:
        with transaction.atomic():
            return paper_upsert(record=record)
    except IntegrityError:
        with transaction.atomic():
            return paper_upsert(record=record)


def _import_batch(run: ImportRun, batch: list[PaperRecord | RecordError]) -> list[int]:
    """Upsert one batch in one transaction; returns ids of papers whose abstract is new or changed."""
    to_extract: list[int] = []
    with transaction.atomic():
        for item in batch:
            run.read_count += 1
            if isinstance(item, RecordError):
                _reject(run, item.position, item.reason)
                continue
            if reason := _too_large(item):
                _reject(run, item.position, reason)
                continue
            try:
                # A savepoint per record: a record the database refuses is rolled back alone.
                result = _upsert(item)
            except ValidationError as exc:
                _reject(run, item.position, _validation_reason(exc))
                continue
            except IntegrityError as exc:
                _reject(run, item.position, f"conflicts with a stored paper ({str(exc).splitlines()[0]})")
                continue
            except (DataError, ValueError) as exc:
                _reject(run, item.position, f"cannot be stored ({str(exc).splitlines()[0][:200]})")
                continue
            if result.outcome == UpsertOutcome.CREATED:
                run.created_count += 1
            elif result.outcome == UpsertOutcome.UPDATED:
                run.updated_count += 1
            else:
                run.unchanged_count += 1
            if result.abstract_changed:
                to_extract.append(result.paper.pk)
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
        records = _until_failure(iter_records(path, format=run.format, limits=read_limits()), failures)
        for batch in _batches(records, settings.IMPORT_BATCH_SIZE):
            paper_ids = _import_batch(run, batch)
            if run.extract and paper_ids:
                _queue_extraction(run, paper_ids)
            if progress:
                progress(run)
        if failures:
            raise failures[0]
    except ImportRunLost:
        raise
    except (ImportFormatError, OSError) as exc:
        run.status = ImportRun.Status.FAILED
        run.message = str(exc)
    except DatabaseError:
        # Transient trouble: put the run back so a retry can claim it; records already written are idempotent.
        ImportRun.objects.filter(pk=run.pk, task_id=run.task_id).update(status=ImportRun.Status.QUEUED)
        raise
    except Exception as exc:
        logger.exception("Import run %s stopped on an unexpected error", run.pk)
        run.status = ImportRun.Status.FAILED
        run.message = (
            f"The import stopped on an unexpected error ({type(exc).__name__}) after {run.read_count} "
            "records; the records before it were kept."
        )
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
