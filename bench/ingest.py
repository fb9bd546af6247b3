"""Papers per second through import and extraction with K real Celery workers on PostgreSQL and Redis.

    python bench/ingest.py [--papers N] [--workers K] [--no-extract] [--no-copy] [--twice]

Writes N lines of the arXiv metadata snapshot (real abstracts from ../shared/silver/papers.jsonl
recombined sentence by sentence at run time, plus generated ones; nothing is written into the project),
recreates the database named by --database-url (default tracker_ingestbench: it is DROPPED first), starts
K workers (`celery worker --concurrency=1` each), hands the file to them as one import run and polls
the database until the run is over and every paper is extracted. Prints papers/s for the import, the
extraction and end to end, the peak resident memory (VmHWM) of each worker process, and the machine.
The broker and cache databases given are flushed at the start: point them at Redis dbs of your own.
The workers import the snapshot through COPY into a staging table (IMPORT_COPY, on by default);
--no-copy makes them take the batched path instead, to compare the two. --twice then imports the
same file again (every paper matched and unchanged) and prints that import's records/s apart.
"""

import argparse
import json
import os
import platform
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[1]
SILVER = ROOT.parent / "shared" / "silver" / "papers.jsonl"
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")
_GENERATED = [
    "We propose {m}, a {adj} approach to {task}.",
    "On {bench}, {m} reaches {a:.1f}% accuracy, {d:.1f} points above the strongest baseline.",
    "It attains an F1 of {f:.1f} on {bench2} and runs {x:.1f}x faster than prior work.",
    "We train on 300M examples for 40 epochs.",
    "Error drops by {e}% relative to {base} on the test set.",
]
_WORDS = [
    "robust",
    "efficient",
    "sparse",
    "scalable",
    "contrastive",
    "adaptive",
    "hierarchical",
    "multilingual",
    "neural",
]
_TASKS = ["object detection", "question answering", "speech recognition", "image classification", "retrieval"]
_BENCHES = [
    "ImageNet",
    "COCO",
    "SQuAD",
    "GSM8K",
    "LibriSpeech",
    "CIFAR-10",
    "MMLU",
    "WikiText-103",
    "GLUE",
    "HellaSwag",
]


def _sources(rng: random.Random) -> tuple[list[str], list[list[str]]]:
    if not SILVER.is_file():
        return [], []
    titles, sentences = [], []
    for line in SILVER.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            titles.append(row["title"])
            sentences.append(_SENTENCE.split(row["abstract"]))
    return titles, sentences


def _abstract(rng: random.Random, sentences: list[list[str]], n: int) -> str:
    if sentences and n % 5:
        # Four papers in five: the opening of one real abstract, the results of another.
        first, second = rng.choice(sentences), rng.choice(sentences)
        cut = max(1, len(first) // 2)
        return " ".join(first[:cut] + second[len(second) // 2 :])
    values = {
        "m": f"Model{n}",
        "adj": rng.choice(_WORDS),
        "task": rng.choice(_TASKS),
        "bench": rng.choice(_BENCHES),
        "bench2": rng.choice(_BENCHES),
        "base": rng.choice(["BERT", "ResNet-50", "SimCLR", "GPT-2"]),
        "a": rng.uniform(40, 95),
        "d": rng.uniform(0.5, 9),
        "f": rng.uniform(30, 95),
        "x": rng.uniform(1.2, 8),
        "e": rng.randint(5, 60),
    }
    return " ".join(template.format(**values) for template in _GENERATED)


def write_snapshot(path: Path, count: int, seed: int = 17) -> int:
    """N arXiv snapshot lines with unique ids and titles; returns the file's size in bytes."""
    rng = random.Random(seed)
    titles, sentences = _sources(rng)
    with path.open("w", encoding="utf-8") as out:
        for n in range(count):
            base = rng.choice(titles) if titles else f"A {rng.choice(_WORDS)} model for {rng.choice(_TASKS)}"
            row = {
                "id": f"{24 + n // 1_000_000 % 10:02d}{n // 100_000 % 10 + 1:02d}.{n % 100_000:05d}",
                "submitter": "Bench Author",
                "authors": "A. Author, B. Author",
                "title": f"{base} (variant {n})",
                "comments": "10 pages",
                "journal-ref": None,
                "doi": None,
                "report-no": None,
                "categories": "cs.LG",
                "license": None,
                "abstract": _abstract(rng, sentences, n),
                "versions": [{"version": "v1", "created": "Mon, 2 Apr 2024 19:18:42 GMT"}],
                "update_date": "2024-04-02",
                "authors_parsed": [["Author", "A.", ""], ["Author", "B.", ""]],
            }
            out.write(json.dumps(row) + "\n")
    return path.stat().st_size


def _recreate_database(url: str) -> None:
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    admin = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def _flush_redis(url: str) -> None:
    import redis

    redis.Redis.from_url(url).flushdb()


def _process_tree(pid: int) -> list[int]:
    pids = [pid]
    for task in Path(f"/proc/{pid}/task").glob("*"):
        children = (task / "children").read_text().split() if (task / "children").exists() else []
        for child in children:
            pids.extend(_process_tree(int(child)))
    return pids


def _peak_rss_mib(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def _cpu_seconds(pid: int) -> float:
    """User + system CPU time of one process so far."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _machine() -> str:
    model = ""
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.is_file():
        model = next(
            (
                line.split(":", 1)[1].strip()
                for line in cpuinfo.read_text().splitlines()
                if line.startswith("model name")
            ),
            "",
        )
    mem = (
        Path("/proc/meminfo").read_text().split("\n", 1)[0].split()[1]
        if Path("/proc/meminfo").is_file()
        else 0
    )
    return (
        f"{platform.node()}: {os.cpu_count()} cores ({model}), {int(mem) // 1024} MiB RAM, "
        f"{platform.system()} {platform.release()}, Python {platform.python_version()}"
    )


def _reimport(import_file_start, ImportRun, source: Path, timeout: float) -> float:
    """Seconds to import the same file a second time (extraction off: nothing changed)."""
    begin = time.perf_counter()
    run = import_file_start(path=source, origin=source.name, extract=False)
    while not ImportRun.objects.get(pk=run.pk).is_finished:
        if time.perf_counter() - begin > timeout:
            raise SystemExit("the re-import timed out")
        time.sleep(0.25)
    return time.perf_counter() - begin


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--papers", type=int, default=20_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--no-extract", action="store_true", help="import only")
    parser.add_argument(
        "--database-url",
        default=os.environ.get(
            "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/tracker_ingestbench"
        ),
        help="recreated (dropped!) at the start",
    )
    parser.add_argument(
        "--broker-url", default=os.environ.get("BENCH_BROKER_URL", "redis://127.0.0.1:6379/14")
    )
    parser.add_argument("--cache-url", default=os.environ.get("BENCH_CACHE_URL", "redis://127.0.0.1:6379/15"))
    parser.add_argument("--range-mib", type=int, default=0, help="IMPORT_RANGE_BYTES for the workers, in MiB")
    parser.add_argument("--twice", action="store_true", help="then import the same file again, timed apart")
    parser.add_argument(
        "--no-copy", action="store_true", help="IMPORT_COPY=false: the batched path instead of COPY"
    )
    parser.add_argument("--timeout", type=float, default=3600)
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="bench-ingest-"))
    env = {
        **os.environ,
        "DATABASE_URL": args.database_url,
        "CELERY_BROKER_URL": args.broker_url,
        "REDIS_URL": args.cache_url,
        "CELERY_TASK_ALWAYS_EAGER": "0",
        "DJANGO_SETTINGS_MODULE": "tracker.settings",
        "LOG_LEVEL": "WARNING",
        # DEBUG keeps every query in memory; a deployment runs without it.
        "DEBUG": "false",
        "MEDIA_ROOT": str(workdir / "media"),
    }
    env["IMPORT_COPY"] = "false" if args.no_copy else "true"
    if args.range_mib:
        env["IMPORT_RANGE_BYTES"] = str(args.range_mib * 1024 * 1024)
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))

    print(f"machine: {_machine()}")
    print(f"load average at start: {' '.join(f'{v:.2f}' for v in os.getloadavg())}")
    source = workdir / "arxiv-snapshot.jsonl"
    started = time.perf_counter()
    size = write_snapshot(source, args.papers)
    print(
        f"wrote {args.papers:,} snapshot lines ({size / 2**20:.1f} MiB) in {time.perf_counter() - started:.1f} s"
    )

    _recreate_database(args.database_url)
    _flush_redis(args.broker_url)
    _flush_redis(args.cache_url)
    subprocess.run([sys.executable, "manage.py", "migrate", "-v", "0"], cwd=ROOT, env=env, check=True)

    import django

    django.setup()
    from django.db import connection
    from django.db.models import F

    from papers.models import ImportRun, Paper
    from papers.services.imports import import_file_start
    from tracker.celery import app

    print(
        f"PostgreSQL {connection.cursor().connection.info.server_version}, "
        f"broker {args.broker_url}, workers: {args.workers} x concurrency 1, "
        f"{'batched upserts' if args.no_copy else 'COPY into a staging table'}"
    )
    workers = []
    try:
        for number in range(args.workers):
            log = (workdir / f"worker{number}.log").open("w")
            workers.append(
                subprocess.Popen(
                    [
                        sys.executable,
                        "-m",
                        "celery",
                        "-A",
                        "tracker",
                        "worker",
                        "--concurrency=1",
                        "--loglevel=WARNING",
                        "--without-gossip",
                        "--without-mingle",
                        "--hostname",
                        f"bench{number}-{os.getpid()}@%h",
                    ],
                    cwd=ROOT,
                    env=env,
                    stdout=log,
                    stderr=subprocess.STDOUT,
                )
            )
        deadline = time.monotonic() + 120
        while len(app.control.ping(timeout=1.0) or []) < args.workers:
            if time.monotonic() > deadline:
                raise SystemExit(f"the workers did not answer; logs in {workdir}")

        begin = time.perf_counter()
        run = import_file_start(path=source, origin=source.name, extract=not args.no_extract)
        imported_at = first_extracted_at = extracted_at = None
        while time.perf_counter() - begin < args.timeout:
            time.sleep(0.25)
            now = time.perf_counter()
            if imported_at is None and ImportRun.objects.get(pk=run.pk).is_finished:
                imported_at = now
            if not args.no_extract:
                done = Paper.objects.filter(extracted_hash=F("abstract_hash")).count()
                if done and first_extracted_at is None:
                    first_extracted_at = now
                if imported_at and done >= Paper.objects.count():
                    extracted_at = now
            if imported_at and (args.no_extract or extracted_at):
                break
        else:
            raise SystemExit(f"timed out; logs in {workdir}")
        reimport_s = _reimport(import_file_start, ImportRun, source, args.timeout) if args.twice else None
        peaks = [
            (number, pid, _peak_rss_mib(pid), _cpu_seconds(pid))
            for number, worker in enumerate(workers)
            for pid in _process_tree(worker.pid)
        ]
    finally:
        for worker in workers:
            worker.terminate()
        for worker in workers:
            try:
                worker.wait(timeout=60)
            except subprocess.TimeoutExpired:
                worker.kill()

    run = ImportRun.objects.get(pk=run.pk)
    print(
        f"import run: {run.status}, read {run.read_count:,}, created {run.created_count:,}, "
        f"rejected {run.rejected_count:,}{', ' + run.message if run.message else ''}"
    )
    ranges = getattr(run, "ranges", None)
    if ranges is not None:
        print(f"ranges: {ranges.count()} tasks")
    import_s = imported_at - begin
    print(
        f"import:      {run.read_count / import_s:>8,.0f} records/s  ({import_s:.1f} s, {args.workers} workers)"
    )
    if not args.no_extract:
        from claims.models import Claim

        extract_s = extracted_at - first_extracted_at
        total_s = extracted_at - begin
        print(
            f"extraction:  {args.papers / extract_s:>8,.0f} papers/s   ({extract_s:.1f} s from the first extracted "
            f"paper to the last, overlapping the import; {Claim.objects.count():,} claims)"
        )
        print(f"end to end:  {args.papers / total_s:>8,.0f} papers/s   ({total_s:.1f} s)")
    if reimport_s is not None:
        print(
            f"re-import:   {args.papers / reimport_s:>8,.0f} records/s  ({reimport_s:.1f} s, the same file again: "
            "every paper matched, none changed)"
        )
    for number, pid, peak, cpu in peaks:
        print(f"worker {number} pid {pid}: peak RSS {peak:.0f} MiB, CPU {cpu:.1f} s")
    # The machine is often shared: papers per CPU-second of the workers (PostgreSQL's own CPU not counted)
    # say what a worker does with a core of its own.
    cpu = sum(peak[3] for peak in peaks)
    handled = args.papers * (2 if args.twice else 1)
    print(f"workers' CPU: {cpu:.1f} s in all, {handled / cpu:,.0f} records per worker CPU-second")
    print(f"load average at end: {' '.join(f'{v:.2f}' for v in os.getloadavg())}")
    shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
