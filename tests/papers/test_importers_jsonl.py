import datetime
import io
import json
from pathlib import Path

import pytest

from papers.importers import PaperRecord, RecordError, iter_records, jsonl
from papers.normalize import title_key

FIXTURES = Path(__file__).parent / "fixtures"
DEV2_PAPERS = Path(__file__).resolve().parents[2].parent / "shared" / "gold" / "dev2-papers.jsonl"


def parse_lines(*rows: dict | str) -> list:
    text = "\n".join(row if isinstance(row, str) else json.dumps(row) for row in rows)
    return list(jsonl.parse(io.BytesIO(text.encode())))


def test_lines_become_records_with_optional_fields():
    records = list(jsonl.parse((FIXTURES / "papers.jsonl").open("rb")))

    assert records[0] == PaperRecord(
        title="Heron: Wading Through Long Contexts",
        abstract="Heron reads long contexts in strides. It scores 58.9 on the invented MarshQA benchmark.",
        position="line 1",
        source="jsonl",
        arxiv_id="2406.01234",
        doi="10.9999/heron",
        published=datetime.date(2024, 6, 3),
        authors=("Ada Brennan", "Yusuf Demir"),
        author_count=2,
        upvotes=7,
        url="https://example.org/heron",
        code_url="https://github.com/example/heron",
    )


def test_blank_lines_are_skipped_and_positions_stay_physical():
    _, badger, no_abstract = list(jsonl.parse((FIXTURES / "papers.jsonl").open("rb")))

    assert badger.position == "line 3"
    assert badger.published == datetime.date(2023, 11, 20)  # from "date"
    assert badger.authors == ("C. Alvarez", "D. Becker", "E. Ito")
    assert no_abstract == RecordError("line 4", "missing abstract")


@pytest.mark.parametrize(
    ("row", "reason"),
    [
        ({"title": 12, "abstract": "A."}, "title must be a string, got number"),
        ({"title": "T", "abstract": None}, "missing abstract"),
        ({"title": " ", "abstract": " \n "}, "missing title and abstract"),
        (
            {"title": "T", "abstract": "A.", "authors": 3},
            "authors must be a list of names or a string, got number",
        ),
        (
            {"title": "T", "abstract": "A.", "authors": ["A", None]},
            "authors must be a list of names, found null",
        ),
        (
            {"title": "T", "abstract": "A.", "upvotes": -2},
            "upvotes must be a whole number of at least 0, got -2",
        ),
        (
            {"title": "T", "abstract": "A.", "upvotes": True},
            "upvotes must be a whole number of at least 0, got boolean",
        ),
        (
            {"title": "T", "abstract": "A.", "published": "05/01/2024"},
            "published must be a date like 2024-05-01, got '05/01/2024'",
        ),
        ({"title": "T", "abstract": "A.", "arxiv_id": "1234"}, "arxiv_id is not an arXiv id: '1234'"),
        ({"title": "T", "abstract": "A.", "doi": "nope"}, "doi is not a DOI (they start with 10.): 'nope'"),
        ({"title": "T", "abstract": "A.", "url": "ftp://x"}, "url must be an http(s) URL, got 'ftp://x'"),
        ("[1, 2]", "expected a JSON object, got array"),
        ('{"title": "T" "abstract": "A."}', "invalid JSON: Expecting ',' delimiter at column 15"),
    ],
)
def test_a_bad_line_is_an_error_between_good_ones(row, reason):
    good = {"title": "Good", "abstract": "Good abstract."}

    records = parse_lines(good, row, good)

    assert records == [records[0], RecordError("line 2", reason), records[2]]
    assert records[0].title == records[2].title == "Good"


def test_upvotes_given_as_digits_and_authors_as_name_objects_are_accepted():
    [record] = parse_lines(
        {"title": "T", "abstract": "A.", "upvotes": "12", "authors": [{"name": "Kim Lee"}]}
    )

    assert (record.upvotes, record.authors, record.author_count) == (12, ("Kim Lee",), 1)


def test_dev2_papers_import_completely():
    if not DEV2_PAPERS.is_file():
        pytest.skip("../shared/gold is not beside this checkout")

    records = list(iter_records(DEV2_PAPERS))

    assert len(records) == 80
    assert all(isinstance(r, PaperRecord) for r in records)
    assert len({title_key(r.title) for r in records}) == 80
    assert sum(bool(r.arxiv_id) for r in records) == 79
    assert sum(r.published is not None for r in records) == 3
