"""Per-record failures never stop a file: the same broken inputs across the line-based formats."""

import json

import pytest

from papers.importers import PaperRecord, RecordError, iter_records

GOOD = {"title": "Good Paper", "abstract": "A good abstract."}
SNAPSHOT_GOOD = {"id": "2401.00001", "submitter": "X", "update_date": "2024-01-01", **GOOD}


def line(row: dict) -> bytes:
    return json.dumps(row).encode() + b"\n"


def outcomes(records: list) -> list[str]:
    return ["ok" if isinstance(r, PaperRecord) else f"{r.position}: {r.reason}" for r in records]


@pytest.mark.parametrize(("name", "good"), [("jsonl", GOOD), ("arxiv_jsonl", SNAPSHOT_GOOD)])
def test_broken_json_lines_are_reported_where_they_are(tmp_path, name, good):
    missing_abstract = {key: value for key, value in good.items() if key != "abstract"}
    path = tmp_path / "mixed.jsonl"
    path.write_bytes(
        line(good)
        + b'{"title": "Cut\n'
        + line(missing_abstract)
        + b'{"title": "Caf\xc3\xa9 \xff", "abstract": "A."}\n'  # columns count characters, not bytes
        + line({**good, "title": ["a", "list"]})
        + line(good)
    )

    records = list(iter_records(path, format=name))

    assert outcomes(records) == [
        "ok",
        "line 2: invalid JSON: Unterminated string starting at column 11",
        "line 3: missing abstract",
        "line 4: not valid UTF-8 (byte 0xff at column 17)",
        "line 5: title must be a string, got array",
        "ok",
    ]


def test_truncated_last_line_without_newline(tmp_path):
    path = tmp_path / "cut.jsonl"
    path.write_bytes(line(GOOD) + line(GOOD)[:-10])

    records = list(iter_records(path))

    assert records[0] == PaperRecord(
        title="Good Paper", abstract="A good abstract.", position="line 1", source="jsonl"
    )
    assert records[1].position == "line 2"
    assert records[1].reason.startswith("invalid JSON: Unterminated string")


def test_csv_with_every_kind_of_broken_row(tmp_path):
    path = tmp_path / "mixed.csv"
    path.write_bytes(
        b"title,abstract,authors\n"
        b'Good,"Spans\ntwo lines",A. One\n'
        b"No abstract,,B. Two\n"
        b"Bad \xfe bytes,Abstract,C\n"
        b"Too,many,fields,here\n"
        b"Also good,Fine.,D. Four; E. Five\n"
    )

    records = list(iter_records(path))

    assert outcomes(records) == [
        "ok",
        "line 4: missing abstract",
        "line 5: not valid UTF-8 (byte 0xfe at column 5)",
        "line 6: the row has 4 fields, the header has 3",
        "ok",
    ]
    assert records[-1].authors == ("D. Four", "E. Five")


def test_record_error_is_a_plain_value():
    assert RecordError("line 1", "x") == RecordError("line 1", "x")
    with pytest.raises(AttributeError):
        RecordError("line 1", "x").reason = "y"
