"""Who may verify, reject, correct claims and merge the catalog: anonymous, plain user, curator, staff."""

import pytest
from django.urls import reverse
from rest_framework.authtoken.models import Token

from claims.models import Benchmark, Claim
from tests.claims.factories import BenchmarkAliasFactory, BenchmarkFactory, ClaimFactory, MetricFactory

pytestmark = [pytest.mark.api, pytest.mark.django_db]

ROLES = ["anonymous", "plain_user", "curator", "staff_user"]


@pytest.fixture
def who(request, client_as):
    """The client of one role, by name."""

    def client_of(role):
        return client_as(None if role == "anonymous" else request.getfixturevalue(role))

    return client_of


@pytest.mark.parametrize(
    ("role", "expected"), [("anonymous", 401), ("plain_user", 403), ("curator", 200), ("staff_user", 200)]
)
@pytest.mark.parametrize("action", ["verify", "reject"])
def test_only_curators_and_staff_may_verify_and_reject(who, role, expected, action):
    claim = ClaimFactory()

    response = who(role).post(reverse(f"claim-{action}", args=[claim.pk]), {"note": "checked"}, format="json")

    assert response.status_code == expected
    claim.refresh_from_db()
    if expected == 200:
        assert claim.status == {"verify": "verified", "reject": "rejected"}[action]
        assert claim.curation_note == "checked"
        assert response.json()["status"] == claim.status
        assert response.json()["curated_by"] == claim.curated_by.username
    else:
        assert claim.status == Claim.Status.EXTRACTED
        assert claim.curated_at is None


def test_verify_without_a_note_keeps_the_note(client_as, curator):
    claim = ClaimFactory(curation_note="earlier note")

    response = client_as(curator).post(reverse("claim-verify", args=[claim.pk]))

    assert response.status_code == 200
    assert response.json()["curation_note"] == "earlier note"


def test_verify_an_unknown_claim_is_a_404(client_as, curator):
    assert client_as(curator).post(reverse("claim-verify", args=[999999])).status_code == 404


@pytest.mark.parametrize(
    ("role", "expected"), [("anonymous", 401), ("plain_user", 403), ("curator", 200), ("staff_user", 200)]
)
def test_only_curators_and_staff_may_correct_a_claim(who, role, expected):
    claim = ClaimFactory(value=80.0, method="OurNet")

    response = who(role).patch(
        reverse("claim-detail", args=[claim.pk]), {"value": 81.5, "method": "OurNet-L"}, format="json"
    )

    assert response.status_code == expected
    claim.refresh_from_db()
    assert (claim.value, claim.method) == ((81.5, "OurNet-L") if expected == 200 else (80.0, "OurNet"))


def test_correcting_the_benchmark_text_relinks_the_benchmark(client_as, curator):
    target = BenchmarkFactory(name="MS-COCO", slug="ms-coco")
    BenchmarkAliasFactory(benchmark=target, name="COCO")
    claim = ClaimFactory()

    response = client_as(curator).patch(
        reverse("claim-detail", args=[claim.pk]), {"benchmark_text": "coco"}, format="json"
    )

    assert response.status_code == 200
    assert response.json()["benchmark"]["slug"] == "ms-coco"
    assert response.json()["curated_by"] == "curator"


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"kind": "guess"}, "kind"),
        ({"value": "high"}, "value"),
        ({}, "non_field_errors"),
        # Fields a curator may not edit are ignored, which leaves nothing to change.
        ({"status": "verified"}, "non_field_errors"),
    ],
)
def test_bad_corrections_are_400(client_as, curator, payload, field):
    claim = ClaimFactory()

    response = client_as(curator).patch(reverse("claim-detail", args=[claim.pk]), payload, format="json")

    assert response.status_code == 400
    assert field in response.json()


def test_put_and_delete_are_not_offered(client_as, staff_user):
    claim = ClaimFactory()
    client = client_as(staff_user)

    assert client.put(reverse("claim-detail", args=[claim.pk]), {}, format="json").status_code == 405
    assert client.delete(reverse("claim-detail", args=[claim.pk])).status_code == 405


def test_a_curator_can_verify_with_a_token(api_client, curator):
    claim = ClaimFactory()
    token = Token.objects.create(user=curator)

    response = api_client.post(
        reverse("claim-verify", args=[claim.pk]), {}, format="json", HTTP_AUTHORIZATION=f"Token {token.key}"
    )

    assert response.status_code == 200


@pytest.mark.parametrize(
    ("role", "expected"), [("anonymous", 401), ("plain_user", 403), ("curator", 403), ("staff_user", 200)]
)
def test_only_staff_may_merge_benchmarks(who, role, expected):
    source = BenchmarkFactory(name="MSCOCO", slug="mscoco")
    target = BenchmarkFactory(name="MS-COCO", slug="ms-coco")
    ClaimFactory.create_batch(2, benchmark=source)

    response = who(role).post(reverse("benchmark-merge", args=["mscoco"]), {"into": "ms-coco"}, format="json")

    assert response.status_code == expected
    if expected == 200:
        assert response.json()["claims_moved"] == 2
        assert response.json()["into"]["slug"] == "ms-coco"
        assert response.json()["into"]["claim_count"] == 2
        assert "MSCOCO" in response.json()["into"]["aliases"]
        assert not Benchmark.objects.filter(slug="mscoco").exists()
    else:
        assert Benchmark.objects.filter(pk=source.pk).exists()
        assert target.claims.count() == 0


def test_staff_may_merge_metrics(client_as, staff_user):
    source = MetricFactory(name="top1 acc", slug="top1-acc")
    MetricFactory(name="top-1 accuracy", slug="top-1-accuracy")
    ClaimFactory(metric=source)

    response = client_as(staff_user).post(
        reverse("metric-merge", args=["top1-acc"]), {"into": "top-1-accuracy"}, format="json"
    )

    assert response.status_code == 200
    assert response.json() | {"into": None} == {"into": None, "claims_moved": 1}
    assert response.json()["into"]["claim_count"] == 1


@pytest.mark.parametrize(("into", "message"), [("nowhere", "No benchmark"), ("mscoco", "itself"), ("", "")])
def test_merge_into_an_unknown_or_the_same_benchmark_is_a_400(client_as, staff_user, into, message):
    BenchmarkFactory(name="MSCOCO", slug="mscoco")

    response = client_as(staff_user).post(
        reverse("benchmark-merge", args=["mscoco"]), {"into": into}, format="json"
    )

    assert response.status_code == 400
    assert message in response.json()["into"][0]


def test_merge_of_an_unknown_benchmark_is_a_404(client_as, staff_user):
    response = client_as(staff_user).post(
        reverse("benchmark-merge", args=["nope"]), {"into": "x"}, format="json"
    )

    assert response.status_code == 404
