"""Both Papers with Code compatible APIs are in the OpenAPI schema, each under a tag of its own."""

import pytest
import yaml
from django.core.management import call_command

pytestmark = [pytest.mark.api, pytest.mark.django_db]

LEGACY_TAG = "Papers with Code: legacy API (paperswithcode-client)"
CLI_TAG = "Papers with Code: pwc CLI v1"
LEGACY_PATHS = [
    "/pwc/api/v1/papers/",
    "/pwc/api/v1/papers/{paper_id}/",
    "/pwc/api/v1/papers/{paper_id}/results/",
    "/pwc/api/v1/datasets/",
    "/pwc/api/v1/datasets/{dataset_id}/evaluations/",
    "/pwc/api/v1/tasks/{task_id}/evaluations/",
    "/pwc/api/v1/evaluations/",
    "/pwc/api/v1/evaluations/{evaluation_id}/",
    "/pwc/api/v1/evaluations/{evaluation_id}/metrics/",
    "/pwc/api/v1/evaluations/{evaluation_id}/results/",
    "/pwc/api/v1/methods/",
    "/pwc/api/v1/repositories/",
    "/pwc/api/v1/search/",
]
CLI_PATHS = [
    "/hf/api/v1/papers/search/",
    "/hf/api/v1/papers/",
    "/hf/api/v1/papers/{ref}/",
    "/hf/api/v1/evaluations/",
    "/hf/api/v1/datasets/",
    "/hf/api/v1/datasets/{ref}/evaluations/",
    "/hf/api/v1/tasks/",
    "/hf/api/v1/tasks/{ref}/",
    "/hf/api/v1/tasks/{ref}/page/",
    "/hf/api/v1/tasks/{ref}/trending-benchmarks/",
    "/hf/api/v1/tasks/{ref}/papers/",
    "/hf/api/v1/areas/",
    "/hf/api/v1/areas/with-tasks/",
    "/hf/api/v1/areas/with-task-benchmarks/",
]


def test_the_compatible_apis_are_documented_under_their_own_tags(tmp_path):
    out = tmp_path / "schema.yml"

    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(out))

    schema = yaml.safe_load(out.read_text())
    paths = schema["paths"]
    assert set(LEGACY_PATHS) <= set(paths)
    assert set(CLI_PATHS) <= set(paths)
    assert {paths[p]["get"]["tags"][0] for p in LEGACY_PATHS} == {LEGACY_TAG}
    assert {paths[p]["get"]["tags"][0] for p in CLI_PATHS} == {CLI_TAG}
    legacy_params = {p["name"] for p in paths["/pwc/api/v1/papers/"]["get"]["parameters"]}
    assert {"q", "arxiv_id", "title", "abstract", "page", "items_per_page"} <= legacy_params
    leaderboard_params = {
        p["name"] for p in paths["/hf/api/v1/datasets/{ref}/evaluations/"]["get"]["parameters"]
    }
    assert {"ref", "page", "page_size", "ordering", "is_open"} <= leaderboard_params
    # The writes the old client can send are not offered.
    assert set(paths["/pwc/api/v1/datasets/"]) == {"get"}
    result = schema["components"]["schemas"]["PwcResult"]["properties"]
    assert result["best_rank"]["type"] == "integer"
