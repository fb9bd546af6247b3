from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from claims.services.tasks import task_catalog_load
from tracker.progress import progress_bar

ERRORS_SHOWN = 20


class Command(BaseCommand):
    help = (
        'Seed the task catalog from JSON lines of {"task", "dataset", ...} (e.g. leaderboards.jsonl): '
        "tasks and benchmarks are found by their aliases or created, and each dataset linked to its task."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", metavar="PATH", help="A JSON lines file (.gz accepted).")

    def handle(self, *args, **options):
        path = Path(options["path"])
        if not path.is_file():
            raise CommandError(f"No such file: {path}")
        with progress_bar(desc=path.name, unit="lines", stream=self.stderr) as bar:
            totals = task_catalog_load(path=path, progress=bar.update)
        for error in totals.errors[:ERRORS_SHOWN]:
            self.stderr.write(f"{path.name}: {error['position']}: {error['reason']}")
        if totals.rejected > ERRORS_SHOWN:
            self.stderr.write(f"{path.name}: ... {totals.rejected - ERRORS_SHOWN} more rejected")
        if totals.lines and totals.rejected == totals.lines:
            raise CommandError(f"{path.name}: no line could be used ({totals.rejected} rejected)")
        self.stdout.write(
            f"{totals.lines} lines: {totals.tasks_created} tasks created, {totals.benchmarks_created} benchmarks "
            f"created, {totals.links_created} benchmark-task links added, {totals.rejected} rejected."
        )
