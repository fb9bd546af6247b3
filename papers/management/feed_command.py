"""What the three feed commands share: options, date parsing, running the feed and the summary."""

import argparse
import datetime

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from papers.feeds import Feed, Page
from papers.models import ImportRun
from papers.services.feeds import feed_fetch, feed_resume_cursor, feed_run_start

ERRORS_SHOWN = 20


def iso_day(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date like 2024-05-01") from None


def positive(value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number of at least 1")
    return int(value)


class FeedCommand(BaseCommand):
    """A thin door onto papers.services.feeds: subclasses turn their options into a Feed."""

    def add_arguments(self, parser):
        self.add_feed_arguments(parser)
        parser.add_argument(
            "--restart",
            action="store_true",
            help="Start from the beginning even if the last run stopped midway.",
        )
        parser.add_argument("--no-extract", action="store_true", help="Import only; do not extract claims.")
        parser.add_argument(
            "--async",
            dest="run_async",
            action="store_true",
            help="Hand the run to a Celery worker and return.",
        )

    def add_feed_arguments(self, parser):
        raise NotImplementedError

    def feed(self, options) -> Feed:
        raise NotImplementedError

    def handle(self, *args, **options):
        try:
            feed = self.feed(options)
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        resume = not options["restart"]
        extract = not options["no_extract"]
        previous = feed_resume_cursor(feed=feed) if resume else None
        if previous is not None and previous.get("position") is not None:
            self.stdout.write(
                f"Resuming {feed.origin} at {previous['position']}, where its last run stopped."
            )
        if options["run_async"]:
            if settings.CELERY_TASK_ALWAYS_EAGER:
                self.stderr.write("No CELERY_BROKER_URL is set: the run happens in this process.")
            run = feed_run_start(feed=feed, resume=resume, extract=extract)
            run.refresh_from_db()
            self.stdout.write(
                f"Import run {run.pk} for {run.origin}: {run.status}  (see /api/v1/imports/{run.pk}/)"
            )
            return
        run = feed_fetch(feed=feed, resume=resume, extract=extract, on_page=self._page_done)
        self._summary(run)

    def _page_done(self, run: ImportRun, page: Page) -> None:
        skipped = f", {page.skipped} withdrawn skipped" if page.skipped else ""
        self.stdout.write(
            f"  {page.label}: {len(page.records)} records{skipped} ({run.read_count} read so far)"
        )

    def _summary(self, run: ImportRun) -> None:
        for error in run.errors[:ERRORS_SHOWN]:
            self.stderr.write(f"{error['position']}: {error['reason']}")
        if run.rejected_count > ERRORS_SHOWN:
            self.stderr.write(f"... {run.rejected_count - ERRORS_SHOWN} more rejected")
        line = (
            f"Import run {run.pk} ({run.origin}): {run.status}; {run.read_count} read, {run.created_count} "
            f"created, {run.updated_count} updated, {run.unchanged_count} unchanged, {run.rejected_count} rejected."
        )
        if run.status == ImportRun.Status.FAILED:
            self.stdout.write(line)
            raise CommandError(f"the feed failed: {run.message}")
        self.stdout.write(line)
