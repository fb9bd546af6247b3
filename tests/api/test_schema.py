import pytest
import yaml
from django.core.management import call_command
from django.urls import reverse

pytestmark = [pytest.mark.api, pytest.mark.django_db]

KEY_PATHS = [
    "/api/v1/papers/",
    "/api/v1/papers/{id}/",
    "/api/v1/claims/",
    "/api/v1/claims/{id}/",
    "/api/v1/claims/{id}/verify/",
    "/api/v1/claims/{id}/reject/",
    "/api/v1/benchmarks/",
    "/api/v1/benchmarks/{slug}/",
    "/api/v1/benchmarks/{slug}/leaderboard/",
    "/api/v1/benchmarks/{slug}/history/",
    "/api/v1/benchmarks/{slug}/merge/",
    "/api/v1/metrics/",
    "/api/v1/metrics/{slug}/",
    "/api/v1/metrics/{slug}/merge/",
    "/api/v1/tasks/",
    "/api/v1/tasks/{slug}/",
    "/api/v1/imports/",
    "/api/v1/imports/{id}/",
    "/api/v1/extract/",
]


def test_schema_is_valid_without_warnings_and_has_the_key_paths(tmp_path):
    out = tmp_path / "schema.yml"

    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(out))

    schema = yaml.safe_load(out.read_text())
    assert set(KEY_PATHS) <= set(schema["paths"])
    leaderboard_params = {
        p["name"] for p in schema["paths"]["/api/v1/benchmarks/{slug}/leaderboard/"]["get"]["parameters"]
    }
    assert {
        "slug",
        "metric",
        "verified_only",
        "setting",
        "published_after",
        "published_before",
    } <= leaderboard_params
    claim_params = {p["name"] for p in schema["paths"]["/api/v1/claims/"]["get"]["parameters"]}
    assert {
        "benchmark",
        "benchmark_id",
        "value_min",
        "updated_since",
        "page",
        "page_size",
        "ordering",
    } <= claim_params


@pytest.mark.parametrize("url_name", ["schema", "swagger-ui", "redoc"])
def test_schema_and_docs_are_served(client, url_name):
    assert client.get(reverse(url_name)).status_code == 200
