"""Read throughput of the API under gunicorn, next to datasette serving the same rows from SQLite.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/tracker_bench REDIS_URL=redis://127.0.0.1:6379/3 \
        python bench/api.py [--duration 10] [--connections 8] [--workers 2] [--app-dir CHECKOUT]

Needs a database filled by bench/dataset.py and wrk (`apt-get install wrk`). Starts gunicorn on the
production settings (DEBUG off, the Redis cache when REDIS_URL is set, throttle rates raised so no
answer is a 429 while the throttles still run), picks a small, a medium and the biggest leaderboard from
the data, and drives each endpoint with wrk for a fixed time: req/s and p50/p95/p99. Then exports the
same rows to SQLite (once; --reexport to redo), serves them with datasette in one process and drives the
equivalent leaderboard (a canned query: best claim per paper and method, ranked, one page) and search
(a canned FTS5 query ranked by bm25) under the same load, printing the ratio. --app-dir serves another
checkout (e.g. the code before a change) on the same database.
"""

import argparse
import json
import os
import platform
import secrets
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# Broad: words of the generated titles, common in its small vocabulary ("tokenizers": 9% of the papers).
BROAD_TERMS = [
    "contrastive distillation",
    "sparse attention",
    "equivariant graph",
    "reward models",
    "tokenizers",
]

WRK_SCRIPT = """
local paths = {%(paths)s}
local n = 0
request = function()
  n = n + 1
  return wrk.format("GET", paths[(n %% #paths) + 1])
end
done = function(summary, latency, requests)
  local errors = summary.errors.status + summary.errors.connect + summary.errors.read
    + summary.errors.write + summary.errors.timeout
  io.write(string.format('{"requests": %%d, "seconds": %%f, "errors": %%d, "p50": %%f, "p95": %%f, "p99": %%f}\\n',
    summary.requests, summary.duration / 1e6, errors, latency:percentile(50) / 1000,
    latency:percentile(95) / 1000, latency:percentile(99) / 1000))
end
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_up(url: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=5).read()
            return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.3)
    raise SystemExit(f"{url} did not answer within {seconds:.0f} s")


def fetch(url: str) -> tuple[int, int]:
    """Status and size of one answer (the warm-up request, which also fills caches)."""
    try:
        with urllib.request.urlopen(url, timeout=120) as response:
            return response.status, len(response.read())
    except urllib.error.HTTPError as exc:
        return exc.code, len(exc.read())


def wrk(base: str, paths: list[str], *, duration: int, connections: int, threads: int) -> dict:
    script = Path(tempfile.mkstemp(suffix=".lua")[1])
    script.write_text(WRK_SCRIPT % {"paths": ", ".join(json.dumps(path) for path in paths)})
    command = [
        "wrk", f"-t{threads}", f"-c{connections}", f"-d{duration}s", "--timeout", "60s", "-s", str(script), base,
    ]  # fmt: skip
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    script.unlink()
    figures = json.loads(output.strip().splitlines()[-1])
    figures["rps"] = figures["requests"] / figures["seconds"] if figures["seconds"] else 0.0
    return figures


def pick_boards(cursor) -> dict[str, tuple[str, int]]:
    """Small (about 60 rows), medium (about 1,500) and the biggest board: slug and live score claims."""
    cursor.execute(
        "SELECT b.slug, count(*) FROM claims_claim c JOIN claims_benchmark b ON b.id = c.benchmark_id "
        "WHERE c.kind = 'score' AND c.status <> 'rejected' GROUP BY b.slug ORDER BY count(*) DESC"
    )
    rows = cursor.fetchall()
    if not rows:
        raise SystemExit("the database has no score claims: fill it with bench/dataset.py first")

    def nearest(target: int) -> tuple[str, int]:
        return min(rows, key=lambda row: abs(row[1] - target))

    return {"small": nearest(60), "medium": nearest(1_500), "big": rows[0]}


def api_paths(cursor, boards: dict[str, tuple[str, int]]) -> dict[str, list[str]]:
    cursor.execute("SELECT id FROM papers_paper ORDER BY id LIMIT 1")
    first = cursor.fetchone()[0]
    cursor.execute("SELECT max(id) FROM papers_paper")
    last = cursor.fetchone()[0]
    step = max(1, (last - first) // 50)
    big = boards["big"][0]
    # Half the big board's score claims pass the value filter.
    cursor.execute(
        "SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY value) FROM claims_claim c "
        "JOIN claims_benchmark b ON b.id = c.benchmark_id WHERE b.slug = %s AND c.kind = 'score'",
        [big],
    )
    median = cursor.fetchone()[0]
    return {
        "leaderboard small": [f"/api/v1/benchmarks/{boards['small'][0]}/leaderboard/"],
        "leaderboard medium": [f"/api/v1/benchmarks/{boards['medium'][0]}/leaderboard/"],
        "leaderboard big": [f"/api/v1/benchmarks/{big}/leaderboard/"],
        "claims filtered": [f"/api/v1/claims/?benchmark={big}&kind=score&value_min={median:g}"],
        "search, broad words": [f"/api/v1/papers/?q={quote(term)}" for term in BROAD_TERMS],
        "search, selective": [f"/api/v1/papers/?q={quote(term)}" for term in selective_terms(cursor)],
        "paper detail": [f"/api/v1/papers/{first + n * step}/" for n in range(50)],
        "benchmarks by claims": ["/api/v1/benchmarks/?ordering=-claim_count"],
    }


def selective_terms(cursor) -> list[str]:
    """What a notebook looks for by name: a model (one paper's method), a benchmark with a few hundred papers."""
    cursor.execute("SELECT method FROM claims_claim WHERE method <> '' ORDER BY id LIMIT 10")
    methods = sorted({row[0] for row in cursor.fetchall()})[:3]
    cursor.execute(
        "SELECT name FROM claims_benchmark WHERE live_paper_count BETWEEN 200 AND 2000 "
        "ORDER BY live_paper_count DESC, name LIMIT 2"
    )
    return methods + [f'"{row[0]}"' for row in cursor.fetchall()]


def quote(term: str) -> str:
    return urllib.parse.quote_plus(term)


def start_gunicorn(args, port: int) -> subprocess.Popen:
    env = {
        **os.environ,
        "DATABASE_URL": args.database_url,
        "DJANGO_SETTINGS_MODULE": "tracker.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "SECURE_SSL_REDIRECT": "false",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "API_THROTTLE_ANON": "100000000/min",
        "API_THROTTLE_USER": "100000000/min",
        "LOG_LEVEL": "WARNING",
    }
    env.pop("CELERY_BROKER_URL", None)
    gunicorn = Path(sys.executable).with_name("gunicorn")
    command = [
        str(gunicorn), "tracker.wsgi:application", "--chdir", str(args.app_dir), "-b", f"127.0.0.1:{port}",
        "-w", str(args.workers), "--worker-class", "gthread", "--threads", "2", "--timeout", "120",
        "--log-level", "warning",
    ]  # fmt: skip
    return subprocess.Popen(command, env=env, start_new_session=True)


def export_sqlite(cursor, path: Path) -> None:
    """Live score claims with their paper's columns, and the papers with an FTS index over title and abstract."""
    tmp = path.with_suffix(".tmp")
    tmp.unlink(missing_ok=True)
    db = sqlite3.connect(tmp)
    db.executescript(
        """
        CREATE TABLE papers (id INTEGER PRIMARY KEY, title TEXT, abstract TEXT, published TEXT, arxiv_id TEXT);
        CREATE TABLE scores (
            claim_id INTEGER PRIMARY KEY, benchmark TEXT, metric TEXT, higher_is_better INTEGER, split TEXT,
            value REAL, unit TEXT, method TEXT, setting TEXT, status TEXT, provenance TEXT, evidence TEXT,
            confidence REAL, paper_id INTEGER, paper_title TEXT, paper_published TEXT, paper_arxiv_id TEXT);
        """
    )
    cursor.execute("SELECT id, title, abstract, published::text, arxiv_id FROM papers_paper")
    while rows := cursor.fetchmany(20_000):
        db.executemany("INSERT INTO papers VALUES (?, ?, ?, ?, ?)", rows)
    cursor.execute(
        "SELECT c.id, b.slug, m.slug, m.higher_is_better::int, c.split, c.value, c.unit, c.method, c.setting, "
        "c.status, c.provenance, c.evidence, c.confidence, p.id, p.title, p.published::text, p.arxiv_id "
        "FROM claims_claim c JOIN claims_benchmark b ON b.id = c.benchmark_id "
        "JOIN claims_metric m ON m.id = c.metric_id JOIN papers_paper p ON p.id = c.paper_id "
        "WHERE c.kind = 'score' AND c.status <> 'rejected'"
    )
    while rows := cursor.fetchmany(20_000):
        db.executemany(f"INSERT INTO scores VALUES ({', '.join('?' * 17)})", rows)
    db.executescript(
        """
        CREATE INDEX scores_board ON scores (benchmark, metric, split, value);
        CREATE VIRTUAL TABLE papers_fts USING fts5(title, abstract, content='papers', content_rowid='id');
        INSERT INTO papers_fts (rowid, title, abstract) SELECT id, title, abstract FROM papers;
        """
    )
    db.commit()
    db.close()
    tmp.rename(path)


# The leaderboard's semantics in SQLite: best claim per (paper, method), ranked, one page.
LEADERBOARD_SQL = """
WITH board AS (
  SELECT *, row_number() OVER (
      PARTITION BY paper_id, lower(trim(method))
      ORDER BY CASE WHEN higher_is_better THEN -value ELSE value END, status <> 'verified', paper_published, claim_id
    ) AS nth
  FROM scores WHERE benchmark = :benchmark AND metric = :metric AND split = :split
)
SELECT rank() OVER (ORDER BY CASE WHEN higher_is_better THEN -value ELSE value END) AS rank,
  value, unit, method, setting, split, paper_id, paper_title, paper_published, paper_arxiv_id, claim_id,
  status, provenance, evidence
FROM board WHERE nth = 1
ORDER BY CASE WHEN higher_is_better THEN -value ELSE value END, status <> 'verified', paper_published, claim_id
LIMIT 50
"""


# The search: FTS5 matches ranked by bm25, one page with the columns the API's paper list shows.
SEARCH_SQL = """
SELECT p.id, p.title, p.abstract, p.published, p.arxiv_id
FROM papers_fts JOIN papers p ON p.id = papers_fts.rowid
WHERE papers_fts MATCH :q ORDER BY papers_fts.rank LIMIT 50
"""


def fts5_query(term: str) -> str:
    """The same words for FTS5: a phrase stays quoted, other words are quoted one by one."""
    if term.startswith('"'):
        return '"' + term.strip('"') + '"'
    return " ".join(f'"{word}"' for word in term.split())


def start_datasette(path: Path, port: int) -> subprocess.Popen:
    metadata = path.with_suffix(".metadata.json")
    queries = {"leaderboard": {"sql": LEADERBOARD_SQL}, "search": {"sql": SEARCH_SQL}}
    metadata.write_text(json.dumps({"databases": {path.stem: {"queries": queries}}}))
    datasette = Path(sys.executable).with_name("datasette")
    command = [
        str(datasette), "serve", "-i", str(path), "-m", str(metadata), "-h", "127.0.0.1", "-p", str(port),
        "--setting", "sql_time_limit_ms", "60000", "--setting", "default_page_size", "50",
    ]  # fmt: skip
    return subprocess.Popen(
        command, start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )


def board_default(cursor, slug: str) -> tuple[str, str]:
    """The metric and split the API shows by default for a board: the most reported metric, then the split."""
    cursor.execute(
        "SELECT m.slug, m.id FROM claims_claim c JOIN claims_metric m ON m.id = c.metric_id "
        "JOIN claims_benchmark b ON b.id = c.benchmark_id WHERE b.slug = %s AND c.kind = 'score' "
        "AND c.status <> 'rejected' GROUP BY m.slug, m.name, m.id ORDER BY count(*) DESC, m.name LIMIT 1",
        [slug],
    )
    metric, metric_id = cursor.fetchone()
    cursor.execute(
        "SELECT c.split FROM claims_claim c JOIN claims_benchmark b ON b.id = c.benchmark_id "
        "WHERE b.slug = %s AND c.metric_id = %s AND c.kind = 'score' AND c.status <> 'rejected' "
        "GROUP BY c.split ORDER BY (c.split = '') DESC, count(*) DESC, c.split LIMIT 1",
        [slug, metric_id],
    )
    return metric, cursor.fetchone()[0]


def datasette_paths(cursor, db: str, boards: dict[str, tuple[str, int]]) -> dict[str, list[str]]:
    paths = {}
    for size in ("small", "medium", "big"):
        slug = boards[size][0]
        metric, split = board_default(cursor, slug)
        query = urllib.parse.urlencode(
            {"benchmark": slug, "metric": metric, "split": split, "_shape": "objects"}
        )
        paths[f"leaderboard {size}"] = [f"/{db}/leaderboard.json?{query}"]
    # FTS5 reads a quoted string as a phrase and bare words as AND, as websearch_to_tsquery does.
    for name, terms in (("search, broad words", BROAD_TERMS), ("search, selective", selective_terms(cursor))):
        paths[name] = [f"/{db}/search.json?q={quote(fts5_query(term))}&_shape=objects" for term in terms]
    return paths


def stop(process: subprocess.Popen) -> None:
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)


def run_all(label: str, base: str, paths: dict[str, list[str]], args) -> dict[str, dict]:
    results = {}
    for name, urls in paths.items():
        status, size = fetch(base + urls[0])
        for url in urls[1:]:
            fetch(base + url)
        figures = wrk(base, urls, duration=args.duration, connections=args.connections, threads=args.threads)
        figures.update(status=status, bytes=size)
        results[name] = figures
        print(
            f"{label:9} {name:22} {figures['rps']:8.1f} req/s  p50 {figures['p50']:8.1f} ms  "
            f"p95 {figures['p95']:8.1f} ms  p99 {figures['p99']:8.1f} ms  {size / 1024:8.1f} KiB  "
            f"HTTP {status}  errors {figures['errors']}",
            flush=True,
        )
    return results


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL", ""))
    parser.add_argument("--duration", type=int, default=10, help="Seconds of load per endpoint.")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--threads", type=int, default=2, help="wrk threads.")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers (2 threads each).")
    parser.add_argument("--app-dir", type=Path, default=ROOT, help="The checkout gunicorn serves.")
    parser.add_argument("--sqlite", type=Path, default=ROOT / "var" / "bench.sqlite3")
    parser.add_argument("--reexport", action="store_true", help="Export to SQLite again.")
    parser.add_argument("--skip-datasette", action="store_true")
    parser.add_argument("--only", nargs="*", help="Endpoint names to run (default all), e.g. 'paper search'.")
    args = parser.parse_args()
    # A TERM stops the servers this script started, as Ctrl-C does.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))
    if not args.database_url.startswith(("postgres://", "postgresql://")):
        parser.error("give the PostgreSQL database bench/dataset.py filled (--database-url or DATABASE_URL)")
    if not shutil.which("wrk"):
        parser.error("wrk is not installed: apt-get install -y wrk")
    import psycopg

    connection = psycopg.connect(
        args.database_url.replace("postgres://", "postgresql://", 1), autocommit=True
    )
    cursor = connection.cursor()
    cursor.execute("SHOW server_version")
    server = cursor.fetchone()[0]
    cursor.execute("SELECT count(*) FROM papers_paper")
    papers = cursor.fetchone()[0]
    cursor.execute("SELECT count(*) FROM claims_claim")
    claims = cursor.fetchone()[0]
    boards = pick_boards(cursor)
    print(
        f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}, Python {platform.python_version()}, "
        f"PostgreSQL {server}; {papers:,} papers, {claims:,} claims; cache: {os.environ.get('REDIS_URL') or 'file'}"
    )
    print(
        "boards (live score claims): "
        + ", ".join(f"{size} {slug} ({count:,})" for size, (slug, count) in boards.items())
    )
    print(
        f"load: wrk -t{args.threads} -c{args.connections} -d{args.duration}s per endpoint; "
        f"gunicorn -w {args.workers} gthread x2 serving {args.app_dir}"
    )
    paths = api_paths(cursor, boards)
    if args.only:
        paths = {name: urls for name, urls in paths.items() if name in args.only}
    port = free_port()
    server_process = start_gunicorn(args, port)
    try:
        wait_until_up(f"http://127.0.0.1:{port}/healthz")
        api = run_all("api", f"http://127.0.0.1:{port}", paths, args)
    finally:
        stop(server_process)
    if args.skip_datasette:
        return
    if args.reexport or not args.sqlite.exists():
        args.sqlite.parent.mkdir(parents=True, exist_ok=True)
        started = time.perf_counter()
        export_sqlite(cursor, args.sqlite)
        print(f"exported to {args.sqlite} in {time.perf_counter() - started:.0f} s")
    port = free_port()
    datasette = start_datasette(args.sqlite, port)
    try:
        wait_until_up(f"http://127.0.0.1:{port}/-/versions.json")
        other = datasette_paths(cursor, args.sqlite.stem, boards)
        if args.only:
            other = {name: urls for name, urls in other.items() if name in args.only}
        theirs = run_all("datasette", f"http://127.0.0.1:{port}", other, args)
    finally:
        stop(datasette)
    for name, figures in theirs.items():
        if name in api and figures["rps"]:
            print(
                f"ratio     {name:22} api/datasette req/s {api[name]['rps'] / figures['rps']:.2f}x  "
                f"p99 {api[name]['p99']:.1f} ms vs {figures['p99']:.1f} ms"
            )


if __name__ == "__main__":
    main()
