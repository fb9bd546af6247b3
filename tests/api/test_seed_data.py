"""The API on the shared seed pages (Hugging Face Daily Papers as text), imported through the service."""

import pytest
from django.urls import reverse

from papers.services.imports import import_file_start

pytestmark = [pytest.mark.api, pytest.mark.django_db]


@pytest.fixture
def seeded(shared_dir, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        runs = [
            import_file_start(path=path, origin=path.name, extract=True)
            for path in sorted((shared_dir / "seeds").glob("*.txt"))
        ]
    assert runs


def test_papers_list_has_the_72_seed_papers(api_client, seeded):
    data = api_client.get(reverse("paper-list")).json()

    assert data["count"] == 72


def test_paper_detail_and_claims_of_seed_papers(api_client, seeded):
    papers = api_client.get(reverse("paper-list"), {"has_claims": "true", "page_size": 5}).json()
    assert papers["count"] > 0

    paper = papers["results"][0]
    detail = api_client.get(reverse("paper-detail", args=[paper["id"]])).json()
    claims = api_client.get(reverse("claim-list"), {"paper_id": paper["id"]}).json()

    assert detail["claim_count"] == paper["claim_count"] == len(detail["claims"])
    assert {claim["id"] for claim in claims["results"]} == {claim["id"] for claim in detail["claims"]}
    for claim in claims["results"]:
        assert claim["evidence"] in detail["abstract"]


def test_seed_leaderboards_answer(api_client, seeded):
    benchmarks = api_client.get(reverse("benchmark-list"), {"ordering": "-claim_count"}).json()["results"]
    assert benchmarks

    response = api_client.get(reverse("benchmark-leaderboard", args=[benchmarks[0]["slug"]]))

    assert response.status_code == 200
    assert response.json()["count"] == len(response.json()["results"])
