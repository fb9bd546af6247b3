"""The task selector of the Papers with Code compatible APIs: free-text tasks (see also test_pwc_task_catalog)."""

import pytest

from claims.pwc_compat.selectors import tasks
from tests.claims.factories import BenchmarkFactory, ClaimFactory, MetricFactory

pytestmark = pytest.mark.django_db


def test_spellings_of_one_task_fold_into_one():
    BenchmarkFactory(name="COCO", task="Object Detection")
    BenchmarkFactory(name="VOC", task="object detection")
    BenchmarkFactory(name="ImageNet", task="Image Classification")
    BenchmarkFactory(name="Loose", task="")

    found = tasks.task_list()

    assert [(t.id, t.name) for t in found] == [
        ("image-classification", "Image Classification"),
        ("object-detection", "Object Detection"),
    ]
    detection = found[1]
    assert set(detection.names) == {"Object Detection", "object detection"}
    assert set(tasks.benchmarks_of_task(task=detection).values_list("name", flat=True)) == {"COCO", "VOC"}


@pytest.mark.parametrize(
    "ref", ["object-detection", "Object Detection", "OBJECT DETECTION", " object detection "]
)
def test_a_task_is_found_by_id_slug_or_name(ref):
    BenchmarkFactory(name="COCO", task="Object Detection")

    assert tasks.task_get(ref=ref).id == "object-detection"


@pytest.mark.parametrize("ref", ["", "segmentation", "---"])
def test_an_unknown_task_is_none(ref):
    BenchmarkFactory(name="COCO", task="Object Detection")

    assert tasks.task_get(ref=ref) is None


def test_counts_per_task_leave_rejected_claims_out():
    coco = BenchmarkFactory(name="COCO", task="Object Detection")
    voc = BenchmarkFactory(name="VOC", task="object detection")
    metric = MetricFactory(name="AP")
    ClaimFactory(benchmark=coco, metric=metric)
    ClaimFactory(benchmark=voc, metric=metric)
    ClaimFactory(benchmark=voc, metric=None)
    ClaimFactory(benchmark=voc, metric=metric, status="rejected")

    (task,) = tasks.task_list()
    counts = tasks.task_counts(tasks=[task])[task.id]

    assert (counts.paper_count, counts.benchmark_count, counts.evaluation_count) == (3, 2, 2)


def test_a_task_from_free_text_only_is_in_the_other_area():
    BenchmarkFactory(name="COCO", task="Object Detection")

    assert [a.id for a in tasks.area_list()] == ["other"]
    assert tasks.task_get(ref="Object Detection").area == tasks.area_get(ref="Other")
    assert tasks.task_list(area_id="elsewhere") == []
