"""Regression tests for the probe's findings on importers: limits, bad characters, truncation, encodings."""

import codecs
import gzip
import json
import zlib

import pytest

from papers.importers import (
    FileTooLarge,
    ImportFormatError,
    PaperRecord,
    ReadLimits,
    RecordError,
    iter_records,
)
from papers.importers.streams import open_import_file

GOOD = {"title": "Sparse Routing for Tables", "abstract": "We reach 81.2% accuracy on WikiTQ."}
SMALL = ReadLimits(max_bytes=2 * 1024 * 1024, max_line_bytes=64 * 1024)


def line(row: dict) -> bytes:
    return json.dumps(row).encode() + b"\n"


def good(n: int) -> dict:
    return {"title": f"Paper number {n}", "abstract": f"Abstract {n} reaches {n}.5% on X."}


def outcomes(records) -> list[str]:
    return ["ok" if isinstance(r, PaperRecord) else f"{r.position}: {r.reason}" for r in records]


def gzip_of_zeros(path, size: int, newline_every: int | None = None):
    """A gzip bomb: `size` bytes of "0" (in lines if asked) that compress to a few hundred KB."""
    block = b"0" * (1024 * 1024)
    if newline_every:
        block = (b"0" * (newline_every - 1) + b"\n") * (len(block) // newline_every)
    compressor = zlib.compressobj(9, zlib.DEFLATED, 31)
    with path.open("wb") as out:
        written = 0
        while written < size:
            out.write(compressor.compress(block))
            written += len(block)
        out.write(compressor.flush())
    return path


def test_an_endless_line_is_one_rejected_record_and_the_lines_around_it_land(tmp_path):
    path = tmp_path / "long.jsonl"
    path.write_bytes(line(good(1)) + b'{"title": "' + b"x" * 200_000 + b'"}\n' + line(good(2)))

    records = list(iter_records(path, limits=SMALL))

    assert outcomes(records) == [
        "ok",
        "line 2: the line is 200,014 bytes long; lines are limited to 65,536 bytes",
        "ok",
    ]


def test_a_gzip_bomb_is_refused_once_the_size_limit_is_reached(tmp_path):
    bomb = gzip_of_zeros(tmp_path / "bomb.jsonl.gz", 8 * 1024 * 1024)
    assert bomb.stat().st_size < 100_000

    with pytest.raises(FileTooLarge, match=r"bomb\.jsonl\.gz: the file holds more than 2,097,152 bytes"):
        list(iter_records(bomb, format="jsonl", limits=SMALL))


def test_the_json_list_importer_streams_and_refuses_an_oversized_item(tmp_path):
    path = tmp_path / "daily.json"
    items = [{"paper": {"id": "2401.0000" + str(n), "title": f"T{n}", "summary": "S."}} for n in range(3)]
    big = {"paper": {"id": "2401.00009", "title": "Big", "summary": "y" * 200_000}}
    path.write_text(json.dumps(items[:2] + [big] + items[2:]))

    records = list(iter_records(path, limits=SMALL))

    assert outcomes(records)[:2] == ["ok", "ok"]
    assert records[2].position == "item 3"
    assert records[2].reason == "the item is 200,062 characters long; items are limited to 65,536"
    assert outcomes(records)[3:] == ["ok"]


def test_the_json_list_importer_reads_items_across_chunks(tmp_path):
    # Far more than one read chunk (256 KB), so items are cut by chunk ends and must be read whole.
    items = [
        {"paper": {"id": f"2401.{n:05d}", "title": f"Title {n}", "summary": "Z" * 900}} for n in range(800)
    ]
    path = tmp_path / "daily.json"
    path.write_text(json.dumps(items, indent=1))

    records = list(iter_records(path))

    assert len(records) == 800 and all(isinstance(r, PaperRecord) for r in records)
    assert [r.arxiv_id for r in records[:2]] == ["2401.00000", "2401.00001"]


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("Nul\u0000here", "title has a NUL character at column 4"),
        ("Half \ud83d pair", "title has a lone surrogate U+D83D at column 6 (not text)"),
        ("Bell\u0007", "title has a control character U+0007 at column 5"),
    ],
)
def test_characters_no_database_stores_are_per_record_errors(tmp_path, value, reason):
    path = tmp_path / "bad.jsonl"
    # json.dumps escapes them as \u0000 and \ud83d, as a producer's JSON would.
    path.write_bytes(line(good(1)) + line({**GOOD, "title": value}) + line(good(2)))

    assert outcomes(iter_records(path)) == ["ok", f"line 2: {reason}", "ok"]


def test_right_to_left_text_is_kept_as_it_is(tmp_path):
    path = tmp_path / "rtl.jsonl"
    title = "نموذج لغوي \u202bmixed\u202c עברית"
    path.write_bytes(line({**GOOD, "title": title}))

    (record,) = iter_records(path)

    assert record.title == title


def test_deeply_nested_json_is_a_per_record_error(tmp_path):
    path = tmp_path / "deep.jsonl"
    deep = b'{"title": ' + b"[" * 100_000 + b"]" * 100_000 + b"}\n"
    path.write_bytes(line(good(1)) + deep + line(good(2)))

    assert outcomes(iter_records(path)) == ["ok", "line 2: invalid JSON: nested too deeply", "ok"]


def test_deeply_nested_json_in_a_json_list_stops_with_a_reason(tmp_path):
    path = tmp_path / "deep.json"
    path.write_bytes(b'[{"paper": {"id": "2401.00001", "title": "T", "summary": "S"}}, ' + b"[" * 100_000)

    records = list(iter_records(path, format="hf_daily_json"))

    assert outcomes(records) == ["ok", "item 2: invalid JSON: nested too deeply; stopped here"]


def test_a_truncated_gzip_keeps_the_records_before_the_cut_and_reports_it(tmp_path):
    rows = b"".join(line(good(n)) for n in range(3000))
    path = tmp_path / "cut.jsonl.gz"
    whole = gzip.compress(rows)
    path.write_bytes(whole[: len(whole) // 2])

    records = list(iter_records(path))

    read = [r for r in records if isinstance(r, PaperRecord)]
    assert 1000 < len(read) < 3000
    assert [r.title for r in read] == [f"Paper number {n}" for n in range(len(read))]
    assert isinstance(records[-1], RecordError)
    assert records[-1].position == "end of file"
    assert "cut short" in records[-1].reason


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_files_are_read_as_text(tmp_path, encoding):
    text = "title,abstract\nRésumé d'un modèle,Il atteint 91.3% sur GLUE.\n"
    path = tmp_path / "papers.csv"
    path.write_bytes(text.encode(encoding))

    (record,) = iter_records(path)

    assert (record.title, record.source) == ("Résumé d'un modèle", "csv")


def test_utf16_with_bom_is_detected_for_json_lines_too(tmp_path):
    path = tmp_path / "papers.jsonl"
    path.write_bytes(codecs.BOM_UTF16_LE + line(GOOD).decode().encode("utf-16-le"))

    (record,) = iter_records(path)

    assert record.title == GOOD["title"]


ATOM_ENTRY = """<entry><id>http://arxiv.org/abs/2401.01234v1</id><title>Routing</title>
<summary>We reach 70.1% on ARC.</summary><published>2024-01-02T00:00:00Z</published></entry>"""


def test_an_atom_feed_with_a_doctype_is_read(tmp_path):
    path = tmp_path / "feed.xml"
    path.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE feed>\n'
        f'<feed xmlns="http://www.w3.org/2005/Atom">{ATOM_ENTRY}</feed>'
    )

    (record,) = iter_records(path)

    assert (record.source, record.arxiv_id) == ("arxiv_atom", "2401.01234")


@pytest.mark.parametrize(
    "doctype",
    [
        '<!DOCTYPE feed [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
        '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>',
        '<!DOCTYPE feed [<!ENTITY secret SYSTEM "file:///etc/passwd">]>',
    ],
    ids=["entity-expansion", "external-entity"],
)
def test_entities_stay_refused(tmp_path, doctype):
    path = tmp_path / "feed.xml"
    path.write_text(
        f'<?xml version="1.0"?>\n{doctype}\n<feed xmlns="http://www.w3.org/2005/Atom">'
        "<entry><title>&c;&secret;</title></entry></feed>"
    )

    with pytest.raises(ImportFormatError, match="unsafe XML refused"):
        list(iter_records(path))


def test_the_reader_never_gives_more_than_the_limit(tmp_path):
    path = gzip_of_zeros(tmp_path / "zeros.gz", 4 * 1024 * 1024, newline_every=1024)

    with open_import_file(path, SMALL) as stream, pytest.raises(FileTooLarge):
        for _ in stream:
            assert stream.consumed <= SMALL.max_bytes + SMALL.max_line_bytes + 1
