"""Leaderboards come a page at a time, ranked in SQL exactly as the full board ranks them in Python."""

import random

import pytest
from django.urls import reverse

from claims.models import Claim
from claims.selectors.leaderboard import leaderboard_get, leaderboard_page_get
from claims.selectors.scores import ScoreFilters
from tests.api.conftest import dated_paper, score
from tests.papers.factories import PaperFactory

pytestmark = [pytest.mark.api, pytest.mark.django_db]


def leaderboard(client, slug="imagenet", **params):
    return client.get(reverse("benchmark-leaderboard", args=[slug]), params)


def test_pages_follow_one_another_with_the_whole_boards_count_and_ranks(api_client, board):
    benchmark, accuracy, _ = board
    for value in (90.0, 85.0, 85.0, 80.0, 75.0):
        score(benchmark, accuracy, value)

    first = leaderboard(api_client, page_size=2).json()
    second = api_client.get(first["next"]).json()
    third = api_client.get(second["next"]).json()

    assert first["count"] == second["count"] == third["count"] == 5
    assert [(row["rank"], row["value"]) for row in first["results"]] == [(1, 90.0), (2, 85.0)]
    # The tie straddles the page boundary and keeps its shared rank.
    assert [(row["rank"], row["value"]) for row in second["results"]] == [(2, 85.0), (4, 80.0)]
    assert [(row["rank"], row["value"]) for row in third["results"]] == [(5, 75.0)]
    assert first["previous"] is None and third["next"] is None
    assert "page=" not in api_client.get(third["previous"]).json()["previous"]


def test_a_page_past_the_last_is_a_404_and_a_bad_page_size_a_400(api_client, board):
    benchmark, accuracy, _ = board
    score(benchmark, accuracy, 80.0)

    assert leaderboard(api_client, page=2).status_code == 404
    assert leaderboard(api_client, page=1).status_code == 200
    assert "page_size" in leaderboard(api_client, page_size=10_001).json()
    assert "page" in leaderboard(api_client, page=0).json()


def test_csv_has_the_pages_rows(api_client, board):
    benchmark, accuracy, _ = board
    for value in (70.0, 80.0, 90.0):
        score(benchmark, accuracy, value)

    lines = leaderboard(api_client, format="csv", page_size=2).content.decode().splitlines()

    assert len(lines) == 3  # the header and two rows


def _random_board(rng, benchmark, metric):
    papers = [
        dated_paper(2020 + rng.randrange(5), 1 + rng.randrange(12)) if rng.random() < 0.8 else PaperFactory()
        for _ in range(12)
    ]
    for _ in range(60):
        status = rng.choice(
            [Claim.Status.EXTRACTED, Claim.Status.EXTRACTED, Claim.Status.VERIFIED, "rejected"]
        )
        score(
            benchmark,
            metric,
            rng.choice([70.0, 75.5, 80.0, 80.0, 90.25, 91.0]),
            paper=rng.choice(papers),
            # Case and spacing differ between sentences of one abstract: one method all the same.
            method=rng.choice(["OurNet", "ournet ", "Our  Net", "ResNet-50", "resnet-50", "ViT"]),
            status=status,
            setting=rng.choice(["", "zero-shot"]),
        )


@pytest.mark.parametrize("seed", [1, 2, 3])
@pytest.mark.parametrize("lower_is_better", [False, True])
def test_sql_ranking_matches_the_python_ranking(board, seed, lower_is_better):
    benchmark, accuracy, error = board
    metric = error if lower_is_better else accuracy
    _random_board(random.Random(seed), benchmark, metric)
    for filters in (ScoreFilters(), ScoreFilters(verified_only=True), ScoreFilters(setting="zero-shot")):
        full = leaderboard_get(benchmark=benchmark, metric=metric, filters=filters)
        expected = [(entry.rank, entry.row.claim_id) for entry in full.entries]
        pages = [
            leaderboard_page_get(benchmark=benchmark, metric=metric, filters=filters, page=page, page_size=7)
            for page in range(1, len(expected) // 7 + 2)
        ]
        got = [(row["rank"], row["claim_id"]) for page in pages for row in page["results"]]

        assert expected, "the random board should not be empty"
        assert got == expected
        assert {page["count"] for page in pages} == {len(expected)}
