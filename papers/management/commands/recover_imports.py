from django.core.management.base import BaseCommand

from papers.services.recovery import import_runs_recover, stuck_import_runs


class Command(BaseCommand):
    help = (
        "Resume or fail import runs that are stuck (queued or running with no sign of life for "
        "IMPORT_STALE_AFTER_SECONDS): their worker was killed or stopped, or their message was lost."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="List what would be done; change nothing.")

    def handle(self, *args, **options):
        for run in stuck_import_runs():
            self.stdout.write(
                f"stuck: {run} (attempts {run.attempts}, last sign of life {run.last_sign:%Y-%m-%d %H:%M:%S})"
            )
        report = import_runs_recover(dry_run=options["dry_run"])
        prefix = "Would have: " if options["dry_run"] else ""
        self.stdout.write(f"{prefix}{report}")
