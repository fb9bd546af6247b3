from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from claims.services.extraction import papers_extract, stale_paper_ids
from claims.services.offline import claims_extract_file
from claims.tasks import extract_papers_task
from papers.importers import FORMATS, ImportFormatError
from papers.models import Paper
from tracker.progress import progress_bar


class Command(BaseCommand):
    help = (
        "Extract claims. With --input FILE --output OUT.jsonl: read any importable file and write claims as "
        "JSON lines, touching no database. Otherwise: re-extract stored papers (stale ones by default), "
        "replacing only claims no curator has touched."
    )

    def add_arguments(self, parser):
        parser.add_argument("--input", help="A file in any importable format (offline mode).")
        parser.add_argument("--output", help="Where to write the claims as JSON lines (offline mode).")
        parser.add_argument("--format", choices=sorted(FORMATS), help="Force the input format.")
        which = parser.add_mutually_exclusive_group()
        which.add_argument("--all", action="store_true", help="Every stored paper.")
        which.add_argument(
            "--stale", action="store_true", help="Papers never extracted or changed since (default)."
        )
        which.add_argument("--paper-ids", nargs="+", type=int, metavar="ID", help="These papers.")
        parser.add_argument(
            "--sync", action="store_true", help="Run here even when Celery workers are configured."
        )

    def handle(self, *args, **options):
        if options["input"] or options["output"]:
            self._offline(options)
        else:
            self._stored(options)

    def _offline(self, options):
        if not (options["input"] and options["output"]):
            raise CommandError("--input and --output go together.")
        try:
            with (
                open(options["output"], "w", encoding="utf-8") as out,
                progress_bar(desc="extracting", unit="papers", stream=self.stderr) as bar,
            ):
                totals = claims_extract_file(
                    path=options["input"], out=out, format=options["format"], progress=bar.update
                )
        except (ImportFormatError, OSError) as exc:
            raise CommandError(str(exc)) from exc
        for error in totals.errors:
            self.stderr.write(f"{options['input']}: {error.position}: {error.reason}")
        self.stdout.write(
            f"Wrote {totals.claims} claims from {totals.papers} papers to {options['output']} "
            f"({len(totals.errors)} records rejected)."
        )

    def _stored(self, options):
        if options["paper_ids"]:
            ids = sorted(set(options["paper_ids"]))
            unknown = set(ids) - set(Paper.objects.filter(pk__in=ids).values_list("pk", flat=True))
            if unknown:
                raise CommandError(f"No paper with id {', '.join(map(str, sorted(unknown)))}")
        elif options["all"]:
            ids = list(Paper.objects.order_by("pk").values_list("pk", flat=True))
        else:
            ids = stale_paper_ids()
        chunk = settings.EXTRACT_CHUNK_SIZE
        if not settings.CELERY_TASK_ALWAYS_EAGER and not options["sync"]:
            for start in range(0, len(ids), chunk):
                extract_papers_task.delay(paper_ids=ids[start : start + chunk])
            self.stdout.write(f"Queued {len(ids)} papers in {-(-len(ids) // chunk)} chunks for the workers.")
            return
        with progress_bar(desc="extracting claims", total=len(ids), unit="papers", stream=self.stderr) as bar:
            totals = papers_extract(paper_ids=ids, progress=bar.update)
        self.stdout.write(
            f"Extracted {totals.claims_created} claims from {totals.papers} papers; replaced "
            f"{totals.claims_replaced} uncurated claims and kept {totals.curated_kept} curated ones."
        )
