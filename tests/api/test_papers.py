import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from claims.models import Claim
from papers.models import Paper
from tests.claims.factories import BenchmarkFactory, ClaimFactory
from tests.papers.factories import PaperFactory

pytestmark = [pytest.mark.api, pytest.mark.django_db]


def papers(client, **params):
    response = client.get(reverse("paper-list"), params)
    assert response.status_code == 200, response.content
    return response.json()


def ids(data) -> set[int]:
    return {item["id"] for item in data["results"]}


def test_list_is_paginated_with_claim_counts(api_client):
    paper = PaperFactory()
    ClaimFactory.create_batch(2, paper=paper)
    ClaimFactory(paper=paper, status=Claim.Status.REJECTED)
    PaperFactory.create_batch(2)

    data = papers(api_client, page_size=2)

    assert data["count"] == 3
    assert len(data["results"]) == 2
    assert data["next"] is not None
    counts = {item["id"]: item["claim_count"] for item in papers(api_client)["results"]}
    assert counts[paper.pk] == 2


def test_search_reads_title_and_abstract(api_client):
    in_title = PaperFactory(title="Gradient Surgery for Multi-Task Learning")
    in_abstract = PaperFactory(abstract="We apply gradient surgery to reinforcement learning.")
    PaperFactory(title="Unrelated Work", abstract="Nothing to see.")

    assert ids(papers(api_client, q="gradient surgery")) == {in_title.pk, in_abstract.pk}


def test_published_range_and_arxiv_id(api_client):
    old = PaperFactory(published=datetime.date(2023, 6, 1))
    new = PaperFactory(published=datetime.date(2025, 6, 1), arxiv_id="2506.00042")

    assert ids(papers(api_client, published_after="2024-01-01")) == {new.pk}
    assert ids(papers(api_client, published_before="2024-01-01")) == {old.pk}
    assert ids(papers(api_client, arxiv_id="2506.00042")) == {new.pk}


def test_has_claims_and_has_code(api_client):
    with_claims = PaperFactory(code_url="https://example.org/code")
    ClaimFactory(paper=with_claims)
    only_rejected = PaperFactory()
    ClaimFactory(paper=only_rejected, status=Claim.Status.REJECTED)
    bare = PaperFactory()

    assert ids(papers(api_client, has_claims="true")) == {with_claims.pk}
    assert ids(papers(api_client, has_claims="false")) == {only_rejected.pk, bare.pk}
    assert ids(papers(api_client, has_code="true")) == {with_claims.pk}
    assert ids(papers(api_client, has_code="false")) == {only_rejected.pk, bare.pk}


def test_filter_by_benchmark_slug_or_id_lists_each_paper_once(api_client):
    benchmark = BenchmarkFactory(name="GSM8K", slug="gsm8k")
    paper = PaperFactory()
    ClaimFactory.create_batch(3, paper=paper, benchmark=benchmark)
    ClaimFactory()

    assert [item["id"] for item in papers(api_client, benchmark="gsm8k")["results"]] == [paper.pk]
    assert [item["id"] for item in papers(api_client, benchmark_id=benchmark.pk)["results"]] == [paper.pk]


def test_updated_since_for_incremental_sync(api_client):
    stale = PaperFactory()
    fresh = PaperFactory()
    Paper.objects.filter(pk=stale.pk).update(updated_at=timezone.now() - datetime.timedelta(days=10))
    since = (timezone.now() - datetime.timedelta(days=1)).isoformat()

    assert ids(papers(api_client, updated_since=since)) == {fresh.pk}


def test_ordering(api_client):
    low = PaperFactory(upvotes=3)
    high = PaperFactory(upvotes=40)

    assert [item["id"] for item in papers(api_client, ordering="-upvotes")["results"]] == [high.pk, low.pk]
    assert [item["id"] for item in papers(api_client, ordering="upvotes")["results"]] == [low.pk, high.pk]


def test_detail_includes_all_claims_with_benchmark_and_metric(api_client):
    paper = PaperFactory(title="Sparse Mixture Adapters")
    kept = ClaimFactory(paper=paper)
    rejected = ClaimFactory(paper=paper, status=Claim.Status.REJECTED)

    response = api_client.get(reverse("paper-detail", args=[paper.pk]))

    assert response.status_code == 200
    data = response.json()
    assert data["title"] == "Sparse Mixture Adapters"
    assert data["claim_count"] == 1
    assert [claim["id"] for claim in data["claims"]] == [kept.pk, rejected.pk]
    assert data["claims"][0]["benchmark"]["slug"] == kept.benchmark.slug
    assert data["claims"][0]["metric"]["slug"] == kept.metric.slug


def test_unknown_paper_is_a_404(api_client):
    assert api_client.get(reverse("paper-detail", args=[424242])).status_code == 404


def test_papers_are_read_only(client_as, staff_user):
    paper = PaperFactory()
    client = client_as(staff_user)

    assert client.post(reverse("paper-list"), {"title": "x"}, format="json").status_code == 405
    assert client.delete(reverse("paper-detail", args=[paper.pk])).status_code == 405
