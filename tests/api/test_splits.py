"""Splits on claims and leaderboards: results measured on two splits are never ranked together."""

import pytest
from django.urls import reverse

from claims.extraction import extract_claims
from claims.services.extraction import papers_extract
from tests.api.conftest import dated_paper, score
from tests.papers.factories import PaperFactory

pytestmark = [pytest.mark.api, pytest.mark.django_db]


def leaderboard(client, **params):
    return client.get(reverse("benchmark-leaderboard", args=["imagenet"]), params)


def test_leaderboard_ranks_one_split_at_a_time(api_client, board):
    benchmark, accuracy, _ = board
    score(benchmark, accuracy, 80.0)
    score(benchmark, accuracy, 91.0, split="val")
    score(benchmark, accuracy, 85.0, split="val")

    standard = leaderboard(api_client, metric="top-1-accuracy").json()
    val = leaderboard(api_client, metric="top-1-accuracy", split="val").json()

    assert [(row["value"], row["split"]) for row in standard["results"]] == [(80.0, "")]
    assert [(row["rank"], row["value"], row["split"]) for row in val["results"]] == [
        (1, 91.0, "val"),
        (2, 85.0, "val"),
    ]
    assert leaderboard(api_client, metric="top-1-accuracy", split="test-dev").json()["results"] == []
    assert standard["splits"] == [{"split": "val", "claim_count": 2}, {"split": "", "claim_count": 1}]


def test_a_benchmark_reported_only_per_split_shows_its_most_reported_split(api_client, board):
    benchmark, accuracy, _ = board
    score(benchmark, accuracy, 3.1, split="test-clean")
    score(benchmark, accuracy, 2.2, split="test-clean")
    score(benchmark, accuracy, 5.0, split="test-other")

    default = leaderboard(api_client, metric="top-1-accuracy").json()
    standard = leaderboard(api_client, metric="top-1-accuracy", split="").json()

    assert default["split"] == "test-clean"
    assert sorted(row["value"] for row in default["results"]) == [2.2, 3.1]
    assert (standard["split"], standard["results"]) == ("", [])


def test_history_follows_one_split(api_client, board):
    benchmark, accuracy, _ = board
    score(benchmark, accuracy, 70.0, paper=dated_paper(2021))
    score(benchmark, accuracy, 95.0, paper=dated_paper(2022), split="256x256")
    url = reverse("benchmark-history", args=["imagenet"])

    standard = api_client.get(url, {"metric": "top-1-accuracy"}).json()
    sized = api_client.get(url, {"metric": "top-1-accuracy", "split": "256x256"}).json()

    assert [row["value"] for row in standard["results"]] == [70.0]
    assert [row["value"] for row in sized["results"]] == [95.0]


def test_split_longer_than_the_field_is_a_400(api_client, board):
    response = leaderboard(api_client, split="x" * 65)
    assert response.status_code == 400
    assert "split" in response.json()


def test_claims_list_shows_and_filters_the_split(api_client, board):
    benchmark, accuracy, _ = board
    score(benchmark, accuracy, 70.0, split="test-dev")
    score(benchmark, accuracy, 71.0)

    rows = api_client.get(reverse("claim-list"), {"split": "TEST-DEV"}).json()["results"]

    assert [(row["value"], row["split"]) for row in rows] == [(70.0, "test-dev")]


def test_stored_claims_carry_the_split_the_engine_found():
    abstract = "We present Fennel, a detector. Fennel reaches 55.1 box AP on COCO test-dev and 54.3 AP on COCO val2017."
    assert [claim.split for claim in extract_claims(abstract, "")] == ["test-dev", "val2017"]
    paper = PaperFactory(abstract=abstract)

    papers_extract(paper_ids=[paper.pk])

    stored = list(paper.claims.order_by("value_start").values_list("benchmark__name", "split"))
    assert [split for _, split in stored] == ["test-dev", "val2017"]
    assert stored[0][0] == stored[1][0]  # one benchmark, two splits


def test_a_curator_renaming_the_benchmark_with_a_split_keeps_one_benchmark(curator, board):
    from claims.services.curation import claim_update

    benchmark, accuracy, _ = board
    claim = score(benchmark, accuracy, 60.0, benchmark_text="ImageNet")

    claim_update(claim=claim, user=curator, data={"benchmark_text": "ImageNet 64x64"})

    claim.refresh_from_db()
    assert (claim.benchmark_id, claim.split, claim.benchmark_text) == (
        benchmark.pk,
        "64x64",
        "ImageNet 64x64",
    )
