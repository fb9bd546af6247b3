import json

from django.core.management.base import BaseCommand, CommandError

from claims.evaluation.scoring import LEVELS
from claims.evaluation.silver import SILVER_LEVELS
from claims.evaluation.splits import CHECK, PARTS
from claims.services.evaluation import extraction_evaluate, silver_evaluate
from papers.importers import FORMATS, ImportFormatError

BRIEF_FIELDS = ("value", "unit", "kind", "metric", "benchmark", "method")


def _brief(claim: dict) -> str:
    return ", ".join(f"{name}={claim.get(name)!r}" for name in BRIEF_FIELDS)


class Command(BaseCommand):
    help = (
        "Run the extraction engine over papers in FILEs and score it against a gold file: precision, recall "
        "and F1 at the value, value+metric and full levels, as ../shared/tools/score_claims.py does. "
        "--split scores one part of the fixed tune/check split; --silver measures recall against Papers with "
        "Code rows instead."
    )

    def add_arguments(self, parser):
        target = parser.add_mutually_exclusive_group(required=True)
        target.add_argument(
            "--gold", nargs="+", metavar="FILE", help="Gold claims: one JSON object per paper."
        )
        target.add_argument(
            "--silver", metavar="FILE", help="Silver rows (paper_title, tuples): recall only."
        )
        parser.add_argument(
            "--split",
            choices=PARTS,
            help="Score only the gold (or silver) papers of this part of the fixed title-hash split.",
        )
        parser.add_argument(
            "--input", required=True, nargs="+", metavar="FILE", help="Papers, any importable format."
        )
        parser.add_argument("--format", choices=sorted(FORMATS), help="Force the input format.")
        parser.add_argument(
            "--min-confidence",
            type=float,
            metavar="P",
            help="Score only the claims with at least this confidence (precision of the trusted list).",
        )
        parser.add_argument(
            "--errors", choices=LEVELS, nargs="?", const="full", help="List misses and false hits."
        )
        parser.add_argument("--json", action="store_true", help="Print the summary as JSON.")
        parser.add_argument(
            "--min", action="append", default=[], metavar="LEVEL=F1", help="Fail below this F1."
        )

    def handle(self, *args, **options):
        bars = [self._parse_bar(bar) for bar in options["min"]]
        if options["silver"]:
            self._silver(options)
            return
        if options["split"] == CHECK and options["errors"]:
            raise CommandError("The check part's errors are not shown: they would tune the rules to it.")
        try:
            evaluation = extraction_evaluate(
                gold_paths=options["gold"],
                input_paths=options["input"],
                format=options["format"],
                part=options["split"],
                min_confidence=options["min_confidence"],
            )
        except (ImportFormatError, OSError, json.JSONDecodeError, KeyError) as exc:
            raise CommandError(f"Cannot evaluate: {exc}") from exc
        for path, error in evaluation.rejected:
            self.stderr.write(f"{path}: {error.position}: {error.reason}")
        summary = evaluation.summary
        if options["json"]:
            self.stdout.write(json.dumps(summary, indent=2))
        else:
            self._print_table(summary, options["split"] or "all")
        if options["errors"]:
            self._print_errors(options["errors"], *evaluation.errors[options["errors"]])
        failed = [
            f"{level} F1 {summary['levels'][level]['f1']:.3f} < {floor:.3f}"
            for level, floor in bars
            if summary["levels"][level]["f1"] < floor
        ]
        if failed:
            raise CommandError("Below the bar: " + "; ".join(failed))

    def _silver(self, options) -> None:
        try:
            result = silver_evaluate(
                silver_path=options["silver"], input_paths=options["input"], part=options["split"]
            )
        except (ImportFormatError, OSError, json.JSONDecodeError, KeyError) as exc:
            raise CommandError(f"Cannot evaluate: {exc}") from exc
        if options["json"]:
            self.stdout.write(json.dumps(result, indent=2))
            return
        self.stdout.write(f"papers {result['papers']}  PwC tuples stated in the abstract {result['tuples']}")
        self.stdout.write(
            "recall " + "  ".join(f"{level} {result['recall'][level]:.3f}" for level in SILVER_LEVELS)
        )
        self.stdout.write(
            f"value+benchmark with names as the catalog resolves them {result['resolved']['value+benchmark']:.3f}"
        )

    def _parse_bar(self, bar: str) -> tuple[str, float]:
        level, _, floor = bar.partition("=")
        if level not in LEVELS:
            raise CommandError(f"--min: unknown level {level!r}; use one of {', '.join(LEVELS)}")
        try:
            return level, float(floor)
        except ValueError as exc:
            raise CommandError(f"--min: {floor!r} is not a number") from exc

    def _print_table(self, summary: dict, part: str) -> None:
        self.stdout.write(
            f"part {part}  papers {summary['papers']}  gold claims {summary['gold_claims']}  predicted "
            f"{summary['predicted_claims']}  (for unknown papers: {summary['predictions_for_unknown_papers']})"
        )
        self.stdout.write(f"{'level':<14}{'P':>8}{'R':>8}{'F1':>8}{'method':>9}{'vs':>7}")
        for level, row in summary["levels"].items():
            method = "-" if row["method_accuracy"] is None else f"{row['method_accuracy']:.2f}"
            versus = "-" if row["compared_to_accuracy"] is None else f"{row['compared_to_accuracy']:.2f}"
            self.stdout.write(
                f"{level:<14}{row['precision']:>8.3f}{row['recall']:>8.3f}{row['f1']:>8.3f}{method:>9}{versus:>7}"
            )

    def _print_errors(self, level: str, misses: list, false_hits: list) -> None:
        self.stdout.write(f"\nmissed at level {level}: {len(misses)}")
        for key, claim in misses:
            self.stdout.write(f"  - [{key[:60]}] {_brief(claim)}")
        self.stdout.write(f"false hits at level {level}: {len(false_hits)}")
        for key, claim in false_hits:
            self.stdout.write(f"  + [{key[:60]}] {_brief(claim)}")
