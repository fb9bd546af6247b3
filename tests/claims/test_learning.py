"""Training the decision model: the logistic regressions, labels, and the reproducible weights file."""

import json

import pytest
from django.core.management import call_command

from claims.evaluation.splits import CHECK, TUNE, gold_part, in_part
from claims.extraction.model import MODEL_PATH, BinaryModel, SoftmaxModel
from claims.extraction.pipeline import propose_claims
from claims.learning.dataset import label_proposals
from claims.learning.logistic import train_binary, train_softmax


def test_binary_regression_learns_a_separating_feature():
    rows = [["bias", "good"]] * 20 + [["bias", "bad"]] * 20
    labels = [1] * 20 + [0] * 20
    model = BinaryModel(train_binary(rows, labels))
    assert model.probability(["bias", "good"]) > 0.8 > 0.2 > model.probability(["bias", "bad"])


def test_training_is_deterministic():
    rows = [["bias", f"w{i % 7}"] for i in range(60)]
    labels = [i % 2 for i in range(60)]
    assert train_binary(rows, labels) == train_binary(rows, labels)


def test_softmax_regression_picks_the_class_of_its_cue():
    rows = [["bias", "by"]] * 15 + [["bias", "faster"]] * 15 + [["bias", "reaches"]] * 15
    labels = ["delta"] * 15 + ["ratio"] * 15 + ["score"] * 15
    model = SoftmaxModel(
        ("score", "delta", "ratio"), train_softmax(rows, labels, ("score", "delta", "ratio"))
    )
    probabilities = model.probabilities(["bias", "faster"])
    assert max(probabilities, key=probabilities.get) == "ratio"
    assert abs(sum(probabilities.values()) - 1) < 1e-9


def test_labels_match_values_once_preferring_the_same_sentence():
    text = "Kite gains 2.0 points on Ashset. Kite gains 2.0 points on Birchset."
    proposals = propose_claims(text)
    gold = [
        {"value": 2.0, "kind": "delta", "evidence": "Kite gains 2.0 points on Birchset."},
        {"value": 2.0, "kind": "delta", "evidence": "Kite gains 2.0 points on Ashset."},
    ]
    labels = label_proposals(proposals, gold)
    assert [label["evidence"] for label in labels] == [gold[1]["evidence"], gold[0]["evidence"]]


def test_split_is_fixed_by_the_title_and_holds_out_about_a_third():
    titles = [f"A study of topic {i}" for i in range(600)]
    parts = [gold_part(t) for t in titles]
    assert 0.25 < parts.count(CHECK) / len(parts) < 0.42
    assert gold_part("  A STUDY of topic 3 ") == gold_part("a study of topic 3")
    assert (
        in_part(titles[0], None)
        and in_part(titles[0], parts[0])
        and not in_part(titles[0], {TUNE: CHECK, CHECK: TUNE}[parts[0]])
    )


@pytest.mark.slow
def test_training_command_reproduces_the_shipped_weights(shared_dir, tmp_path):
    gold = [
        str(shared_dir / "gold" / name)
        for name in ("seed-claims.jsonl", "dev2-claims.jsonl", "dev3-claims.jsonl")
    ]
    inputs = [str(path) for path in sorted((shared_dir / "seeds").glob("*.txt"))]
    inputs += [str(shared_dir / "gold" / "dev2-papers.jsonl"), str(shared_dir / "gold" / "dev3-papers.jsonl")]
    output = tmp_path / "model.json"
    call_command("train_extraction_model", "--gold", *gold, "--input", *inputs, "--output", str(output))
    assert json.loads(output.read_text()) == json.loads(MODEL_PATH.read_text())


def test_dense_regression_is_calibrated_on_its_training_data():
    from claims.extraction.model import DenseModel
    from claims.learning.logistic import train_dense

    rows = [[float(i % 5)] for i in range(200)]
    labels = [int(i % 5 >= 2 or i % 7 == 0) for i in range(200)]
    model = DenseModel(tuple(train_dense(rows, labels)))
    mean = sum(model.probability(row) for row in rows) / len(rows)
    assert abs(mean - sum(labels) / len(labels)) < 0.01
    assert model.probability([4.0]) > model.probability([0.0])
