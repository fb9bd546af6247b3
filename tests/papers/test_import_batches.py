"""Batched upserts: a batch of papers in a handful of queries, the same outcomes as record by record."""

import json
import re
import sys

import pytest
from django.core.exceptions import ValidationError

from papers.importers.base import PaperRecord
from papers.models import ImportRun, Paper
from papers.normalize import clean_text
from papers.services.imports import import_run_create, import_run_execute
from papers.services.paper_batches import paper_check
from papers.services.papers import new_paper

pytestmark = pytest.mark.django_db


@pytest.fixture
def run_import(django_capture_on_commit_callbacks, settings):
    settings.IMPORT_BATCH_SIZE = 200

    def run(path) -> ImportRun:
        with django_capture_on_commit_callbacks(execute=True):
            created = import_run_create(path=path, origin=path.name, extract=False)
            return import_run_execute(import_run_id=created.pk, path=path)

    return run


def _write(path, rows):
    path.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    return path


def _rows(count, start=0):
    return [
        {"title": f"Batched paper {n}", "abstract": f"It reaches {n}.5% on X.", "arxiv_id": f"2402.{n:05d}"}
        for n in range(start, start + count)
    ]


def test_a_batch_of_200_new_papers_takes_a_few_queries_not_six_per_record(
    run_import, tmp_path, django_assert_max_num_queries
):
    path = _write(tmp_path / "new.jsonl", _rows(200))
    # claim, lookup, savepoint, INSERT, release, progress, finish and the run's reads: never per record.
    with django_assert_max_num_queries(12):
        run = run_import(path)
    assert (run.status, run.created_count, run.rejected_count) == ("succeeded", 200, 0)
    paper = Paper.objects.get(arxiv_id="2402.00007")
    assert paper.title_key == "batched paper 7"
    assert paper.abstract_hash and paper.created_at and paper.updated_at
    assert paper.sources == ["jsonl"]


def test_the_same_file_again_changes_nothing_and_writes_nothing(
    run_import, tmp_path, django_assert_max_num_queries
):
    path = _write(tmp_path / "same.jsonl", _rows(200))
    run_import(path)
    snapshot = list(Paper.objects.order_by("pk").values())
    with django_assert_max_num_queries(10):
        again = run_import(path)
    assert (again.created_count, again.updated_count, again.unchanged_count) == (0, 0, 200)
    assert list(Paper.objects.order_by("pk").values()) == snapshot


def test_changed_abstracts_are_updated_in_bulk_and_marked_for_extraction(run_import, tmp_path):
    run_import(_write(tmp_path / "a.jsonl", _rows(50)))
    before = {paper.arxiv_id: paper for paper in Paper.objects.all()}
    rows = _rows(50)
    for row in rows[:10]:
        row["abstract"] = row["abstract"] + " It is also fast."
    run = run_import(_write(tmp_path / "b.jsonl", rows))

    assert (run.created_count, run.updated_count, run.unchanged_count) == (0, 10, 40)
    changed = Paper.objects.get(arxiv_id="2402.00003")
    assert changed.abstract.endswith("It is also fast.")
    assert changed.needs_extraction and changed.abstract_hash != before["2402.00003"].abstract_hash
    assert changed.updated_at > before["2402.00003"].updated_at
    assert Paper.objects.get(arxiv_id="2402.00030").updated_at == before["2402.00030"].updated_at


def test_two_records_of_one_paper_in_one_batch_are_merged_not_doubled(run_import, tmp_path):
    rows = [
        {"title": "Twice In A Batch", "abstract": "We study twins."},
        {"title": "Other paper", "abstract": "Something else."},
        {"title": "twice in a batch!", "abstract": "We study twins.", "arxiv_id": "2403.00001"},
        {"title": "Twice in a batch", "abstract": "We study twins.", "arxiv_id": "2403.00001"},
    ]
    run = run_import(_write(tmp_path / "dup.jsonl", rows))

    assert (run.created_count, run.updated_count, run.unchanged_count, run.rejected_count) == (2, 1, 1, 0)
    assert Paper.objects.count() == 2
    assert Paper.objects.get(title_key="twice in a batch").arxiv_id == "2403.00001"


def test_a_record_clashing_inside_a_batch_is_rejected_at_its_position_and_the_rest_land(run_import, tmp_path):
    run_import(
        _write(tmp_path / "first.jsonl", [{"title": "Clash", "abstract": "A.", "arxiv_id": "2404.00001"}])
    )
    rows = _rows(100)
    rows.insert(40, {"title": "Clash", "abstract": "B.", "arxiv_id": "2404.00002"})
    run = run_import(_write(tmp_path / "second.jsonl", rows))

    assert (run.status, run.created_count, run.rejected_count) == ("partial", 100, 1)
    assert run.errors[0]["position"] == "line 41"
    assert "conflicts with a stored paper" in run.errors[0]["reason"]
    assert Paper.objects.count() == 101


def test_a_value_the_model_refuses_is_rejected_with_the_full_clean_message(run_import, tmp_path):
    rows = _rows(30)
    rows[12]["doi"] = "10." + "9" * 300
    run = run_import(_write(tmp_path / "doi.jsonl", rows))

    assert (run.created_count, run.rejected_count) == (29, 1)
    assert run.errors == [
        {"position": "line 13", "reason": "doi: Ensure this value has at most 255 characters (it has 303)."}
    ]


@pytest.mark.parametrize(
    "fields",
    [
        {},
        {"doi": "10." + "1" * 300},
        {"url": "https://example.org/" + "a" * 500},
        {"code_url": "not a url"},
        {"arxiv_id": "9" * 70},
        {"title": "!!!"},
    ],
)
def test_paper_check_refuses_what_full_clean_refuses(fields):
    record = PaperRecord(title="A fine title", abstract="Text.", position="line 1", source="jsonl")
    paper = new_paper(record)
    for name, value in fields.items():
        setattr(paper, name, value)
    paper.refresh_keys()
    try:
        paper.full_clean(validate_unique=False, validate_constraints=False)
        full_clean_ok = True
    except ValidationError:
        full_clean_ok = False
    try:
        paper_check(paper)
        check_ok = True
    except ValidationError:
        check_ok = False
    assert check_ok == full_clean_ok == (not fields)


@pytest.mark.parametrize(
    "url",
    [
        "https://arxiv.org/abs/2401.00001",
        "http://example.co.uk/a_b/c-d/~e%20f",
        "https://github.com/org/repo",
        "https://a-.com/x",
        "https://-a.com/x",
        "https://localhost/x",
        "https://exa mple.com/",
        "ftp://example.com/file",
        "https://" + ".".join(["a" * 60] * 5) + ".com/x",
        "https://example.com/" + "p" * 480,
        "https://example.com:8080/x?q=1#frag",
    ],
)
def test_paper_check_judges_urls_as_full_clean_does(url):
    paper = new_paper(PaperRecord(title="A title", abstract="", position="line 1", source="jsonl"))
    paper.url = paper.code_url = url
    paper.refresh_keys()
    outcomes = []
    for check in (
        lambda: paper.full_clean(validate_unique=False, validate_constraints=False),
        lambda: paper_check(paper),
    ):
        try:
            check()
            outcomes.append(True)
        except ValidationError:
            outcomes.append(False)
    assert outcomes[0] == outcomes[1]


def test_clean_text_collapses_exactly_the_white_space_the_regex_did():
    spaces = [chr(c) for c in range(sys.maxunicode + 1) if chr(c).isspace()]
    samples = [
        "  a  b ",
        "a\u00a0\u2003b\u3000",
        "\x1c\x1dx\x1e\x1fy\n",
        "".join(spaces) + "z" + "".join(spaces),
    ]
    for text in samples:
        assert clean_text(text) == re.sub(r"\s+", " ", text).strip()


def test_a_batch_is_cut_when_its_text_passes_the_character_cap():
    from types import SimpleNamespace

    from papers.services.imports import _batches

    records = [SimpleNamespace(title="t", abstract="x" * 99) for _ in range(10)]
    assert [len(b) for b in _batches(records, 500, max_chars=300)] == [3, 3, 3, 1]
    assert [len(b) for b in _batches(records, 4, max_chars=10_000)] == [4, 4, 2]
