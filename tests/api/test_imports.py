import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from papers.models import ImportRun, Paper
from tests.papers.factories import ImportRunFactory

pytestmark = [pytest.mark.api, pytest.mark.django_db]


def jsonl_file(name: str = "papers.jsonl", count: int = 2) -> SimpleUploadedFile:
    # Abstracts written for this test, not taken from any paper.
    lines = [
        {
            "title": f"Elastic Token Routing {n}",
            "abstract": f"We propose ETR-{n}, which reaches 7{n}.5% accuracy on GLUE.",
        }
        for n in range(count)
    ]
    content = "\n".join(json.dumps(line) for line in lines).encode()
    return SimpleUploadedFile(name, content, content_type="application/x-ndjson")


def post(client, **data):
    return client.post(reverse("importrun-list"), data, format="multipart")


def test_anonymous_cannot_import_or_list(api_client):
    assert post(api_client, file=jsonl_file()).status_code == 401
    assert api_client.get(reverse("importrun-list")).status_code == 401


def test_upload_is_accepted_and_the_run_reports_its_counts(
    client_as, plain_user, django_capture_on_commit_callbacks
):
    client = client_as(plain_user)

    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, file=jsonl_file(count=2), format="jsonl", extract="false")

    assert response.status_code == 202
    assert response.json()["origin"] == "papers.jsonl"
    assert response.json()["started_by"] == "reader"
    run = client.get(reverse("importrun-detail", args=[response.json()["id"]])).json()
    assert run["status"] == "succeeded"
    assert (run["read_count"], run["created_count"], run["rejected_count"]) == (2, 2, 0)
    assert run["is_finished"] is True
    assert Paper.objects.count() == 2


def test_format_is_detected_when_not_given(client_as, plain_user, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = post(client_as(plain_user), file=jsonl_file(count=1))

    assert response.status_code == 202
    assert ImportRun.objects.get(pk=response.json()["id"]).format == "jsonl"


def test_unknown_format_is_a_400(client_as, plain_user):
    response = post(client_as(plain_user), file=jsonl_file(), format="docx")

    assert response.status_code == 400
    assert "format" in response.json()
    assert ImportRun.objects.count() == 0


def test_missing_or_empty_file_is_a_400(client_as, plain_user):
    client = client_as(plain_user)

    assert "file" in post(client).json()
    assert post(client, file=SimpleUploadedFile("empty.jsonl", b"")).status_code == 400


def test_file_over_the_limit_is_a_413_with_the_limit(client_as, plain_user, settings):
    settings.IMPORT_UPLOAD_MAX_BYTES = 10

    response = post(client_as(plain_user), file=jsonl_file())

    assert response.status_code == 413
    assert "limited to 10 bytes" in response.json()["detail"]
    assert ImportRun.objects.count() == 0


def test_runs_list_with_status_counts_and_errors(client_as, plain_user):
    ImportRunFactory(
        status=ImportRun.Status.PARTIAL, rejected_count=1, errors=[{"position": "3", "reason": "no title"}]
    )
    ImportRunFactory(status=ImportRun.Status.SUCCEEDED)

    data = client_as(plain_user).get(reverse("importrun-list"), {"status": "partial"}).json()

    assert data["count"] == 1
    assert data["results"][0]["errors"] == [{"position": "3", "reason": "no title"}]
    assert data["results"][0]["status"] == "partial"


def test_oversized_request_is_refused_before_it_is_parsed(client_as, plain_user, settings):
    settings.IMPORT_UPLOAD_MAX_BYTES = 1000
    big = SimpleUploadedFile("big.jsonl", b"x" * 200_000)

    response = post(client_as(plain_user), file=big)

    assert response.status_code == 413
    assert "limited to 1000 bytes" in response.json()["detail"]


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("page.json", b"<!doctype html><html><body>Gone</body></html>", "looks like an HTML page"),
        ("mystery.txt", b"\x00\x01 nothing anyone can read", "cannot tell its format"),
        ("cut.json.gz", b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03+I", "cannot read the file"),
    ],
)
def test_a_failed_upload_says_why_without_showing_server_paths(
    client_as, plain_user, settings, django_capture_on_commit_callbacks, name, content, reason
):
    client = client_as(plain_user)

    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, file=SimpleUploadedFile(name, content), extract="false")

    run = client.get(reverse("importrun-detail", args=[response.json()["id"]])).json()
    assert run["status"] == "failed"
    assert reason in run["message"] and name in run["message"]
    assert str(settings.MEDIA_ROOT) not in run["message"] and "/imports/" not in run["message"]


def test_an_archive_upload_lists_its_warnings(client_as, plain_user, django_capture_on_commit_callbacks):
    from pathlib import Path

    fixture = Path(__file__).parents[1] / "papers" / "fixtures" / "pwc_evaluation_tables.json"
    client = client_as(plain_user)
    upload = SimpleUploadedFile("evaluation-tables.json", fixture.read_bytes())

    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, file=upload, extract="false")

    run = client.get(reverse("importrun-detail", args=[response.json()["id"]])).json()
    assert (run["format"], run["status"]) == ("pwc_evaluation_tables", "partial")
    assert [w["reason"].split(";")[0] for w in run["warnings"]] == [
        "metric 'Wobble Index' is not in the vocabulary"
    ]
