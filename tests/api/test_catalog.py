import pytest
from django.urls import reverse

from claims.models import Claim
from tests.claims.factories import (
    BenchmarkAliasFactory,
    BenchmarkFactory,
    ClaimFactory,
    MetricAliasFactory,
    MetricFactory,
)
from tests.papers.factories import PaperFactory

pytestmark = [pytest.mark.api, pytest.mark.django_db]


def test_benchmarks_list_counts_papers_and_claims_that_are_not_rejected(api_client):
    benchmark = BenchmarkFactory(name="SWE-bench", slug="swe-bench")
    paper = PaperFactory()
    ClaimFactory.create_batch(2, paper=paper, benchmark=benchmark)
    ClaimFactory(benchmark=benchmark)
    ClaimFactory(benchmark=benchmark, status=Claim.Status.REJECTED)

    item = api_client.get(reverse("benchmark-list"), {"q": "swe"}).json()["results"][0]

    assert (item["slug"], item["paper_count"], item["claim_count"]) == ("swe-bench", 2, 3)


def test_benchmarks_are_found_by_alias_and_looked_up_by_slug(api_client):
    coco = BenchmarkFactory(name="MS-COCO", slug="ms-coco", task="object detection")
    BenchmarkAliasFactory(benchmark=coco, name="Common Objects in Context")
    BenchmarkFactory(name="ADE20K", slug="ade20k")

    found = api_client.get(reverse("benchmark-list"), {"q": "objects in context"}).json()["results"]
    detail = api_client.get(reverse("benchmark-detail", args=["ms-coco"]))

    assert [item["slug"] for item in found] == ["ms-coco"]
    assert detail.status_code == 200
    assert detail.json()["aliases"] == ["Common Objects in Context"]
    assert detail.json()["task"] == "object detection"
    assert api_client.get(reverse("benchmark-detail", args=["nope"])).status_code == 404


def test_benchmarks_ordered_by_claim_count(api_client):
    busy = BenchmarkFactory()
    quiet = BenchmarkFactory()
    ClaimFactory.create_batch(3, benchmark=busy)
    ClaimFactory(benchmark=quiet)

    results = api_client.get(reverse("benchmark-list"), {"ordering": "-claim_count"}).json()["results"]

    assert [item["id"] for item in results] == [busy.pk, quiet.pk]


def test_metrics_list_search_direction_and_counts(api_client):
    perplexity = MetricFactory(name="perplexity", slug="perplexity", higher_is_better=False)
    MetricAliasFactory(metric=perplexity, name="PPL")
    MetricFactory(name="BLEU", slug="bleu")
    ClaimFactory(metric=perplexity)

    by_alias = api_client.get(reverse("metric-list"), {"q": "ppl"}).json()["results"]
    lower_better = api_client.get(reverse("metric-list"), {"higher_is_better": "false"}).json()["results"]
    detail = api_client.get(reverse("metric-detail", args=["perplexity"])).json()

    assert [item["slug"] for item in by_alias] == ["perplexity"]
    assert [item["slug"] for item in lower_better] == ["perplexity"]
    assert (detail["claim_count"], detail["paper_count"], detail["aliases"]) == (1, 1, ["PPL"])


def test_catalog_is_read_only_except_merge(client_as, staff_user):
    BenchmarkFactory(name="GLUE", slug="glue")
    client = client_as(staff_user)

    assert client.post(reverse("benchmark-list"), {"name": "x"}, format="json").status_code == 405
    assert client.delete(reverse("benchmark-detail", args=["glue"])).status_code == 405
