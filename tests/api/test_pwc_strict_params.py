"""Both Papers with Code compatible APIs answer a parameter value their schema does not allow with a 400.

Each case here was found by schemathesis (tests/fuzz) when the APIs joined the fuzz run: before, each
answered 200 with the value ignored, a default used or a page silently cut.
"""

import pytest

from tests.claims.factories import ClaimFactory

pytestmark = [pytest.mark.api, pytest.mark.django_db]


@pytest.fixture(autouse=True)
def data(db):
    ClaimFactory()


def _bad(client, url: str, params: dict, name: str) -> dict:
    response = client.get(url, params)
    assert response.status_code == 400, (url, params, response.content[:300])
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert name in body and body[name], body
    return body


@pytest.mark.parametrize(
    "url", ["papers/", "search/", "datasets/", "tasks/", "areas/", "methods/", "evaluations/"]
)
@pytest.mark.parametrize(
    "params, name",
    [
        ({"items_per_page": "many"}, "items_per_page"),
        ({"items_per_page": "10.0"}, "items_per_page"),
        ({"items_per_page": "0"}, "items_per_page"),
        ({"items_per_page": "501"}, "items_per_page"),  # was cut to 500 silently
        ({"items_per_page": ""}, "items_per_page"),
        ({"page": "first"}, "page"),
        ({"page": "0"}, "page"),
    ],
)
def test_legacy_pages_refuse_bad_page_parameters(client, url, params, name):
    _bad(client, f"/pwc/api/v1/{url}", params, name)


def test_legacy_pages_still_take_good_ones(client):
    response = client.get("/pwc/api/v1/papers/", {"page": "1", "items_per_page": "500"})

    assert response.status_code == 200 and response.json()["count"] == 1


@pytest.mark.parametrize(
    "url, params, name",
    [
        # An empty value was taken as "not given".
        ("papers/", {"task": ""}, "task"),
        ("datasets/", {"task": ""}, "task"),
        ("evaluations/", {"ordering": ""}, "ordering"),
        ("tasks/", {"ordering": ""}, "ordering"),
        ("datasets/", {"is_open": ""}, "is_open"),
        ("papers/", {"order_by": ""}, "order_by"),
        # Integers written other than in decimal digits.
        ("papers/recent", {"limit": "5.0"}, "limit"),
        ("papers/recent", {"limit": "1_0"}, "limit"),
        ("papers/recent", {"limit": " 5"}, "limit"),
        ("papers/trending", {"max_age_days": "٣"}, "max_age_days"),
        ("datasets/", {"min_eval_count": "99999999999999999999"}, "min_eval_count"),
        # Numbers that are no finite decimal.
        ("papers/trending", {"min_velocity": "nan"}, "min_velocity"),
        ("papers/trending", {"min_velocity": "inf"}, "min_velocity"),
        # Dates other than YYYY-MM-DD (Python's fromisoformat reads these).
        ("papers/search", {"q": "x", "start_date": "20240101"}, "start_date"),
        ("papers/search", {"q": "x", "end_date": "2024-W01-1"}, "end_date"),
        # Pages of the area lists used to fall back to the default.
        ("areas/", {"page_size": "all"}, "page_size"),
        ("areas/with-tasks/", {"page": "0"}, "page"),
    ],
)
def test_cli_api_refuses_values_its_schema_does_not_allow(client, url, params, name):
    _bad(client, f"/hf/api/v1/{url}", params, name)


@pytest.mark.parametrize("prefix", ["/pwc/api/v1/papers/", "/hf/api/v1/papers/recent"])
def test_a_parameter_given_twice_is_a_400(client, prefix):
    response = client.get(prefix + "?limit=1&limit=2&page=1&page=2")

    assert response.status_code == 400
    assert set(response.json()) == {"limit", "page"}


def test_the_contracts_own_values_are_still_accepted(client):
    for url in [
        "/hf/api/v1/papers/search?q=x&page=1&page_size=10&mode=keyword&start_date=2017-01-01&end_date=2017-12-31",
        "/hf/api/v1/papers/trending?limit=20&max_age_days=180&min_velocity=0.5",
        "/hf/api/v1/datasets/?page=1&page_size=50&include_descendants=false&is_open=true&ordering=-paper_count",
        "/hf/api/v1/areas/?page=1&page_size=500&ordering=name",
    ]:
        assert client.get(url).status_code == 200, url


def test_the_schema_documents_the_400_with_its_body(client):
    schema = client.get("/api/schema/?format=json").json()
    compat = {
        (path, method): operation
        for path, methods in schema["paths"].items()
        if path.startswith(("/pwc/", "/hf/"))
        for method, operation in methods.items()
    }
    assert len(compat) > 40
    for (path, _method), operation in compat.items():
        error = operation["responses"]["400"]
        assert error["content"]["application/json"]["schema"] == {
            "$ref": "#/components/schemas/ValidationError"
        }, path
    items_per_page = next(
        p
        for p in schema["paths"]["/pwc/api/v1/papers/"]["get"]["parameters"]
        if p["name"] == "items_per_page"
    )
    assert items_per_page["schema"] == {"type": "integer", "minimum": 1, "maximum": 500}
