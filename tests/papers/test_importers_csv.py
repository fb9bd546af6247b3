import datetime
import io
from pathlib import Path

import pytest

from papers.importers import ImportFormatError, PaperRecord, RecordError, plain_csv

FIXTURES = Path(__file__).parent / "fixtures"


def parse_text(text: str) -> list:
    return list(plain_csv.parse(io.BytesIO(text.encode())))


def test_rows_become_records_and_embedded_newlines_stay_in_their_field():
    gecko, puffin = list(plain_csv.parse((FIXTURES / "papers.csv").open("rb")))

    assert gecko == PaperRecord(
        title="Gecko Grip: Climbing with Soft Grippers",
        abstract="Gecko Grip climbs glass walls, ceilings and windows. "
        "It holds 2.3 kg on the invented WallBench suite.",
        position="line 2",
        source="csv",
        arxiv_id="2407.04321",
        published=datetime.date(2024, 7, 5),
        authors=("Rosa Lind", "Tomas Berg"),
        author_count=2,
        upvotes=11,
        code_url="https://github.com/example/gecko-grip",
    )
    # The previous record spans lines 2-3, so this one starts on line 4.
    assert puffin.position == "line 4"
    assert 'a "transparent" quality score' in puffin.abstract
    assert (puffin.arxiv_id, puffin.upvotes, puffin.code_url) == ("", None, "")


def test_positions_count_physical_lines_across_multiline_rows():
    text = 'title,abstract\n"One","first\nsecond\nthird"\n\n"Two",""\nThree,Last abstract.\n'

    records = parse_text(text)

    assert records[0].position == "line 2"
    assert records[1] == RecordError("line 6", "missing abstract")
    assert records[2].position == "line 7"


def test_header_without_abstract_column_is_a_format_error():
    with pytest.raises(ImportFormatError, match="no title and abstract columns"):
        parse_text("title,summary\nA,B\n")


def test_empty_file_is_a_format_error():
    with pytest.raises(ImportFormatError, match="empty"):
        parse_text("\n\n")


def test_row_with_missing_or_extra_fields_is_an_error():
    text = "title,abstract,upvotes\nShort row,Only two\nLong,row,3,extra\nFine,Fine abstract.,4\n"

    records = parse_text(text)

    assert records[:2] == [
        RecordError("line 2", "the row has 2 fields, the header has 3"),
        RecordError("line 3", "the row has 4 fields, the header has 3"),
    ]
    assert records[2].upvotes == 4


def test_unclosed_quote_names_the_lines_it_swallowed():
    records = parse_text('title,abstract\nGood,Fine.\n"Broken,abstract\nNext,Row.\n')

    assert records[0].title == "Good"
    assert records[1] == RecordError(
        "line 3", "the row has 1 fields, the header has 2 (lines 3-4: an unclosed quote?)"
    )


def test_invalid_utf8_inside_a_multiline_row_spoils_only_that_row():
    data = b'title,abstract\nA,"x\nbad \xff here"\nB,Fine.\n'

    records = list(plain_csv.parse(io.BytesIO(data)))

    assert records[0] == RecordError("line 2", "not valid UTF-8 (byte 0xff at column 5) on line 3")
    assert records[1].title == "B"


def test_semicolon_separated_file_with_bom_and_crlf():
    data = "\ufeffTitle;Abstract;Published\r\nSemi;Colons are fine.;2022-02-02\r\n".encode()

    [record] = list(plain_csv.parse(io.BytesIO(data)))

    assert (record.title, record.abstract, record.published) == (
        "Semi",
        "Colons are fine.",
        datetime.date(2022, 2, 2),
    )


def test_wrong_value_in_a_column_is_an_error():
    records = parse_text("title,abstract,upvotes,published\nA,B,many,\nC,D,,2024-13-01\n")

    assert records == [
        RecordError("line 2", "upvotes must be a whole number of at least 0, got 'many'"),
        RecordError("line 3", "published must be a date like 2024-05-01, got '2024-13-01'"),
    ]


def test_oversized_field_is_an_error_and_its_bad_bytes_stay_with_it():
    data = b'title,abstract\n"Runaway,\xff' + b"y" * 140_000 + b"\nNext,Row after it.\n"

    records = list(plain_csv.parse(io.BytesIO(data)))

    assert records[0] == RecordError("line 2", "invalid CSV: field larger than field limit (131072)")
    assert (records[1].title, records[1].position) == ("Next", "line 3")
