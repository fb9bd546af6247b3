import gzip
import json
from pathlib import Path

import pytest

from papers.importers import ImportFormatError, detect_format, iter_records
from papers.importers.base import BenchmarkRecord, RecordError, ScoreRecord, TaskRecord

FIXTURE = Path(__file__).parent / "fixtures" / "pwc_evaluation_tables.json"


def _by_type(records):
    grouped = {TaskRecord: [], BenchmarkRecord: [], ScoreRecord: [], RecordError: []}
    for record in records:
        grouped[type(record)].append(record)
    return grouped


def test_the_format_is_detected_plain_and_gzipped(tmp_path):
    packed = tmp_path / "evaluation-tables.json.gz"
    packed.write_bytes(gzip.compress(FIXTURE.read_bytes()))

    assert detect_format(FIXTURE) == "pwc_evaluation_tables"
    assert detect_format(packed) == "pwc_evaluation_tables"
    assert list(iter_records(packed)) == list(iter_records(FIXTURE))


def test_tasks_subtasks_datasets_and_subdatasets_are_walked():
    got = _by_type(iter_records(FIXTURE))

    assert [(t.name, t.parent) for t in got[TaskRecord]] == [
        ("Object Detection", ""),
        ("Dense Pedestrian Detection", "Object Detection"),
        ("Arithmetic Reasoning", ""),
    ]
    assert got[TaskRecord][0].synonyms == ("Object Localisation",)
    assert got[TaskRecord][0].categories == ("Computer Vision",)
    assert got[TaskRecord][0].source_link == "https://sota.example/object-detection"
    assert [(b.name, b.task) for b in got[BenchmarkRecord]] == [
        ("MS-COCO", "Object Detection"),
        ("Dense Crowds", "Dense Pedestrian Detection"),
        ("Dense Crowds (Night)", "Dense Pedestrian Detection"),
        ("GSM8K", "Arithmetic Reasoning"),
    ]
    assert got[BenchmarkRecord][0].url == "https://cocodataset.example/"


def test_each_value_of_a_row_is_a_score_with_its_paper_and_code():
    scores = _by_type(iter_records(FIXTURE))[ScoreRecord]
    first = scores[0]

    assert [(s.benchmark, s.metric, s.value, s.value_text) for s in scores] == [
        ("MS-COCO", "box AP", 58.7, "58.7"),
        ("MS-COCO", "Params", 1_200_000.0, "1.2M"),
        ("MS-COCO", "Params", 85.3, "85.3%"),
        ("Dense Crowds (Night)", "Miss Rate", 12.5, "12.5 ± 0.3"),
        ("Dense Crowds (Night)", "Wobble Index", 0.91, "0.91"),
        ("GSM8K", "Accuracy", 91.2, "91.2"),
    ]
    assert (first.method, first.paper.title, first.paper.arxiv_id) == (
        "LatticeDet-L",
        "Lattice Detectors for Dense Scenes",
        "2304.00123",
    )
    assert first.paper.published.isoformat() == "2023-04-02"
    assert first.code_url == "https://github.com/example/lattice-det"
    assert scores[2].paper.url == "https://openreview.example/forum?id=abc"


def test_values_that_cannot_be_read_are_errors_at_their_position():
    errors = _by_type(iter_records(FIXTURE))[RecordError]

    assert [(e.position, e.reason.split(":")[0]) for e in errors] == [
        ("task 1 ('Object Detection') › dataset 1 ('MS-COCO') › row 2 › metric 'box AP'", "no value"),
        (
            "task 1 ('Object Detection') › dataset 1 ('MS-COCO') › row 3 › metric 'box AP'",
            "the row names no paper (no title and no arXiv link), so its scores have nowhere to go",
        ),
        (
            "task 2 ('Arithmetic Reasoning') › dataset 1 ('GSM8K') › row 1 › metric 'Accuracy'",
            "several numbers, cannot tell which one is the metric",
        ),
    ]


def test_a_file_cut_short_keeps_the_tasks_before_the_cut(tmp_path):
    tasks = json.loads(FIXTURE.read_text())
    text = json.dumps(tasks)
    cut = tmp_path / "cut.json"
    cut.write_text(text[: text.index('"task": "Arithmetic Reasoning"') + 10])

    records = list(iter_records(cut, format="pwc_evaluation_tables"))

    assert [r.name for r in records if isinstance(r, TaskRecord)] == [
        "Object Detection",
        "Dense Pedestrian Detection",
    ]
    assert isinstance(records[-1], RecordError)
    assert records[-1].position == "task 2"
    assert "invalid JSON" in records[-1].reason and "stopped here" in records[-1].reason


def test_items_that_are_not_tasks_are_reported_and_the_rest_read(tmp_path):
    odd = tmp_path / "odd.json"
    odd.write_text(
        json.dumps([42, {"task": "", "datasets": [{"dataset": "X", "sota": {"rows": [{"metrics": {}}]}}]}])
    )

    records = list(iter_records(odd, format="pwc_evaluation_tables"))

    assert [(type(r).__name__, r.position) for r in records] == [
        ("RecordError", "task 1"),
        ("RecordError", "task 2"),
        ("BenchmarkRecord", "task 2 › dataset 1 ('X')"),
        ("RecordError", "task 2 › dataset 1 ('X') › row 1"),
    ]
    assert records[0].reason == "expected a JSON object, got number"
    assert records[3].reason == "the row has no metric values"


def test_a_forced_format_on_a_json_object_fails_the_whole_file(tmp_path):
    wrong = tmp_path / "object.json"
    wrong.write_text('{"task": "not in a list"}')

    with pytest.raises(ImportFormatError, match="expected a JSON list of tasks"):
        list(iter_records(wrong, format="pwc_evaluation_tables"))


def test_the_shared_sample_gives_a_score_or_an_error_for_every_value(shared_dir):
    files = sorted((shared_dir / "pwc").glob("*.json"))
    values = rows = 0
    for path in files:
        for task in json.loads(path.read_text()):
            stack = [task]
            while stack:
                node = stack.pop()
                for dataset in [*node.get("datasets", []), *node.get("subdatasets", [])]:
                    stack.append(dataset)
                stack.extend(node.get("subtasks", []))
                for row in (node.get("sota") or {}).get("rows", []):
                    rows += 1
                    values += len(row["metrics"]) or 1
    records = [(path.name, record) for path in files for record in iter_records(path)]
    scores = [r for _, r in records if isinstance(r, ScoreRecord)]
    errors = [r for _, r in records if isinstance(r, RecordError)]
    value_positions = {(name, r.position) for name, r in records if isinstance(r, ScoreRecord | RecordError)}

    assert rows == 3826
    assert len(scores) + len(errors) == values == len(value_positions)  # each value once, at its own place
    assert all(" › row " in e.position and e.reason for e in errors)
    assert len(scores) > 4000
