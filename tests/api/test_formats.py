"""CSV downloads (one row per item, readable by pandas.read_csv) and the format negotiation."""

import csv
import io

import pytest
from django.urls import reverse

from tests.api.conftest import score
from tests.claims.factories import ClaimFactory
from tests.papers.factories import PaperFactory

pytestmark = [pytest.mark.api, pytest.mark.django_db]


def read_csv(response) -> list[dict]:
    assert response.status_code == 200, response.content
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8"))))


def test_papers_as_csv_one_row_per_paper(api_client):
    PaperFactory(title='Commas, "quotes" and\nnewlines', authors=["Ada Example", "Ben Sample"])
    PaperFactory()

    rows = read_csv(api_client.get(reverse("paper-list"), {"format": "csv"}))

    assert len(rows) == 2
    by_title = {row["title"]: row for row in rows}
    assert by_title['Commas, "quotes" and\nnewlines']["authors"] == "Ada Example; Ben Sample"
    assert {"id", "arxiv_id", "published", "claim_count", "abstract"} <= set(rows[0])


def test_claims_as_csv_via_accept_header_flatten_nested_objects(api_client):
    claim = ClaimFactory(value=64.5)

    rows = read_csv(api_client.get(reverse("claim-list"), HTTP_ACCEPT="text/csv"))

    assert len(rows) == 1
    assert rows[0]["id"] == str(claim.pk)
    assert rows[0]["value"] == "64.5"
    assert rows[0]["paper.title"] == claim.paper.title
    assert rows[0]["benchmark.slug"] == claim.benchmark.slug
    assert rows[0]["curated_by"] == ""


def test_csv_pages_may_be_larger_than_json_pages(api_client):
    ClaimFactory.create_batch(3)

    json_page = api_client.get(reverse("claim-list"), {"page_size": 2}).json()
    csv_rows = read_csv(api_client.get(reverse("claim-list"), {"format": "csv", "page_size": 1000}))

    assert len(json_page["results"]) == 2
    assert len(csv_rows) == 3


def test_leaderboard_as_csv_has_one_row_per_entry(api_client, board):
    benchmark, accuracy, _ = board
    for value in (70.0, 90.0):
        score(benchmark, accuracy, value)

    rows = read_csv(api_client.get(reverse("benchmark-leaderboard", args=["imagenet"]), {"format": "csv"}))

    assert [(row["rank"], row["value"]) for row in rows] == [("1", "90.0"), ("2", "70.0")]
    assert list(rows[0])[:3] == ["rank", "value", "unit"]


def test_empty_list_as_csv(api_client):
    assert read_csv(api_client.get(reverse("paper-list"), {"format": "csv"})) == []


def test_unknown_format_is_a_400(api_client):
    response = api_client.get(reverse("paper-list"), {"format": "xml"})

    assert response.status_code == 400
    assert "Unknown format 'xml'" in response.json()["format"][0]


def test_browsable_api_renders(api_client):
    PaperFactory()

    response = api_client.get(reverse("paper-list"), HTTP_ACCEPT="text/html")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")


def test_api_root_lists_the_resources(api_client):
    data = api_client.get(reverse("api-root")).json()

    assert {"papers", "claims", "benchmarks", "metrics", "tasks", "imports", "extract", "schema"} <= set(data)


@pytest.mark.parametrize(
    ("url_name", "args"),
    [
        ("paper-list", []),
        ("claim-list", []),
        ("benchmark-list", []),
        ("metric-list", []),
        ("benchmark-leaderboard", ["imagenet"]),
        ("benchmark-history", ["imagenet"]),
    ],
)
def test_browsable_api_renders_each_read_endpoint(api_client, board, url_name, args):
    benchmark, accuracy, _ = board
    score(benchmark, accuracy, 75.0)

    response = api_client.get(reverse(url_name, args=args), HTTP_ACCEPT="text/html")

    assert response.status_code == 200
