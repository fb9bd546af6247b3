"""The pwc CLI's v1 contract (pwc-cli 0.1.16), endpoint by endpoint, with the requests the CLI sends.

Base: /hf/api/v1 (`PWC_API_URL=http://host/hf/api/v1`). The requests below are the ones the contract
document lists; each test names the command that sends them.
"""

import datetime
import json

import pytest
from django.utils import timezone

from claims.models import Claim
from tests.api.pwc_data import build
from tests.claims.factories import BenchmarkFactory, ClaimFactory, MetricFactory
from tests.papers.factories import PaperFactory

pytestmark = [pytest.mark.api, pytest.mark.django_db]

BASE = "/hf/api/v1/"
TWO_MIB = 2 * 1024 * 1024


@pytest.fixture
def data(db):
    return build()


def get(client, path: str, params=None, status: int = 200, **headers):
    response = client.get(BASE + path, params or {}, headers=headers)
    assert response.status_code == status, (path, response.status_code, response.content[:500])
    # Every answer is JSON the CLI can json.loads, and never the CLI's own {schema_version, data} wrapper.
    body = json.loads(response.content)
    if isinstance(body, dict):
        assert "schema_version" not in body
    return body


def list_envelope(body) -> list[dict]:
    """What the CLI's list reader accepts: an object with a `results` list and an int-convertible count."""
    assert isinstance(body, dict) and isinstance(body["results"], list)
    assert isinstance(body["count"], int)
    assert all(isinstance(item, dict) for item in body["results"])
    return body["results"]


# 1. Transport


@pytest.mark.parametrize(
    "path",
    [
        "papers/search?q=vision&page=1&page_size=10&mode=hybrid",
        "papers/?page=1&page_size=20&latest_only=true&order_by=trending&order_dir=desc&include_resources=false",
        "papers/2401.01234?include_resources=false",
        "papers/hep-th/9901001?include_resources=false",
        "evaluations/?page=1&page_size=100&paper_id={modern}&ordering=-benchmark_popularity",
        "datasets/?q=imagenet&page=1&page_size=100",
        "datasets/{imagenet}/evaluations/?page=1&page_size=100&ordering=best_rank",
        "datasets/?page=1&page_size=50&include_descendants=false&ordering=name",
        "tasks/Image%20Classification/trending-benchmarks?limit=100&min_recent_papers=0&include_descendants=false",
        "areas/with-task-benchmarks/?benchmarks_per_task=3&min_eval_count=2",
        "areas/?page=1&page_size=500&ordering=name",
        "tasks/?page=1&page_size=50&visible_only=false&ordering=name",
        "areas/with-tasks/",
        "tasks/?q=Image%20Classification&page=1&page_size=100",
        "tasks/image-classification",
        "tasks/image-classification/page",
        "tasks/image-classification/trending-benchmarks?limit=100&min_recent_papers=0",
        "tasks/image-classification/papers?page=1&page_size=100&order_by=trending&order_dir=desc&include_resources=true",
    ],
)
def test_every_path_the_cli_sends_answers_200_as_sent_without_a_redirect(client, data, path):
    url = BASE + path.format(modern=data.modern.pk, imagenet=data.imagenet.pk)
    headers = {"Accept": "application/json, text/plain;q=0.9", "User-Agent": "pwc-cli/0.1.16"}

    response = client.get(url, headers=headers)

    assert response.status_code == 200, response.content[:300]
    json.loads(response.content)


@pytest.mark.parametrize("path", ["papers/search/", "papers", "datasets", "tasks/image-classification/page/"])
def test_the_other_trailing_slash_answers_too(client, data, path):
    assert client.get(BASE + path).status_code == 200


def test_a_bearer_token_is_not_needed_and_not_refused(client, data):
    body = get(client, "papers/search", {"q": "vision"}, Authorization="Bearer not-one-of-ours")

    assert list_envelope(body)


def test_writes_are_refused_with_a_pointer_to_our_api(client, data):
    response = client.post(BASE + "papers/", {"title": "x"})

    assert response.status_code == 405
    assert "/api/v1/" in response.json()["detail"]


# 2 and 5.1. Search and title resolution


def test_search_items_carry_the_fields_the_cli_shows(client, data):
    items = list_envelope(
        get(client, "papers/search", {"q": "Sparse Adapters for Vision", "page": 1, "page_size": 10})
    )

    (item,) = items
    assert item["arxiv_id"] == "2401.01234"
    assert item["id"] == data.modern.pk
    assert item["title"] == "Sparse Adapters for Vision"
    assert item["published"] == "2024-01-03"
    assert "citation_count" in item


def test_search_filters_by_publication_dates(client, data):
    items = list_envelope(
        get(client, "papers/search", {"q": "Vision", "start_date": "2000-01-01", "end_date": "2030-12-31"})
    )

    assert [item["id"] for item in items] == [data.modern.pk]


@pytest.mark.parametrize(
    "params",
    [
        {"q": "x", "start_date": "2024-02-01", "end_date": "2024-01-01"},
        {"q": "x", "start_date": "yesterday"},
        {"q": "x", "mode": "psychic"},
        {"q": "x", "page_size": "many"},
    ],
)
def test_bad_search_parameters_are_a_400_naming_them(client, data, params):
    body = get(client, "papers/search", params, status=400)

    assert set(body) & {"start_date", "mode", "page_size"}


def test_an_empty_search_is_an_empty_list_not_an_error(client, data):
    body = get(client, "papers/search", {"q": "no such words anywhere"})

    assert list_envelope(body) == [] and body["count"] == 0


def test_title_resolution_finds_an_exact_title_in_the_first_page(client, data):
    for n in range(25):
        PaperFactory(title=f"More about Sparse Adapters for Vision, part {n}")

    items = list_envelope(
        get(
            client,
            "papers/search",
            {"q": "sparse adapters for vision", "page": 1, "page_size": 20, "mode": "keyword"},
        )
    )

    assert items[0]["title"] == "Sparse Adapters for Vision"
    assert items[0]["arxiv_id"] or items[0]["route_identifier"] or items[0]["id"]


# 5.2 Paper info


@pytest.mark.parametrize("ref", ["2401.01234", "2401.01234v2", "{pk}"])
def test_paper_info_accepts_our_id_and_arxiv_ids(client, data, ref):
    body = get(client, f"papers/{ref.format(pk=data.modern.pk)}", {"include_resources": "false"})

    assert isinstance(body, dict)
    assert body["id"] == data.modern.pk
    assert body["authors"] == ["Ada Example", "Ben Sample"]
    assert all(isinstance(name, str) for name in body["authors"])
    assert body["abstract"] == data.modern.abstract
    assert body["url_abs"] == "https://arxiv.org/abs/2401.01234"
    assert body["predecessor_papers"] == [] and body["successor_papers"] == []
    assert "repositories" not in body


def test_a_legacy_arxiv_id_keeps_its_slash_in_the_path(client, data):
    body = get(client, "papers/hep-th/9901001", {"include_resources": "false"})

    assert (body["id"], body["arxiv_id"]) == (data.legacy.pk, "hep-th/9901001")


def test_paper_resources_list_the_official_code(client, data):
    body = get(client, f"papers/{data.modern.pk}", {"include_resources": "true"})

    assert body["repositories"] == [
        {"url": "https://github.com/example/sparse-adapters", "is_official": True}
    ]
    assert body["project_pages"] == [] and body["hf_models"] == [] and body["hf_spaces"] == []


def test_an_unknown_paper_is_a_404_and_a_bad_flag_a_400(client, data):
    get(client, "papers/99999999", {"include_resources": "false"}, status=404)
    get(client, "papers/astro-ph/0000001", {"include_resources": "false"}, status=404)
    get(client, f"papers/{data.modern.pk}", {"include_resources": "sometimes"}, status=400)


def test_include_evals_collects_exactly_count_rows_page_by_page(client, data):
    collected, page = [], 1
    while True:
        body = get(
            client,
            "evaluations/",
            {"page": page, "page_size": 1, "paper_id": data.modern.pk, "ordering": "-benchmark_popularity"},
        )
        rows = list_envelope(body)
        collected += rows
        if not rows or len(collected) >= body["count"]:
            break
        page += 1

    # ImageNet accuracy and error, COCO box AP: the paper's leaderboard rows; ImageNet has more papers.
    assert body["count"] == len(collected) == 3
    assert [row["dataset_name"] for row in collected] == ["ImageNet", "ImageNet", "COCO"]
    ap = collected[2]
    assert ap["model_name"] == "SparseNet"
    assert ap["metrics"] == {"box AP": 52.1}
    assert ap["best_metric"] == "box AP"
    assert ap["best_rank"] == 1
    assert ap["task_name"] == "Object Detection"
    assert ap["is_open"] is True
    assert ap["result_url"] == "https://arxiv.org/abs/2401.01234"


# 6.1 Benchmark leaderboard


@pytest.mark.parametrize("name", ["ImageNet", "imagenet", "ILSVRC 2012", "{pk}"])
def test_benchmark_lookup_finds_it_by_name_slug_alias_or_id(client, data, name):
    wanted = name.format(pk=data.imagenet.pk)
    items = list_envelope(get(client, "datasets/", {"q": wanted, "page": 1, "page_size": 100}))

    assert data.imagenet.pk in [item["id"] for item in items]
    item = next(item for item in items if item["id"] == data.imagenet.pk)
    assert (item["name"], item["full_name"], item["slug"]) == ("ImageNet", "ImageNet", "imagenet")


def test_benchmark_lookup_puts_the_exact_name_in_the_first_hundred(client, data):
    for n in range(120):
        BenchmarkFactory(name=f"AAA ImageNet variant {n:03d}")

    items = list_envelope(get(client, "datasets/", {"q": "ImageNet", "page": 1, "page_size": 100}))

    assert items[0]["id"] == data.imagenet.pk


def test_the_leaderboard_ranks_by_each_metrics_direction_with_integer_ranks(client, data):
    body = get(
        client,
        f"datasets/{data.imagenet.pk}/evaluations/",
        {"page": 1, "page_size": 100, "ordering": "best_rank"},
    )
    rows = list_envelope(body)

    assert body["count"] == len(rows) == 4
    ranks = {(row["model_name"], row["best_metric"]): row["best_rank"] for row in rows}
    # Higher accuracy is better, lower error is better: SparseNet leads both; the rejected 99.9 never shows.
    assert ranks == {
        ("SparseNet", "top-1 accuracy"): 1,
        ("SparseNet", "error rate"): 1,
        ("StringNet", "top-1 accuracy"): 2,
        ("StringNet", "error rate"): 2,
    }
    assert all(type(row["best_rank"]) is int for row in rows)
    assert [row["best_rank"] for row in rows] == sorted(row["best_rank"] for row in rows)
    for row in rows:
        assert {"paper_id", "task_id", "dataset_id", "model_name", "harness"} <= set(row)
        assert {"paper_title", "paper_arxiv_id", "paper_published_date", "is_open"} <= set(row)
        assert all(isinstance(value, float | int) for value in row["metrics"].values())
    assert {row["harness"] for row in rows if row["model_name"] == "StringNet"} == {"", "zero-shot"}


def test_the_leaderboard_answers_by_slug_and_filters_on_is_open(client, data):
    assert list_envelope(get(client, "datasets/imagenet/evaluations/", {"is_open": "true"}))
    assert list_envelope(get(client, "datasets/imagenet/evaluations/", {"is_open": "false"})) == []
    get(client, "datasets/imagenet/evaluations/", {"is_open": "perhaps"}, status=400)
    get(client, "datasets/imagenet/evaluations/", {"ordering": "value"}, status=400)
    get(client, "datasets/no-such-benchmark/evaluations/", status=404)


def test_a_page_of_100_long_rows_stays_under_the_clis_2_mib_cap(client, data):
    benchmark, metric = BenchmarkFactory(name="Long"), MetricFactory(name="long metric")
    for n in range(100):
        paper = PaperFactory(title=f"{'A very long title ' * 30}{n}", abstract="x" * 50_000)
        ClaimFactory(
            paper=paper, benchmark=benchmark, metric=metric, value=n, method="M" * 255, evidence="e" * 20_000
        )

    response = client.get(BASE + f"datasets/{benchmark.pk}/evaluations/", {"page": 1, "page_size": 100})
    papers = client.get(BASE + "papers/", {"page": 1, "page_size": 100})

    assert len(list_envelope(response.json())) == 100
    assert len(response.content) < TWO_MIB
    assert len(list_envelope(papers.json())) == 100
    assert len(papers.content) < TWO_MIB


# 6.2 Benchmark list


def test_the_flat_benchmark_list_orders_and_counts(client, data):
    items = list_envelope(
        get(
            client,
            "datasets/",
            {"page": 1, "page_size": 50, "include_descendants": "false", "ordering": "-paper_count"},
        )
    )

    assert items[0]["id"] == data.imagenet.pk
    assert items[0]["paper_count"] == 2  # the rejected claim's paper is not counted
    assert {"id", "name", "description", "hf_url", "full_name", "paper_count"} <= set(items[0])
    coco = next(item for item in items if item["slug"] == "coco")
    assert coco["hf_url"] == "https://huggingface.co/datasets/coco"


def test_the_flat_benchmark_list_filters_by_task_and_evaluation_count(client, data):
    by_task = list_envelope(
        get(client, "datasets/", {"task": "Object Detection", "include_descendants": "true"})
    )
    busy = list_envelope(get(client, "datasets/", {"min_eval_count": 3}))

    assert [item["slug"] for item in by_task] == ["coco"]
    assert [item["slug"] for item in busy] == ["imagenet"]
    get(client, "datasets/", {"ordering": "popularity"}, status=400)
    get(client, "datasets/", {"min_eval_count": "-1"}, status=400)


@pytest.mark.parametrize("ref", ["Image Classification", "image-classification", "IMAGE CLASSIFICATION"])
def test_task_trending_benchmarks_resolve_a_name_slug_or_id(client, data, ref):
    body = get(client, f"tasks/{ref}/trending-benchmarks", {"limit": 100, "min_recent_papers": 0})

    assert isinstance(body, dict) and isinstance(body["results"], list)
    assert body["task_slug"] == "image-classification"
    (item,) = body["results"]
    assert (item["id"], item["slug"], item["name"]) == (data.imagenet.pk, "imagenet", "ImageNet")
    assert item["all_time_paper_count"] == 2
    assert isinstance(item["recent_paper_count"], int) and isinstance(item["trend_score"], float)
    assert item["best_model_name"] == "SparseNet"
    assert item["best_code_url"] == "https://github.com/example/sparse-adapters"


def test_trending_benchmarks_of_an_unknown_task_is_a_404(client, data):
    get(client, "tasks/Underwater Basket Weaving/trending-benchmarks", {"limit": 100}, status=404)


def test_the_grouped_benchmark_list_nests_areas_tasks_and_benchmarks(client, data):
    areas = list_envelope(
        get(client, "areas/with-task-benchmarks/", {"benchmarks_per_task": 3, "min_eval_count": 2})
    )

    (area,) = areas
    assert {"id", "name", "tasks"} <= set(area)
    tasks = {task["name"]: task for task in area["tasks"]}
    # COCO has a single evaluation, below min_eval_count; GSM8K has no task yet.
    assert [b["slug"] for b in tasks["Image Classification"]["benchmarks"]] == ["imagenet"]
    assert "Object Detection" not in tasks
    assert [b["slug"] for b in tasks["No task yet"]["benchmarks"]] == ["gsm8k"]
    benchmark = tasks["Image Classification"]["benchmarks"][0]
    assert {"id", "name", "full_name", "slug", "description", "hf_url", "evaluation_count"} <= set(benchmark)


# 6.3 Tasks and areas


def test_the_flat_task_list_has_ids_areas_and_counts(client, data):
    areas = list_envelope(get(client, "areas/", {"page": 1, "page_size": 500, "ordering": "name"}))
    tasks = list_envelope(
        get(
            client,
            "tasks/",
            {"page": 1, "page_size": 50, "visible_only": "false", "ordering": "-evaluation_count"},
        )
    )

    assert [area["id"] for area in areas] == ["other"]
    assert [task["name"] for task in tasks] == ["Image Classification", "Object Detection"]
    first = tasks[0]
    assert (first["id"], first["slug"], first["area_id"], first["level"]) == (
        "image-classification",
        "image-classification",
        "other",
        0,
    )
    assert (first["paper_count"], first["benchmark_count"], first["evaluation_count"]) == (2, 1, 4)
    assert list_envelope(get(client, "tasks/", {"area_id": "nowhere"})) == []
    get(client, "tasks/", {"ordering": "mood"}, status=400)


def test_the_grouped_task_list(client, data):
    (area,) = list_envelope(get(client, "areas/with-tasks/"))

    assert [task["slug"] for task in area["tasks"]] == ["image-classification", "object-detection"]
    assert {"name", "slug", "paper_count", "benchmark_count", "evaluation_count"} <= set(area["tasks"][0])


def test_task_name_lookup_then_detail_page_and_papers(client, data):
    items = list_envelope(get(client, "tasks/", {"q": "Object Detection", "page": 1, "page_size": 100}))
    (summary,) = [item for item in items if item["name"] == "Object Detection"]

    task = get(client, f"tasks/{summary['id']}")
    page = get(client, f"tasks/{summary['id']}/page")
    trending = get(
        client, f"tasks/{summary['id']}/trending-benchmarks", {"limit": 100, "min_recent_papers": 0}
    )
    papers = get(
        client,
        f"tasks/{summary['id']}/papers",
        {
            "page": 1,
            "page_size": 100,
            "order_by": "trending",
            "order_dir": "desc",
            "include_resources": "true",
        },
    )

    assert task["id"] == summary["id"] and task["benchmark_count"] == 1
    assert isinstance(page["task"], dict) and isinstance(page["benchmarks"], list)
    assert [b["id"] for b in page["benchmarks"]] == [data.coco.pk]
    assert page["parents"] == [] and page["children"] == [] and page["subtask_benchmarks"] == []
    assert [b["id"] for b in trending["results"]] == [data.coco.pk]
    (paper,) = list_envelope(papers)
    assert paper["id"] == data.modern.pk and paper["methods"] == ["SparseNet"]
    get(client, "tasks/no-such-task/page", status=404)


# 5.3 Paper list and its filter echo


def test_paper_list_echoes_every_filter_it_applied(client, data):
    params = {
        "page": 1,
        "page_size": 20,
        "task": "Image Classification",
        "method": "stringnet",
        "start_date": "1999-01-01",
        "latest_only": "true",
        "order_by": "date_published",
        "order_dir": "desc",
        "include_resources": "false",
    }

    body = get(client, "papers/", params)

    assert [item["id"] for item in list_envelope(body)] == [data.legacy.pk]
    for key in ("task", "method", "start_date"):
        assert str(body["applied_filters"][key]).casefold() == str(params[key]).casefold()


def test_filters_we_do_not_record_match_nothing_but_are_still_confirmed(client, data):
    body = get(client, "papers/", {"organization": "Example Lab", "conference": "NeurIPS"})

    assert list_envelope(body) == []
    assert body["applied_filters"] == {"organization": "Example Lab", "conference": "NeurIPS"}


def test_paper_list_orders_by_date_both_ways(client, data):
    newest = list_envelope(get(client, "papers/", {"order_by": "date_published", "order_dir": "desc"}))
    oldest = list_envelope(get(client, "papers/", {"order_by": "date_published", "order_dir": "asc"}))

    assert [p["id"] for p in newest][:2] == [data.modern.pk, data.legacy.pk]
    assert [p["id"] for p in oldest][:2] == [data.legacy.pk, data.modern.pk]
    get(client, "papers/", {"order_by": "stars"}, status=400)


def test_rejected_claims_never_reach_a_row(client, data):
    rows = list_envelope(get(client, "evaluations/", {"paper_id": data.plain.pk}))

    assert [row["metrics"] for row in rows] == [{"top-1 accuracy": 40.7}]
    assert Claim.objects.filter(paper=data.plain, status=Claim.Status.REJECTED).exists()


# 5.4 Other paper reads


def test_paper_read_is_markdown_text_not_json(client, data):
    response = client.get(BASE + "research/papers/hep-th/9901001/read")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/markdown")
    text = response.content.decode()
    assert text.startswith("# Strings and Vision\n") and data.legacy.abstract in text


def test_paper_lineage_related_recent_and_trending(client, data):
    today = timezone.now().date()
    hot = PaperFactory(title="Hot", published=today - datetime.timedelta(days=10), upvotes=50)  # 5 a day
    warm = PaperFactory(title="Warm", published=today - datetime.timedelta(days=5), upvotes=5)  # 1 a day
    data.legacy.upvotes = 3000
    data.legacy.save()

    lineage = get(client, "research/papers/2401.01234/lineage")
    related = list_envelope(get(client, "papers/2401.01234/related", {"limit": 4}))
    recent = list_envelope(get(client, "papers/recent", {"limit": 3}))
    trending = list_envelope(get(client, "papers/trending", {"limit": 20, "max_age_days": 365}))

    assert lineage == {
        "paper": {
            "reference": "2401.01234",
            "title": "Sparse Adapters for Vision",
            "published": "2024-01-03",
        },
        "predecessors": [],
        "successors": [],
    }
    # The legacy paper shares ImageNet; the plain one reports only a rejected claim there.
    assert [p["id"] for p in related] == [data.legacy.pk]
    assert [p["id"] for p in recent] == [warm.pk, hot.pk, data.modern.pk]
    # Upvotes a day, among papers of the last year: the 1999 paper's upvotes do not make it trend.
    assert [p["id"] for p in trending] == [hot.pk, warm.pk]
    fast = list_envelope(get(client, "papers/trending", {"max_age_days": 365, "min_velocity": 2}))
    assert [p["id"] for p in fast] == [hot.pk]
    get(client, "papers/trending", {"max_age_days": 0}, status=400)


def test_unknown_paths_are_json_404s(client, data):
    response = client.get(BASE + "methods/")
    post = client.post("/pwc/api/v1/conferences/", {})

    assert response.status_code == 404 and "No such endpoint" in response.json()["detail"]
    assert post.status_code == 404 and post.json()["detail"]
