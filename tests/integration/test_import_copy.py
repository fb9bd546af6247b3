"""The COPY path of arXiv-snapshot imports on PostgreSQL gives what the batched path gives, record for record."""

import json
import logging

import pytest
from django.db import connection
from django.db.models import F

from papers.models import ImportRun, Paper
from papers.services.imports import import_run_create, import_run_execute

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

_FIELDS = (
    "title",
    "title_key",
    "abstract",
    "abstract_hash",
    "arxiv_id",
    "doi",
    "published",
    "authors",
    "author_count",
    "upvotes",
    "url",
    "code_url",
    "sources",
)
_COUNTS = ("status", "read_count", "created_count", "updated_count", "unchanged_count", "rejected_count")


def _row(n: int, abstract: str = "", title: str = "") -> dict:
    return {
        "id": f"2401.{n:05d}",
        "submitter": "A. Writer",
        "authors": "A. Writer, B. Reader",
        "title": title or f"Staged paper number {n}",
        "abstract": abstract or f"  We reach {n % 90}.5% accuracy on GLUE with method {n}.\n",
        "doi": f"10.1000/staged.{n}" if n % 3 == 0 else None,
        "versions": [{"version": "v1", "created": "Mon, 8 Jan 2024 10:00:00 GMT"}],
        "update_date": "2024-01-09",
        "authors_parsed": [["Writer", "A.", ""], ["Reader", "B.", ""]],
    }


def _write(path, rows) -> str:
    with path.open("w", encoding="utf-8") as out:
        for row in rows:
            out.write(row if isinstance(row, str) else json.dumps(row) + "\n")
    return str(path)


def _import(path, *, extract: bool = False) -> ImportRun:
    run = import_run_create(path=path, format="arxiv_jsonl", extract=extract)
    return import_run_execute(import_run_id=run.pk, path=path)


def _papers() -> list[tuple]:
    return sorted(Paper.objects.values_list(*_FIELDS))


def _outcome(run: ImportRun) -> tuple:
    return tuple(getattr(run, name) for name in _COUNTS) + (run.errors,)


def _first_file(tmp_path) -> str:
    rows = [_row(n) for n in range(120)]
    rows.insert(40, _row(7, abstract="A second version of paper 7 in the same file, at 12.5% error."))
    rows.insert(60, _row(500, title="Staged paper number 3"))  # same title as 3, another arXiv id: a clash
    rows.insert(80, '{"id": "2401.99999", "title": "cut short\n')  # truncated JSON
    rows.insert(90, {**_row(900), "abstract": None, "title": None})
    return _write(tmp_path / "first.jsonl", rows)


def _second_file(tmp_path) -> str:
    rows = [_row(n) for n in range(100, 150)]  # 100-119 unchanged, 120-149 new
    rows += [_row(n, abstract=f"A revised abstract {n}: now 9{n % 10}.1% on GLUE.") for n in range(10)]
    rows += [
        {**_row(n), "abstract": f"  We reach {n % 90}.5%   accuracy on GLUE with method {n}."}
        for n in (20, 21)
    ]
    return _write(tmp_path / "second.jsonl", rows)


def _both_imports(tmp_path, settings, *, copy: bool) -> tuple:
    settings.IMPORT_COPY = copy
    settings.IMPORT_COPY_CHUNK_SIZE = 25  # several chunks, and the duplicates straddle them
    settings.IMPORT_BATCH_SIZE = 25
    first = _outcome(_import(_first_file(tmp_path)))
    after_first = _papers()
    second = _outcome(_import(_second_file(tmp_path)))
    return first, after_first, second, _papers()


def test_the_copy_path_gives_the_papers_and_counts_of_the_batched_path(postgres, tmp_path, settings, caplog):
    with caplog.at_level(logging.INFO, logger="papers.services.imports"):
        batched = _both_imports(tmp_path, settings, copy=False)
    assert "goes the batched way" not in caplog.text
    Paper.objects.all().delete()
    caplog.clear()
    with caplog.at_level(logging.INFO, logger="papers.services.imports"):
        copied = _both_imports(tmp_path, settings, copy=True)
    assert copied == batched
    first, after_first, second, _ = copied
    # 124 lines: 120 papers, 7 again (merged: its new abstract), a title clash, a cut line, no title.
    assert first[:6] == ("partial", 124, 120, 1, 0, 3)
    assert [error["position"] for error in first[6]] == ["line 61", "line 81", "line 91"]
    assert "conflicts with a stored paper" in first[6][0]["reason"]
    assert len(after_first) == 120
    assert second[:6] == ("succeeded", 62, 30, 10, 22, 0)  # white space alone is no change (20, 21)
    # Only the chunk holding the clash went the batched way; the others were merged set-based.
    assert caplog.text.count("goes the batched way") == 1


def test_extraction_is_queued_for_exactly_the_new_and_changed_papers(postgres, tmp_path, settings):
    settings.IMPORT_COPY_CHUNK_SIZE = 25
    _import(_write(tmp_path / "a.jsonl", [_row(n) for n in range(60)]), extract=True)
    assert not Paper.objects.exclude(extracted_hash=F("abstract_hash")).exists()
    # Marked, so a paper extracted by the second import shows it: extraction writes the abstract's hash.
    Paper.objects.update(extracted_hash="before")
    rows = [_row(n) for n in range(60)]
    rows += [_row(n) for n in range(60, 70)]
    rows[5] = _row(5, abstract="Paper 5 now reports 81.0% on GLUE.")
    rows[6] = _row(6, abstract="Paper 6 now reports 82.0% on GLUE.")
    run = _import(_write(tmp_path / "b.jsonl", rows), extract=True)
    assert (run.created_count, run.updated_count, run.unchanged_count) == (10, 2, 58)
    extracted = set(Paper.objects.exclude(extracted_hash="before").values_list("arxiv_id", flat=True))
    assert extracted == {"2401.00005", "2401.00006"} | {f"2401.{n:05d}" for n in range(60, 70)}


def _paper_inserts(path) -> int:
    """The INSERTs into the paper table the import sends (the importer clears Django's query log as it goes)."""
    statements: list[str] = []

    def record(execute, sql, params, many, context):
        statements.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(record):
        _import(path)
    return sum(sql.lstrip().startswith("INSERT INTO papers_paper") for sql in statements)


def test_records_are_written_a_chunk_at_a_time(postgres, tmp_path, settings):
    settings.IMPORT_COPY_CHUNK_SIZE = 40
    # 200 records, 40 a chunk: never more than a chunk in memory or in one statement.
    assert _paper_inserts(_write(tmp_path / "c.jsonl", [_row(n) for n in range(200)])) == 5
    assert Paper.objects.count() == 200
    # Cut by characters too: long abstracts (about 1,050 characters each) make chunks of 10.
    Paper.objects.all().delete()
    settings.IMPORT_COPY_MAX_CHARS = 10 * 1000
    long_rows = [_row(n, abstract=f"Paper {n} at 1.{n}% on GLUE. " + "word " * 200) for n in range(40)]
    assert _paper_inserts(_write(tmp_path / "d.jsonl", long_rows)) == 4
    assert Paper.objects.count() == 40
