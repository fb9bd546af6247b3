"""Keyset pages by `cursor`: every row once, in the list's order, without a COUNT."""

import datetime
from urllib.parse import parse_qs, urlsplit

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from claims.models import Claim
from papers.models import Paper
from tests.claims.factories import BenchmarkFactory, MetricFactory
from tests.papers.factories import PaperFactory

pytestmark = [pytest.mark.api, pytest.mark.django_db]


@pytest.fixture
def claims():
    """300 claims over 12 papers, with many equal values in every ordering column (and NULL offsets)."""
    benchmarks = [BenchmarkFactory(name=f"Cursor bench {n}") for n in range(3)]
    metric = MetricFactory(name="cursor accuracy")
    papers = [PaperFactory(published=datetime.date(2024, 1, 1 + n % 4)) for n in range(12)]
    Claim.objects.bulk_create(
        Claim(
            paper=papers[n % 12], benchmark=benchmarks[n % 3], metric=metric, value=float(n % 7),
            kind=Claim.Kind.SCORE if n % 5 else Claim.Kind.DELTA, evidence=f"Evidence {n}.",
            evidence_start=n % 3 * 10, evidence_end=100, value_start=None if n % 4 == 0 else n % 2,
        )
        for n in range(300)
    )  # fmt: skip
    return Claim.objects.all()


def cursor_of(next_url: str) -> str:
    return parse_qs(urlsplit(next_url).query)["cursor"][0]


def walk(client, url, params):
    """Every page from the first by cursor: the ids in order and the number of requests."""
    ids, requests = [], 0
    response = client.get(url, {**params, "cursor": ""})
    while True:
        requests += 1
        assert response.status_code == 200, response.content
        body = response.json()
        assert "count" not in body
        ids += [row["id"] for row in body["results"]]
        if body["next"] is None:
            return ids, requests
        response = client.get(body["next"])


def walk_by_page(client, url, params):
    ids, page = [], 1
    while True:
        body = client.get(url, {**params, "page": page}).json()
        ids += [row["id"] for row in body["results"]]
        if body["next"] is None:
            return ids
        page += 1


DEFAULT_ORDER = ("paper_id", "evidence_start", "value_start", "id")


@pytest.mark.parametrize("ordering", [None, "value", "-value", "-paper__published", "created_at,-confidence"])
def test_a_cursor_walk_returns_every_claim_once_as_the_page_walk_does(api_client, claims, ordering):
    params = {"page_size": 23, **({"ordering": ordering} if ordering else {})}
    url = reverse("claim-list")

    by_cursor, requests = walk(api_client, url, params)

    assert len(by_cursor) == len(set(by_cursor)) == 300
    assert requests == 14  # 13 full pages and one of 1 row
    # Ties (many in every column) are broken by id, on pages by number too.
    expected = claims.order_by(*(ordering.split(",") + ["id"] if ordering else DEFAULT_ORDER))
    assert by_cursor == list(expected.values_list("id", flat=True))
    assert by_cursor == walk_by_page(api_client, url, params)


def test_a_cursor_walk_keeps_the_filters(api_client, claims):
    benchmark = BenchmarkFactory(name="Cursor bench 1")
    params = {"benchmark": benchmark.slug, "kind": "score", "value_min": 3, "page_size": 9}

    ids, _ = walk(api_client, reverse("claim-list"), params)

    expected = claims.filter(benchmark=benchmark, kind="score", value__gte=3)
    assert ids == list(
        expected.order_by("paper_id", "evidence_start", "value_start", "id").values_list("id", flat=True)
    )
    assert len(ids) > 9


def test_papers_walk_by_cursor_newest_first_with_undated_papers_first(api_client):
    # PostgreSQL's descending order puts NULLs first; the cursor follows it on every database.
    for n in range(30):
        PaperFactory(published=None if n % 5 == 0 else datetime.date(2024, 1, 1 + n % 3))

    ids, _ = walk(api_client, reverse("paper-list"), {"page_size": 4})

    undated = sorted(Paper.objects.filter(published=None).values_list("id", flat=True), reverse=True)
    dated = list(
        Paper.objects.exclude(published=None).order_by("-published", "-id").values_list("id", flat=True)
    )
    assert ids == undated + dated


def test_a_cursor_page_runs_no_count(api_client, claims):
    url = reverse("claim-list")
    second = api_client.get(url, {"cursor": "", "page_size": 50}).json()["next"]

    with CaptureQueriesContext(connection) as queries:
        response = api_client.get(second)

    assert response.status_code == 200 and len(response.json()["results"]) == 50
    sql = " ".join(query["sql"].upper() for query in queries.captured_queries)
    assert "COUNT(" not in sql and "OFFSET" not in sql
    with CaptureQueriesContext(connection) as queries:
        api_client.get(url, {"page": 2, "page_size": 50})
    assert "COUNT(" in " ".join(query["sql"].upper() for query in queries.captured_queries)


def test_page_numbers_answer_as_before(api_client, claims):
    body = api_client.get(reverse("claim-list"), {"page": 2, "page_size": 50}).json()

    assert body["count"] == 300 and "page=3" in body["next"] and body["previous"]


@pytest.mark.parametrize(
    "cursor",
    ["not-a-cursor", "eyJvIjpbXX0:1tZ:abc", "a" * 500, "..", "%00"],
)
def test_a_bad_cursor_is_a_400(api_client, claims, cursor):
    response = api_client.get(reverse("claim-list"), {"cursor": cursor})

    assert response.status_code == 400
    assert "cursor is not valid" in response.json()["cursor"][0]


def test_a_tampered_cursor_is_a_400(api_client, claims):
    cursor = cursor_of(api_client.get(reverse("claim-list"), {"cursor": "", "page_size": 5}).json()["next"])
    payload, signature = cursor.rsplit(":", 1)
    tampered = payload[:-1] + ("A" if payload[-1] != "A" else "B") + ":" + signature

    response = api_client.get(reverse("claim-list"), {"cursor": tampered})

    assert response.status_code == 400
    assert "cursor is not valid" in response.json()["cursor"][0]


def test_a_cursor_made_for_another_ordering_is_a_400(api_client, claims):
    url = reverse("claim-list")
    next_url = api_client.get(url, {"cursor": "", "ordering": "value", "page_size": 5}).json()["next"]
    cursor = cursor_of(next_url)

    response = api_client.get(url, {"cursor": cursor, "ordering": "-confidence"})

    assert response.status_code == 400
    assert "another ordering" in response.json()["cursor"][0]


def test_cursor_with_an_unknown_ordering_is_a_400(api_client, claims):
    # OrderingFilter drops fields it does not allow; a cursor cannot know which order the page is in.
    response = api_client.get(reverse("claim-list"), {"cursor": "", "ordering": "method"})

    assert response.status_code == 400
    assert "ordering" in response.json()["ordering"][0]


def test_cursor_and_page_together_is_a_400(api_client, claims):
    response = api_client.get(reverse("claim-list"), {"cursor": "", "page": 2})

    assert response.status_code == 400
    assert "not both" in response.json()["cursor"][0]


@pytest.mark.parametrize("name", ["benchmark-list", "metric-list", "task-list", "paper-list"])
def test_every_list_takes_a_cursor(api_client, claims, name):
    response = api_client.get(reverse(name), {"cursor": "", "page_size": 2})

    assert response.status_code == 200
    assert set(response.json()) == {"next", "previous", "results"}
