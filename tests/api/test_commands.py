import gzip
import io
import json

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.urls import reverse
from rest_framework.authtoken.models import Token

from tests.claims.factories import BenchmarkAliasFactory, ClaimFactory
from tests.papers.factories import PaperFactory
from tracker.api.permissions import user_is_curator

pytestmark = [pytest.mark.api, pytest.mark.management, pytest.mark.django_db]


def read_dump(path) -> list[dict]:
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        return [json.loads(line) for line in handle]


def test_export_dump_writes_the_api_fields_as_gzipped_json_lines(tmp_path, api_client):
    claim = ClaimFactory()
    BenchmarkAliasFactory(benchmark=claim.benchmark, name="Another Name")
    PaperFactory()
    out = io.StringIO()

    call_command("export_dump", str(tmp_path / "dump"), stdout=out)

    papers = read_dump(tmp_path / "dump" / "papers.jsonl.gz")
    claims = read_dump(tmp_path / "dump" / "claims.jsonl.gz")
    benchmarks = read_dump(tmp_path / "dump" / "benchmarks.jsonl.gz")
    metrics = read_dump(tmp_path / "dump" / "metrics.jsonl.gz")
    assert (len(papers), len(claims), len(benchmarks), len(metrics)) == (2, 1, 1, 1)
    assert "Exported 2 papers, 1 benchmarks, 1 metrics, 1 claims" in out.getvalue()
    # The same objects the API answers with.
    assert claims[0] == api_client.get(reverse("claim-detail", args=[claim.pk])).json()
    assert benchmarks[0]["aliases"] == ["Another Name"]
    assert benchmarks[0] == api_client.get(reverse("benchmark-detail", args=[claim.benchmark.slug])).json()
    assert {paper["id"] for paper in papers} == {claim.paper_id, papers[1]["id"]}


def test_export_dump_of_an_empty_database(tmp_path):
    out = io.StringIO()

    call_command("export_dump", str(tmp_path), stdout=out)

    assert read_dump(tmp_path / "claims.jsonl.gz") == []
    assert "Exported 0 papers" in out.getvalue()


def test_create_api_token_for_a_new_curator(api_client):
    out = io.StringIO()

    call_command(
        "create_api_token", "notebook", "--create-user", "--curator", stdout=out, stderr=io.StringIO()
    )

    key = out.getvalue().strip()
    user = get_user_model().objects.get(username="notebook")
    assert Token.objects.get(user=user).key == key
    assert user_is_curator(user)
    claim = ClaimFactory()
    response = api_client.post(reverse("claim-verify", args=[claim.pk]), HTTP_AUTHORIZATION=f"Token {key}")
    assert response.status_code == 200


def test_create_api_token_is_stable_for_an_existing_user(plain_user):
    first, second = io.StringIO(), io.StringIO()

    call_command("create_api_token", "reader", stdout=first)
    call_command("create_api_token", "reader", stdout=second)

    assert first.getvalue() == second.getvalue()
    assert not user_is_curator(plain_user)


def test_create_api_token_refuses_an_unknown_user_without_create_user():
    with pytest.raises(CommandError, match="--create-user"):
        call_command("create_api_token", "ghost")
