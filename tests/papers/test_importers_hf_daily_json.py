import datetime
import io
import json
from pathlib import Path

import pytest

from papers.importers import ImportFormatError, PaperRecord, RecordError, hf_daily_json

FIXTURES = Path(__file__).parent / "fixtures"


def parse_bytes(data: bytes) -> list:
    return list(hf_daily_json.parse(io.BytesIO(data)))


def test_api_entries_become_records_with_paper_fields():
    records = list(hf_daily_json.parse((FIXTURES / "hf_daily_papers.json").open("rb")))

    tidal = records[0]
    assert tidal == PaperRecord(
        title="Tidal Tokens: Compressing Ocean Sensor Streams",
        abstract="We compress ocean sensor streams into discrete tidal tokens. A forecaster trained on them "
        "lowers mean absolute error on the invented BuoyCast benchmark by 21%.",
        position="item 1",
        source="hf_daily_json",
        arxiv_id="2403.04512",
        published=datetime.date(2024, 3, 7),  # the paper's date, not the listing's
        authors=("Mira Castellanos", "Tobias Lindqvist"),
        author_count=2,
        upvotes=42,
        url="https://huggingface.co/papers/2403.04512",
        code_url="https://github.com/example/tidal-tokens",
    )


def test_missing_summary_is_an_error_and_the_next_item_still_comes_out():
    records = list(hf_daily_json.parse((FIXTURES / "hf_daily_papers.json").open("rb")))

    assert records[1] == RecordError("item 2", "missing abstract")
    assert records[2].title == "Lemming Planning for Procedural Mazes"  # from the top-level title
    assert (records[2].upvotes, records[2].authors, records[2].author_count) == (0, (), None)


def test_wrong_field_types_are_reported_per_item():
    items = [
        {"paper": {"id": "2401.00001", "title": ["not", "text"], "summary": "An abstract."}},
        {"paper": {"id": "2401.00002", "title": "Fine", "summary": "An abstract.", "upvotes": "lots"}},
        {"paper": "2401.00003"},
        {"paper": {"id": "not-an-id", "title": "T", "summary": "S"}},
        {"paper": {"id": "2401.00005", "title": "Kept", "summary": "Still here."}},
    ]

    records = parse_bytes(json.dumps(items).encode())

    assert [r.reason for r in records[:4]] == [
        "title must be a string, got array",
        "paper.upvotes must be a whole number of at least 0, got 'lots'",
        "paper must be an object, got string",
        "paper.id is not an arXiv id: 'not-an-id'",
    ]
    assert records[4].title == "Kept"


def test_truncated_file_keeps_the_items_before_the_cut():
    data = (FIXTURES / "hf_daily_papers.json").read_bytes()
    cut = data[: data.index(b'"Lemming Planning')]

    records = parse_bytes(cut)

    assert records[0].arxiv_id == "2403.04512"
    assert records[1] == RecordError("item 2", "missing abstract")
    assert records[2].position == "item 3"
    assert records[2].reason.startswith("invalid JSON: ")
    assert len(records) == 3


def test_invalid_utf8_is_reported_for_its_item():
    items = [{"paper": {"id": "2401.00001", "title": "Caf\u00e9 BAD", "summary": "S."}}]
    data = json.dumps(items, ensure_ascii=False).encode().replace(b"BAD", b"\xff\xfe")

    [record] = parse_bytes(data)

    assert record == RecordError("item 1", "title is not valid UTF-8 (byte 0xff at column 6)")


@pytest.mark.parametrize(
    ("data", "found"),
    [
        (b'{"paper": {}}', "expected a JSON list of papers"),
        (b"<!DOCTYPE html><html></html>", "looks like an HTML page"),
    ],
)
def test_a_document_that_is_not_a_list_is_a_format_error(data, found):
    with pytest.raises(ImportFormatError, match=found):
        parse_bytes(data)


def test_sniff_wants_a_list_of_paper_objects():
    assert hf_daily_json.sniff((FIXTURES / "hf_daily_papers.json").read_bytes()[:200])
    assert not hf_daily_json.sniff(b'[{"title": "x", "abstract": "y"}]')
    assert not hf_daily_json.sniff(b'{"paper": {"id": "1"}}\n')
