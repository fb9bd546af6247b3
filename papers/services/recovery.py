"""Find import runs nobody is working on any more (a worker killed, stopped or cut off) and settle them.

A run is stuck when it is running and its worker has not saved a batch for IMPORT_STALE_AFTER_SECONDS,
or queued for that long without a worker taking it (its message lost). It is sent again, and since
imports are idempotent the second pass re-reads the file and changes only what the first did not
reach; after IMPORT_MAX_ATTEMPTS, or when its file is gone, it is failed with the reason.
"""

import logging
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import Coalesce
from django.utils import timezone

from papers.models import ImportRange, ImportRun
from papers.services.imports import _stale_cutoff, import_run_enqueue
from tracker.broker import TaskQueueUnavailable

logger = logging.getLogger(__name__)


@dataclass
class RecoveryReport:
    resumed: list[int] = field(default_factory=list)
    failed: list[int] = field(default_factory=list)
    ranges_resumed: list[int] = field(default_factory=list)  # ranges of big files, each its own task
    ranges_failed: list[int] = field(default_factory=list)

    def __str__(self) -> str:
        ranges = (
            f" Ranges: {len(self.ranges_resumed)} resumed, {len(self.ranges_failed)} failed."
            if self.ranges_resumed or self.ranges_failed
            else ""
        )
        return f"{len(self.resumed)} stuck imports resumed, {len(self.failed)} failed.{ranges}"


def stuck_import_runs():
    cutoff = _stale_cutoff()
    return (
        ImportRun.objects.annotate(last_sign=Coalesce("heartbeat_at", "started_at", "created_at"))
        .filter(Q(status=ImportRun.Status.RUNNING) | Q(status=ImportRun.Status.QUEUED), last_sign__lt=cutoff)
        # A run cut into ranges is recovered range by range (import_ranges_recover), never read whole again.
        .exclude(Exists(ImportRange.objects.filter(run=OuterRef("pk"))))
        .order_by("pk")
    )


def _fail(run: ImportRun, reason: str) -> bool:
    return bool(
        ImportRun.objects.filter(pk=run.pk, status=run.status, task_id=run.task_id).update(
            status=ImportRun.Status.FAILED,
            message=reason,
            finished_at=timezone.now(),
        )
    )


def import_runs_recover(*, dry_run: bool = False) -> RecoveryReport:
    """Resume or fail every stuck run; safe to call from several places at once."""
    report = RecoveryReport()
    from papers.services.import_ranges import import_ranges_recover

    report.ranges_resumed, report.ranges_failed = import_ranges_recover(dry_run=dry_run)
    for run in stuck_import_runs():
        file_there = bool(run.path) and Path(run.path).is_file()
        if not file_there or run.attempts >= settings.IMPORT_MAX_ATTEMPTS:
            why = "its file is gone" if not file_there else f"it was tried {run.attempts} times"
            if dry_run or _fail(run, f"Stopped without finishing, and {why}: import the file again."):
                report.failed.append(run.pk)
            if not dry_run and run.delete_file and file_there:
                Path(run.path).unlink(missing_ok=True)
            continue
        if dry_run:
            report.resumed.append(run.pk)
            continue
        # Only the sweep that moves it back to queued sends it, and the worker that had it stops at its next
        # save (its task id no longer matches).
        taken = ImportRun.objects.filter(pk=run.pk, status=run.status, task_id=run.task_id).update(
            status=ImportRun.Status.QUEUED, task_id="", heartbeat_at=timezone.now()
        )
        if not taken:
            continue
        logger.warning("Import run %s was stuck (%s); sending it again.", run.pk, run.status)
        try:
            import_run_enqueue(ImportRun.objects.get(pk=run.pk))
        except TaskQueueUnavailable:
            report.failed.append(run.pk)
            continue
        report.resumed.append(run.pk)
    return report
