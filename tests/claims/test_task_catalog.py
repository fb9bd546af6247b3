"""The task catalog: tasks found by synonyms, parents kept without loops, seeded from leaderboard lines."""

import gzip
import json

import pytest
from django.core.management import CommandError, call_command

from claims.models import Benchmark, Task
from claims.services.tasks import task_catalog_load, task_upsert
from tests.claims.factories import BenchmarkAliasFactory, BenchmarkFactory

pytestmark = pytest.mark.django_db


def test_a_task_is_found_by_any_synonym_and_gaps_are_filled():
    first = task_upsert(name="Chunking", synonyms=["Shallow parsing"])
    again = task_upsert(name="shallow  PARSING", description="Splitting sentences into phrases.")

    assert first.outcome == "created" and again.outcome == "updated"
    assert again.task == first.task
    assert Task.objects.get().description == "Splitting sentences into phrases."
    assert task_upsert(name="Chunking").outcome == "unchanged"


def test_a_parent_that_would_close_a_loop_is_refused():
    parent = task_upsert(name="Parsing").task
    child = task_upsert(name="Dependency Parsing", parent=parent).task

    task_upsert(name="Parsing", parent=child)

    parent.refresh_from_db()
    assert parent.parent is None
    assert child.parent == parent


def _lines(path, rows):
    path.write_text("".join(row if isinstance(row, str) else json.dumps(row) + "\n" for row in rows))
    return path


def test_leaderboard_lines_seed_tasks_and_link_benchmarks_through_aliases(tmp_path):
    coco = BenchmarkFactory(name="COCO", slug="coco")
    BenchmarkAliasFactory(benchmark=coco, name="MS COCO")
    path = _lines(
        tmp_path / "leaderboards.jsonl",
        [
            {"task": "Object Detection", "dataset": "MS COCO", "metric": "box AP", "papers": 120},
            {"task": "Object Detection", "dataset": "MS COCO", "metric": "AP50", "papers": 80},
            {"task": "Instance Segmentation", "dataset": "MS COCO", "metric": "mask AP", "papers": 60},
            {"task": "Object Detection", "dataset": "PASCAL VOC 2007", "metric": "MAP", "papers": 40},
            "not json\n",
            {"task": "Object Detection", "dataset": "", "metric": "x", "papers": 1},
            "\n",
        ],
    )

    totals = task_catalog_load(path=path)

    assert (totals.lines, totals.tasks_created, totals.benchmarks_created, totals.links_created) == (
        6,
        2,
        1,
        3,
    )
    assert totals.rejected == 2
    assert [e["position"] for e in totals.errors] == ["line 5", "line 6"]
    assert "dataset must be a non-empty name" in totals.errors[1]["reason"]
    assert sorted(coco.tasks.values_list("name", flat=True)) == ["Instance Segmentation", "Object Detection"]
    assert Benchmark.objects.count() == 2


def test_the_command_is_idempotent_reads_gzip_and_says_what_it_did(tmp_path, capsys):
    rows = [
        {"task": "Machine Translation", "dataset": "WMT2014 English-German", "metric": "BLEU", "papers": 9}
    ]
    path = tmp_path / "leaderboards.jsonl.gz"
    path.write_bytes(gzip.compress(json.dumps(rows[0]).encode() + b"\n"))

    call_command("load_task_catalog", str(path))
    call_command("load_task_catalog", str(path))

    out = capsys.readouterr().out.splitlines()
    assert out == [
        "1 lines: 1 tasks created, 1 benchmarks created, 1 benchmark-task links added, 0 rejected.",
        "1 lines: 0 tasks created, 0 benchmarks created, 0 benchmark-task links added, 0 rejected.",
    ]
    assert Task.objects.get().benchmarks.get().name == "WMT2014 English-German"


def test_the_command_refuses_a_missing_file_and_a_file_with_nothing_usable(tmp_path):
    with pytest.raises(CommandError, match="No such file"):
        call_command("load_task_catalog", str(tmp_path / "nope.jsonl"))
    junk = _lines(tmp_path / "junk.jsonl", ["<html>\n", "[1, 2]\n"])
    with pytest.raises(CommandError, match="no line could be used"):
        call_command("load_task_catalog", str(junk))


def test_the_shared_leaderboards_seed_the_catalog(shared_dir, tmp_path):
    # A slice of the real file keeps the test quick; the whole file is measured in the README.
    head = (shared_dir / "silver" / "leaderboards.jsonl").read_text().splitlines()[:400]
    path = _lines(tmp_path / "slice.jsonl", [line + "\n" for line in head])
    rows = [json.loads(line) for line in head]

    totals = task_catalog_load(path=path)

    assert totals.rejected == 0 and totals.lines == 400
    assert Task.objects.count() == len({" ".join(r["task"].casefold().split()) for r in rows})
    linked = {(r["task"], r["dataset"]) for r in rows}
    assert Benchmark.tasks.through.objects.count() <= len(linked)
    assert Benchmark.tasks.through.objects.count() == totals.links_created > 0
