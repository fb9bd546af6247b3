"""Regression tests for what schemathesis and the probe found: page sizes, rate-limit headers, CSRF, JSON 404."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse

from tests.claims.factories import ClaimFactory
from tracker.api.permissions import CURATORS_GROUP

pytestmark = [pytest.mark.api, pytest.mark.django_db]


@pytest.mark.parametrize(
    "params",
    [
        {"page_size": "10001"},
        {"page_size": "0"},
        {"page_size": ""},
        {"page_size": "ten"},
        {"page": "0"},
        {"page": ""},
        {"page": "-1"},
        {"format": ""},
        {"status": ""},
        {"published_after": ""},
        {"updated_since": ""},
        {"paper_id": ""},
        {"value_min": "1e301"},
    ],
)
def test_bad_paging_and_empty_typed_parameters_are_400s(api_client, params):
    response = api_client.get(reverse("claim-list"), params)

    assert response.status_code == 400, response.content
    assert set(params) & set(response.json())


def test_a_large_page_is_served_whole_not_cut(api_client):
    for _ in range(3):
        ClaimFactory()

    data = api_client.get(reverse("claim-list"), {"page_size": "10000"}).json()

    assert (data["count"], len(data["results"]), data["next"]) == (3, 3, None)


def test_a_page_past_the_last_is_a_json_404(api_client):
    response = api_client.get(reverse("claim-list"), {"page": "99999999999999999999999"})

    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")


def test_an_unknown_url_is_a_json_404(client):
    response = client.get("/api/v1/claims/0.5/")

    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}


def test_every_answer_carries_rate_limit_headers(api_client):
    first = api_client.get(reverse("paper-list"))
    second = api_client.get(reverse("paper-list"))

    assert first["X-RateLimit-Limit"] == "1200"
    assert int(second["X-RateLimit-Remaining"]) == int(first["X-RateLimit-Remaining"]) - 1
    assert 1 <= int(first["X-RateLimit-Reset"]) <= 60


def test_a_throttled_request_says_when_to_come_back(api_client, settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "2/min", "user": "2/min"},
    }
    from rest_framework.settings import api_settings
    from rest_framework.throttling import SimpleRateThrottle

    saved = SimpleRateThrottle.THROTTLE_RATES  # read once, when DRF is imported
    SimpleRateThrottle.THROTTLE_RATES = api_settings.DEFAULT_THROTTLE_RATES
    try:
        answers = [api_client.get(reverse("paper-list")) for _ in range(3)]
    finally:
        SimpleRateThrottle.THROTTLE_RATES = saved

    assert [a.status_code for a in answers] == [200, 200, 429]
    assert int(answers[2]["Retry-After"]) >= 1
    assert answers[2]["X-RateLimit-Remaining"] == "0"
    assert "throttled" in answers[2].json()["detail"].lower()


def test_a_session_write_without_a_csrf_token_is_refused():
    claim = ClaimFactory()
    user = get_user_model().objects.create_user(username="cur", password="pw-for-this-test")
    user.groups.add(Group.objects.get_or_create(name=CURATORS_GROUP)[0])
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(user)

    refused = browser.post(reverse("claim-verify", args=[claim.pk]), {}, content_type="application/json")

    assert refused.status_code == 403
    assert "CSRF" in refused.json()["detail"]
    claim.refresh_from_db()
    assert claim.status == "extracted"
