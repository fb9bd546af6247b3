"""Query-count guard for the Papers with Code compatible lists: as many queries for 30 rows as for 3."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.claims.factories import BenchmarkFactory, ClaimFactory, MetricFactory
from tests.papers.factories import PaperFactory

pytestmark = [pytest.mark.api, pytest.mark.django_db]


def queries_for(client, url: str, **params) -> int:
    cache.clear()
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, params)
    assert response.status_code == 200, response.content
    return len(captured)


def grow(n: int, benchmark, metric) -> None:
    for i in range(n):
        paper = PaperFactory(
            code_url=f"https://github.com/lab/repo-{PaperFactory._meta.model.objects.count()}"
        )
        ClaimFactory(paper=paper, benchmark=benchmark, metric=metric, method=f"Net-{paper.pk}", value=i)
        other = BenchmarkFactory(task=f"Task {paper.pk}")
        ClaimFactory(paper=paper, benchmark=other, metric=metric, method=f"Net-{paper.pk}")


@pytest.mark.parametrize(
    "url",
    [
        "/pwc/api/v1/papers/",
        "/pwc/api/v1/search/",
        "/pwc/api/v1/datasets/",
        "/pwc/api/v1/evaluations/",
        "/pwc/api/v1/evaluations/board--score/results/",
        "/pwc/api/v1/tasks/",
        "/pwc/api/v1/methods/",
        "/pwc/api/v1/repositories/",
        "/hf/api/v1/papers/search",
        "/hf/api/v1/papers/",
        "/hf/api/v1/datasets/",
        "/hf/api/v1/datasets/board/evaluations/",
        "/hf/api/v1/tasks/",
        "/hf/api/v1/areas/with-tasks/",
        "/hf/api/v1/areas/with-task-benchmarks/",
    ],
)
def test_compatible_list_queries_do_not_grow_with_rows(client, url):
    benchmark, metric = (
        BenchmarkFactory(name="Board", slug="board"),
        MetricFactory(name="score", slug="score"),
    )
    grow(3, benchmark, metric)
    few = queries_for(client, url)
    grow(27, benchmark, metric)
    many = queries_for(client, url)

    assert many == few
