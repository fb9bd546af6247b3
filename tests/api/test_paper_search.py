"""Paper search pages: the total comes with the ranked rows, and pages past the end are 404s."""

import pytest
from django.urls import reverse

from tests.papers.factories import PaperFactory

pytestmark = [pytest.mark.api, pytest.mark.django_db]


def test_a_search_page_far_past_the_end_is_a_404(api_client):
    PaperFactory(title="Contrastive Distillation", abstract="On retrieval.")

    found = api_client.get(reverse("paper-list"), {"q": "distillation"})
    assert found.status_code == 200 and found.json()["count"] == 1
    assert api_client.get(reverse("paper-list"), {"q": "distillation", "page": 2}).status_code == 404
    assert api_client.get(reverse("paper-list"), {"q": "distillation", "page": 10**19}).status_code == 404
