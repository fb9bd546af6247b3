from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from claims.services.extraction import papers_extract, stale_paper_ids
from papers.importers import FORMATS
from papers.models import ImportRun
from papers.services.imports import import_file_start, import_run_create, import_run_execute
from tracker.broker import TaskQueueUnavailable
from tracker.progress import progress_bar

ERRORS_SHOWN_PER_RUN = 20
# Exit codes: 0 every file imported whole, 1 a file failed (or bad arguments), 3 records were rejected.
EXIT_FAILED = 1
EXIT_PARTIAL = 3


class Command(BaseCommand):
    help = (
        "Import papers from files (format detected or forced), then extract their claims. Exits 0 when every "
        "file was imported whole, 1 when a file failed, 3 when some records were rejected."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="PATH", help="Files to import (.gz accepted).")
        parser.add_argument(
            "--format", choices=sorted(FORMATS), help="Force a format instead of detecting it."
        )
        parser.add_argument(
            "--async",
            dest="run_async",
            action="store_true",
            help="Send each import to the Celery workers and return at once.",
        )
        parser.add_argument("--no-extract", action="store_true", help="Import only; do not extract claims.")

    def handle(self, *args, **options):
        paths = [Path(p) for p in options["paths"]]
        missing = [str(p) for p in paths if not p.is_file()]
        if missing:
            raise CommandError(f"No such file: {', '.join(missing)}")
        extract = not options["no_extract"]
        if options["run_async"]:
            self._start_async(paths, options["format"], extract)
            return
        # With workers, extraction goes to them; without, this command runs it after the imports, with its own bar.
        runs = [
            self._import(path, options["format"], extract and not settings.CELERY_TASK_ALWAYS_EAGER)
            for path in paths
        ]
        self._print_summary(runs)
        if extract and settings.CELERY_TASK_ALWAYS_EAGER:
            self._extract_stale()
        self._fail_if_any_file_failed(runs)

    @staticmethod
    def _why_failed(run) -> str:
        """Why the file counts as failed, or "" when it (at least partly) landed."""
        if run.status == run.Status.FAILED:
            return run.message or "failed"
        if run.read_count and run.rejected_count == run.read_count:
            return f"all {run.read_count} records were rejected"
        return ""

    def _fail_if_any_file_failed(self, runs) -> None:
        """Exit 1 when a file failed or every record of one was rejected, 3 when only some records were."""
        failures = [
            why if why.startswith(run.origin) else f"{run.origin}: {why}"
            for run in runs
            if (why := self._why_failed(run))
        ]
        if failures:
            files = "file" if len(runs) == 1 else "files"
            raise CommandError(
                f"{len(failures)} of {len(runs)} {files} failed. " + "; ".join(failures),
                returncode=EXIT_FAILED,
            )
        if any(run.status == ImportRun.Status.PARTIAL for run in runs):
            raise CommandError("Some records were rejected (listed above).", returncode=EXIT_PARTIAL)

    def _start_async(self, paths, fmt, extract):
        if settings.CELERY_TASK_ALWAYS_EAGER:
            self.stderr.write("No CELERY_BROKER_URL is set: the imports run in this process.")
        runs = []
        for path in paths:
            try:
                run = import_file_start(path=path.resolve(), origin=path.name, format=fmt, extract=extract)
            except TaskQueueUnavailable as exc:
                raise CommandError(f"{path}: {exc} (is the broker at CELERY_BROKER_URL running?)") from exc
            run.refresh_from_db()
            self.stdout.write(
                f"Import run {run.pk} for {path}: {run.status}  (see /api/v1/imports/{run.pk}/)"
            )
            runs.append(run)
        # Without a broker the runs are already over, so their failures are known now.
        self._fail_if_any_file_failed([run for run in runs if run.is_finished])

    def _import(self, path: Path, fmt: str | None, extract: bool):
        run = import_run_create(path=path.resolve(), origin=path.name, format=fmt, extract=extract)
        with progress_bar(desc=path.name, stream=self.stderr) as bar:

            def advance(current_run):
                bar.update(current_run.read_count - bar.n)

            return import_run_execute(import_run_id=run.pk, path=path, progress=advance)

    def _extract_stale(self):
        ids = stale_paper_ids()
        with progress_bar(desc="extracting claims", total=len(ids), unit="papers", stream=self.stderr) as bar:
            totals = papers_extract(paper_ids=ids, progress=bar.update)
        self.stdout.write(
            f"Extracted {totals.claims_created} claims from {totals.papers} papers "
            f"({totals.curated_kept} curated claims kept)."
        )

    def _print_summary(self, runs):
        header = (
            f"{'run':>5}  {'file':<32} {'format':<14} {'status':<10} "
            f"{'read':>6} {'created':>8} {'updated':>8} {'unchanged':>10} {'rejected':>9}"
        )
        self.stdout.write(header)
        for run in runs:
            self.stdout.write(
                f"{run.pk:>5}  {run.origin[:32]:<32} {run.format[:14]:<14} {run.status:<10} {run.read_count:>6} "
                f"{run.created_count:>8} {run.updated_count:>8} {run.unchanged_count:>10} {run.rejected_count:>9}"
            )
        for run in runs:
            if run.message:
                self.stderr.write(f"{run.origin}: failed: {run.message}")
            for error in run.errors[:ERRORS_SHOWN_PER_RUN]:
                self.stderr.write(f"{run.origin}: {error['position']}: {error['reason']}")
            if run.rejected_count > ERRORS_SHOWN_PER_RUN:
                self.stderr.write(
                    f"{run.origin}: ... {run.rejected_count - ERRORS_SHOWN_PER_RUN} more rejected"
                )
            for warning in run.warnings[:ERRORS_SHOWN_PER_RUN]:
                self.stderr.write(f"{run.origin}: {warning['position']}: warning: {warning['reason']}")
            if len(run.warnings) > ERRORS_SHOWN_PER_RUN:
                self.stderr.write(
                    f"{run.origin}: ... {len(run.warnings) - ERRORS_SHOWN_PER_RUN} more warnings"
                )
        total = {
            field: sum(getattr(r, field) for r in runs)
            for field in ("read_count", "created_count", "updated_count", "unchanged_count", "rejected_count")
        }
        self.stdout.write(
            f"{len(runs)} files: {total['read_count']} read, {total['created_count']} created, "
            f"{total['updated_count']} updated, {total['unchanged_count']} unchanged, "
            f"{total['rejected_count']} rejected."
        )
