import json
import subprocess
import sys

import pytest
from django.core.management import CommandError, call_command

from claims.services.evaluation import predictions_for_files

pytestmark = pytest.mark.management


def _gold_and_papers(tmp_path):
    papers = tmp_path / "papers.jsonl"
    papers.write_text(
        json.dumps(
            {"title": "Sharp Parser", "abstract": "SharpParser reaches 95.2% F1 on the Penn Treebank."}
        )
        + "\n"
        + json.dumps({"title": "Quiet Survey", "abstract": "We survey parsers and report no new numbers."})
        + "\n"
    )
    gold = tmp_path / "gold.jsonl"
    claim = {
        "value": 95.2,
        "unit": "%",
        "kind": "score",
        "metric": "F1",
        "benchmark": "Penn Treebank",
        "method": "SharpParser",
        "compared_to": None,
        "evidence": "...",
    }
    missed = {**claim, "value": 12.0, "kind": "delta"}
    gold.write_text(
        json.dumps({"paper_title": "Sharp Parser", "claims": [claim, missed]})
        + "\n"
        + json.dumps({"paper_title": "Quiet Survey", "claims": []})
        + "\n"
    )
    return gold, papers


def test_evaluate_extraction_prints_the_three_levels(tmp_path, capsys):
    gold, papers = _gold_and_papers(tmp_path)
    call_command("evaluate_extraction", "--gold", str(gold), "--input", str(papers), "--errors", "value")
    out = capsys.readouterr().out
    assert "papers 2  gold claims 2  predicted 1" in out
    assert "value" in out and "value+metric" in out and "full" in out
    assert "missed at level value: 1" in out and "value=12.0" in out


def test_evaluate_extraction_fails_below_a_bar(tmp_path):
    gold, papers = _gold_and_papers(tmp_path)
    with pytest.raises(CommandError, match="Below the bar: value F1 0.667 < 0.900"):
        call_command("evaluate_extraction", "--gold", str(gold), "--input", str(papers), "--min", "value=0.9")


def test_evaluate_extraction_agrees_with_the_shared_scorer(shared_dir, tmp_path, capsys):
    gold = shared_dir / "gold" / "dev2-claims.jsonl"
    papers = shared_dir / "gold" / "dev2-papers.jsonl"
    predictions, _ = predictions_for_files(paths=[papers])
    pred_path = tmp_path / "pred.jsonl"
    pred_path.write_text("".join(json.dumps(row) + "\n" for row in predictions))
    official = subprocess.run(
        [
            sys.executable,
            str(shared_dir / "tools" / "score_claims.py"),
            "--gold",
            str(gold),
            "--pred",
            str(pred_path),
            "--json",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    call_command("evaluate_extraction", "--gold", str(gold), "--input", str(papers), "--json")
    assert json.loads(capsys.readouterr().out) == json.loads(official.stdout)


def test_silver_recall_of_one_part_of_the_title_hash_split(tmp_path):
    from io import StringIO

    from claims.evaluation.splits import CHECK, gold_part

    titles = [f"Gannet Net {index}" for index in range(12)]
    check = [title for title in titles if gold_part(title) == CHECK]
    assert 0 < len(check) < len(titles)
    papers = tmp_path / "papers.jsonl"
    papers.write_text(
        "".join(
            json.dumps({"title": title, "abstract": "GannetNet reaches 91.4% accuracy on ImageNet."}) + "\n"
            for title in titles
        )
    )
    silver = tmp_path / "silver.jsonl"
    row = {
        "value": 91.4,
        "benchmark": "ImageNet",
        "metric": "Top 1 Accuracy",
        "task": "X",
        "score_text": "91.4",
    }
    silver.write_text("".join(json.dumps({"paper_title": t, "tuples": [row]}) + "\n" for t in titles))
    out = StringIO()
    call_command(
        "evaluate_extraction",
        "--silver",
        str(silver),
        "--input",
        str(papers),
        "--split",
        "check",
        "--json",
        stdout=out,
    )
    result = json.loads(out.getvalue())
    assert result["papers"] == result["tuples"] == len(check)
    assert result["recall"]["value+benchmark"] == 1.0
