import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse

from claims.models import Claim
from tests.claims.factories import BenchmarkFactory, ClaimFactory

pytestmark = [pytest.mark.api, pytest.mark.django_db]

ATOM = "{http://www.w3.org/2005/Atom}"


def entries(response) -> list[ET.Element]:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    return ET.fromstring(response.content).findall(f"{ATOM}entry")


def test_verified_feed_lists_newly_verified_claims(client, client_as, curator):
    verified = ClaimFactory(method="LoRA-X")
    ClaimFactory()
    client_as(curator).post(reverse("claim-verify", args=[verified.pk]))

    found = entries(client.get(reverse("feed-verified")))

    assert len(found) == 1
    assert "LoRA-X" in found[0].find(f"{ATOM}title").text
    assert found[0].find(f"{ATOM}link").get("href").endswith(reverse("claim-detail", args=[verified.pk]))


def test_benchmark_feed_keeps_to_its_benchmark(client, client_as, curator):
    glue = BenchmarkFactory(name="GLUE", slug="glue")
    ours = ClaimFactory(benchmark=glue)
    other = ClaimFactory()
    for claim in (ours, other):
        client_as(curator).post(reverse("claim-verify", args=[claim.pk]))

    found = entries(client.get(reverse("feed-benchmark-verified", args=["glue"])))

    assert len(found) == 1
    assert Claim.objects.get(pk=ours.pk).status == Claim.Status.VERIFIED


def test_feed_of_unknown_benchmark_is_a_404(client):
    assert client.get(reverse("feed-benchmark-verified", args=["nope"])).status_code == 404
