import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from claims.evaluation.scoring import same_name, score, score_files
from claims.extraction import extract_claims
from claims.extraction.vocabulary import lookup_benchmark, lookup_metric, name_key

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
needs_shared = pytest.mark.skipif(not SHARED.is_dir(), reason="../shared is not available")
_DATE = re.compile(r"^[A-Z][a-z]{2} \d{1,2}(?:, \d{4})?(?: \d+)?$")


def parse_seed_page(text: str) -> list[tuple[str, str]]:
    """(title, abstract) pairs of a saved daily-papers page: chrome, then title / abstract / authors / date."""
    lines = text.split("\n")
    start = next(i for i, line in enumerate(lines) if line.startswith("byAK")) + 1
    paragraphs = [
        line.strip()
        for line in lines[start:]
        if line.strip()
        and not line.strip().startswith("•")
        and line.strip() != "·"
        and not _DATE.match(line.strip())
    ]
    return list(zip(paragraphs[0::2], paragraphs[1::2], strict=False))


def test_name_key_and_lookups():
    assert name_key("MS-COCO") == "mscoco"
    assert lookup_benchmark("MS COCO").name == "COCO"
    assert lookup_benchmark("cifar10").name == "CIFAR-10"
    assert lookup_benchmark("no such set") is None
    assert lookup_metric("Word Error Rate").higher_is_better is False
    assert lookup_metric("top-1 acc").higher_is_better is True
    assert lookup_metric("Matched") is None  # a PwC "metric" that is really a setting


def test_same_name_rules():
    assert same_name("top-1 accuracy", "Accuracy")
    assert same_name(None, None)
    assert not same_name(None, "BLEU")
    assert not same_name("BLEU", "ROUGE-L")


def test_score_counts_levels():
    gold = [
        {
            "paper_title": "P",
            "claims": [
                {
                    "value": 1.5,
                    "kind": "delta",
                    "metric": "F1",
                    "benchmark": "A",
                    "method": "M",
                    "compared_to": None,
                },
                {
                    "value": 80,
                    "kind": "score",
                    "metric": "accuracy",
                    "benchmark": "B",
                    "method": "M",
                    "compared_to": None,
                },
            ],
        }
    ]
    pred = [
        {
            "paper_title": "p",
            "value": 1.5,
            "kind": "delta",
            "metric": "F1 score",
            "benchmark": "Z",
            "method": "M",
        },
        {"paper_title": "P", "value": 80.0, "kind": "ratio", "metric": "accuracy", "benchmark": "B"},
    ]
    levels = score(gold, pred)[0]["levels"]
    assert levels["value"]["hits"] == 1
    assert levels["value+metric"]["hits"] == 1
    assert levels["full"]["hits"] == 0
    assert levels["value"]["method_accuracy"] == 1.0


@needs_shared
def test_scoring_agrees_with_the_official_scorer(tmp_path):
    gold_path = SHARED / "gold" / "dev2-claims.jsonl"
    pred_path = tmp_path / "pred.jsonl"
    with pred_path.open("w", encoding="utf-8") as out:
        for line in (SHARED / "gold" / "dev2-papers.jsonl").read_text(encoding="utf-8").splitlines():
            paper = json.loads(line)
            for claim in extract_claims(paper["abstract"], paper["title"]):
                out.write(json.dumps({"paper_title": paper["title"], **claim.to_dict()}) + "\n")
        out.write(json.dumps({"paper_title": "unknown paper", "value": 1, "kind": "score"}) + "\n")
    official = subprocess.run(
        [
            sys.executable,
            str(SHARED / "tools" / "score_claims.py"),
            "--gold",
            str(gold_path),
            "--pred",
            str(pred_path),
            "--json",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    assert json.loads(official.stdout) == score_files(gold_path, pred_path)


@pytest.mark.slow
@needs_shared
def test_seed_targets():
    pairs: dict[str, str] = {}
    for page in sorted((SHARED / "seeds").glob("*.txt")):
        for title, abstract in parse_seed_page(page.read_text(encoding="utf-8")):
            pairs.setdefault(title, abstract)
    assert len(pairs) == 72
    pred = [
        {"paper_title": title, **claim.to_dict()}
        for title, abstract in pairs.items()
        for claim in extract_claims(abstract, title)
    ]
    gold = [
        json.loads(line) for line in (SHARED / "gold" / "seed-claims.jsonl").read_text().splitlines() if line
    ]
    levels = score(gold, pred)[0]["levels"]
    assert levels["value"]["f1"] >= 0.92
    assert levels["value+metric"]["f1"] >= 0.85
    assert levels["full"]["f1"] >= 0.80


def test_silver_recall_agrees_with_the_shared_tool(shared_dir, tmp_path):
    import subprocess
    import sys

    from claims.evaluation.silver import silver_recall

    silver = [
        {
            "paper_title": "Alpha Net",
            "tuples": [
                {"value": 81.2, "benchmark": "ACE 2005", "metric": "F1", "task": "NER", "score_text": "81.2"},
                {
                    "value": 3.4,
                    "benchmark": "CoNLL 2003",
                    "metric": "Accuracy",
                    "task": "NER",
                    "score_text": "3.4",
                },
            ],
        },
        {
            "paper_title": "Beta",
            "tuples": [
                {"value": 9.0, "benchmark": "WMT14 En-De", "metric": "BLEU", "task": "MT", "score_text": "9"},
            ],
        },
        {"paper_title": "Gamma", "tuples": []},
    ]
    predictions = [
        {"paper_title": "Alpha Net", "value": 81.2, "benchmark": "ACE", "metric": "F1 score"},
        {"paper_title": "Alpha Net", "value": 3.4, "benchmark": None, "metric": None},
        {"paper_title": "beta", "value": 9.0, "benchmark": "WMT 2014 En-De", "metric": "SacreBLEU"},
    ]
    silver_path, pred_path = tmp_path / "silver.jsonl", tmp_path / "pred.jsonl"
    silver_path.write_text("".join(json.dumps(row) + "\n" for row in silver))
    pred_path.write_text("".join(json.dumps(row) + "\n" for row in predictions))
    tool = shared_dir / "tools" / "score_silver.py"
    out = subprocess.run(
        [sys.executable, str(tool), str(silver_path), str(pred_path)], capture_output=True, text=True
    )
    ours = silver_recall(silver, predictions)
    recall = ours["recall"]
    assert ours["tuples"] == 3 and ours["papers"] == 2
    expected = (
        f"recall value {recall['value']:.3f}  value+benchmark {recall['value+benchmark']:.3f}  "
        f"value+benchmark+metric {recall['value+benchmark+metric']:.3f}"
    )
    assert expected in out.stdout, out.stdout


def test_silver_recall_with_names_resolved_as_the_catalog_stores_them():
    from claims.evaluation.silver import silver_recall

    silver = [
        {
            "paper_title": "Delta",
            "tuples": [
                {"value": 70.1, "benchmark": "ACE 2005", "metric": "F1", "task": "RE", "score_text": "70.1"},
                {"value": 60.0, "benchmark": "CoNLL04", "metric": "F1", "task": "RE", "score_text": "60.0"},
            ],
        }
    ]
    predictions = [
        {"paper_title": "Delta", "value": 70.1, "benchmark": "ACE05", "metric": "F1"},
        {"paper_title": "Delta", "value": 60.0, "benchmark": "SciERC", "metric": "F1"},
    ]
    canonical = {"ACE05": "ACE 2005"}
    result = silver_recall(silver, predictions, resolve=canonical.get)
    assert result["recall"]["value+benchmark"] == 0.0  # as written, "ACE05" is not "ACE 2005"
    assert result["resolved"] == {"value+benchmark": 0.5}
    assert "resolved" not in silver_recall(silver, predictions)
