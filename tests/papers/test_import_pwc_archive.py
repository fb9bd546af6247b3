"""Importing the Papers with Code evaluation tables: tasks, benchmarks, verified score claims, idempotent."""

import gzip
from pathlib import Path

import pytest
from django.core.cache import cache

from claims.models import Benchmark, Claim, Metric, Task
from claims.services.extraction import papers_extract
from papers.importers import iter_records
from papers.importers.base import RecordError, ScoreRecord
from papers.models import ImportRun, Paper
from papers.services.imports import import_run_create, import_run_execute
from tests.claims.factories import BenchmarkAliasFactory, BenchmarkFactory
from tests.papers.factories import PaperFactory

pytestmark = pytest.mark.django_db

FIXTURE = Path(__file__).parent / "fixtures" / "pwc_evaluation_tables.json"


@pytest.fixture
def run_import(django_capture_on_commit_callbacks):
    def run(path) -> ImportRun:
        with django_capture_on_commit_callbacks(execute=True):
            created = import_run_create(path=path, origin=Path(path).name, extract=False)
            return import_run_execute(import_run_id=created.pk, path=path)

    return run


def _catalog_snapshot():
    return {
        "papers": list(Paper.objects.order_by("pk").values()),
        "claims": list(Claim.objects.order_by("pk").values()),
        "benchmarks": list(Benchmark.objects.order_by("pk").values()),
        "metrics": list(Metric.objects.order_by("pk").values()),
        "tasks": list(Task.objects.order_by("pk").values()),
        "links": list(Benchmark.tasks.through.objects.order_by("pk").values()),
    }


def test_rows_become_verified_archive_claims_on_merged_benchmarks_and_metrics(run_import):
    coco = BenchmarkFactory(name="COCO", slug="coco")
    BenchmarkAliasFactory(benchmark=coco, name="MS-COCO")

    run = run_import(FIXTURE)

    assert run.format == "pwc_evaluation_tables"
    assert run.status == "partial"
    assert Benchmark.objects.filter(name__in=["MS-COCO"]).count() == 0  # merged into COCO through its alias
    box_ap = Claim.objects.get(benchmark=coco, metric__name="AP")
    assert (box_ap.value, box_ap.value_text, box_ap.kind, box_ap.method) == (
        58.7,
        "58.7",
        "score",
        "LatticeDet-L",
    )
    assert (box_ap.status, box_ap.provenance, box_ap.import_run_id) == ("verified", "pwc_archive", run.pk)
    assert box_ap.verified_by == "Papers with Code archive"
    assert box_ap.metric.higher_is_better is True
    assert Claim.objects.get(metric__name="miss rate").metric.higher_is_better is False  # from the vocabulary
    assert Claim.objects.filter(provenance="pwc_archive").count() == 6
    assert list(Claim.objects.exclude(setting="").values_list("method", "setting")) == [
        ("GridDet", "extra training data")  # the row's uses_additional_data
    ]
    paper = Paper.objects.get(arxiv_id="2304.00123")
    assert (paper.title, paper.abstract, paper.published.isoformat()) == (
        "Lattice Detectors for Dense Scenes",
        "",
        "2023-04-02",
    )
    assert paper.code_url == "https://github.com/example/lattice-det"
    assert paper.claims.count() == 4


def test_every_value_is_a_claim_or_an_error_and_unknown_metrics_are_warned_about(run_import):
    run = run_import(FIXTURE)

    records = list(iter_records(FIXTURE))
    assert run.read_count == len(records)
    assert run.rejected_count == sum(isinstance(r, RecordError) for r in records) == 3
    assert {e["position"] for e in run.errors} == {r.position for r in records if isinstance(r, RecordError)}
    assert "several numbers" in next(e["reason"] for e in run.errors if "GSM8K" in e["position"])
    assert [w["reason"] for w in run.warnings] == [
        "metric 'Wobble Index' is not in the vocabulary; created as 'Wobble Index' with higher is better, "
        "a guess a curator should check"
    ]
    assert Claim.objects.count() == sum(isinstance(r, ScoreRecord) for r in records)


def test_tasks_with_parents_and_synonyms_are_linked_to_their_benchmarks(run_import):
    run_import(FIXTURE)

    detection = Task.objects.get(name="Object Detection")
    pedestrians = Task.objects.get(name="Dense Pedestrian Detection")
    assert pedestrians.parent == detection
    assert detection.categories == ["Computer Vision"]
    assert set(detection.aliases.values_list("name", flat=True)) == {
        "Object Detection",
        "Object Localisation",
    }
    assert [b.name for b in detection.benchmarks.all()] == ["COCO"]
    assert sorted(b.name for b in pedestrians.benchmarks.all()) == ["Dense Crowds", "Dense Crowds (Night)"]
    assert Benchmark.objects.get(name="COCO").url == "https://cocodataset.example/"


def test_a_second_import_changes_nothing(run_import, tmp_path):
    packed = tmp_path / "evaluation-tables.json.gz"
    packed.write_bytes(gzip.compress(FIXTURE.read_bytes()))
    first = run_import(FIXTURE)
    before = _catalog_snapshot()

    again = run_import(packed)

    assert _catalog_snapshot() == before
    assert (again.created_count, again.updated_count) == (0, 0)
    assert again.unchanged_count == first.read_count - first.rejected_count
    assert again.rejected_count == first.rejected_count


def test_a_title_only_in_the_archive_does_not_blank_an_abstract_we_hold(run_import):
    ours = PaperFactory(
        title="Step by Step Arithmetic", abstract="We reach 91.2% accuracy on GSM8K.", arxiv_id=""
    )

    run_import(FIXTURE)

    ours.refresh_from_db()
    assert ours.abstract == "We reach 91.2% accuracy on GSM8K."
    assert ours.arxiv_id == "2401.04444"  # the archive's link fills the gap
    assert ours.claims.get().provenance == "pwc_archive"


def test_re_extraction_keeps_the_archive_claims(run_import):
    run_import(FIXTURE)
    paper = Paper.objects.get(arxiv_id="2401.04444")
    Paper.objects.filter(pk=paper.pk).update(abstract="Our StepWise-XL reaches 91.2% accuracy on GSM8K.")
    paper.refresh_from_db()
    paper.save()

    papers_extract(paper_ids=[paper.pk])

    assert sorted(paper.claims.values_list("provenance", flat=True)) == ["extracted", "pwc_archive"]


def test_imported_claims_show_on_the_leaderboard(run_import, client):
    run_import(FIXTURE)
    cache.clear()

    board = client.get("/api/v1/benchmarks/gsm8k/leaderboard/", {"provenance": "pwc_archive"}).json()

    assert [(r["method"], r["value"], r["claim_status"]) for r in board["results"]] == [
        ("StepWise-XL", 91.2, "verified")
    ]


def test_the_shared_sample_every_value_lands_or_is_reported_and_a_second_import_changes_nothing(
    run_import, shared_dir
):
    files = sorted((shared_dir / "pwc").glob("*.json"))
    first = [run_import(path) for path in files]
    expected_errors = {
        (path.name, r.position) for path in files for r in iter_records(path) if isinstance(r, RecordError)
    }
    before = _catalog_snapshot()

    assert all(run.status == "partial" for run in first)
    for run in first:
        assert (
            run.read_count == run.created_count + run.updated_count + run.unchanged_count + run.rejected_count
        )
        assert all(error["reason"] for error in run.errors)
    # Every value the importer read as a number is a claim, unless the service said why not.
    scores = [r for path in files for r in iter_records(path) if isinstance(r, ScoreRecord)]
    service_rejected = sum(run.rejected_count for run in first) - len(expected_errors)
    assert service_rejected > 0
    assert Claim.objects.filter(provenance="pwc_archive").count() <= len(scores) - service_rejected
    assert Claim.objects.filter(provenance="pwc_archive").exclude(status="verified").count() == 0
    assert Task.objects.count() > 100 and Benchmark.objects.count() > 250

    again = [run_import(path) for path in files]

    assert _catalog_snapshot() == before
    assert [(r.created_count, r.updated_count) for r in again] == [(0, 0)] * len(files)
    assert [r.rejected_count for r in again] == [r.rejected_count for r in first]


PAPERS = FIXTURE.parent / "pwc_papers_with_abstracts.json"
LINKS = FIXTURE.parent / "pwc_links_to_code.json"


def test_papers_with_abstracts_land_as_papers_and_fill_what_the_tables_lacked(run_import):
    tables = run_import(FIXTURE)
    lattice = Paper.objects.get(arxiv_id="2304.00123")
    assert lattice.abstract == ""

    run = run_import(PAPERS)

    assert (run.format, run.status, run.read_count, run.rejected_count) == ("pwc_papers", "partial", 5, 2)
    assert (run.created_count, run.updated_count) == (2, 1)
    lattice.refresh_from_db()
    assert lattice.abstract.startswith("We arrange anchors on a lattice.")
    assert lattice.authors == ["Ada Grid", "Ben Mesh"]
    assert lattice.needs_extraction
    assert lattice.claims.count() == 4  # the archive's claims stay on the one paper
    assert Paper.objects.get(title="A Paper Without an Abstract").abstract == ""
    assert tables.created_count > 0


def test_a_repository_in_an_abstract_becomes_the_code_url(run_import):
    run_import(PAPERS)

    assert Paper.objects.get(arxiv_id="2405.01010").code_url == "https://github.com/pulley-lab/ropes"
    assert Paper.objects.get(arxiv_id="2304.00123").code_url == ""


def test_code_links_set_the_code_url_once_and_a_second_import_changes_nothing(run_import):
    run_import(PAPERS)

    first = run_import(LINKS)
    snapshot = list(Paper.objects.order_by("pk").values())
    again = run_import(LINKS)

    assert (first.format, first.read_count, first.rejected_count) == ("pwc_code_links", 5, 2)
    assert Paper.objects.get(arxiv_id="2304.00123").code_url == "https://github.com/example/lattice-det"
    assert (
        Paper.objects.get(title="A Paper Without an Abstract").code_url
        == "https://gitlab.com/quiet-group/quiet"
    )
    reasons = {e["position"]: e["reason"] for e in first.errors}
    assert reasons["link 4"] == "repo_url must be an http(s) URL, got 'not a url'"
    assert reasons["link 5"] == "the link names no paper title and arXiv paper 2403.03030 is not stored"
    assert list(Paper.objects.order_by("pk").values()) == snapshot
    assert (again.created_count, again.updated_count, again.unchanged_count) == (0, 0, 3)


def test_a_curators_rejection_of_an_archive_claim_survives_a_second_import(run_import, django_user_model):
    from claims.services.curation import claim_reject

    run_import(FIXTURE)
    claim = Claim.objects.get(metric__name="parameters", value=85.3)
    claim_reject(claim=claim, user=django_user_model.objects.create(username="cura"), note="a percentage?")

    again = run_import(FIXTURE)

    claim.refresh_from_db()
    assert (claim.status, claim.curation_note) == ("rejected", "a percentage?")
    assert again.created_count == 0
    assert Claim.objects.filter(value=85.3).count() == 1


def test_papers_with_abstracts_twice_changes_nothing(run_import):
    run_import(PAPERS)
    snapshot = list(Paper.objects.order_by("pk").values())

    again = run_import(PAPERS)

    assert (again.created_count, again.updated_count, again.unchanged_count) == (0, 0, 3)
    assert list(Paper.objects.order_by("pk").values()) == snapshot
