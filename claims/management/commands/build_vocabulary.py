from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from claims.extraction.vocabulary import CURATED_PATH, GENERATED_PATH
from claims.extraction.vocabulary_build import (
    BuildSummary,
    VocabularyInputError,
    read_curated,
    read_leaderboards,
    read_pwc_tables,
    vocabulary_build,
    write_vocabulary,
)


class Command(BaseCommand):
    help = (
        "Build the engine's vocabulary: merge the curated benchmarks and metrics with Papers with Code's "
        "names (leaderboards JSON lines and evaluation-tables files) into the generated data file."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--leaderboards",
            type=Path,
            action="append",
            default=[],
            metavar="FILE",
            help='JSON lines of {"task", "dataset", "metric", "papers"} (repeatable).',
        )
        parser.add_argument(
            "--pwc",
            type=Path,
            action="append",
            default=[],
            metavar="PATH",
            help="A Papers with Code evaluation-tables JSON file, or a folder of them (repeatable).",
        )
        parser.add_argument("--curated", type=Path, default=CURATED_PATH, help="The hand-kept vocabulary.")
        parser.add_argument("--output", type=Path, default=GENERATED_PATH, help="Where to write the result.")

    def handle(self, *args, **options):
        summary = BuildSummary()
        try:
            curated = read_curated(options["curated"])
            pwc_files = self._pwc_files(options["pwc"])
            for path in options["leaderboards"]:
                if not path.is_file():
                    raise CommandError(f"{path}: no such file")
            data = vocabulary_build(
                curated=curated,
                leaderboard_rows=(
                    row
                    for path in options["leaderboards"]
                    for row in read_leaderboards(path, summary.problems)
                ),
                pwc_rows=read_pwc_tables(pwc_files, summary.problems),
                summary=summary,
            )
        except VocabularyInputError as exc:
            raise CommandError(str(exc)) from exc
        for problem in summary.problems:
            self.stderr.write(str(problem))
        try:
            write_vocabulary(data, options["output"])
        except OSError as exc:
            raise CommandError(f"{options['output']}: {exc.strerror or exc}") from exc
        self.stdout.write(
            f"Papers with Code names read: {summary.pwc_benchmark_names} datasets, {summary.pwc_metric_names} "
            f"metrics; dropped as no names: {summary.dropped_benchmark_names} datasets, "
            f"{summary.dropped_metric_names} metrics; {summary.variants} written variants added; "
            f"{summary.with_parent} benchmarks with a parent."
        )
        self.stdout.write(
            f"Wrote {summary.benchmarks} benchmarks and {summary.metrics} metrics to {options['output']} "
            f"({len(summary.problems)} bad records skipped)."
        )

    @staticmethod
    def _pwc_files(paths: list[Path]) -> list[Path]:
        files: list[Path] = []
        for path in paths:
            if path.is_dir():
                files.extend(sorted(path.glob("*.json")))
            elif path.is_file():
                files.append(path)
            else:
                raise CommandError(f"{path}: no such file or folder")
        return files
