"""The browsable API renders a benchmark's leaderboard as an HTML page with its rows ranked."""

import json

import pytest

from claims.models import Claim
from tests.claims.factories import BenchmarkFactory, ClaimFactory, MetricFactory
from tests.e2e.support import By, wait_text, wait_visible

pytestmark = pytest.mark.django_db(transaction=True)


def _response_json(driver) -> dict:
    """The JSON shown in the page's response box, below its status line and headers."""
    text = wait_visible(driver, ".response-info pre").text
    return json.loads(text[text.index("{") :])


def test_leaderboard_in_the_browsable_api(page):
    driver, url = page
    benchmark = BenchmarkFactory(name="Lantern Riddles")
    accuracy = MetricFactory(name="riddle accuracy")
    for method, value in [("KiteNet", 58.5), ("OwlFormer", 71.25), ("MothLM", 64.0), ("Glowworm", 64.0)]:
        ClaimFactory(benchmark=benchmark, metric=accuracy, method=method, value=value)
    # A rejected claim never ranks, however good its number.
    ClaimFactory(
        benchmark=benchmark, metric=accuracy, method="Firefly", value=99.0, status=Claim.Status.REJECTED
    )

    driver.get(f"{url}/api/v1/benchmarks/{benchmark.slug}/leaderboard/?format=api")

    wait_text(driver, ".page-header h1", "Leaderboard")
    wait_text(driver, ".response-info", "HTTP 200 OK")
    data = _response_json(driver)
    assert data["benchmark"]["slug"] == "lantern-riddles"
    assert data["metric"]["slug"] == accuracy.slug
    assert data["count"] == 4
    ranked = [(row["rank"], row["method"], row["value"]) for row in data["results"]]
    assert ranked[0] == (1, "OwlFormer", 71.25)
    # Ties share a rank and the next one skips: 1, 2, 2, 4.
    assert sorted(ranked[1:3]) == [(2, "Glowworm", 64.0), (2, "MothLM", 64.0)]
    assert ranked[3] == (4, "KiteNet", 58.5)
    assert "Firefly" not in driver.find_element(By.CSS_SELECTOR, ".response-info").text


def test_unknown_benchmark_shows_not_found(page):
    driver, url = page
    driver.get(f"{url}/api/v1/benchmarks/no-such-bench/leaderboard/?format=api")
    wait_text(driver, ".response-info", "HTTP 404 Not Found")
