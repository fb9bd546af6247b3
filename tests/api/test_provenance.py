"""Provenance on the API: a claims filter, a leaderboard filter, a CSV column, who verified."""

import pytest
from django.urls import reverse

from claims.models import Claim
from tests.api.conftest import score
from tests.claims.factories import ClaimFactory

pytestmark = [pytest.mark.api, pytest.mark.django_db]

ARCHIVE = Claim.Provenance.PWC_ARCHIVE


def test_claims_are_filtered_by_provenance_and_show_who_verified_them(api_client):
    archived = ClaimFactory(provenance=ARCHIVE, status=Claim.Status.VERIFIED)
    ClaimFactory()

    results = api_client.get(reverse("claim-list"), {"provenance": "pwc_archive"}).json()["results"]
    bad = api_client.get(reverse("claim-list"), {"provenance": "rumour"})

    assert [(r["id"], r["provenance"], r["verified_by"]) for r in results] == [
        (archived.pk, "pwc_archive", "Papers with Code archive")
    ]
    assert bad.status_code == 400 and "provenance" in bad.json()


def test_provenance_is_a_csv_column(api_client):
    ClaimFactory(provenance=ARCHIVE)

    text = api_client.get(reverse("claim-list"), {"format": "csv"}).content.decode()

    header, row = text.splitlines()[:2]
    assert "provenance" in header.split(",")
    assert "pwc_archive" in row.split(",")


def test_leaderboards_are_filtered_by_provenance(api_client, board):
    benchmark, accuracy, _ = board
    score(benchmark, accuracy, 90.0, method="Extracted")
    score(benchmark, accuracy, 80.0, method="Archived", provenance=ARCHIVE)
    url = reverse("benchmark-leaderboard", args=["imagenet"])

    everything = api_client.get(url).json()["results"]
    archived = api_client.get(url, {"provenance": "pwc_archive"}).json()["results"]

    assert [row["method"] for row in everything] == ["Extracted", "Archived"]
    assert [(row["method"], row["provenance"]) for row in archived] == [("Archived", "pwc_archive")]
    assert api_client.get(url, {"provenance": "nope"}).status_code == 400
