"""arXiv OAI-PMH ListRecords responses (metadataPrefix=arXiv), parsed with defusedxml, record by record.

A response holds one page of records and, when more follow, a resumptionToken; the harvester
(papers/feeds/arxiv_oai.py) passes an OaiPage to learn it. Withdrawn records (header status="deleted")
carry no metadata and are skipped, counted on the page. An OAI-PMH error other than noRecordsMatch
raises OaiError with its code.
"""

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import BinaryIO
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import iterparse

from papers.importers.base import ImportFormatError, PaperRecord, RecordError
from papers.importers.fields import FieldError, arxiv_id, doi, iso_date, paper_record, text
from papers.importers.lines import looks_like_html, markup_start
from papers.importers.xml_lines import LineFeeder

NAME = "arxiv_oai"
OAI_NAMESPACE = "http://www.openarchives.org/OAI/2.0/"
OAI = "{" + OAI_NAMESPACE + "}"
ARXIV = "{http://arxiv.org/OAI/arXiv/}"
_ROOT_TAG = re.compile(r"<(?:\w+:)?OAI-PMH\b")
_OAI_IDENTIFIER = re.compile(r"^oai:arXiv\.org:", re.IGNORECASE)
_RECORD_LISTS = {f"{OAI}ListRecords", f"{OAI}GetRecord"}
_OTHER_VERBS = {f"{OAI}{verb}" for verb in ("Identify", "ListSets", "ListIdentifiers", "ListMetadataFormats")}
NO_RECORDS = "noRecordsMatch"


class OaiError(ImportFormatError):
    """The repository answered an OAI-PMH error (badResumptionToken, badArgument, ...) instead of records."""

    def __init__(self, code: str, message: str) -> None:
        self.code = code
        self.reason = message
        super().__init__(f"the OAI-PMH response is an error ({code}): {message}")


@dataclass
class OaiPage:
    """What a response says besides its records: the token of the next page and the list's size."""

    token: str = ""  # empty when this is the last page
    cursor: int | None = None
    complete_list_size: int | None = None
    records: int = 0  # every record seen, deleted ones included
    deleted: int = 0
    broken: str = ""  # why the XML broke off, when it did: the page is incomplete


def sniff(head: bytes) -> bool:
    start = markup_start(head)
    return bool(_ROOT_TAG.match(start)) and OAI_NAMESPACE in start


def parse(stream: BinaryIO, page: OaiPage | None = None) -> Iterator[PaperRecord | RecordError]:
    page = page if page is not None else OaiPage()
    feeder = LineFeeder(stream)
    root: Element | None = None
    record_list: Element | None = None
    depth = start_line = 0
    in_record = False
    try:
        for event, element in iterparse(feeder, events=("start", "end"), forbid_dtd=True):
            if event == "start":
                depth += 1
                if root is None:
                    root = element
                    if element.tag != f"{OAI}OAI-PMH":
                        raise ImportFormatError(
                            _not_oai(
                                feeder.head, f"not an OAI-PMH response: its root element is <{element.tag}>"
                            )
                        )
                elif depth == 2 and element.tag in _RECORD_LISTS:
                    record_list = element
                elif depth == 2 and element.tag in _OTHER_VERBS:
                    verb = element.tag.removeprefix(OAI)
                    raise ImportFormatError(
                        f"an OAI-PMH {verb} response holds no records; harvest with ListRecords"
                    )
                elif depth == 3 and element.tag == f"{OAI}record" and record_list is not None:
                    page.records += 1
                    start_line, in_record = feeder.line, True
                continue
            depth -= 1
            if depth == 1 and element.tag == f"{OAI}error":
                code = element.get("code", "")
                if code != NO_RECORDS:
                    raise OaiError(code or "unknown", text(element.text, "error") or "no message")
            elif depth == 2 and element.tag == f"{OAI}record" and record_list is not None:
                in_record = False
                bad = feeder.bad_since(start_line)
                if _is_deleted(element):
                    page.deleted += 1
                else:
                    yield _record(element, f"record {page.records}", bad)
                record_list.remove(element)  # keeps memory flat on big responses
            elif depth == 2 and element.tag == f"{OAI}resumptionToken":
                page.token = (element.text or "").strip()
                page.cursor = _whole(element.get("cursor"))
                page.complete_list_size = _whole(element.get("completeListSize"))
    except ParseError as exc:
        if root is None:
            raise ImportFormatError(
                _not_oai(feeder.head, f"not an OAI-PMH response: not well-formed XML ({exc})")
            ) from None
        page.broken = str(exc)
        number = page.records if in_record else page.records + 1
        yield RecordError(f"record {number}", f"invalid XML: {exc}; stopped here")
    except DefusedXmlException as exc:
        raise ImportFormatError(_not_oai(feeder.head, f"unsafe XML refused: {exc!r}")) from None


def _not_oai(head: bytes, why: str) -> str:
    return "looks like an HTML page, not an OAI-PMH response" if looks_like_html(head) else why


def _whole(value: str | None) -> int | None:
    return int(value) if value and value.strip().isdigit() else None


def _is_deleted(record: Element) -> bool:
    header = record.find(f"{OAI}header")
    return header is not None and header.get("status") == "deleted"


def _record(record: Element, position: str, bad: list[tuple[int, str]]) -> PaperRecord | RecordError:
    if bad:
        number, reason = bad[0]
        return RecordError(position, f"{reason} on line {number}")
    metadata = record.find(f"{OAI}metadata")
    if metadata is None or len(metadata) == 0:
        return RecordError(position, "no metadata")
    arxiv = metadata.find(f"{ARXIV}arXiv")
    if arxiv is None:
        return RecordError(
            position,
            f"metadata is <{metadata[0].tag}>, not the arXiv format (harvest with metadataPrefix=arXiv)",
        )
    try:
        identifier = text(record.findtext(f"{OAI}header/{OAI}identifier"), "header identifier")
        bare_id = arxiv_id(arxiv.findtext(f"{ARXIV}id") or _OAI_IDENTIFIER.sub("", identifier), "id")
        return paper_record(
            source=NAME,
            position=position,
            title=text(arxiv.findtext(f"{ARXIV}title"), "title"),
            abstract=text(arxiv.findtext(f"{ARXIV}abstract"), "abstract"),
            arxiv_id=bare_id,
            doi=doi(arxiv.findtext(f"{ARXIV}doi")),
            published=iso_date(arxiv.findtext(f"{ARXIV}created"), "created"),
            authors=_authors(arxiv),
            url=f"https://arxiv.org/abs/{bare_id}" if bare_id else "",
        )
    except FieldError as exc:
        return RecordError(position, str(exc))


def _authors(arxiv: Element) -> tuple[str, ...]:
    names = []
    for author in arxiv.iterfind(f"{ARXIV}authors/{ARXIV}author"):
        parts = (
            text(author.findtext(f"{ARXIV}{field}"), f"author {field}")
            for field in ("forenames", "keyname", "suffix")
        )
        if name := " ".join(part for part in parts if part):
            names.append(name)
    return tuple(names)
