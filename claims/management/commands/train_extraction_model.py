import json

from django.core.management.base import BaseCommand, CommandError

from claims.evaluation.scoring import LEVELS
from claims.evaluation.splits import PARTS, TUNE
from claims.extraction import EXTRACTOR_VERSION
from claims.extraction.model import MODEL_PATH
from claims.learning.dataset import build_examples
from claims.learning.train import train
from claims.services.evaluation import gold_rows_for
from papers.importers import ImportFormatError, iter_records
from papers.importers.base import RecordError


class Command(BaseCommand):
    help = (
        "Train the extraction engine's decision model on the tuning part of the gold files, print its "
        "cross-validated scores (grouped by paper) next to the rules alone, and write the weights file "
        "the engine loads."
    )

    def add_arguments(self, parser):
        parser.add_argument("--gold", nargs="+", required=True, metavar="FILE", help="Gold claims files.")
        parser.add_argument(
            "--input", nargs="+", required=True, metavar="FILE", help="The gold papers' files."
        )
        parser.add_argument(
            "--split", choices=PARTS, default=TUNE, help="Train on this part of the split (default: tune)."
        )
        parser.add_argument("--folds", type=int, default=5, help="Cross-validation folds (default 5).")
        parser.add_argument("--output", default=str(MODEL_PATH), help="Where to write the weights (JSON).")
        parser.add_argument("--dry-run", action="store_true", help="Cross-validate only; write nothing.")

    def handle(self, *args, **options):
        if options["folds"] < 2:
            raise CommandError("--folds must be at least 2")
        try:
            gold = gold_rows_for(gold_paths=options["gold"], part=options["split"])
            papers = [
                (item.title, item.abstract)
                for path in options["input"]
                for item in iter_records(path)
                if not isinstance(item, RecordError)
            ]
        except (ImportFormatError, OSError, json.JSONDecodeError, KeyError) as exc:
            raise CommandError(f"Cannot read the training data: {exc}") from exc
        examples = build_examples(papers, gold)
        if not examples:
            raise CommandError("No gold paper was found in the input files.")
        model, cv = train(examples, gold, version=EXTRACTOR_VERSION, folds=options["folds"])
        self.stdout.write(
            f"part {options['split']}: {cv.summary['papers']} papers, {cv.summary['gold_claims']} gold claims, "
            f"{len(examples)} proposals; {cv.folds}-fold cross-validation grouped by paper"
        )
        self.stdout.write(
            f"chosen by the cross-validation: threshold {cv.threshold}, kind margin {cv.kind_margin}, "
            f"benchmark margin {cv.benchmark_margin}"
        )
        self.stdout.write(f"{'level':<14}{'rules F1':>10}{'model F1 (CV)':>15}")
        for level in LEVELS:
            rules, learned = cv.rules_summary["levels"][level]["f1"], cv.summary["levels"][level]["f1"]
            self.stdout.write(f"{level:<14}{rules:>10.3f}{learned:>15.3f}")
        for floor, (count, precision) in cv.confidence_precision.items():
            shown = "-" if precision is None else f"{precision:.3f}"
            self.stdout.write(f"confidence >= {floor}: {count} claims, precision at value+metric {shown}")
        if options["dry_run"]:
            return
        with open(options["output"], "w", encoding="utf-8") as handle:
            json.dump(model.to_dict(), handle, sort_keys=True, separators=(",", ":"))
            handle.write("\n")
        self.stdout.write(f"Wrote {options['output']}: {len(model.claim.weights)} claim weights.")
