import gzip
import json

import pytest

from claims.models import Claim
from papers.models import ImportRun, Paper
from papers.services.imports import import_run_create, import_run_execute

pytestmark = pytest.mark.django_db


@pytest.fixture
def run_import(django_capture_on_commit_callbacks):
    def run(path, extract: bool = False) -> ImportRun:
        # Extraction is queued on commit; the test transaction never commits, so run the callbacks here.
        with django_capture_on_commit_callbacks(execute=True):
            created = import_run_create(path=path, origin=path.name, extract=extract)
            return import_run_execute(import_run_id=created.pk, path=path)

    return run


def _jsonl(path, rows):
    path.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    return path


def test_both_seed_files_give_72_papers_and_a_second_import_changes_nothing(run_import, shared_dir):
    seeds = sorted((shared_dir / "seeds").glob("*.txt"))
    first = [run_import(path) for path in seeds]
    assert [(r.status, r.read_count, r.rejected_count) for r in first] == [
        ("succeeded", 37, 0),
        ("succeeded", 44, 0),
    ]
    assert first[0].created_count == 37
    assert first[1].created_count + first[1].updated_count + first[1].unchanged_count == 44
    assert first[1].created_count == 35  # nine papers of the second page were already on the first
    assert Paper.objects.count() == 72
    snapshot = list(Paper.objects.order_by("pk").values())

    again = [run_import(path) for path in seeds]
    assert [(r.created_count, r.updated_count, r.unchanged_count) for r in again] == [(0, 0, 37), (0, 0, 44)]
    assert list(Paper.objects.order_by("pk").values()) == snapshot
    assert ImportRun.objects.count() == 4


def test_a_paper_seen_in_two_sources_is_merged(run_import, tmp_path):
    run_import(_jsonl(tmp_path / "a.jsonl", [{"title": "Pruned Graph Nets", "abstract": "We prune graphs."}]))
    run = run_import(
        _jsonl(
            tmp_path / "b.jsonl",
            [
                {
                    "title": "Pruned graph nets!",
                    "abstract": "We prune graphs.",
                    "arxiv_id": "2501.00042",
                    "code_url": "https://example.org/code",
                },
            ],
        )
    )
    paper = Paper.objects.get()
    assert (run.updated_count, paper.arxiv_id, paper.code_url) == (
        1,
        "2501.00042",
        "https://example.org/code",
    )
    assert paper.title == "Pruned Graph Nets"


def test_a_changed_abstract_updates_the_paper_and_marks_it_for_extraction(run_import, tmp_path):
    row = {"title": "Sharper Kernels", "abstract": "Our kernel reaches 91.0% accuracy on MNIST."}
    run_import(_jsonl(tmp_path / "v1.jsonl", [row]), extract=True)
    paper = Paper.objects.get()
    assert not paper.needs_extraction
    assert list(paper.claims.values_list("value", flat=True)) == [91.0]

    row["abstract"] = "Our kernel reaches 93.5% accuracy on MNIST."
    run = run_import(_jsonl(tmp_path / "v2.jsonl", [row]))
    paper.refresh_from_db()
    assert run.updated_count == 1
    assert paper.needs_extraction


def test_broken_records_are_listed_with_their_positions_and_the_good_ones_land(run_import, tmp_path):
    path = tmp_path / "mixed.jsonl"
    lines = [
        json.dumps({"title": "Good One", "abstract": "First good abstract."}).encode(),
        b'{"title": "Truncated", "abstract": "cut sho',
        json.dumps({"title": "No Abstract"}).encode(),
        b'{"title": "Bad bytes \xff\xfe", "abstract": "x"}',
        json.dumps({"title": "Good Two", "abstract": "Second good abstract."}).encode(),
    ]
    path.write_bytes(b"\n".join(lines) + b"\n")
    run = run_import(path)
    assert run.status == ImportRun.Status.PARTIAL
    assert (run.read_count, run.created_count, run.rejected_count) == (5, 2, 3)
    assert [e["position"] for e in run.errors] == ["line 2", "line 3", "line 4"]
    assert all(e["reason"] for e in run.errors)
    assert sorted(Paper.objects.values_list("title", flat=True)) == ["Good One", "Good Two"]


def test_an_html_page_instead_of_a_feed_fails_the_run_with_a_reason_and_writes_nothing(run_import, tmp_path):
    path = tmp_path / "feed.xml"
    path.write_text("<!DOCTYPE html><html><body><h1>Rate limited</h1></body></html>", encoding="utf-8")
    run = run_import(path)
    assert run.status == ImportRun.Status.FAILED
    assert "HTML" in run.message
    assert Paper.objects.count() == 0


def test_a_gzipped_file_imports_like_the_plain_one(run_import, tmp_path):
    path = tmp_path / "papers.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as handle:
        handle.write(json.dumps({"title": "Zipped Paper", "abstract": "Compressed but fine."}) + "\n")
    assert run_import(path).created_count == 1


def test_reextraction_keeps_curated_claims_and_does_not_resurrect_rejected_ones(
    run_import, tmp_path, django_user_model
):
    from claims.services.curation import claim_reject, claim_verify
    from claims.services.extraction import paper_claims_extract

    row = {
        "title": "Twin Results",
        "abstract": "Our model reaches 88.2% accuracy on SVHN and 71.5% accuracy on STL-10.",
    }
    run_import(_jsonl(tmp_path / "p.jsonl", [row]), extract=True)
    paper = Paper.objects.get()
    first, second = paper.claims.order_by("value_start")
    curator = django_user_model.objects.create(username="cura")
    claim_verify(claim=first, user=curator)
    claim_reject(claim=second, user=curator)

    totals = paper_claims_extract(paper=paper)

    assert totals.curated_kept == 2 and totals.claims_created == 0
    assert sorted(paper.claims.values_list("status", flat=True)) == ["rejected", "verified"]
    assert Claim.objects.count() == 2


def test_a_record_clashing_with_a_stored_paper_is_rejected_and_the_rest_land(run_import, tmp_path):
    run_import(
        _jsonl(tmp_path / "a.jsonl", [{"title": "Same Title", "abstract": "One.", "arxiv_id": "2501.00001"}])
    )
    run = run_import(
        _jsonl(
            tmp_path / "b.jsonl",
            [
                {"title": "Same Title", "abstract": "Another paper.", "arxiv_id": "2501.00002"},
                {"title": "Other Title", "abstract": "Fine."},
            ],
        )
    )
    assert (run.created_count, run.rejected_count) == (1, 1)
    assert run.errors[0]["position"] == "line 1"
    assert "conflicts with a stored paper" in run.errors[0]["reason"]
    assert Paper.objects.count() == 2
