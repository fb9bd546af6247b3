"""Regression tests for the probe's findings on the API: offsets, over-large bodies, versions, health."""

import json
import os
import subprocess
import sys
import threading

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import connection
from django.urls import reverse
from rest_framework.test import APIClient

from claims.models import Claim, ClaimDecision
from tests.claims.factories import ClaimFactory
from tests.conftest import REPO_DIR
from tracker.api.permissions import CURATORS_GROUP

pytestmark = [pytest.mark.api]


@pytest.mark.django_db
@pytest.mark.parametrize("route", ["paper-list", "claim-list"])
@pytest.mark.parametrize("offset", ["+16:00", "-16:00", "+23:59", "-23:30"])
def test_updated_since_with_an_offset_postgres_cannot_hold_is_a_400(api_client, route, offset):
    response = api_client.get(reverse(route), {"updated_since": f"2026-01-01T00:00:00{offset}"})

    assert response.status_code == 400
    assert "between -15:59 and +15:59" in json.dumps(response.json())


@pytest.mark.django_db
@pytest.mark.parametrize("route", ["paper-list", "claim-list"])
def test_updated_since_with_a_valid_offset_is_compared_in_utc(api_client, route):
    ClaimFactory()
    before = api_client.get(reverse(route), {"updated_since": "2000-01-01T00:00:00+15:59"})
    after = api_client.get(reverse(route), {"updated_since": "9990-12-31T00:00:00-15:00"})

    assert (before.json()["count"], after.json()["count"]) == (1, 0)


@pytest.mark.django_db
@pytest.mark.parametrize("when", ["9999-12-31T23:59:59-15:00", "0001-01-01T00:00:00+15:00"])
def test_updated_since_beyond_the_calendar_in_utc_is_a_400(api_client, when):
    response = api_client.get(reverse("claim-list"), {"updated_since": when})

    assert response.status_code == 400
    assert "out of range" in json.dumps(response.json())


@pytest.mark.django_db
def test_a_10_mb_extract_body_is_a_json_413(api_client):
    body = json.dumps({"text": "x" * (10 * 1024 * 1024)})

    response = api_client.post(reverse("extract-preview"), body, content_type="application/json")

    assert response.status_code == 413
    assert response["Content-Type"].startswith("application/json")
    assert "too large" in response.json()["detail"]


def _curator(name: str):
    user = get_user_model().objects.create_user(username=name, password="unused")
    user.groups.add(Group.objects.get_or_create(name=CURATORS_GROUP)[0])
    return user


def _client(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


@pytest.mark.django_db
def test_a_decision_on_an_old_version_is_a_409_and_both_are_in_the_audit_trail():
    claim = ClaimFactory()
    alice, bob = _curator("alice"), _curator("bob")

    first = _client(alice).post(reverse("claim-verify", args=[claim.pk]), {"version": 1}, format="json")
    second = _client(bob).post(reverse("claim-reject", args=[claim.pk]), {"version": 1}, format="json")

    assert first.status_code == 200 and first.json()["version"] == 2
    assert second.status_code == 409
    assert second.json()["claim"]["status"] == "verified"
    assert "another curator changed it first" in second.json()["detail"]
    claim.refresh_from_db()
    assert (claim.status, claim.curated_by, claim.version) == ("verified", alice, 2)
    trail = list(
        ClaimDecision.objects.order_by("id").values_list("user__username", "action", "outcome", "version")
    )
    assert trail == [("alice", "verify", "applied", 1), ("bob", "reject", "conflict", 1)]


@pytest.mark.django_db
def test_a_correction_on_an_old_version_is_a_409():
    claim = ClaimFactory(value=70.0)
    alice = _curator("alice")
    assert (
        _client(alice)
        .patch(reverse("claim-detail", args=[claim.pk]), {"value": 71.0}, format="json")
        .status_code
        == 200
    )

    stale = _client(alice).patch(
        reverse("claim-detail", args=[claim.pk]), {"value": 72.0, "version": 1}, format="json"
    )

    assert stale.status_code == 409
    claim.refresh_from_db()
    assert (claim.value, claim.version) == (71.0, 2)


@pytest.mark.integration
@pytest.mark.django_db(transaction=True)
def test_two_curators_deciding_at_once_end_in_one_consistent_state():
    claim = ClaimFactory()
    curators = [_curator("alice"), _curator("bob")]
    start = threading.Barrier(2)
    answers: dict[str, int] = {}

    def decide(user, action):
        client = _client(user)
        start.wait()
        answers[user.username] = client.post(
            reverse(f"claim-{action}", args=[claim.pk]), {}, format="json"
        ).status_code
        connection.close()

    threads = [
        threading.Thread(target=decide, args=(curators[0], "verify")),
        threading.Thread(target=decide, args=(curators[1], "reject")),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert sorted(answers.values()) in ([200, 200], [200, 409])
    decisions = list(ClaimDecision.objects.order_by("id"))
    assert len(decisions) == 2
    applied = [d for d in decisions if d.outcome == "applied"]
    claim.refresh_from_db()
    # The claim is as the last applied decision left it, at one version per applied decision.
    assert claim.status == applied[-1].to_status
    assert claim.version == 1 + len(applied)
    assert claim.curated_by_id == applied[-1].user_id
    assert Claim.objects.count() == 1


_DOWN_SCRIPT = """
import json, django
django.setup()
from django.test import Client
client = Client(raise_request_exception=False)
out = {}
for method, path in [("get", "/health/"), ("get", "/healthz"), ("get", "/api/v1/papers/"),
                     ("get", "/api/v1/claims/1/"), ("get", "/api/v1/benchmarks/coco/leaderboard/"),
                     ("get", "/feeds/verified/")]:
    response = getattr(client, method)(path)
    out[path] = [response.status_code, response["Content-Type"], response.content.decode()]
print(json.dumps(out))
"""


def test_with_the_database_down_every_answer_is_a_json_503_without_the_error(tmp_path):
    env = {
        **os.environ,
        "DATABASE_URL": "postgres://tracker:s3cret-password@127.0.0.1:9/tracker",
        "DJANGO_SETTINGS_MODULE": "tracker.settings",
        "DEBUG": "false",
        "TRACKER_VAR_DIR": str(tmp_path),
    }
    result = subprocess.run(
        [sys.executable, "-c", _DOWN_SCRIPT],
        cwd=REPO_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    answers = json.loads(result.stdout.strip().splitlines()[-1])

    for path, (status, content_type, body) in answers.items():
        assert status == 503, (path, status, body)
        assert content_type.startswith("application/json"), path
        for secret in ("127.0.0.1", ":9", "s3cret", "Traceback", "psycopg", str(REPO_DIR)):
            assert secret not in body, (path, secret, body)
    health = json.loads(answers["/healthz"][2])
    assert health["checks"]["database"]["status"] == "unreachable"
    assert json.loads(answers["/health/"][2]) == {"status": "error", "database": "unreachable"}
    assert "database is unreachable" in json.loads(answers["/api/v1/papers/"][2])["detail"]


@pytest.mark.django_db
def test_healthz_reports_each_dependency(client, settings):
    response = client.get("/healthz")

    assert response.status_code == 200
    checks = response.json()["checks"]
    assert set(checks) == {"database", "cache", "broker"}
    assert checks["database"]["status"] == "ok"
    assert checks["cache"]["status"] == "ok"
    assert checks["broker"]["status"] in {"ok", "disabled"}


@pytest.mark.django_db
def test_the_audit_trail_is_read_only_in_the_admin(admin_client):
    claim = ClaimFactory()
    _client(_curator("alice")).post(reverse("claim-verify", args=[claim.pk]), {}, format="json")

    listing = admin_client.get("/admin/claims/claimdecision/")
    adding = admin_client.get("/admin/claims/claimdecision/add/")

    assert listing.status_code == 200 and b"alice" in listing.content
    assert adding.status_code == 403
