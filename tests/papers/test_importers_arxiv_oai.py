import datetime
import io
from pathlib import Path

import pytest

from papers.importers import (
    ImportFormatError,
    PaperRecord,
    RecordError,
    arxiv_oai,
    detect_format,
    iter_records,
)
from papers.importers.arxiv_oai import OaiError, OaiPage

FIXTURES = Path(__file__).parent / "fixtures"
OPEN = '<?xml version="1.0"?>\n<OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/">\n'


def parse_bytes(data: bytes, page: OaiPage | None = None) -> list:
    return list(arxiv_oai.parse(io.BytesIO(data), page))


def record(arxiv_id: str, title: str = "A Title", abstract: str = "An abstract.") -> str:
    return (
        f"<record><header><identifier>oai:arXiv.org:{arxiv_id}</identifier><datestamp>2024-05-02</datestamp>"
        f"<setSpec>cs</setSpec></header><metadata><arXiv xmlns='http://arxiv.org/OAI/arXiv/'>"
        f"<id>{arxiv_id}</id><created>2024-05-01</created><title>{title}</title>"
        f"<abstract>{abstract}</abstract></arXiv></metadata></record>\n"
    )


def test_records_become_papers_with_line_breaks_folded_and_deleted_records_skipped():
    page = OaiPage()
    with (FIXTURES / "arxiv_oai_page.xml").open("rb") as stream:
        records = list(arxiv_oai.parse(stream, page))

    assert records[0] == PaperRecord(
        title="Tidepool: Streaming Retrieval for Long-Context Question Answering",
        abstract="Tidepool streams retrieved passages into a reader model as they arrive. On the invented "
        "HarborQA benchmark it reaches 71.4% exact match, 6.2 points above the best retrieve-then-read baseline.",
        position="record 1",
        source="arxiv_oai",
        arxiv_id="2405.01234",
        published=datetime.date(2024, 5, 1),
        authors=("Chidi A. Okafor", "Maja Lindqvist Jr"),
        author_count=2,
        url="https://arxiv.org/abs/2405.01234",
    )
    # The withdrawn record 2 is not a paper; the positions still count it.
    assert records[1].position == "record 3"
    assert (records[1].arxiv_id, records[1].doi) == ("cs/0101001", "10.5555/invented.2001.17")
    assert records[2] == RecordError("record 4", "missing abstract")
    assert len(records) == 3
    assert (page.records, page.deleted) == (4, 1)
    assert (page.token, page.cursor, page.complete_list_size) == ("7731882|1001", 0, 7)


def test_the_file_is_detected_and_imported_through_the_registry():
    path = FIXTURES / "arxiv_oai_page.xml"

    assert detect_format(path) == "arxiv_oai"
    assert [r.position for r in iter_records(path)] == ["record 1", "record 3", "record 4"]


def test_the_last_page_has_an_empty_token():
    page = OaiPage()
    body = (
        OPEN
        + "<ListRecords>"
        + record("2405.00001")
        + '<resumptionToken cursor="1000" completeListSize="1001"/>'
    )
    records = parse_bytes((body + "</ListRecords></OAI-PMH>").encode(), page)

    assert [r.arxiv_id for r in records] == ["2405.00001"]
    assert (page.token, page.cursor, page.complete_list_size) == ("", 1000, 1001)


def test_no_records_match_is_an_empty_page_not_an_error():
    body = OPEN + '<error code="noRecordsMatch">No records match the request</error></OAI-PMH>'
    page = OaiPage()

    assert parse_bytes(body.encode(), page) == []
    assert page.token == ""


def test_a_bad_resumption_token_raises_with_its_code():
    body = OPEN + '<error code="badResumptionToken">The token 123|1001 has expired</error></OAI-PMH>'

    with pytest.raises(OaiError, match=r"badResumptionToken.*has expired") as caught:
        parse_bytes(body.encode())
    assert caught.value.code == "badResumptionToken"
    assert isinstance(caught.value, ImportFormatError)


def test_xml_broken_midway_keeps_the_records_before_and_flags_the_page():
    body = OPEN + "<ListRecords>" + record("2405.00001") + record("2405.00002")[:90]
    page = OaiPage()
    records = parse_bytes(body.encode(), page)

    assert records[0].arxiv_id == "2405.00001"
    assert isinstance(records[1], RecordError) and records[1].position == "record 2"
    assert "invalid XML" in records[1].reason
    assert page.broken


def test_invalid_utf8_spoils_only_its_record():
    body = (OPEN + "<ListRecords>" + record("2405.00001")).encode()
    body += record("2405.00002", title="Bad \udcff byte").encode("utf-8", "surrogateescape")
    body += (record("2405.00003") + "</ListRecords></OAI-PMH>").encode()

    records = parse_bytes(body)

    assert [type(r).__name__ for r in records] == ["PaperRecord", "RecordError", "PaperRecord"]
    assert records[1].position == "record 2" and "not valid UTF-8" in records[1].reason


def test_a_dublin_core_record_is_reported_as_the_wrong_metadata_format():
    dc = (
        "<record><header><identifier>oai:arXiv.org:2405.00001</identifier></header><metadata>"
        "<oai_dc:dc xmlns:oai_dc='http://www.openarchives.org/OAI/2.0/oai_dc/'/></metadata></record>"
    )
    records = parse_bytes((OPEN + "<ListRecords>" + dc + "</ListRecords></OAI-PMH>").encode())

    assert len(records) == 1 and "metadataPrefix=arXiv" in records[0].reason


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (b"<!DOCTYPE html><html><body>Service unavailable</body></html>", "looks like an HTML page"),
        (b'<feed xmlns="http://www.w3.org/2005/Atom"/>', "not an OAI-PMH response"),
        (b"not xml", "not an OAI-PMH response"),
        ((OPEN + "<ListSets><set/></ListSets></OAI-PMH>").encode(), "ListSets response holds no records"),
    ],
)
def test_what_is_not_a_list_of_records_is_a_format_error(body, message):
    with pytest.raises(ImportFormatError, match=message):
        parse_bytes(body)


def test_entity_expansion_is_refused():
    bomb = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><OAI-PMH>&a;</OAI-PMH>'

    with pytest.raises(ImportFormatError, match="unsafe XML"):
        parse_bytes(bomb)
