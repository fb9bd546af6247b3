"""Saved feeds on a schedule: which are due, claiming one run of each, and recording how it went.

celery beat calls saved_feeds_run_due every few minutes (papers.tasks.run_due_feeds); each due feed
gets a queued ImportRun and a worker task that fetches it through papers.services.feeds.
"""

import datetime
import logging

from django.conf import settings
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from papers.feeds import FEEDS, ArxivQuery, Feed, HfDaily, OaiHarvest
from papers.models import ImportRun, SavedFeed
from papers.services.feeds import feed_run_create, feed_run_execute

logger = logging.getLogger(__name__)

# Days fetched at most when a Hugging Face feed catches up after a pause.
HF_CATCH_UP_DAYS = 30
ACTIVE = (ImportRun.Status.QUEUED, ImportRun.Status.RUNNING)


def saved_feed_feed(*, saved_feed: SavedFeed, today: datetime.date) -> Feed:
    """The feed a run fetches now: from the day before the last success (or from `since`) to today."""
    start = (
        saved_feed.last_success_at.date() - datetime.timedelta(days=1) if saved_feed.last_success_at else None
    )
    start = start or saved_feed.since
    kind = SavedFeed.Kind(saved_feed.kind)
    if kind == SavedFeed.Kind.ARXIV_QUERY:
        return ArxivQuery(query=saved_feed.query, since=start, max_results=saved_feed.max_results)
    if kind == SavedFeed.Kind.OAI_SET:
        return OaiHarvest(set_spec=saved_feed.query, since=start or today - datetime.timedelta(days=1))
    first = max(start or today, today - datetime.timedelta(days=HF_CATCH_UP_DAYS))
    return HfDaily(first=min(first, today), last=today)


def saved_feeds_due(*, now: datetime.datetime) -> QuerySet[SavedFeed]:
    """Enabled feeds whose time has come and whose last run is not still under way."""
    stale = now - datetime.timedelta(seconds=settings.FEEDS_RUN_STALE_AFTER_SECONDS)
    busy = Q(last_import_run__status__in=ACTIVE, last_import_run__created_at__gt=stale)
    return (
        SavedFeed.objects.filter(enabled=True)
        .filter(Q(next_run_at__isnull=True) | Q(next_run_at__lte=now))
        .exclude(busy)
        .order_by("next_run_at", "pk")
    )


@transaction.atomic
def saved_feed_start(*, saved_feed: SavedFeed, now: datetime.datetime | None = None) -> ImportRun | None:
    """Claim the feed's next run (once, however many schedulers race for it) and queue it for a worker."""
    from papers.tasks import saved_feed_run_task

    now = now or timezone.now()
    claimed = SavedFeed.objects.filter(pk=saved_feed.pk, next_run_at=saved_feed.next_run_at).update(
        next_run_at=saved_feed.run_after(now), last_run_at=now
    )
    if claimed != 1:
        return None
    saved_feed.refresh_from_db()
    feed = saved_feed_feed(saved_feed=saved_feed, today=now.date())
    run = feed_run_create(
        feed=feed, cursor=saved_feed.resume_cursor or None, resume=False, extract=saved_feed.extract
    )
    saved_feed.last_import_run = run
    saved_feed.save(update_fields=["last_import_run", "updated_at"])
    transaction.on_commit(
        lambda: saved_feed_run_task.delay(saved_feed_id=saved_feed.pk, import_run_id=run.pk)
    )
    return run


def _busy_services(*, now: datetime.datetime) -> set[str]:
    """The services (pacing keys) a feed run is fetching from right now, by any door."""
    stale = now - datetime.timedelta(seconds=settings.FEEDS_RUN_STALE_AFTER_SECONDS)
    kinds = (
        ImportRun.objects.filter(status__in=ACTIVE, created_at__gt=stale)
        .exclude(cursor={})
        .values_list("cursor__kind", flat=True)
    )
    return {FEEDS[kind].pacing_key for kind in kinds if kind in FEEDS}


def saved_feeds_run_due(*, now: datetime.datetime | None = None) -> list[int]:
    """Start the due feeds, one per service at a time (arXiv asks for one connection); the runs' ids.

    A feed left out because its service is busy stays due and starts at a later check.
    """
    now = now or timezone.now()
    busy = _busy_services(now=now)
    runs = []
    for saved_feed in saved_feeds_due(now=now):
        service = FEEDS[saved_feed.kind].pacing_key
        if service in busy:
            continue
        try:
            run = saved_feed_start(saved_feed=saved_feed, now=now)
        except ValueError as exc:  # a feed whose parameters no longer make sense
            logger.error("Saved feed %s cannot run: %s", saved_feed, exc)
            continue
        if run is not None:
            runs.append(run.pk)
            busy.add(service)
    logger.info("Started %d due feeds.", len(runs))
    return runs


def saved_feed_run(*, saved_feed_id: int, import_run_id: int, task_id: str = "") -> ImportRun:
    """Fetch a saved feed's queued run, then note on the feed how it went and where to resume."""
    run = feed_run_execute(import_run_id=import_run_id, task_id=task_id)
    succeeded = run.status in (ImportRun.Status.SUCCEEDED, ImportRun.Status.PARTIAL)
    stopped_midway = not succeeded and run.cursor.get("position") is not None
    updates = {"resume_cursor": run.cursor if stopped_midway else {}}
    if succeeded:
        updates["last_success_at"] = run.started_at
    SavedFeed.objects.filter(pk=saved_feed_id).update(**updates)
    return run


def saved_feed_forget_position(*, saved_feed: SavedFeed) -> None:
    """Make the next run start the feed over instead of resuming where the last one stopped."""
    SavedFeed.objects.filter(pk=saved_feed.pk).update(resume_cursor={})
