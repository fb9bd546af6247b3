"""Celery doors onto the import service. Tasks take ids and paths, never model instances."""

import logging

from celery import shared_task
from django.conf import settings
from django.db import InterfaceError, OperationalError

from papers.models import ImportRun
from papers.services.feeds import feed_run_execute
from papers.services.import_ranges import import_range_execute
from papers.services.imports import ImportRunBusy, ImportRunLost, ImportRunNotClaimed, import_run_execute
from papers.services.recovery import import_runs_recover
from papers.services.saved_feeds import saved_feed_run, saved_feeds_run_due

logger = logging.getLogger(__name__)

TRANSIENT_ERRORS = (OperationalError, InterfaceError)
# Tasks that touch the database retry on its transient errors, with backoff and jitter.
RETRY_TRANSIENT = {
    "bind": True,
    "autoretry_for": TRANSIENT_ERRORS,
    "max_retries": 5,
    "retry_backoff": True,
    "retry_backoff_max": 300,
    "retry_jitter": True,
}


@shared_task(**RETRY_TRANSIENT)
def import_file_task(self, *, import_run_id: int, path: str = "") -> dict:
    """Import one file into papers; the result says what happened."""
    if not ImportRun.objects.filter(pk=import_run_id).exists():
        logger.warning("Import run %s is gone; nothing to do.", import_run_id)
        return {"import_run_id": import_run_id, "status": "missing"}
    try:
        run = import_run_execute(import_run_id=import_run_id, path=path, task_id=self.request.id or "")
    except ImportRunBusy as exc:
        # Redelivered (a visibility timeout shorter than the import) while its worker still beats: never
        # run it twice at once; look again once that worker would count as gone.
        logger.info("%s Checking again later.", exc)
        raise self.retry(countdown=settings.IMPORT_STALE_AFTER_SECONDS, max_retries=20) from exc
    except ImportRunNotClaimed as exc:
        logger.info("%s", exc)
        return {"import_run_id": import_run_id, "status": "skipped", "reason": str(exc)}
    return _summary(run)


@shared_task(**RETRY_TRANSIENT)
def import_range_task(self, *, import_range_id: int) -> dict:
    """Import one range of lines of a big file; the last range to end closes its run."""
    try:
        import_range = import_range_execute(import_range_id=import_range_id, task_id=self.request.id or "")
    except ImportRunBusy as exc:
        raise self.retry(countdown=settings.IMPORT_STALE_AFTER_SECONDS, max_retries=20) from exc
    except ImportRunNotClaimed as exc:
        logger.info("%s", exc)
        return {"import_range_id": import_range_id, "status": "skipped", "reason": str(exc)}
    except TRANSIENT_ERRORS:
        raise
    except ImportRunLost:
        raise
    except Exception as exc:
        # The service put the range back in the queue (or failed it for good after IMPORT_MAX_ATTEMPTS).
        raise self.retry(exc=exc, countdown=5, max_retries=settings.IMPORT_MAX_ATTEMPTS) from exc
    return {
        "import_range_id": import_range_id,
        "status": import_range.status,
        "read": import_range.read_count,
    }


def _summary(run: ImportRun) -> dict:
    return {
        "import_run_id": run.pk,
        "status": run.status,
        "format": run.format,
        "read": run.read_count,
        "created": run.created_count,
        "updated": run.updated_count,
        "unchanged": run.unchanged_count,
        "rejected": run.rejected_count,
    }


def _run_feed(import_run_id: int, execute) -> dict:
    """Run a feed's import run once: missing or already taken runs are reported, not retried."""
    if not ImportRun.objects.filter(pk=import_run_id).exists():
        logger.warning("Import run %s is gone; nothing to do.", import_run_id)
        return {"import_run_id": import_run_id, "status": "missing"}
    try:
        run = execute()
    except ImportRunNotClaimed as exc:
        logger.info("%s", exc)
        return {"import_run_id": import_run_id, "status": "skipped", "reason": str(exc)}
    return _summary(run)


@shared_task(**RETRY_TRANSIENT)
def feed_run_task(self, *, import_run_id: int) -> dict:
    """Fetch one live feed run from its cursor; the result says what happened."""
    return _run_feed(
        import_run_id, lambda: feed_run_execute(import_run_id=import_run_id, task_id=self.request.id or "")
    )


@shared_task
def run_due_feeds() -> dict:
    """Periodic (celery beat): start every saved feed that is due."""
    return {"started": saved_feeds_run_due()}


@shared_task(**RETRY_TRANSIENT)
def saved_feed_run_task(self, *, saved_feed_id: int, import_run_id: int) -> dict:
    """Fetch one run of a saved feed and record how it went on the feed."""
    return _run_feed(
        import_run_id,
        lambda: saved_feed_run(
            saved_feed_id=saved_feed_id, import_run_id=import_run_id, task_id=self.request.id or ""
        ),
    )


@shared_task
def recover_stuck_imports() -> dict:
    """Periodic sweep: resume or fail import runs whose worker died or whose message was lost."""
    report = import_runs_recover()
    if report.resumed or report.failed or report.ranges_resumed or report.ranges_failed:
        logger.warning("%s", report)
    return {
        "resumed": report.resumed,
        "failed": report.failed,
        "ranges_resumed": report.ranges_resumed,
        "ranges_failed": report.ranges_failed,
    }
