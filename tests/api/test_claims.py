import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from claims.models import Claim
from tests.claims.factories import BenchmarkFactory, ClaimFactory, MetricFactory
from tests.papers.factories import PaperFactory

pytestmark = [pytest.mark.api, pytest.mark.django_db]


def claim_ids(client, **params) -> list[int]:
    response = client.get(reverse("claim-list"), params)
    assert response.status_code == 200, response.content
    return [item["id"] for item in response.json()["results"]]


def test_claims_are_listed_with_paper_benchmark_and_metric(api_client):
    claim = ClaimFactory(paper=PaperFactory(title="Token Merging Revisited"), value=71.25)

    item = api_client.get(reverse("claim-list")).json()["results"][0]

    assert item["id"] == claim.pk
    assert item["paper"] == {
        "id": claim.paper.pk,
        "title": "Token Merging Revisited",
        "published": claim.paper.published.isoformat(),
        "arxiv_id": claim.paper.arxiv_id,
    }
    assert item["benchmark"]["slug"] == claim.benchmark.slug
    assert item["metric"]["higher_is_better"] is True
    assert (item["value"], item["kind"], item["status"]) == (71.25, "score", "extracted")


def test_claim_detail(api_client):
    claim = ClaimFactory()

    response = api_client.get(reverse("claim-detail", args=[claim.pk]))

    assert response.status_code == 200
    assert response.json()["evidence"] == claim.evidence


def test_filters_by_paper_benchmark_and_metric_by_id_or_slug(api_client):
    benchmark = BenchmarkFactory(name="MMLU", slug="mmlu")
    metric = MetricFactory(name="accuracy", slug="accuracy")
    paper = PaperFactory()
    wanted = ClaimFactory(paper=paper, benchmark=benchmark, metric=metric)
    same_paper = ClaimFactory(paper=paper)
    ClaimFactory(benchmark=benchmark)

    assert set(claim_ids(api_client, paper_id=paper.pk)) == {wanted.pk, same_paper.pk}
    assert claim_ids(api_client, benchmark="mmlu", metric="accuracy") == [wanted.pk]
    assert claim_ids(api_client, benchmark_id=benchmark.pk, metric_id=metric.pk) == [wanted.pk]


def test_filters_by_kind_status_method_and_value_range(api_client):
    delta = ClaimFactory(kind=Claim.Kind.DELTA, value=4.0, method="Baseline")
    verified = ClaimFactory(status=Claim.Status.VERIFIED, value=92.0, method="OurNet")
    plain = ClaimFactory(value=55.0, method="ournet")

    assert claim_ids(api_client, kind="delta") == [delta.pk]
    assert claim_ids(api_client, status="verified") == [verified.pk]
    assert set(claim_ids(api_client, method="OURNET")) == {verified.pk, plain.pk}
    assert set(claim_ids(api_client, value_min=50, value_max=92)) == {verified.pk, plain.pk}


def test_filters_by_paper_date_and_updated_since(api_client):
    old = ClaimFactory(paper=PaperFactory(published=datetime.date(2022, 3, 1)))
    new = ClaimFactory(paper=PaperFactory(published=datetime.date(2025, 3, 1)))
    Claim.objects.filter(pk=old.pk).update(updated_at=timezone.now() - datetime.timedelta(days=30))

    assert claim_ids(api_client, published_after="2024-01-01") == [new.pk]
    assert claim_ids(api_client, published_before="2024-01-01") == [old.pk]
    since = (timezone.now() - datetime.timedelta(days=1)).isoformat()
    assert claim_ids(api_client, updated_since=since) == [new.pk]


def test_ordering_by_value(api_client):
    values = {ClaimFactory(value=value).pk: value for value in (3.0, 1.0, 2.0)}

    ordered = claim_ids(api_client, ordering="-value")

    assert [values[pk] for pk in ordered] == [3.0, 2.0, 1.0]


def test_search_in_evidence(api_client):
    hit = ClaimFactory(evidence="Our distilled model keeps 97% of the teacher's score.")
    ClaimFactory()

    assert claim_ids(api_client, q="distilled") == [hit.pk]


def test_min_confidence_filter_and_its_bounds(api_client):
    sure = ClaimFactory(confidence=0.9)
    ClaimFactory(confidence=0.5)

    assert claim_ids(api_client, min_confidence=0.8) == [sure.pk]
    assert api_client.get(reverse("claim-list"), {"min_confidence": "high"}).status_code == 400
