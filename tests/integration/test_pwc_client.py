"""The real paperswithcode-client 0.3.1, in a virtual environment of its own, against a live server on the seeds.

The client's pins (pydantic 1, httpx 0.14) are old, so it is installed with pip from PyPI into
var/pwc-client-venv, never into the project's environment; the environment is kept for later runs.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from claims.models import Benchmark, Claim
from papers.models import Paper
from papers.services.imports import import_file_start

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]

REPO_DIR = Path(__file__).resolve().parents[2]
CLIENT_VENV = REPO_DIR / "var" / "pwc-client-venv"
CLIENT_REQUIREMENT = "paperswithcode-client==0.3.1"
DRIVER = Path(__file__).with_name("pwc_client_drive.py")


def _venv_python() -> Path:
    return CLIENT_VENV / "bin" / "python"


@pytest.fixture(scope="session")
def client_python() -> Path:
    marker = CLIENT_VENV / f".installed-{CLIENT_REQUIREMENT}"
    if not marker.exists():
        subprocess.run([sys.executable, "-m", "venv", "--clear", str(CLIENT_VENV)], check=True, timeout=300)
        install = subprocess.run(
            [
                str(_venv_python()),
                "-m",
                "pip",
                "install",
                "--quiet",
                "--disable-pip-version-check",
                CLIENT_REQUIREMENT,
            ],
            capture_output=True,
            text=True,
            timeout=900,
        )
        if install.returncode != 0:
            message = f"pip could not install {CLIENT_REQUIREMENT}: {install.stderr[-2000:]}"
            if os.environ.get("CI", "").lower() == "true":
                pytest.fail(message)
            pytest.skip(message)
        marker.touch()
    return _venv_python()


@pytest.fixture
def seeded(postgres, shared_dir):
    for path in sorted((shared_dir / "seeds").glob("*.txt")):
        import_file_start(path=path, origin=path.name, extract=True)
    assert Paper.objects.count() == 72


def _beats(claim: Claim, other: Claim) -> bool:
    if claim.value == other.value:
        return claim.pk < other.pk
    return claim.value > other.value if claim.metric.higher_is_better else claim.value < other.value


def _expected_rows() -> dict[str, set[int]]:
    """Per table id, the claim behind each leaderboard row: the best live score of each paper and method."""
    best: dict[tuple, Claim] = {}
    claims = Claim.objects.filter(kind="score", benchmark__isnull=False, metric__isnull=False).exclude(
        status="rejected"
    )
    for claim in claims.select_related("benchmark", "metric"):
        key = (
            f"{claim.benchmark.slug}--{claim.metric.slug}",
            claim.paper_id,
            " ".join(claim.method.casefold().split()),
        )
        known = best.get(key)
        if known is None or _beats(claim, known):
            best[key] = claim
    rows: dict[str, set[int]] = {}
    for (table_id, _, _), claim in best.items():
        rows.setdefault(table_id, set()).add(claim.pk)
    return rows


def test_the_old_client_reads_the_seed_papers_claims(client_python, seeded, live_server):
    search_text = Paper.objects.filter(claims__kind="score").order_by("pk").first().title

    run = subprocess.run(
        [str(client_python), str(DRIVER), f"{live_server.url}/pwc", search_text],
        capture_output=True,
        text=True,
        timeout=300,
    )

    assert run.returncode == 0, run.stderr
    out = json.loads(run.stdout)
    expected = _expected_rows()
    assert expected, "the seed pages give at least one ranked claim"

    # Pages in the client's shape: 72 papers, 50 a page.
    assert (out["paper_list"]["model"], out["paper_list"]["count"]) == ("Papers", 72)
    assert len(out["paper_list"]["results"]) == 50
    assert out["paper_list"]["next_page"] == 2
    assert out["paper_list_page_2"]["previous_page"] == 1
    assert len(out["paper_list_page_2"]["results"]) == 22
    assert {p["model"] for p in out["paper_list"]["results"]} == {"Paper"}

    # Datasets are our benchmarks; evaluation tables are benchmark and metric pairs with ranked claims.
    assert out["dataset_list"]["model"] == "Datasets"
    assert {d["id"] for d in out["dataset_list"]["results"]} == set(
        Benchmark.objects.values_list("slug", flat=True)
    )
    assert out["evaluation_list"]["model"] == "EvaluationTables"
    assert {t["id"] for t in out["evaluation_list"]["results"]} == set(expected)
    tables_by_dataset = {
        dataset: {t["id"] for t in tables["results"]}
        for dataset, tables in out["dataset_evaluations"].items()
    }
    assert set().union(*tables_by_dataset.values()) == set(expected)

    for table_id, claim_ids in expected.items():
        table = out["evaluations"][table_id]
        assert table["table"]["model"] == "EvaluationTable"
        assert table["table"]["dataset"] == table_id.split("--")[0]
        (metric,) = table["metrics"]["results"]
        claim = Claim.objects.select_related("metric").get(pk=min(claim_ids))
        assert (metric["model"], metric["name"], metric["is_loss"]) == (
            "Metric",
            claim.metric.name,
            not claim.metric.higher_is_better,
        )
        results = table["results"]
        assert results["model"] == "Results"
        assert {int(r["id"]) for r in results["results"]} == claim_ids
        for row in results["results"]:
            source = Claim.objects.select_related("paper", "metric").get(pk=int(row["id"]))
            assert row["model"] == "Result"
            assert float(row["metrics"][source.metric.name]) == source.value
            assert row["methodology"] == source.method
            assert row["paper"] == str(source.paper_id)
            assert row["evaluated_on"] == (
                source.paper.published.isoformat() if source.paper.published else None
            )
            assert isinstance(row["best_rank"], int) and row["best_rank"] >= 1
        assert sorted(r["best_rank"] for r in results["results"])[0] == 1

    # Each paper behind a row: the paper itself and its results, the same claims.
    all_rows = set().union(*expected.values())
    for paper_id, paper in out["papers"].items():
        source = Paper.objects.get(pk=int(paper_id))
        assert (paper["paper"]["model"], paper["paper"]["title"]) == ("Paper", source.title)
        assert paper["results"]["model"] == "Results"
        own = {int(r["id"]) for r in paper["results"]["results"]}
        assert own == {pk for pk in all_rows if Claim.objects.get(pk=pk).paper_id == source.pk}

    # Search parses into PaperRepo objects and finds the paper by its title.
    assert out["search"]["model"] == "PaperRepos"
    assert search_text in [r["paper"]["title"] for r in out["search"]["results"]]

    # Writes are refused with a pointer to our own API.
    assert out["delete"]["status_code"] == 405
    assert "/api/v1/" in out["delete"]["message"]
