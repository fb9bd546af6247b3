"""build_vocabulary and its builder, on small inputs written for these tests."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from claims.extraction.vocabulary import load_vocabulary
from claims.extraction.vocabulary_build import (
    acronym_parts,
    benchmark_policy,
    load_rules,
    variants,
    vocabulary_build,
)

CURATED = {
    "benchmarks": [
        {"name": "Quarry-QA", "aliases": ["QuarryQA", "Quarry-QA dev"], "task": ""},
        {"name": "Plinth", "aliases": [], "task": "Parsing"},
    ],
    "metrics": [{"name": "top-1 accuracy", "aliases": ["top-1 acc"], "higher_is_better": True, "unit": "%"}],
}
LEADERBOARDS = [
    {"task": "Question Answering", "dataset": "QuarryQA", "metric": "Top 1 Accuracy", "papers": 9},
    {"task": "Question Answering", "dataset": "Quarry-QA", "metric": "Top-1 Accuracy", "papers": 2},
    {"task": "Event Extraction", "dataset": "ZAP 2005", "metric": "Trigger Error Rate", "papers": 4},
    {
        "task": "Sequence Modeling",
        "dataset": "Very Long Sequence Suite (VLSS)",
        "metric": "Accuracy",
        "papers": 3,
    },
    {"task": "Segmentation", "dataset": "Plinth test-dev", "metric": "Mask AP", "papers": 5},
    {"task": "Segmentation", "dataset": "Text", "metric": "Matched", "papers": 7},
    {"task": "Graphs", "dataset": "Pebble", "metric": "Accuracy", "papers": 1},
]


def build(**extra):
    return vocabulary_build(curated=CURATED, leaderboard_rows=LEADERBOARDS, **extra)


def entry(data, section, name):
    return next(row for row in data[section] if row["name"] == name)


def test_papers_with_code_spelling_becomes_canonical_and_curated_names_stay_aliases():
    data = build()
    quarry = entry(data, "benchmarks", "QuarryQA")  # PwC's most used spelling with the curated key
    assert "Quarry-QA" in quarry["aliases"]
    assert quarry["task"] == "Question Answering"
    assert set(quarry["sources"]) == {"curated", "pwc-leaderboards"}
    metric = entry(data, "metrics", "Top 1 Accuracy")
    assert {"top-1 accuracy", "top-1 acc", "Top-1 Accuracy"} <= set(metric["aliases"])
    assert metric["higher_is_better"] is True


def test_new_names_get_year_variants_acronyms_and_direction():
    data = build()
    zap = entry(data, "benchmarks", "ZAP 2005")
    assert {"ZAP05", "ZAP 05"} <= set(zap["aliases"])
    vlss = entry(data, "benchmarks", "Very Long Sequence Suite (VLSS)")
    assert {"Very Long Sequence Suite", "VLSS"} <= set(vlss["aliases"])
    assert entry(data, "metrics", "Trigger Error Rate")["higher_is_better"] is False


def test_splits_are_entries_of_their_own_with_their_parent():
    data = build()
    assert entry(data, "benchmarks", "Plinth test-dev")["parent"] == "Plinth"
    assert entry(data, "benchmarks", "Plinth test-dev")["split"] == "test-dev"
    dev = entry(data, "benchmarks", "Quarry-QA dev")  # a curated alias that was really a split
    assert (dev["parent"], dev["split"]) == ("QuarryQA", "dev")
    assert "Quarry-QA dev" not in entry(data, "benchmarks", "QuarryQA")["aliases"]


def test_generic_names_are_dropped_and_ordinary_words_need_context():
    data = build()
    names = {row["name"] for row in data["benchmarks"]}
    assert "Text" not in names
    assert "Matched" not in {row["name"] for row in data["metrics"]}
    assert entry(data, "benchmarks", "Pebble")["match"] == {"context": ["Pebble"]}
    assert benchmark_policy("Zorp-7") == "any"
    assert benchmark_policy("ZORP") == "written"
    assert benchmark_policy("ZR") == "context"
    assert benchmark_policy("YouTube") == "any"
    assert benchmark_policy("YouTube", load_rules()) == "context"  # a platform, not a benchmark by itself


def test_variant_and_acronym_rules():
    assert "Qux10" in variants("Qux-10")
    assert "Qux 10" in variants("Qux10")
    assert variants("ImageNetV2") == []  # no "ImageNetV 2"
    assert variants("in 2005") == []
    assert acronym_parts("Grand Ledger Benchmark (GLB)") == ["Grand Ledger Benchmark", "GLB"]
    assert acronym_parts("Pebble (hard)") == []
    assert load_rules().generic


def test_command_writes_a_loadable_file_and_reports_bad_lines(tmp_path):
    leaderboards = tmp_path / "leaderboards.jsonl"
    lines = [json.dumps(row) for row in LEADERBOARDS]
    lines.insert(2, "{not json")
    leaderboards.write_text("\n".join(lines) + "\n", encoding="utf-8")
    curated = tmp_path / "curated.json"
    curated.write_text(json.dumps(CURATED), encoding="utf-8")
    pwc = tmp_path / "pwc"
    pwc.mkdir()
    (pwc / "tables.json").write_text(
        json.dumps(
            [
                {
                    "task": "Parsing",
                    "datasets": [
                        {
                            "dataset": "Gravel Bank",
                            "sota": {"metrics": ["Labelled F1"], "rows": []},
                            "subdatasets": [{"subdataset": "Gravel Bank-7", "sota": {"metrics": []}}],
                        }
                    ],
                    "subtasks": [],
                }
            ]
        ),
        encoding="utf-8",
    )
    (pwc / "broken.json").write_text("[{", encoding="utf-8")
    out, err = _run(leaderboards, pwc, curated, tmp_path / "out.json")
    assert "line 3: not JSON" in err
    assert "broken.json" in err
    assert out.strip().splitlines()[-1].startswith("Wrote ")
    vocab = load_vocabulary(tmp_path / "out.json")
    assert vocab.benchmarks["gravelbank7"].parent == "Gravel Bank"
    assert vocab.metrics["labelledf1"].higher_is_better is True
    sentence = "We reach 71.5 Labelled F1 on Gravel Bank and 3.2 on ZAP05."
    found = [sentence[s:e] for s, e in vocab.find_names(sentence)[1]]
    assert found == ["Gravel Bank", "ZAP05"]


def test_command_rejects_missing_inputs(tmp_path):
    with pytest.raises(CommandError, match="no such file"):
        call_command(
            "build_vocabulary",
            "--leaderboards",
            str(tmp_path / "nope.jsonl"),
            "--output",
            str(tmp_path / "o"),
        )


def _run(leaderboards, pwc, curated, output):
    out, err = StringIO(), StringIO()
    call_command(
        "build_vocabulary",
        "--leaderboards", str(leaderboards), "--pwc", str(pwc), "--curated", str(curated), "--output", str(output),
        stdout=out, stderr=err,
    )  # fmt: skip
    return out.getvalue(), err.getvalue()


def test_committed_generated_file_is_what_the_command_builds_now(shared_dir, tmp_path):
    """Fails when vocabulary.json or the rules changed without `build_vocabulary` being run again."""
    from claims.extraction.vocabulary import GENERATED_PATH

    output = tmp_path / "vocabulary.generated.json"
    call_command(
        "build_vocabulary",
        "--leaderboards", str(shared_dir / "silver" / "leaderboards.jsonl"),
        "--pwc", str(shared_dir / "pwc"),
        "--output", str(output),
        stdout=StringIO(),
    )  # fmt: skip
    assert output.read_text(encoding="utf-8") == GENERATED_PATH.read_text(encoding="utf-8")
