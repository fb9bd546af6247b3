import pytest
from django.urls import reverse

from claims.models import Claim
from tests.api.conftest import dated_paper, score
from tests.claims.factories import BenchmarkFactory, MetricFactory
from tests.papers.factories import PaperFactory

pytestmark = [pytest.mark.api, pytest.mark.django_db]


def leaderboard(client, slug="imagenet", **params):
    return client.get(reverse("benchmark-leaderboard", args=[slug]), params)


def test_higher_is_better_metric_ranks_largest_value_first(api_client, board):
    benchmark, accuracy, _ = board
    for value in (71.0, 88.5, 80.2):
        score(benchmark, accuracy, value)

    response = leaderboard(api_client, metric="top-1-accuracy")

    assert response.status_code == 200
    assert [(row["rank"], row["value"]) for row in response.json()["results"]] == [
        (1, 88.5),
        (2, 80.2),
        (3, 71.0),
    ]


def test_lower_is_better_metric_ranks_smallest_value_first(api_client, board):
    benchmark, _, error = board
    for value in (12.0, 3.5, 7.25):
        score(benchmark, error, value)

    data = leaderboard(api_client, metric="error-rate").json()

    assert [row["value"] for row in data["results"]] == [3.5, 7.25, 12.0]
    assert data["metric"]["slug"] == "error-rate"
    assert data["metric"]["higher_is_better"] is False


def test_fid_like_metric_ranks_lowest_first(api_client):
    benchmark = BenchmarkFactory(name="CelebA-HQ", slug="celeba-hq")
    fid = MetricFactory(name="FID", slug="fid", higher_is_better=False)
    for value in (9.1, 2.3, 4.7):
        score(benchmark, fid, value, unit="")

    data = leaderboard(api_client, "celeba-hq").json()

    assert [row["value"] for row in data["results"]] == [2.3, 4.7, 9.1]


def test_one_row_per_paper_and_method_with_its_best_claim(api_client, board):
    benchmark, accuracy, _ = board
    paper = PaperFactory()
    score(benchmark, accuracy, 70.0, paper=paper, method="OurNet")
    best = score(benchmark, accuracy, 75.0, paper=paper, method="ournet ")
    baseline = score(benchmark, accuracy, 60.0, paper=paper, method="ResNet-50")

    rows = leaderboard(api_client, metric="top-1-accuracy").json()["results"]

    assert [(row["claim_id"], row["value"]) for row in rows] == [(best.pk, 75.0), (baseline.pk, 60.0)]
    assert all(row["paper_id"] == paper.pk for row in rows)


def test_row_carries_paper_method_setting_status_and_evidence(api_client, board):
    benchmark, accuracy, _ = board
    paper = dated_paper(2024, 5, 17, title="Wide Residual Adapters", arxiv_id="2405.00001")
    claim = score(benchmark, accuracy, 82.0, paper=paper, method="WRA", setting="zero-shot")

    row = leaderboard(api_client).json()["results"][0]

    assert row == {
        "rank": 1,
        "value": 82.0,
        "unit": "%",
        "method": "WRA",
        "setting": "zero-shot",
        "split": "",
        "paper_id": paper.pk,
        "paper_title": "Wide Residual Adapters",
        "paper_published": "2024-05-17",
        "paper_arxiv_id": "2405.00001",
        "claim_id": claim.pk,
        "claim_status": "extracted",
        "provenance": "extracted",
        "evidence": claim.evidence,
    }


def test_metrics_are_never_mixed(api_client, board):
    benchmark, accuracy, error = board
    score(benchmark, accuracy, 80.0)
    score(benchmark, error, 5.0)

    accuracy_rows = leaderboard(api_client, metric="top-1-accuracy").json()["results"]
    error_rows = leaderboard(api_client, metric="error-rate").json()["results"]

    assert [row["value"] for row in accuracy_rows] == [80.0]
    assert [row["value"] for row in error_rows] == [5.0]


def test_only_score_claims_of_this_benchmark_count(api_client, board):
    benchmark, accuracy, _ = board
    score(benchmark, accuracy, 80.0)
    score(benchmark, accuracy, 5.0, kind=Claim.Kind.DELTA)
    score(BenchmarkFactory(name="CIFAR-10", slug="cifar-10"), accuracy, 99.0)

    rows = leaderboard(api_client, metric="top-1-accuracy").json()["results"]

    assert [row["value"] for row in rows] == [80.0]


def test_without_metric_the_most_reported_metric_is_used_and_all_are_listed(api_client, board):
    benchmark, accuracy, error = board
    score(benchmark, error, 5.0)
    for value in (70.0, 80.0):
        score(benchmark, accuracy, value)

    data = leaderboard(api_client).json()

    assert data["metric"]["slug"] == "top-1-accuracy"
    assert [(m["slug"], m["claim_count"]) for m in data["metrics"]] == [
        ("top-1-accuracy", 2),
        ("error-rate", 1),
    ]
    assert data["benchmark"]["slug"] == "imagenet"
    assert data["count"] == 2


def test_benchmark_without_claims_has_an_empty_leaderboard(api_client, board):
    data = leaderboard(api_client).json()

    assert data["metric"] is None
    assert data["metrics"] == []
    assert data["results"] == []


def test_rejected_claims_never_appear(api_client, board):
    benchmark, accuracy, _ = board
    score(benchmark, accuracy, 99.0, status=Claim.Status.REJECTED)
    score(benchmark, accuracy, 70.0)

    rows = leaderboard(api_client).json()["results"]

    assert [row["value"] for row in rows] == [70.0]


def test_verified_only_keeps_verified_claims(api_client, board):
    benchmark, accuracy, _ = board
    score(benchmark, accuracy, 90.0)
    score(benchmark, accuracy, 70.0, status=Claim.Status.VERIFIED)

    rows = leaderboard(api_client, verified_only="true").json()["results"]

    assert [(row["value"], row["claim_status"]) for row in rows] == [(70.0, "verified")]


def test_setting_and_date_filters(api_client, board):
    benchmark, accuracy, _ = board
    score(benchmark, accuracy, 90.0, paper=dated_paper(2023), setting="fine-tuned")
    score(benchmark, accuracy, 70.0, paper=dated_paper(2024), setting="Zero-shot")
    score(benchmark, accuracy, 60.0, paper=dated_paper(2025), setting="zero-shot")

    zero_shot = leaderboard(api_client, setting="zero-shot").json()["results"]
    in_2024 = leaderboard(api_client, published_after="2024-01-01", published_before="2024-12-31").json()[
        "results"
    ]

    assert [row["value"] for row in zero_shot] == [70.0, 60.0]
    assert [row["value"] for row in in_2024] == [70.0]


def test_ties_share_a_rank_and_the_next_rank_skips(api_client, board):
    benchmark, accuracy, _ = board
    for value in (90.0, 85.0, 85.0, 80.0):
        score(benchmark, accuracy, value)

    ranks = [row["rank"] for row in leaderboard(api_client).json()["results"]]

    assert ranks == [1, 2, 2, 4]


def test_unknown_metric_is_a_400_naming_the_known_metrics(api_client, board):
    benchmark, accuracy, _ = board
    score(benchmark, accuracy, 80.0)

    response = leaderboard(api_client, metric="bleu")

    assert response.status_code == 400
    assert "Unknown metric 'bleu'" in response.json()["metric"][0]
    assert "top-1-accuracy" in response.json()["metric"][0]


def test_unknown_benchmark_is_a_404(api_client, board):
    assert leaderboard(api_client, "no-such-benchmark").status_code == 404


def test_verifying_or_rejecting_a_claim_updates_the_cached_leaderboard(client_as, curator, board):
    benchmark, accuracy, _ = board
    top = score(benchmark, accuracy, 95.0)
    score(benchmark, accuracy, 80.0)
    client = client_as(curator)

    assert leaderboard(client, verified_only="true").json()["count"] == 0
    assert leaderboard(client).json()["results"][0]["claim_id"] == top.pk

    client.post(reverse("claim-verify", args=[top.pk]), {}, format="json")
    assert leaderboard(client, verified_only="true").json()["results"][0]["claim_id"] == top.pk

    client.post(reverse("claim-reject", args=[top.pk]), {"note": "Misread"}, format="json")
    assert [row["value"] for row in leaderboard(client).json()["results"]] == [80.0]


def test_leaderboard_is_served_from_cache_until_a_claim_changes(
    api_client, board, django_assert_max_num_queries
):
    benchmark, accuracy, _ = board
    score(benchmark, accuracy, 80.0)
    leaderboard(api_client)
    # A claim written behind the services' back is not seen while the cache holds.
    Claim.objects.update(value=10.0)

    with django_assert_max_num_queries(2):
        assert leaderboard(api_client).json()["results"][0]["value"] == 80.0


def test_min_confidence_keeps_trusted_and_verified_claims(api_client, board):
    benchmark, accuracy, _ = board
    trusted, doubtful, verified = (score(benchmark, accuracy, value) for value in (80.0, 90.0, 70.0))
    Claim.objects.filter(pk=trusted.pk).update(confidence=0.92)
    Claim.objects.filter(pk=doubtful.pk).update(confidence=0.41)
    Claim.objects.filter(pk=verified.pk).update(confidence=0.3, status=Claim.Status.VERIFIED)

    data = leaderboard(api_client, metric="top-1-accuracy", min_confidence=0.8).json()
    assert [row["value"] for row in data["results"]] == [80.0, 70.0]
    assert leaderboard(api_client, metric="top-1-accuracy", min_confidence=1.5).status_code == 400
