"""The old Papers with Code API at /pwc/api/v1/, with the field names, types and page shape of
`paperswithcode-client` 0.3.1 (ids are strings, pages are count/next/previous/results)."""

from urllib.parse import parse_qs, urlsplit

import pytest

from tests.api.pwc_data import build
from tests.claims.factories import ClaimFactory
from tests.papers.factories import PaperFactory

pytestmark = [pytest.mark.api, pytest.mark.django_db]

BASE = "/pwc/api/v1/"
PAPER_FIELDS = {
    "id", "arxiv_id", "nips_id", "url_abs", "url_pdf", "title", "abstract", "authors", "published",
    "conference", "conference_url_abs", "conference_url_pdf", "proceeding",
}  # fmt: skip
RESULT_FIELDS = {
    "id", "best_rank", "metrics", "methodology", "uses_additional_data", "paper", "best_metric",
    "evaluated_on", "external_source_url",
}  # fmt: skip


@pytest.fixture
def data(db):
    return build()


def get(client, path: str, params=None, status: int = 200):
    response = client.get(BASE + path, params or {})
    assert response.status_code == status, (path, response.content[:300])
    return response.json()


def page(body) -> list[dict]:
    assert set(body) == {"count", "next", "previous", "results"}
    assert isinstance(body["count"], int)
    return body["results"]


def page_number(url: str | None) -> int | None:
    """How the client reads `next` and `previous`: the `page` query parameter, 1 when there is none."""
    if url is None:
        return None
    return int(parse_qs(urlsplit(url).query).get("page", [1])[0])


def test_pages_use_page_and_items_per_page(client, data):
    for n in range(5):
        PaperFactory(title=f"Filler paper {n}")

    first = get(client, "papers/", {"items_per_page": 3})
    second = get(client, "papers/", {"items_per_page": 3, "page": 2})

    assert first["count"] == 8 and len(page(first)) == 3
    assert (page_number(first["next"]), page_number(first["previous"])) == (2, None)
    assert page_number(second["previous"]) == 1
    assert not {p["id"] for p in page(first)} & {p["id"] for p in page(second)}


def test_a_paper_has_the_clients_fields_and_types(client, data):
    (paper,) = page(get(client, "papers/", {"arxiv_id": "2401.01234"}))

    assert set(paper) == PAPER_FIELDS
    assert paper["id"] == str(data.modern.pk)
    assert paper["url_abs"] == "https://arxiv.org/abs/2401.01234"
    assert paper["url_pdf"] == "https://arxiv.org/pdf/2401.01234"
    assert paper["authors"] == ["Ada Example", "Ben Sample"]
    assert paper["published"] == "2024-01-03"
    # The client declares url_abs and url_pdf as required strings: never null, even without arXiv.
    plain = get(client, f"papers/{data.plain.pk}/")
    assert (plain["url_abs"], plain["url_pdf"], plain["arxiv_id"]) == ("https://example.org/steps", "", None)


@pytest.mark.parametrize(
    ("params", "titles"),
    [
        ({"q": "vision"}, ["Sparse Adapters for Vision", "Strings and Vision"]),
        ({"title": "counting"}, ["Counting Steps"]),
        ({"abstract": "variant"}, ["Sparse Adapters for Vision", "Strings and Vision", "Counting Steps"]),
        ({"arxiv_id": "hep-th/9901001"}, ["Strings and Vision"]),
        ({"arxiv_id": "2401.01234v3"}, ["Sparse Adapters for Vision"]),
    ],
)
def test_paper_list_filters(client, data, params, titles):
    assert sorted(p["title"] for p in page(get(client, "papers/", params))) == sorted(titles)


def test_paper_get_by_id_or_arxiv_id_and_404(client, data):
    assert get(client, f"papers/{data.modern.pk}/")["title"] == "Sparse Adapters for Vision"
    assert get(client, "papers/2401.01234/")["id"] == str(data.modern.pk)
    assert get(client, "papers/no-such-paper/", status=404)


def test_a_papers_results_are_its_leaderboard_rows(client, data):
    rows = page(get(client, f"papers/{data.modern.pk}/results/"))

    assert all(set(row) == RESULT_FIELDS for row in rows)
    by_metric = {row["best_metric"]: row for row in rows}
    assert set(by_metric) == {"top-1 accuracy", "error rate", "box AP"}
    accuracy = by_metric["top-1 accuracy"]
    assert accuracy["id"] == str(data.claims["modern_acc"].pk)
    assert accuracy["metrics"] == {"top-1 accuracy": "81.5"}
    assert accuracy["methodology"] == "SparseNet"
    assert accuracy["paper"] == str(data.modern.pk)
    assert accuracy["evaluated_on"] == "2024-01-03"
    assert accuracy["best_rank"] == 1
    assert accuracy["uses_additional_data"] is False


def test_a_papers_datasets_tasks_methods_and_repositories(client, data):
    datasets = page(get(client, f"papers/{data.modern.pk}/datasets/"))
    tasks = page(get(client, f"papers/{data.modern.pk}/tasks/"))
    methods = page(get(client, f"papers/{data.modern.pk}/methods/"))
    repositories = page(get(client, f"papers/{data.modern.pk}/repositories/"))

    assert [d["id"] for d in datasets] == ["coco", "imagenet"]
    assert [(t["id"], t["name"], t["description"]) for t in tasks] == [
        ("image-classification", "Image Classification", ""),
        ("object-detection", "Object Detection", ""),
    ]
    assert [(m["id"], m["name"], m["paper"]) for m in methods] == [
        ("sparsenet", "SparseNet", str(data.modern.pk))
    ]
    assert repositories == [
        {
            "url": "https://github.com/example/sparse-adapters",
            "owner": "example",
            "name": "sparse-adapters",
            "description": "",
            "stars": 0,
            "framework": "none",
            "is_official": True,
        }
    ]


def test_where_we_have_no_data_the_answer_is_an_empty_page(client, data):
    assert page(get(client, f"papers/{data.legacy.pk}/repositories/")) == []
    assert page(get(client, f"papers/{data.plain.pk}/methods/")) == []
    assert page(get(client, "repositories/", {"framework": "pytorch"})) == []
    assert page(get(client, "tasks/image-classification/parents/")) == []
    assert page(get(client, "tasks/image-classification/children/")) == []


def test_repositories_come_from_the_papers_code_urls(client, data):
    (repository,) = page(get(client, "repositories/"))
    detail = get(client, "repositories/example/sparse-adapters/")
    papers = page(get(client, "repositories/example/sparse-adapters/papers/"))

    assert repository["url"] == detail["url"] == "https://github.com/example/sparse-adapters"
    assert [p["id"] for p in papers] == [str(data.modern.pk)]
    get(client, "repositories/example/nothing-here/", status=404)


def test_search_answers_paper_and_repository_pairs(client, data):
    results = page(get(client, "search/", {"q": "Sparse Adapters for Vision"}))

    (hit,) = results
    assert set(hit) == {"paper", "repository", "is_official"}
    assert hit["paper"]["id"] == str(data.modern.pk)
    assert hit["repository"]["name"] == "sparse-adapters"
    assert hit["is_official"] is True


def test_datasets_are_our_benchmarks(client, data):
    datasets = page(get(client, "datasets/"))
    by_alias = page(get(client, "datasets/", {"q": "ILSVRC"}))
    named = page(get(client, "datasets/", {"name": "coco"}))
    detail = get(client, "datasets/coco/")

    assert [d["id"] for d in datasets] == ["coco", "gsm8k", "imagenet"]
    assert set(datasets[0]) == {"id", "name", "full_name", "url"}
    assert [d["id"] for d in by_alias] == ["imagenet"]
    assert [d["id"] for d in named] == ["coco"]
    assert detail == {
        "id": "coco",
        "name": "COCO",
        "full_name": "COCO",
        "url": "https://huggingface.co/datasets/coco",
    }
    get(client, "datasets/nope/", status=404)


def test_a_dataset_has_one_evaluation_table_per_metric(client, data):
    tables = page(get(client, "datasets/imagenet/evaluations/"))

    # Equally reported metrics (two live claims each; the rejected one does not count) go by name.
    assert [t["id"] for t in tables] == ["imagenet--error-rate", "imagenet--top-1-accuracy"]
    assert all(set(t) == {"id", "task", "dataset", "description", "mirror_url"} for t in tables)
    assert {(t["task"], t["dataset"]) for t in tables} == {("image-classification", "imagenet")}


def test_tasks_list_get_papers_and_evaluations(client, data):
    tasks = page(get(client, "tasks/"))
    found = page(get(client, "tasks/", {"q": "detect"}))
    detail = get(client, "tasks/object-detection/")
    papers = page(get(client, "tasks/object-detection/papers/"))
    tables = page(get(client, "tasks/object-detection/evaluations/"))

    assert [t["id"] for t in tasks] == ["image-classification", "object-detection"]
    assert [t["id"] for t in found] == ["object-detection"]
    assert detail == {"id": "object-detection", "name": "Object Detection", "description": ""}
    assert [p["id"] for p in papers] == [str(data.modern.pk)]
    assert [t["id"] for t in tables] == ["coco--box-ap"]
    get(client, "tasks/no-such-task/", status=404)


def test_evaluations_list_get_metrics_and_results(client, data):
    tables = page(get(client, "evaluations/"))
    table = get(client, "evaluations/imagenet--error-rate/")
    metrics = page(get(client, "evaluations/imagenet--error-rate/metrics/"))
    metric = get(client, "evaluations/imagenet--error-rate/metrics/error-rate/")
    results = page(get(client, "evaluations/imagenet--error-rate/results/"))
    result = get(client, f"evaluations/imagenet--error-rate/results/{results[0]['id']}/")

    assert [t["id"] for t in tables] == [
        "coco--box-ap",
        "gsm8k--top-1-accuracy",
        "imagenet--error-rate",
        "imagenet--top-1-accuracy",
    ]
    assert table["dataset"] == "imagenet"
    assert (
        metrics
        == [metric]
        == [{"id": "error-rate", "name": "error rate", "description": "", "is_loss": True}]
    )
    # Lower error is better: rank 1 is the lowest value.
    assert [(r["metrics"], r["best_rank"]) for r in results] == [
        ({"error rate": "18.5"}, 1),
        ({"error rate": "24"}, 2),
    ]
    assert result == results[0]
    get(client, "evaluations/imagenet--nothing/", status=404)
    get(client, "evaluations/imagenet--error-rate/metrics/top-1-accuracy/", status=404)
    get(client, "evaluations/imagenet--error-rate/results/999999/", status=404)


def test_a_metric_that_counts_higher_is_not_a_loss(client, data):
    (metric,) = page(get(client, "evaluations/imagenet--top-1-accuracy/metrics/"))

    assert metric["is_loss"] is False


def test_ties_share_a_rank(client, data):
    ClaimFactory(paper=PaperFactory(), benchmark=data.coco, metric=data.box_ap, value=52.1, method="TieNet")

    results = page(get(client, "evaluations/coco--box-ap/results/"))

    assert [r["best_rank"] for r in results] == [1, 1]


def test_methods_list_and_get(client, data):
    methods = page(get(client, "methods/"))
    detail = get(client, "methods/stringnet/")

    assert [m["id"] for m in methods] == ["sparsenet", "stringnet"]
    assert detail == {
        "id": "stringnet",
        "name": "StringNet",
        "full_name": "StringNet",
        "description": "",
        "paper": str(data.legacy.pk),
    }
    get(client, "methods/bogus/", status=404)  # only a rejected claim names it


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("post", "datasets/"),
        ("patch", "datasets/coco/"),
        ("delete", "evaluations/imagenet--error-rate/"),
        ("post", "evaluations/imagenet--error-rate/results/"),
        ("post", "rpc/evaluation-synchronize/"),
        ("put", "tasks/object-detection/"),
    ],
)
def test_writes_are_405_with_a_message_pointing_to_our_api(client, data, method, path):
    response = getattr(client, method)(BASE + path, {"name": "x"}, content_type="application/json")

    assert response.status_code == 405
    body = response.json()
    # The old client shows `message` for statuses it has no text of its own for.
    assert "/api/v1/" in body["message"] and body["detail"] == body["message"]


def test_a_token_from_the_old_site_is_ignored_for_reads(client, data):
    response = client.get(BASE + "papers/", headers={"Authorization": "Token 0909acbe65c81aaef99478e9"})

    assert response.status_code == 200


def test_both_trailing_slash_forms_answer(client, data):
    assert client.get(BASE + "evaluations").status_code == 200
    assert client.get(BASE + "evaluations/").status_code == 200


@pytest.mark.parametrize(
    "url",
    [
        "/pwc/api/v1/search/?q=%00",
        "/pwc/api/v1/papers/?title=a%00b",
        "/pwc/api/v1/papers/%00/results/",
        "/pwc/api/v1/datasets/%00/evaluations/",
        "/hf/api/v1/tasks/%00/page",
        "/hf/api/v1/datasets/?q=%00",
    ],
)
def test_a_null_character_is_a_400_naming_the_parameter(client, data, url):
    response = client.get(url)

    assert response.status_code == 400
    assert "Null characters" in str(response.json())
