"""Run a live feed into papers: fetch it page by page through the paced client, import each page
through the import service, and keep the position of the next page on the run, so a run that fails
midway is resumed by the next run of the same feed instead of starting over.
"""

import dataclasses
import logging
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.db import DatabaseError, transaction
from django.utils import timezone

from papers.feeds import Feed, FeedClient, FeedConfig, FeedError, Page, feed_from_dict
from papers.feeds.http import Clock
from papers.models import ImportRun
from papers.services.imports import import_records, import_run_claim, import_run_finish, import_run_requeue

logger = logging.getLogger(__name__)

PageCallback = Callable[[ImportRun, Page], None]


def feed_config() -> FeedConfig:
    return FeedConfig(
        arxiv_api_url=settings.FEEDS_ARXIV_API_URL,
        arxiv_oai_url=settings.FEEDS_ARXIV_OAI_URL,
        hf_daily_url=settings.FEEDS_HF_DAILY_URL,
        arxiv_page_size=settings.FEEDS_ARXIV_PAGE_SIZE,
    )


def feed_client(*, feed: Feed, clock: Clock | None = None) -> FeedClient:
    interval = {"arxiv": settings.FEEDS_ARXIV_INTERVAL_SECONDS, "hf": settings.FEEDS_HF_INTERVAL_SECONDS}
    return FeedClient(
        user_agent=settings.FEEDS_USER_AGENT,
        timeout=settings.FEEDS_TIMEOUT_SECONDS,
        min_interval=interval[feed.pacing_key],
        max_retries=settings.FEEDS_MAX_RETRIES,
        backoff=settings.FEEDS_BACKOFF_SECONDS,
        clock=clock,
    )


def feed_cursor(*, feed: Feed, position: Any) -> dict:
    return {"kind": feed.kind, "feed": feed.to_dict(), "position": position}


def feed_from_cursor(cursor: dict) -> tuple[Feed, Any]:
    return feed_from_dict(cursor["kind"], cursor["feed"]), cursor.get("position")


def feed_resume_cursor(*, feed: Feed) -> dict | None:
    """The cursor of this feed's last run when that run failed midway; None when there is nothing to resume."""
    last = (
        ImportRun.objects.filter(origin=feed.origin, format=feed.format)
        .order_by("-created_at", "-id")
        .first()
    )
    if last is None or last.status != ImportRun.Status.FAILED or last.cursor.get("kind") != feed.kind:
        return None
    return last.cursor


def feed_run_create(
    *, feed: Feed, cursor: dict | None = None, resume: bool = True, extract: bool = True, user=None
) -> ImportRun:
    """A queued run of the feed, from `cursor` when given, else from where its last run failed, else from the start."""
    if cursor is None and resume:
        cursor = feed_resume_cursor(feed=feed)
    if cursor is None:
        cursor = feed_cursor(feed=feed.pinned(timezone.localdate()), position=None)
    else:
        feed, _ = feed_from_cursor(cursor)  # a resumed run fetches (and is named after) the feed it resumes
    return ImportRun.objects.create(
        origin=feed.origin,
        format=feed.format,
        extract=extract,
        cursor=cursor,
        started_by=user if user is not None and user.is_authenticated else None,
    )


def feed_run_start(*, feed: Feed, resume: bool = True, extract: bool = True, user=None) -> ImportRun:
    """Create a queued run and hand it to a worker (in-process when no broker is configured)."""
    from papers.tasks import feed_run_task

    run = feed_run_create(feed=feed, resume=resume, extract=extract, user=user)
    transaction.on_commit(lambda: feed_run_task.delay(import_run_id=run.pk))
    return run


def feed_fetch(
    *,
    feed: Feed,
    resume: bool = True,
    extract: bool = True,
    clock: Clock | None = None,
    on_page: PageCallback | None = None,
) -> ImportRun:
    """Run the feed here and now; the run is in the admin and the API like any import."""
    run = feed_run_create(feed=feed, resume=resume, extract=extract)
    return feed_run_execute(import_run_id=run.pk, clock=clock, on_page=on_page)


def _at_page(record, label: str):
    return dataclasses.replace(record, position=f"{label}, {record.position}")


def feed_run_execute(
    *, import_run_id: int, task_id: str = "", clock: Clock | None = None, on_page: PageCallback | None = None
) -> ImportRun:
    """Fetch a queued feed run from its cursor to the end; each page is imported and then the cursor moves on."""
    run = import_run_claim(import_run_id=import_run_id, task_id=task_id)
    feed, position = feed_from_cursor(run.cursor)
    skipped = 0
    try:
        with feed_client(feed=feed, clock=clock) as client:
            for page in feed.pages(client, feed_config(), position):
                import_records(run=run, records=(_at_page(r, page.label) for r in page.records))
                skipped += page.skipped
                # Saved after the page's records: a crash in between re-reads one page, which changes nothing.
                run.cursor = feed_cursor(feed=feed, position=page.next_position)
                run.save(update_fields=["cursor"])
                if on_page:
                    on_page(run, page)
    except FeedError as exc:
        if exc.restart:
            run.cursor = feed_cursor(feed=feed, position=None)
        where = (
            f" (next run resumes at {run.cursor['position']})" if run.cursor["position"] is not None else ""
        )
        return import_run_finish(run=run, failure=f"{exc}{where}")
    except DatabaseError:
        import_run_requeue(run=run)
        raise
    if skipped:
        logger.info("%s: skipped %d withdrawn records", run, skipped)
    return import_run_finish(run=run)
