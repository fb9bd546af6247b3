"""Each page runs a constant handful of queries, whether the data has a few rows or ten times more."""

import datetime

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from claims.models import Claim
from tests.claims.factories import (
    BenchmarkAliasFactory,
    BenchmarkFactory,
    ClaimFactory,
    MetricFactory,
    TaskFactory,
)
from tests.papers.factories import PaperFactory
from tests.web.conftest import make_user

pytestmark = pytest.mark.django_db

# The most queries each page may run on a cold cache (anonymous visitor, or a curator for the queue).
# The benchmarks' tasks (one prefetch) and the splits a metric was measured on (one query) came with the
# task catalog and the splits. Task pages and search read the catalog's tasks (one query), a benchmark page
# its tasks with their parents for the breadcrumb (one query): each cap rose by that one when the pages
# moved onto the Task model.
CAPS = {
    "/": 7,
    "/?q=bench": 15,
    "/tasks/": 6,
    "/tasks/area-0/": 6,
    "/tasks/grown-root/": 6,
    "/benchmarks/bench-grow/": 11,
    "/benchmarks/bench-grow/?metric=grow-error&setting=zero-shot": 12,  # and the metric named
    "paper": 2,
    "/curate/": 8,
    "/curate/?benchmark=bench-grow&confidence_below=0.95": 8,
}


def grow(n: int, benchmark, metrics, curator) -> None:
    """n papers, each with claims on two metrics of the benchmark and one elsewhere; some verified or rejected."""
    for i in range(n):
        paper = PaperFactory(published=datetime.date(2020, 1, 1) + datetime.timedelta(days=30 * i))
        for metric in metrics:
            ClaimFactory(paper=paper, benchmark=benchmark, metric=metric, value=50 + i, method=f"M{i}",
                         setting="zero-shot" if i % 3 else "", confidence=0.5 + (i % 5) / 10,
                         status=[Claim.Status.EXTRACTED, Claim.Status.VERIFIED, Claim.Status.REJECTED][i % 3],
                         curated_by=curator if i % 3 else None)  # fmt: skip
        other = BenchmarkFactory(name=f"Bench other {benchmark.pk}-{i}", task=f"Area {i % 2}")
        ClaimFactory(paper=paper, benchmark=other, metric=metrics[0])
        BenchmarkAliasFactory(benchmark=other)
        if i % 4 == 1:  # some in the catalog, under a parent and in two tasks; the rest by free text
            root = TaskFactory(name="Grown root")
            other.tasks.add(TaskFactory(name=f"Grown {i % 3}", parent=root), TaskFactory(name="Grown also"))


def queries(client, url: str, *, warm: bool = False) -> int:
    if not warm:
        cache.clear()
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, response.content[:500]
    return len(captured)


@pytest.fixture
def data(db):
    benchmark = BenchmarkFactory(name="Bench grow", task="Area 0")
    metrics = [MetricFactory(name="grow accuracy"), MetricFactory(name="grow error", higher_is_better=False)]
    curator = make_user("counter", curator=True)
    return benchmark, metrics, curator


@pytest.mark.parametrize("url", list(CAPS))
def test_page_queries_do_not_grow_with_the_data(client, data, url, django_assert_max_num_queries):
    benchmark, metrics, curator = data
    if url.startswith("/curate/"):
        client.force_login(curator)

    def target() -> str:
        return (
            f"/papers/{Claim.objects.filter(benchmark=benchmark).first().paper_id}/"
            if url == "paper"
            else url
        )

    grow(3, benchmark, metrics, curator)
    few = queries(client, target())
    grow(30, benchmark, metrics, curator)
    address = target()
    with django_assert_max_num_queries(CAPS[url]):
        many = queries(client, address)

    assert many == few


def test_a_cached_benchmark_page_costs_one_query(client, data):
    benchmark, metrics, curator = data
    grow(10, benchmark, metrics, curator)
    cache.clear()
    for url in ("/benchmarks/bench-grow/", "/", "/tasks/"):
        queries(client, url, warm=True)

    assert queries(client, "/benchmarks/bench-grow/", warm=True) == 1  # the benchmark row itself
    assert queries(client, "/", warm=True) == 0
    assert queries(client, "/tasks/", warm=True) == 0
