"""Both Papers with Code compatible APIs read tasks from the task catalog, and keep free-text tasks."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from claims.pwc_compat.selectors import tasks
from tests.claims.factories import (
    BenchmarkFactory,
    ClaimFactory,
    MetricFactory,
    TaskAliasFactory,
    TaskFactory,
)

pytestmark = [pytest.mark.api, pytest.mark.django_db]

CLI, LEGACY = "/hf/api/v1/", "/pwc/api/v1/"


@pytest.fixture
def catalog(db):
    """Question Answering > Open-Domain QA (synonym "ODQA"), Parsing with no category, and a benchmark
    whose only task is its free text."""
    qa = TaskFactory(
        name="Question Answering", categories=["Natural Language Processing"], description="Q&A."
    )
    odqa = TaskFactory(
        name="Open-Domain Question Answering", parent=qa, categories=["Natural Language Processing"]
    )
    TaskAliasFactory(task=odqa, name="ODQA")
    parsing = TaskFactory(name="Parsing", categories=[])
    metric = MetricFactory(name="EM", slug="em")
    squad = BenchmarkFactory(name="SQuAD", slug="squad", task="reading")
    squad.tasks.add(qa)
    nq = BenchmarkFactory(name="Natural Questions", slug="natural-questions", task="")
    nq.tasks.add(odqa)
    ptb = BenchmarkFactory(name="PTB", slug="ptb")
    ptb.tasks.add(parsing)
    loose = BenchmarkFactory(name="Loose Board", slug="loose-board", task="Traffic Forecasting")
    for benchmark in (squad, nq, nq, loose):
        ClaimFactory(benchmark=benchmark, metric=metric)
    return {"qa": qa, "odqa": odqa, "squad": squad, "nq": nq, "loose": loose}


def body(client, url, status=200, **params):
    response = client.get(url, params)
    assert response.status_code == status, response.content[:300]
    return response.json()


def test_catalog_tasks_have_ids_levels_parents_and_areas(catalog):
    found = {task.id: task for task in tasks.task_list()}

    assert set(found) == {
        "question-answering",
        "open-domain-question-answering",
        "parsing",
        "traffic-forecasting",
    }
    child = found["open-domain-question-answering"]
    assert (child.level, child.parent_id, child.area.name) == (
        1,
        "question-answering",
        "Natural Language Processing",
    )
    assert (found["question-answering"].level, found["question-answering"].parent_id) == (0, None)
    assert tasks.task_children(task=found["question-answering"]) == [child]
    assert tasks.task_parents(task=child) == [found["question-answering"]]
    assert found["parsing"].area == tasks.OTHER_AREA
    assert found["traffic-forecasting"].area == tasks.OTHER_AREA


def test_areas_come_from_categories_with_other_last(catalog):
    assert [(a.id, a.name) for a in tasks.area_list()] == [
        ("natural-language-processing", "Natural Language Processing"),
        ("other", "Other"),
    ]
    assert [t.id for t in tasks.task_list(area_id="Natural Language Processing")] == [
        "open-domain-question-answering",
        "question-answering",
    ]
    assert [t.id for t in tasks.task_list(area_id="other")] == ["parsing", "traffic-forecasting"]


def test_a_synonym_is_found_by_q_and_by_ref(catalog):
    assert [t.id for t in tasks.task_list(q="odqa")] == ["open-domain-question-answering"]
    assert tasks.task_get(ref="ODQA").id == "open-domain-question-answering"


def test_a_task_has_its_linked_benchmarks_and_free_text_ones_stay(catalog):
    qa = tasks.task_get(ref="question-answering")
    # SQuAD's free text ("reading") gives no task of its own: its catalog link wins.
    assert list(tasks.benchmarks_of_task(task=qa).values_list("name", flat=True)) == ["SQuAD"]
    assert tasks.task_get(ref="reading") is None
    loose = tasks.task_get(ref="Traffic Forecasting")
    assert list(tasks.benchmarks_of_task(task=loose).values_list("name", flat=True)) == ["Loose Board"]
    counts = tasks.task_counts(tasks=[qa, loose, tasks.task_get(ref="open-domain-question-answering")])
    assert [(c.paper_count, c.benchmark_count, c.evaluation_count) for c in counts.values()] == [
        (1, 1, 1),
        (1, 1, 1),
        (2, 1, 2),
    ]


def test_free_text_with_a_catalog_slug_joins_that_task(catalog):
    BenchmarkFactory(name="Other QA", slug="other-qa", task="question answering")

    qa = tasks.task_get(ref="question-answering")
    assert qa.name == "Question Answering"
    assert set(tasks.benchmarks_of_task(task=qa).values_list("name", flat=True)) == {"SQuAD", "Other QA"}
    assert len([t for t in tasks.task_list() if t.id == "question-answering"]) == 1


def test_cli_task_page_lists_parent_children_and_benchmarks(client, catalog):
    page = body(client, CLI + "tasks/question-answering/page")
    assert [c["id"] for c in page["children"]] == ["open-domain-question-answering"]
    assert page["parents"] == []
    assert [b["slug"] for b in page["benchmarks"]] == ["squad"]
    child = body(client, CLI + "tasks/ODQA/page")
    assert (child["task"]["level"], child["task"]["parent_id"]) == (1, "question-answering")
    assert [p["id"] for p in child["parents"]] == ["question-answering"]
    assert child["task"]["area_id"] == "natural-language-processing"


def test_cli_lists_areas_tasks_and_benchmarks_of_a_task(client, catalog):
    areas = body(client, CLI + "areas/")["results"]
    assert [a["id"] for a in areas] == ["natural-language-processing", "other"]
    grouped = body(client, CLI + "areas/with-tasks/")["results"]
    assert [[t["slug"] for t in a["tasks"]] for a in grouped] == [
        ["open-domain-question-answering", "question-answering"],
        ["parsing", "traffic-forecasting"],
    ]
    assert [t["id"] for t in body(client, CLI + "tasks/", q="ODQA")["results"]] == [
        "open-domain-question-answering"
    ]
    level_one = body(client, CLI + "tasks/", level=1)["results"]
    assert [t["id"] for t in level_one] == ["open-domain-question-answering"]
    datasets = body(client, CLI + "datasets/", task="question-answering")["results"]
    assert [(d["slug"], d["task_id"]) for d in datasets] == [("squad", "question-answering")]
    loose = body(client, CLI + "datasets/", task="traffic-forecasting")["results"]
    assert [(d["slug"], d["task_id"], d["task_name"]) for d in loose] == [
        ("loose-board", "traffic-forecasting", "Traffic Forecasting")
    ]


def test_legacy_client_sees_parents_children_areas_and_synonyms(client, catalog):
    children = body(client, LEGACY + "tasks/question-answering/children/")["results"]
    assert [c["id"] for c in children] == ["open-domain-question-answering"]
    parents = body(client, LEGACY + "tasks/open-domain-question-answering/parents/")["results"]
    assert [p["id"] for p in parents] == ["question-answering"]
    assert [t["id"] for t in body(client, LEGACY + "tasks/", q="odqa")["results"]] == [
        "open-domain-question-answering"
    ]
    area_tasks = body(client, LEGACY + "areas/natural-language-processing/tasks/")["results"]
    assert [t["id"] for t in area_tasks] == ["open-domain-question-answering", "question-answering"]
    assert body(client, LEGACY + "tasks/question-answering/")["description"] == "Q&A."
    body(client, LEGACY + "tasks/no-such-task/", status=404)


@pytest.mark.parametrize(
    "url",
    [
        CLI + "tasks/",
        CLI + "datasets/",
        CLI + "areas/with-tasks/",
        CLI + "areas/with-task-benchmarks/",
        CLI + "datasets/squad/evaluations/",
        LEGACY + "tasks/",
        LEGACY + "evaluations/",
        LEGACY + "datasets/",
    ],
)
def test_catalog_backed_lists_ask_as_many_queries_for_many_tasks(client, catalog, url):
    def queries() -> int:
        cache.clear()
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    def grow(n: int) -> None:
        for _ in range(n):
            task = TaskFactory(parent=catalog["qa"], categories=["Vision"])
            TaskAliasFactory(task=task)
            benchmark = BenchmarkFactory()
            benchmark.tasks.add(task, catalog["odqa"])
            ClaimFactory(benchmark=benchmark, metric=catalog["squad"].claims.first().metric)

    grow(2)
    few = queries()
    grow(20)
    assert queries() == few
