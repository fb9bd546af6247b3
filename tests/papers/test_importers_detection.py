import datetime
import gzip
import shutil
from pathlib import Path

import pytest

from papers.importers import FORMATS, ImportFormatError, PaperRecord, detect_format, iter_records

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.mark.parametrize(
    ("fixture", "name"),
    [
        ("hf_daily_page.txt", "hf_daily_text"),
        ("hf_daily_papers.json", "hf_daily_json"),
        ("arxiv_feed.atom", "arxiv_atom"),
        ("arxiv_oai_page.xml", "arxiv_oai"),
        ("arxiv_snapshot.jsonl", "arxiv_jsonl"),
        ("papers.jsonl", "jsonl"),
        ("papers.csv", "csv"),
        ("pwc_evaluation_tables.json", "pwc_evaluation_tables"),
        ("pwc_papers_with_abstracts.json", "pwc_papers"),
        ("pwc_links_to_code.json", "pwc_code_links"),
    ],
)
def test_each_sample_is_detected_as_its_format(fixture, name):
    assert detect_format(FIXTURES / fixture) == name
    assert name == FORMATS[name].NAME


def test_every_format_module_has_the_same_interface():
    assert set(FORMATS) == {
        "hf_daily_text",
        "hf_daily_json",
        "arxiv_atom",
        "arxiv_oai",
        "arxiv_jsonl",
        "jsonl",
        "csv",
        "pwc_evaluation_tables",
        "pwc_papers",
        "pwc_code_links",
    }
    for module in FORMATS.values():
        assert callable(module.sniff) and callable(module.parse)


def test_plain_jsonl_whose_first_line_lacks_an_abstract_is_still_detected(tmp_path):
    path = tmp_path / "papers.jsonl"
    path.write_text('{"title": "No abstract"}\n{"title": "T", "abstract": "A."}\n')

    assert detect_format(path) == "jsonl"


def test_html_page_is_named_as_such(tmp_path):
    path = tmp_path / "feed.xml"
    path.write_text("\n  <!doctype html>\n<html lang='en'><body>Not found</body></html>\n")

    with pytest.raises(ImportFormatError, match=r"feed\.xml looks like an HTML page"):
        detect_format(path)
    with pytest.raises(ImportFormatError, match="looks like an HTML page"):
        iter_records(path, format="jsonl")


@pytest.mark.parametrize("content", [b"", b"  \n\n"])
def test_empty_file_is_a_format_error_naming_the_file(tmp_path, content):
    path = tmp_path / "empty.jsonl"
    path.write_bytes(content)

    with pytest.raises(ImportFormatError, match=r"empty\.jsonl: the file is empty"):
        iter_records(path)


def test_unrecognised_content_lists_the_known_formats(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("Just some notes,\nnothing like a paper export.\n")

    with pytest.raises(ImportFormatError, match=r"notes\.txt: cannot tell its format.*hf_daily_text"):
        detect_format(path)


def test_missing_file_is_a_format_error(tmp_path):
    with pytest.raises(ImportFormatError, match="cannot read the file"):
        detect_format(tmp_path / "nowhere.csv")


def test_unknown_format_name_lists_the_known_ones():
    with pytest.raises(ImportFormatError, match="unknown format 'bibtex'; known formats: arxiv_atom, "):
        iter_records(FIXTURES / "papers.csv", format="bibtex")


def test_forced_format_wins_over_detection():
    # Snapshot lines read as plain JSON lines: no arXiv id, since the plain format's field is arxiv_id.
    records = list(iter_records(FIXTURES / "arxiv_snapshot.jsonl", format="jsonl"))

    assert [r.source for r in records] == ["jsonl"] * 3
    assert records[0].arxiv_id == ""
    assert records[0].authors == ("Hana Sato", "Diego Ferreira", "Amara Nwosu")


def test_format_errors_during_parsing_name_the_file(tmp_path):
    path = tmp_path / "feed.atom"
    path.write_text("<rss><channel/></rss>")

    records = iter_records(path, format="arxiv_atom")
    with pytest.raises(ImportFormatError, match=r"feed\.atom: not an Atom feed: its root element is <rss>"):
        list(records)


def test_gzipped_files_are_read_transparently(tmp_path):
    path = tmp_path / "page.txt.gz"
    with (FIXTURES / "hf_daily_page.txt").open("rb") as source, gzip.open(path, "wb") as target:
        shutil.copyfileobj(source, target)

    records = list(iter_records(path, today=datetime.date(2025, 3, 10)))

    assert detect_format(path) == "hf_daily_text"
    assert len(records) == 4 and all(isinstance(r, PaperRecord) for r in records)
    assert records[1].published == datetime.date(2025, 2, 2)


def test_truncated_gzip_is_a_format_error(tmp_path):
    path = tmp_path / "papers.jsonl.gz"
    path.write_bytes(gzip.compress((FIXTURES / "papers.jsonl").read_bytes() * 50)[:300])

    with pytest.raises(ImportFormatError, match="papers.jsonl.gz: cannot read the file"):
        list(iter_records(path))
