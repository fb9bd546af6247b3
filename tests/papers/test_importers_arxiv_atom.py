import datetime
import io
from pathlib import Path

import pytest

from papers.importers import ImportFormatError, PaperRecord, RecordError, arxiv_atom

FIXTURES = Path(__file__).parent / "fixtures"
FEED_START = b'<?xml version="1.0"?>\n<feed xmlns="http://www.w3.org/2005/Atom">\n'


def parse_bytes(data: bytes) -> list:
    return list(arxiv_atom.parse(io.BytesIO(data)))


def entry(title: str, summary: str = "An abstract.", arxiv: str = "2401.00001v1") -> bytes:
    return (
        f"<entry><id>http://arxiv.org/abs/{arxiv}</id><title>{title}</title>"
        f"<summary>{summary}</summary><published>2024-01-02T00:00:00Z</published></entry>\n"
    ).encode()


def test_feed_entries_become_records():
    records = list(arxiv_atom.parse((FIXTURES / "arxiv_feed.atom").open("rb")))

    assert records[0] == PaperRecord(
        title="Marmot: Hibernating Layers for Energy-Aware Inference",
        abstract="Marmot puts idle transformer layers to sleep between requests. On the invented GreenServe "
        "benchmark it cuts energy per query by 37% at equal accuracy.",
        position="entry 1",
        source="arxiv_atom",
        arxiv_id="2405.00817",
        doi="10.1234/marmot.2024.001",
        published=datetime.date(2024, 5, 1),
        authors=("Priya Raman", "Oskar Weiss"),
        author_count=2,
        url="http://arxiv.org/abs/2405.00817v2",
    )
    assert records[1] == RecordError("entry 2", "missing abstract")
    assert records[2].arxiv_id == "hep-th/9905123"
    assert records[2].published == datetime.date(1999, 5, 17)


def test_html_page_given_as_a_feed_is_a_format_error():
    page = b"<!DOCTYPE html>\n<html><head><title>arXiv</title></head><body><p>Oops</p></body></html>\n"

    with pytest.raises(ImportFormatError, match="looks like an HTML page"):
        parse_bytes(page)


def test_xhtml_page_is_a_format_error_too():
    with pytest.raises(ImportFormatError, match="looks like an HTML page"):
        parse_bytes(b'<html xmlns="http://www.w3.org/1999/xhtml"><body/></html>')


@pytest.mark.parametrize("garbage", [b"this is not xml at all\n", b'{"feed": []}', b"\x00\x01\x02"])
def test_garbage_is_a_format_error(garbage):
    with pytest.raises(ImportFormatError, match="not an Atom feed"):
        parse_bytes(garbage)


def test_other_xml_root_is_a_format_error():
    with pytest.raises(ImportFormatError, match=r"root element is <rss>"):
        parse_bytes(b"<rss><channel/></rss>")


def test_entity_expansion_is_refused():
    bomb = b'<?xml version="1.0"?><!DOCTYPE feed [<!ENTITY a "aaaa">]><feed>&a;</feed>'

    with pytest.raises(ImportFormatError, match="unsafe XML refused"):
        parse_bytes(bomb)


def test_invalid_utf8_spoils_only_its_entry():
    data = FEED_START + entry("Good one") + entry("Bad \xff one".replace("\xff", "BAD")) + entry("Good two")
    data = data.replace(b"BAD", b"\xff") + b"</feed>\n"

    records = parse_bytes(data)

    assert [getattr(r, "title", None) for r in records] == ["Good one", None, "Good two"]
    assert records[1] == RecordError("entry 2", "not valid UTF-8 (byte 0xff at column 61) on line 4")


def test_feed_cut_short_keeps_the_entries_before_the_cut():
    data = FEED_START + entry("Complete") + b"<entry><id>http://arxiv.org/abs/2401.00002</id><title>Cut"

    records = parse_bytes(data)

    assert records[0].title == "Complete"
    assert records[1].position == "entry 2"
    assert records[1].reason.startswith("invalid XML: no element found")


def test_arxiv_api_error_entry_is_reported():
    error = (
        b"<entry><id>http://arxiv.org/api/errors#incorrect_id_format_for_1234</id><title>Error</title>"
        b"<summary>incorrect id format for 1234</summary></entry>"
    )

    [record] = parse_bytes(FEED_START + error + b"</feed>")

    assert record == RecordError("entry 1", "the arXiv API answered an error: incorrect id format for 1234")


def test_sniff_accepts_atom_feeds_only():
    assert arxiv_atom.sniff((FIXTURES / "arxiv_feed.atom").read_bytes()[:300])
    assert not arxiv_atom.sniff(b'<rss version="2.0"><channel/></rss>')
    assert not arxiv_atom.sniff(b"<!DOCTYPE html><html></html>")
