import pytest
from django.urls import reverse

from claims.api.extract import EXTRACT_TEXT_MAX_CHARS
from claims.models import Claim

pytestmark = [pytest.mark.api, pytest.mark.django_db]

# A sentence of our own, not taken from any paper.
TEXT = "We introduce FoldNet. FoldNet reaches 91.3% accuracy on CASP15. Inference is 3x faster than the baseline."


def test_anonymous_preview_returns_the_claims_and_stores_nothing(api_client):
    response = api_client.post(reverse("extract-preview"), {"text": TEXT, "title": "FoldNet"}, format="json")

    assert response.status_code == 200
    data = response.json()
    assert data["extractor"] and data["extractor_version"]
    assert data["count"] == len(data["claims"]) >= 1
    top = next(claim for claim in data["claims"] if claim["value"] == 91.3)
    assert top["kind"] == "score"
    assert top["unit"] == "%"
    assert TEXT[top["value_start"] : top["value_end"]] == top["value_text"]
    assert set(top) >= {"metric", "benchmark", "method", "compared_to", "setting", "evidence", "confidence"}
    assert Claim.objects.count() == 0


def test_text_without_numbers_gives_no_claims(api_client):
    response = api_client.post(
        reverse("extract-preview"), {"text": "We discuss open problems."}, format="json"
    )

    assert response.status_code == 200
    assert response.json() == {**response.json(), "count": 0, "claims": []}


@pytest.mark.parametrize(
    "payload", [{}, {"text": ""}, {"title": "only a title"}, {"text": "x" * (EXTRACT_TEXT_MAX_CHARS + 1)}]
)
def test_missing_empty_or_too_long_text_is_a_400(api_client, payload):
    response = api_client.post(reverse("extract-preview"), payload, format="json")

    assert response.status_code == 400
    assert "text" in response.json()


def test_preview_is_post_only(api_client):
    assert api_client.get(reverse("extract-preview")).status_code == 405


def test_anonymous_previews_are_throttled(api_client, monkeypatch):
    from claims.api.extract import ExtractPreviewThrottle

    monkeypatch.setattr(ExtractPreviewThrottle, "rate", "2/min")
    answers = [
        api_client.post(reverse("extract-preview"), {"text": "Nothing here."}, format="json").status_code
        for _ in range(3)
    ]

    assert answers == [200, 200, 429]
