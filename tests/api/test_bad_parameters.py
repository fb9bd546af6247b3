"""Bad parameters are answered 400 with a message naming the parameter, never 500."""

import pytest
from django.urls import reverse

from tests.claims.factories import BenchmarkFactory

pytestmark = [pytest.mark.api, pytest.mark.django_db]


@pytest.mark.parametrize(
    ("url_name", "params", "field"),
    [
        ("paper-list", {"published_after": "last tuesday"}, "published_after"),
        ("paper-list", {"published_before": "2024-13-01"}, "published_before"),
        ("paper-list", {"has_claims": "perhaps"}, "has_claims"),
        ("paper-list", {"benchmark": "no-such-benchmark"}, "benchmark"),
        ("paper-list", {"benchmark_id": "one"}, "benchmark_id"),
        ("paper-list", {"updated_since": "soon"}, "updated_since"),
        ("claim-list", {"value_min": "lots"}, "value_min"),
        ("claim-list", {"value_max": "NaN-ish"}, "value_max"),
        ("claim-list", {"kind": "guess"}, "kind"),
        ("claim-list", {"status": "pending"}, "status"),
        ("claim-list", {"metric": "no-such-metric"}, "metric"),
        ("claim-list", {"paper_id": "x"}, "paper_id"),
        ("claim-list", {"format": "xlsx"}, "format"),
        ("metric-list", {"higher_is_better": "sometimes"}, "higher_is_better"),
    ],
)
def test_bad_list_parameters_are_400(api_client, url_name, params, field):
    response = api_client.get(reverse(url_name), params)

    assert response.status_code == 400
    assert field in response.json()


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"metric": "no-such-metric"}, "metric"),
        ({"published_after": "2024-02-30"}, "published_after"),
        ({"published_after": "2025-01-01", "published_before": "2024-01-01"}, "published_after"),
        ({"verified_only": "maybe"}, "verified_only"),
    ],
)
@pytest.mark.parametrize("url_name", ["benchmark-leaderboard", "benchmark-history"])
def test_bad_leaderboard_parameters_are_400(api_client, url_name, params, field):
    BenchmarkFactory(name="ImageNet", slug="imagenet")

    response = api_client.get(reverse(url_name, args=["imagenet"]), params)

    assert response.status_code == 400
    assert field in response.json()


def test_bad_page_is_a_404_not_a_500(api_client):
    assert api_client.get(reverse("paper-list"), {"page": 99}).status_code == 404


@pytest.mark.parametrize(
    "query",
    [
        "paper_id=-5.4e168",
        "benchmark_id=99999999999999999999999",
        "metric_id=0",
        "value_min=1e400",
        "value_max=-1e999",
    ],
)
def test_out_of_range_numbers_are_a_400_not_an_overflow(client, query):
    response = client.get(f"/api/v1/claims/?{query}")
    assert response.status_code == 400, response.content
