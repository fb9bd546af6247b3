"""Records per second through the import service, then papers per second through extraction.

    python bench/import_speed.py [--papers N]            # a fresh SQLite file in a temporary folder
    DATABASE_URL=postgres://... python bench/import_speed.py   # an empty database you name

Writes N synthetic papers as JSON lines, imports them (batches in transactions, as in production),
imports them again (the idempotent path), extracts their claims, and prints the figures with the
peak resident memory of the process.
"""

import argparse
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


def synthetic_papers(path: Path, count: int) -> None:
    rng = random.Random(11)
    with path.open("w", encoding="utf-8") as out:
        for n in range(count):
            abstract = (
                f"We present Method{n}, a model for dense retrieval. On the Set{n % 50} benchmark it reaches "
                f"{rng.uniform(40, 95):.1f}% recall@10, improving over BM25 by {rng.uniform(1, 9):.1f} points. "
                f"Inference is {rng.uniform(1.5, 6):.1f}x faster than a cross-encoder."
            )
            out.write(json.dumps({"title": f"Synthetic Paper Number {n}", "abstract": abstract}) + "\n")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--papers", type=int, default=5000)
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="bench-import-"))
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{workdir / 'bench.sqlite3'}")
    os.environ["CELERY_TASK_ALWAYS_EAGER"] = "1"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tracker.settings")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    import django

    django.setup()
    from django.core.management import call_command

    from claims.services.extraction import papers_extract, stale_paper_ids
    from papers.services.imports import import_run_create, import_run_execute

    call_command("migrate", verbosity=0)
    source = workdir / "papers.jsonl"
    synthetic_papers(source, args.papers)
    print(f"database: {os.environ['DATABASE_URL'].split('@')[-1]}  papers: {args.papers}")

    for label in ("first import", "same file again"):
        run = import_run_create(path=source, origin=source.name, extract=False)
        started = time.perf_counter()
        run = import_run_execute(import_run_id=run.pk, path=source)
        seconds = time.perf_counter() - started
        print(
            f"{label:<16} {run.read_count / seconds:>8.0f} records/s  ({run.created_count} created, "
            f"{run.unchanged_count} unchanged, {seconds:.2f} s)"
        )

    ids = stale_paper_ids()
    started = time.perf_counter()
    totals = papers_extract(paper_ids=ids)
    seconds = time.perf_counter() - started
    print(
        f"{'extraction':<16} {totals.papers / seconds:>8.0f} papers/s   ({totals.claims_created} claims, "
        f"{seconds:.2f} s)"
    )
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak resident memory: {peak_mib:.0f} MiB")


if __name__ == "__main__":
    main()
