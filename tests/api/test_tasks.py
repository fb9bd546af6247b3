"""The task catalog on the API: list with search and pagination, detail with benchmarks and subtasks."""

import pytest
from django.urls import reverse

from tests.claims.factories import BenchmarkFactory, TaskAliasFactory, TaskFactory

pytestmark = [pytest.mark.api, pytest.mark.django_db]


@pytest.fixture
def catalog():
    detection = TaskFactory(name="Object Detection", slug="object-detection", categories=["Computer Vision"])
    TaskAliasFactory(task=detection, name="Object Localisation")
    crowds = TaskFactory(
        name="Dense Pedestrian Detection", slug="dense-pedestrian-detection", parent=detection
    )
    qa = TaskFactory(name="Question Answering", slug="question-answering", categories=["NLP"])
    coco = BenchmarkFactory(name="COCO", slug="coco")
    coco.tasks.add(detection)
    night = BenchmarkFactory(name="Dense Crowds (Night)", slug="dense-crowds-night")
    night.tasks.add(crowds)
    squad = BenchmarkFactory(name="SQuAD 2.0", slug="squad-2-0")
    squad.tasks.add(qa)
    return detection, crowds, qa


def test_tasks_are_listed_with_their_counts_and_found_by_synonym(api_client, catalog):
    listed = api_client.get(reverse("task-list")).json()
    found = api_client.get(reverse("task-list"), {"q": "localisation"}).json()["results"]

    assert [t["slug"] for t in listed["results"]] == [
        "dense-pedestrian-detection",
        "object-detection",
        "question-answering",
    ]
    detection = listed["results"][1]
    assert (detection["benchmark_count"], detection["subtask_count"]) == (1, 1)
    assert detection["categories"] == ["Computer Vision"]
    assert listed["results"][0]["parent"]["slug"] == "object-detection"
    assert [t["slug"] for t in found] == ["object-detection"]


def test_tasks_are_paginated_and_filtered_by_parent_and_area(api_client, catalog):
    page = api_client.get(reverse("task-list"), {"page_size": 2}).json()
    subtasks = api_client.get(reverse("task-list"), {"parent": "object-detection"}).json()["results"]
    top = api_client.get(reverse("task-list"), {"top_level": "true"}).json()["results"]
    nlp = api_client.get(reverse("task-list"), {"category": "nlp"}).json()["results"]

    assert (page["count"], len(page["results"]), page["next"] is not None) == (3, 2, True)
    assert [t["slug"] for t in subtasks] == ["dense-pedestrian-detection"]
    assert [t["slug"] for t in top] == ["object-detection", "question-answering"]
    assert [t["slug"] for t in nlp] == ["question-answering"]


def test_a_task_shows_its_benchmarks_and_subtasks(api_client, catalog):
    detail = api_client.get(reverse("task-detail", args=["object-detection"]))

    assert detail.status_code == 200
    assert [b["slug"] for b in detail.json()["benchmarks"]] == ["coco"]
    assert [t["slug"] for t in detail.json()["subtasks"]] == ["dense-pedestrian-detection"]
    assert set(detail.json()["aliases"]) == {"Object Localisation"}
    assert api_client.get(reverse("task-detail", args=["no-such-task"])).status_code == 404


def test_benchmarks_are_filtered_by_task_and_its_subtasks(api_client, catalog):
    detection = api_client.get(reverse("benchmark-list"), {"task": "object-detection"}).json()["results"]
    crowds = api_client.get(reverse("benchmark-list"), {"task": "dense-pedestrian-detection"}).json()[
        "results"
    ]
    unknown = api_client.get(reverse("benchmark-list"), {"task": "no-such-task"})

    assert [b["slug"] for b in detection] == ["coco", "dense-crowds-night"]
    assert [b["slug"] for b in crowds] == ["dense-crowds-night"]
    assert detection[0]["tasks"] == [
        {"id": catalog[0].pk, "slug": "object-detection", "name": "Object Detection"}
    ]
    assert unknown.status_code == 400 and "task" in unknown.json()


def test_the_free_text_task_filter_still_works(api_client):
    BenchmarkFactory(name="ADE20K", slug="ade20k", task="semantic segmentation")
    BenchmarkFactory(name="MNIST", slug="mnist")

    found = api_client.get(reverse("benchmark-list"), {"task_text": "segment"}).json()["results"]

    assert [b["slug"] for b in found] == ["ade20k"]


def test_bad_task_parameters_are_400(api_client, catalog):
    assert api_client.get(reverse("task-list"), {"top_level": "maybe"}).status_code == 400
    assert api_client.get(reverse("task-list"), {"parent": "nope"}).status_code == 400
    assert (
        api_client.get(reverse("task-list"), {"ordering": "benchmark_count", "page": 99}).status_code == 404
    )
