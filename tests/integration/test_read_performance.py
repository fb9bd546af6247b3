"""What the read side's speed rests on, checked on PostgreSQL: the indexes the queries use, full-text
search, and the benchmark dataset generator. The figures themselves come from bench/api.py."""

import os
import re
import subprocess
import sys
from pathlib import Path

import psycopg
import pytest
from django.conf import settings
from django.db import connection

from claims.models import Claim
from claims.selectors.catalog import benchmark_list
from claims.selectors.claims import claim_list
from claims.selectors.scores import ScoreFilters, score_claims
from papers.models import Paper
from papers.search import paper_search
from papers.selectors import paper_list
from tests.claims.factories import BenchmarkFactory, ClaimFactory, MetricFactory
from tests.papers.factories import PaperFactory
from tracker.api.cursor import keyset_page, keyset_rows

pytestmark = [pytest.mark.integration, pytest.mark.django_db]
ROOT = Path(__file__).resolve().parents[2]


def plan(queryset) -> str:
    # A handful of test rows would be read sequentially anyway: ask which index the planner can use.
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
    return queryset.explain()


def test_paper_search_uses_the_gin_index_and_ranks_title_matches_first(postgres):
    in_abstract = PaperFactory(
        title="Dense Passage Methods", abstract="We study contrastive distillation at scale."
    )
    in_title = PaperFactory(title="Contrastive Distillation for Retrieval", abstract="A method.")
    PaperFactory(title="Unrelated", abstract="Nothing about it.")

    found = paper_search(paper_list(), "contrastive distillation")

    assert [paper.pk for paper in found] == [in_title.pk, in_abstract.pk]
    assert "paper_search_vector_idx" in plan(found)
    # websearch syntax: a quoted phrase and an excluded word.
    assert [p.pk for p in paper_search(paper_list(), '"contrastive distillation" -retrieval')] == [
        in_abstract.pk
    ]


def test_leaderboard_and_claims_lists_are_served_by_indexes(postgres):
    benchmark, metric = BenchmarkFactory(name="ImageNet"), MetricFactory(name="top-1 accuracy")
    metrics = [metric, *(MetricFactory(name=f"metric {n}") for n in range(4))]
    benchmarks = [benchmark, *(BenchmarkFactory(name=f"benchmark {n}") for n in range(9))]
    paper = ClaimFactory(benchmark=benchmark, metric=metric).paper
    # Enough rows, over several benchmarks, metrics and kinds, for the planner's choice to mean something.
    Claim.objects.bulk_create(
        Claim(
            paper=paper, benchmark=benchmarks[n % 10], metric=metrics[(n // 10) % 5],
            kind=Claim.Kind.SCORE if n % 3 else Claim.Kind.DELTA, value=float(n % 100), evidence="x",
        )
        for n in range(3000)
    )  # fmt: skip
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE claims_claim")

    candidates = score_claims(benchmark_id=benchmark.pk, metric_id=metric.pk, filters=ScoreFilters(split=""))
    # What the SQL ranking reads of every candidate (claims/selectors/ranking.py).
    board = plan(candidates.order_by().values("id", "paper_id", "method", "value", "status"))
    filtered = plan(claim_list().filter(benchmark=benchmark, kind=Claim.Kind.SCORE, value__gte=50))
    counted = plan(
        Claim.objects.filter(benchmark=benchmark, kind=Claim.Kind.SCORE, value__gte=50).values("id")
    )

    assert "claim_board_cover_idx" in board or "claim_leaderboard_idx" in board
    assert "Seq Scan on claims_claim" not in filtered
    assert "claim_benchmark_value_idx" in counted


def test_benchmarks_by_claim_count_read_no_claims(postgres):
    ClaimFactory()

    assert "claims_claim" not in benchmark_list().order_by("-claim_count").explain()


def _server_url(name: str) -> str:
    db = settings.DATABASES["default"]
    auth = db["USER"] + (f":{db['PASSWORD']}" if db.get("PASSWORD") else "")
    return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{name}"


@pytest.mark.slow
def test_dataset_script_fills_a_database_of_its_own(postgres):
    name = "bench_" + settings.DATABASES["default"]["NAME"]  # never the test database itself
    admin = psycopg.connect(
        _server_url("postgres").replace("postgres://", "postgresql://", 1), autocommit=True
    )
    admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
    admin.execute(f'CREATE DATABASE "{name}"')
    try:
        url = _server_url(name)
        args = ["--database-url", url, "--papers", "2000", "--claims", "2500", "--benchmarks", "40"]
        env = {**os.environ, "DJANGO_SETTINGS_MODULE": "tracker.settings"}
        run = subprocess.run(
            [sys.executable, "bench/dataset.py", *args], cwd=ROOT, env=env, capture_output=True, text=True
        )
        assert run.returncode == 0, run.stderr
        assert "wrote 2,000 papers" in run.stdout and "2,500 claims" in run.stdout
        assert "cores" in run.stdout and "PostgreSQL" in run.stdout
        with psycopg.connect(url.replace("postgres://", "postgresql://", 1)) as db:
            live = db.execute("SELECT count(*) FROM claims_claim WHERE status <> 'rejected'").fetchone()[0]
            stored = db.execute("SELECT sum(live_claim_count) FROM papers_paper").fetchone()[0]
            top, median = db.execute(
                "SELECT max(live_claim_count), percentile_cont(0.5) WITHIN GROUP (ORDER BY live_claim_count) "
                "FROM claims_benchmark"
            ).fetchone()
            searchable = db.execute(
                "SELECT count(*) FROM papers_paper WHERE search_vector @@ websearch_to_tsquery('english', 'introduce')"
            ).fetchone()[0]
        assert stored == live  # the derived counts were filled after the COPY
        assert top > 5 * median  # a Zipf spread: a few big boards, many small ones
        assert searchable == 2000
        again = subprocess.run(
            [sys.executable, "bench/dataset.py", *args], cwd=ROOT, env=env, capture_output=True, text=True
        )
        assert again.returncode != 0 and "--reset" in again.stderr
    finally:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


def _sorts_everything(explained: str) -> bool:
    # An Incremental Sort over an index's order is fine; a plain Sort reads every row before the first.
    return re.search(r"^\s*(->\s+)?Sort\s+\(", explained, re.MULTILINE) is not None


def test_a_cursor_page_of_claims_and_of_papers_is_read_from_an_index(postgres):
    built = PaperFactory.build_batch(2000)
    for paper in built:
        paper.refresh_keys()
    papers = Paper.objects.bulk_create(built)
    benchmark, metric = BenchmarkFactory(name="ImageNet"), MetricFactory(name="top-1 accuracy")
    Claim.objects.bulk_create(
        Claim(
            paper=papers[n % 120], benchmark=benchmark, metric=metric, value=float(n % 100), evidence="x",
            evidence_start=n % 7, evidence_end=10, value_start=n % 3 or None,
        )
        for n in range(4000)
    )  # fmt: skip
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE claims_claim")
        cursor.execute("ANALYZE papers_paper")

    # The page starts where the cursor points in the index: a range on the ordering's first column.
    for queryset, starts in (
        (claim_list(), "Index Cond: (paper_id >= "),
        (paper_list(), "Index Cond: (published <= "),
    ):
        _, cursor = keyset_page(queryset, "", 50)
        _, rows = keyset_rows(queryset, cursor)
        explained = plan(rows[:50])

        assert "Seq Scan" not in explained, explained
        assert starts in explained and not _sorts_everything(explained), explained
