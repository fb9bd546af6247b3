"""Big files in ranges: each range of lines is a task of its own, so several workers import one file at once.

The run stays running while its ranges run. Each range keeps its own counts and errors (positions are the
file's line numbers); after each batch the run's counts are summed from its ranges, and the range that
finishes last closes the run: failed when a range failed for good, partial when records were rejected.
A range that fails is retried on its own; the ranges already done are never read again.
"""

import logging
from pathlib import Path

from django.conf import settings
from django.db import DatabaseError, transaction
from django.db.models import Sum
from django.utils import timezone

from papers.importers import ImportFormatError
from papers.importers.ranges import LineRange, can_split, iter_range_records, line_ranges
from papers.models import ImportRange, ImportRun
from papers.services.imports import (
    COUNT_FIELDS,
    MAX_STORED_ERRORS,
    ImportRunLost,
    ImportRunNotClaimed,
    _claim,
    _delete_upload,
    _public_message,
    _save_progress,
    _stale_cutoff,
    import_records,
    read_limits,
)
from tracker.broker import BROKER_ERRORS

logger = logging.getLogger(__name__)
FINAL = (ImportRun.Status.SUCCEEDED, ImportRun.Status.PARTIAL, ImportRun.Status.FAILED)


def import_run_split(*, run: ImportRun, path: Path) -> bool:
    """Cut the run's file into ranges and queue one task per range; False when it is read as one piece.

    A run that already has ranges (its message came again) only sends those not finished.
    """
    target = settings.IMPORT_RANGE_BYTES
    size = path.stat().st_size
    if size <= target or size > settings.IMPORT_MAX_FILE_BYTES or not can_split(path, run.format):
        return False
    if run.ranges.exists():
        ranges_enqueue(list(run.ranges.exclude(status__in=FINAL)))
        return True
    bounds = line_ranges(path, target)
    if len(bounds) < 2:
        return False
    with transaction.atomic():
        ranges = ImportRange.objects.bulk_create(
            ImportRange(run=run, index=index, start=start, end=end, first_line=first_line)
            for index, (start, end, first_line) in enumerate(bounds)
        )
        _save_progress(run)
        if not _in_process():
            # Workers must find the ranges committed.
            transaction.on_commit(lambda: ranges_enqueue(ranges))
    logger.info("%s: %d ranges of about %d bytes queued", run, len(ranges), target)
    if _in_process():
        ranges_enqueue(ranges)
    return True


def _in_process() -> bool:
    """No workers (tasks run eagerly): the ranges run here, one after another, right after the split."""
    from papers.tasks import import_range_task

    return bool(import_range_task.app.conf.task_always_eager)


def ranges_enqueue(ranges: list[ImportRange]) -> None:
    """Send each range to a worker; one the broker does not take stays queued for the recovery sweep."""
    from papers.tasks import import_range_task

    if _in_process():
        for import_range in ranges:
            _range_run_here(import_range.pk)
        return
    for import_range in ranges:
        try:
            import_range_task.delay(import_range_id=import_range.pk)
        except BROKER_ERRORS as exc:
            logger.warning("%s not sent: the broker is unreachable (%s)", import_range, exc)
            return


def _range_run_here(import_range_id: int) -> None:
    """Without workers, in this process: tried up to IMPORT_MAX_ATTEMPTS times, as a worker's retries would."""
    for _ in range(settings.IMPORT_MAX_ATTEMPTS):
        try:
            import_range_execute(import_range_id=import_range_id)
            return
        except ImportRunNotClaimed:
            return
        except Exception:
            logger.exception("Range %s failed; trying it again", import_range_id)


def _lines(import_range: ImportRange) -> str:
    return f"the lines from {import_range.first_line:,}"


def import_range_execute(*, import_range_id: int, task_id: str = "") -> ImportRange:
    """Import one range of its run's file; the last range to end closes the run.

    Raises ImportRunNotClaimed (or ImportRunBusy) when the range is not queued, DatabaseError after putting
    it back in the queue, and any unexpected error after putting it back while attempts remain.
    """
    import_range = _claim(import_range_id, task_id, model=ImportRange)
    run = import_range.run
    path = Path(run.path)
    bounds = LineRange(import_range.start, import_range.end, import_range.first_line)
    try:
        records = iter_range_records(path, run.format, bounds, read_limits())
        import_records(
            run=import_range, records=records, progress=lambda _: run_counts_refresh(run_id=run.pk)
        )
        status = ImportRun.Status.PARTIAL if import_range.rejected_count else ImportRun.Status.SUCCEEDED
        if unqueued := getattr(import_range, "unqueued_extractions", 0):
            import_range.message = (
                f"{_lines(import_range)}: claim extraction was not queued for {unqueued} papers (the task queue "
                "was unreachable); `manage.py extract_claims` or the periodic sweep reads them."
            )
    except ImportRunLost:
        raise
    except (ImportFormatError, OSError) as exc:
        import_range.message = f"{_lines(import_range)}: {_public_message(exc, path=path, origin=run.origin)}"
        status = ImportRun.Status.FAILED
    except DatabaseError:
        _requeue(import_range)
        raise
    except Exception as exc:
        logger.exception("%s stopped on an unexpected error", import_range)
        if import_range.attempts < settings.IMPORT_MAX_ATTEMPTS:
            _requeue(import_range)
            raise
        import_range.message = (
            f"{_lines(import_range)}: stopped on an unexpected error ({type(exc).__name__}) after "
            f"{import_range.read_count} records, {import_range.attempts} times; the records before it were kept."
        )
        status = ImportRun.Status.FAILED
    _save_progress(import_range, status=status, finished_at=timezone.now())
    run_settle(run_id=run.pk)
    return ImportRange.objects.get(pk=import_range.pk)


def _requeue(import_range: ImportRange) -> None:
    ImportRange.objects.filter(pk=import_range.pk, task_id=import_range.task_id).update(
        status=ImportRun.Status.QUEUED, task_id=""
    )


def run_counts_refresh(*, run_id: int) -> None:
    """The run's counts as the sum of its ranges', with a heartbeat: its ranges show it alive."""
    sums = ImportRange.objects.filter(run_id=run_id).aggregate(**{name: Sum(name) for name in COUNT_FIELDS})
    ImportRun.objects.filter(pk=run_id, status=ImportRun.Status.RUNNING).update(
        **{name: value or 0 for name, value in sums.items()}, heartbeat_at=timezone.now()
    )


def _joined(ranges: list[ImportRange], field: str) -> list[dict]:
    return [item for import_range in ranges for item in getattr(import_range, field)][:MAX_STORED_ERRORS]


@transaction.atomic
def run_settle(*, run_id: int) -> ImportRun | None:
    """Sum the ranges into the run and, once every range is over, close the run. Safe from any worker."""
    run = ImportRun.objects.select_for_update().filter(pk=run_id, status=ImportRun.Status.RUNNING).first()
    if run is None:
        return None
    ranges = list(run.ranges.order_by("index"))
    for name in COUNT_FIELDS:
        setattr(run, name, sum(getattr(import_range, name) for import_range in ranges))
    run.errors, run.warnings = _joined(ranges, "errors"), _joined(ranges, "warnings")
    run.heartbeat_at = timezone.now()
    if all(import_range.is_finished for import_range in ranges):
        failed = any(import_range.status == ImportRun.Status.FAILED for import_range in ranges)
        run.status = (
            ImportRun.Status.FAILED
            if failed
            else ImportRun.Status.PARTIAL
            if run.rejected_count
            else ImportRun.Status.SUCCEEDED
        )
        run.message = "; ".join(import_range.message for import_range in ranges if import_range.message)
        run.finished_at = timezone.now()
        transaction.on_commit(lambda: _delete_upload(run))
    run.save()
    return run


def stuck_ranges():
    """Ranges of running imports whose worker went silent, or whose message was lost."""
    from django.db.models.functions import Coalesce

    return (
        ImportRange.objects.annotate(last_sign=Coalesce("heartbeat_at", "started_at", "run__started_at"))
        .filter(
            status__in=[ImportRun.Status.RUNNING, ImportRun.Status.QUEUED],
            run__status=ImportRun.Status.RUNNING,
            last_sign__lt=_stale_cutoff(),
        )
        .select_related("run")
        .order_by("pk")
    )


def import_ranges_recover(*, dry_run: bool = False) -> tuple[list[int], list[int]]:
    """Send stuck ranges again, or fail them after IMPORT_MAX_ATTEMPTS; returns (resumed, failed) range ids."""
    resumed, failed = [], []
    if not dry_run:
        # A worker that died between finishing the last range and closing the run leaves it to the sweep.
        silent = ImportRun.objects.filter(
            status=ImportRun.Status.RUNNING, ranges__isnull=False, heartbeat_at__lt=_stale_cutoff()
        ).exclude(ranges__status__in=[ImportRun.Status.QUEUED, ImportRun.Status.RUNNING])
        for run_id in set(silent.values_list("pk", flat=True)):
            run_settle(run_id=run_id)
    for import_range in stuck_ranges():
        if import_range.attempts >= settings.IMPORT_MAX_ATTEMPTS or not Path(import_range.run.path).is_file():
            failed.append(import_range.pk)
            if not dry_run:
                ImportRange.objects.filter(pk=import_range.pk, task_id=import_range.task_id).update(
                    status=ImportRun.Status.FAILED,
                    message=f"{_lines(import_range)}: stopped without finishing, {import_range.attempts} times; "
                    "import the file again.",
                    finished_at=timezone.now(),
                )
                run_settle(run_id=import_range.run_id)
            continue
        resumed.append(import_range.pk)
        if dry_run:
            continue
        taken = ImportRange.objects.filter(
            pk=import_range.pk, status=import_range.status, task_id=import_range.task_id
        ).update(status=ImportRun.Status.QUEUED, task_id="", heartbeat_at=timezone.now())
        if taken:
            logger.warning("%s was stuck; sending it again.", import_range)
            ranges_enqueue([import_range])
    return resumed, failed
