"""A list that receives a parameter it does not know says so, instead of listing everything."""

import pytest
from django.urls import reverse

from tests.api.conftest import score
from tests.papers.factories import PaperFactory

pytestmark = [pytest.mark.api, pytest.mark.django_db]


def test_unknown_parameter_of_a_list_is_a_400_naming_it_and_the_known_ones(api_client):
    PaperFactory()

    response = api_client.get(reverse("paper-list"), {"search": "retrieval"})

    assert response.status_code == 400
    message = response.json()["search"][0]
    assert "Unknown parameter 'search'" in message
    assert "q" in message.split("takes: ")[1].split(", ")
    assert "page_size" in message and "ordering" in message


@pytest.mark.parametrize("name", ["claim-list", "benchmark-list", "metric-list", "task-list"])
def test_every_list_refuses_unknown_parameters_and_takes_its_own(api_client, name):
    assert api_client.get(reverse(name), {"serach": "x"}).status_code == 400
    assert (
        api_client.get(reverse(name), {"q": "x", "page": 1, "page_size": 5, "format": "json"}).status_code
        == 200
    )


def test_one_object_is_not_checked(api_client):
    paper = PaperFactory()

    assert api_client.get(reverse("paper-detail", args=[paper.pk]), {"utm_source": "x"}).status_code == 200


def test_leaderboard_refuses_unknown_parameters(api_client, board):
    benchmark, accuracy, _ = board
    score(benchmark, accuracy, 80.0)

    response = api_client.get(reverse("benchmark-leaderboard", args=["imagenet"]), {"verified": "true"})

    assert response.status_code == 400
    assert "verified_only" in response.json()["verified"][0]
