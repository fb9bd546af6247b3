"""Every write endpoint and admin page, for anonymous, a plain user, a curator and staff."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from tests.claims.factories import BenchmarkFactory, ClaimFactory, MetricFactory

pytestmark = [pytest.mark.api, pytest.mark.django_db]

ROLES = ["anonymous", "plain_user", "curator", "staff_user"]


def _import_upload():
    line = json.dumps({"title": "Permission paper", "abstract": "It reaches 50.5% on X."}).encode()
    return {"file": SimpleUploadedFile("p.jsonl", line)}, "multipart"


WRITES = {
    # name: (method, url maker, body maker, expected status per role)
    "import": ("post", lambda: reverse("importrun-list"), _import_upload, [401, 202, 202, 202]),
    "correct claim": (
        "patch",
        lambda: reverse("claim-detail", args=[ClaimFactory().pk]),
        lambda: ({"value": 1.0}, "json"),
        [401, 403, 200, 200],
    ),
    "verify claim": (
        "post",
        lambda: reverse("claim-verify", args=[ClaimFactory().pk]),
        lambda: ({}, "json"),
        [401, 403, 200, 200],
    ),
    "reject claim": (
        "post",
        lambda: reverse("claim-reject", args=[ClaimFactory().pk]),
        lambda: ({}, "json"),
        [401, 403, 200, 200],
    ),
    "merge benchmark": (
        "post",
        lambda: reverse("benchmark-merge", args=[BenchmarkFactory(slug="dup").slug]),
        lambda: ({"into": BenchmarkFactory(slug="main").slug}, "json"),
        [401, 403, 403, 200],
    ),
    "merge metric": (
        "post",
        lambda: reverse("metric-merge", args=[MetricFactory(slug="dup").slug]),
        lambda: ({"into": MetricFactory(slug="main").slug}, "json"),
        [401, 403, 403, 200],
    ),
}


@pytest.fixture
def as_role(request, client_as):
    def sign_in(role):
        return client_as(None if role == "anonymous" else request.getfixturevalue(role))

    return sign_in


@pytest.mark.parametrize("name", sorted(WRITES))
@pytest.mark.parametrize("role", ROLES)
def test_write_endpoints_by_role(as_role, name, role):
    method, url, body, expected = WRITES[name]
    data, format = body()

    response = getattr(as_role(role), method)(url(), data, format=format)

    assert response.status_code == expected[ROLES.index(role)], response.content
    assert response["Content-Type"].startswith("application/json")


ADMIN_PAGES = [
    "/admin/claims/claim/",
    "/admin/claims/claimdecision/",
    "/admin/claims/benchmark/",
    "/admin/claims/metric/",
    "/admin/papers/paper/",
    "/admin/papers/importrun/",
]


@pytest.mark.parametrize("page", ADMIN_PAGES)
@pytest.mark.parametrize("role", ROLES)
def test_admin_pages_need_staff_with_permissions(request, page, role):
    browser = Client()
    if role != "anonymous":
        browser.force_login(request.getfixturevalue(role))

    response = browser.get(page)

    if role == "staff_user":  # staff without model permissions: signed in, but refused
        assert response.status_code == 403
    else:
        assert response.status_code == 302 and "/admin/login/" in response["Location"]


@pytest.mark.parametrize("page", ADMIN_PAGES)
def test_admin_pages_open_to_a_superuser(admin_client, page):
    assert admin_client.get(page).status_code == 200
