import pytest
from django.urls import reverse

from claims.models import Claim
from tests.api.conftest import dated_paper, score
from tests.papers.factories import PaperFactory

pytestmark = [pytest.mark.api, pytest.mark.django_db]


def history(client, slug="imagenet", **params):
    return client.get(reverse("benchmark-history", args=[slug]), params)


def test_history_lists_each_claim_that_beat_the_best_before_it(api_client, board):
    benchmark, accuracy, _ = board
    first = score(benchmark, accuracy, 70.0, paper=dated_paper(2020))
    score(benchmark, accuracy, 65.0, paper=dated_paper(2021))
    second = score(benchmark, accuracy, 76.0, paper=dated_paper(2022))
    score(benchmark, accuracy, 76.0, paper=dated_paper(2023))
    third = score(benchmark, accuracy, 81.5, paper=dated_paper(2024))

    response = history(api_client, metric="top-1-accuracy")

    assert response.status_code == 200
    points = response.json()["results"]
    assert [(p["claim_id"], p["value"], p["previous_value"]) for p in points] == [
        (first.pk, 70.0, None),
        (second.pk, 76.0, 70.0),
        (third.pk, 81.5, 76.0),
    ]
    assert [p["paper_published"] for p in points] == ["2020-01-01", "2022-01-01", "2024-01-01"]


def test_history_of_a_lower_is_better_metric_goes_down(api_client, board):
    benchmark, _, error = board
    for year, value in ((2020, 10.0), (2021, 12.0), (2022, 8.0), (2023, 3.0)):
        score(benchmark, error, value, paper=dated_paper(year))

    points = history(api_client, metric="error-rate").json()["results"]

    assert [p["value"] for p in points] == [10.0, 8.0, 3.0]


def test_history_leaves_out_undated_papers_and_rejected_claims(api_client, board):
    benchmark, accuracy, _ = board
    score(benchmark, accuracy, 70.0, paper=dated_paper(2020))
    score(benchmark, accuracy, 99.0, paper=PaperFactory(published=None))
    score(benchmark, accuracy, 98.0, paper=dated_paper(2021), status=Claim.Status.REJECTED)

    points = history(api_client).json()["results"]

    assert [p["value"] for p in points] == [70.0]


def test_history_bad_parameters(api_client, board):
    assert history(api_client, metric="nope").status_code == 400
    assert history(api_client, published_after="yesterday").status_code == 400
    assert history(api_client, "nope").status_code == 404
