"""Values per second importing Papers with Code evaluation tables, first time and again (idempotent).

    python bench/pwc_archive_import.py                          # ../shared/pwc/*.json, fresh SQLite
    python bench/pwc_archive_import.py --synthetic-tasks 2000   # a generated .json.gz instead
    DATABASE_URL=postgres://... python bench/pwc_archive_import.py   # an empty database you name

Prints, per pass, records read (tasks, datasets and leaderboard values), claims created, seconds and
records per second, then the peak resident memory of the process (the files are streamed, so it stays
flat however large the file is).
"""

import argparse
import gzip
import json
import os
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def synthetic_tables(path: Path, tasks: int) -> None:
    """A gzipped evaluation-tables file: each task with 3 datasets of 20 rows of 2 metrics."""
    rng = random.Random(7)
    with gzip.open(path, "wt", encoding="utf-8") as out:
        out.write("[")
        for t in range(tasks):
            datasets = [
                {
                    "dataset": f"Synthetic Set {t}-{d}",
                    "description": "",
                    "dataset_links": [],
                    "subdatasets": [],
                    "sota": {
                        "metrics": ["Accuracy", "F1"],
                        "rows": [
                            {
                                "model_name": f"Model {r}",
                                "paper_title": f"Synthetic Paper {t}-{d}-{r}",
                                "paper_url": "",
                                "paper_date": "2021-05-01",
                                "code_links": [],
                                "model_links": [],
                                "metrics": {
                                    "Accuracy": f"{rng.uniform(40, 99):.1f}%",
                                    "F1": f"{rng.uniform(40, 99):.2f}",
                                },
                                "uses_additional_data": False,
                            }
                            for r in range(20)
                        ],
                    },
                }
                for d in range(3)
            ]
            task = {"task": f"Synthetic Task {t}", "description": "", "categories": [], "datasets": datasets,
                    "subtasks": [], "synonyms": [], "source_link": None}  # fmt: skip
            out.write(("," if t else "") + json.dumps(task))
        out.write("]")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "files", nargs="*", type=Path, help="Evaluation-tables files (default ../shared/pwc/*.json)."
    )
    parser.add_argument(
        "--synthetic-tasks", type=int, default=0, help="Generate a file of this many tasks instead."
    )
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="bench-pwc-"))
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{workdir / 'bench.sqlite3'}")
    os.environ["CELERY_TASK_ALWAYS_EAGER"] = "1"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tracker.settings")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    import django

    django.setup()
    from django.core.management import call_command

    from claims.models import Claim
    from papers.services.imports import import_run_create, import_run_execute

    call_command("migrate", verbosity=0)
    if args.synthetic_tasks:
        files = [workdir / "evaluation-tables.json.gz"]
        synthetic_tables(files[0], args.synthetic_tasks)
    else:
        files = args.files or sorted((ROOT.parent / "shared" / "pwc").glob("*.json"))
    print(f"database: {os.environ['DATABASE_URL'].split('@')[-1]}  files: {len(files)}")

    for label in ("first import", "same files again"):
        read = created = 0
        before = Claim.objects.count()
        started = time.perf_counter()
        for path in files:
            run = import_run_create(path=path, origin=path.name, extract=False)
            run = import_run_execute(import_run_id=run.pk, path=path)
            read += run.read_count
            created += run.created_count
        seconds = time.perf_counter() - started
        claims = Claim.objects.count() - before
        print(
            f"{label:<17} {read / seconds:>7.0f} records/s  ({read} read, {created} created, "
            f"{claims} new claims, {seconds:.1f} s)"
        )
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak resident memory: {peak_mib:.0f} MiB")


if __name__ == "__main__":
    main()
