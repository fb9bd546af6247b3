"""Query-count guard: each list endpoint and the leaderboard run as many queries for 30 rows as for 3."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.api.conftest import score
from tests.claims.factories import (
    BenchmarkAliasFactory,
    BenchmarkFactory,
    ClaimFactory,
    MetricAliasFactory,
    TaskAliasFactory,
    TaskFactory,
)
from tests.papers.factories import ImportRunFactory, PaperFactory

pytestmark = [pytest.mark.api, pytest.mark.django_db]


def queries_for(client, url: str, **params) -> int:
    cache.clear()
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, params)
    assert response.status_code == 200, response.content
    return len(captured)


def grow_claims(n: int) -> None:
    for _ in range(n):
        claim = ClaimFactory()
        BenchmarkAliasFactory(benchmark=claim.benchmark)
        MetricAliasFactory(metric=claim.metric)
        claim.benchmark.tasks.add(TaskFactory())


def grow_tasks(n: int, parent=None) -> None:
    for _ in range(n):
        task = TaskFactory(parent=parent)
        TaskAliasFactory(task=task)
        BenchmarkFactory().tasks.add(task)
        TaskFactory(parent=task)


@pytest.mark.parametrize(
    "url_name", ["paper-list", "claim-list", "benchmark-list", "metric-list", "task-list"]
)
@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_list_queries_do_not_grow_with_rows(api_client, url_name, fmt):
    grow_claims(3)
    grow_tasks(3)
    few = queries_for(api_client, reverse(url_name), format=fmt)
    grow_claims(27)
    grow_tasks(27)
    many = queries_for(api_client, reverse(url_name), format=fmt)

    assert many == few


def test_paper_detail_queries_do_not_grow_with_claims(api_client):
    paper = PaperFactory()
    ClaimFactory.create_batch(3, paper=paper)
    few = queries_for(api_client, reverse("paper-detail", args=[paper.pk]))
    ClaimFactory.create_batch(27, paper=paper)
    many = queries_for(api_client, reverse("paper-detail", args=[paper.pk]))

    assert many == few


def test_import_list_queries_do_not_grow_with_runs(client_as, plain_user):
    client = client_as(plain_user)
    ImportRunFactory.create_batch(3, started_by=plain_user)
    few = queries_for(client, reverse("importrun-list"))
    ImportRunFactory.create_batch(27, started_by=plain_user)
    many = queries_for(client, reverse("importrun-list"))

    assert many == few


@pytest.mark.parametrize("url_name", ["benchmark-leaderboard", "benchmark-history"])
def test_leaderboard_queries_do_not_grow_with_rows(api_client, board, url_name):
    benchmark, accuracy, error = board

    def grow(n):
        for i in range(n):
            score(benchmark, accuracy, 50.0 + i, method=f"Method-{i}")
            score(benchmark, error, 5.0 + i)

    grow(3)
    few = queries_for(api_client, reverse(url_name, args=["imagenet"]))
    grow(27)
    many = queries_for(api_client, reverse(url_name, args=["imagenet"]))

    assert many == few
    assert many <= 5


def test_task_detail_queries_do_not_grow_with_benchmarks_and_subtasks(api_client):
    task = TaskFactory(name="Root Task", slug="root-task")
    grow_tasks(3, parent=task)
    few = queries_for(api_client, reverse("task-detail", args=["root-task"]))
    grow_tasks(27, parent=task)
    many = queries_for(api_client, reverse("task-detail", args=["root-task"]))

    assert many == few


def test_benchmarks_of_a_task_queries_do_not_grow_with_rows(api_client):
    task = TaskFactory(name="Root Task", slug="root-task")
    grow_tasks(3, parent=task)
    few = queries_for(api_client, reverse("benchmark-list"), task="root-task")
    grow_tasks(27, parent=task)
    many = queries_for(api_client, reverse("benchmark-list"), task="root-task")

    assert many == few
