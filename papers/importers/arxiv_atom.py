"""arXiv API Atom feeds, parsed with defusedxml and streamed entry by entry."""

import re
from collections.abc import Iterator
from typing import BinaryIO
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import iterparse

from papers.importers.base import ImportFormatError, PaperRecord, RecordError
from papers.importers.fields import FieldError, bare_arxiv_id, doi, iso_date, paper_record, text, url
from papers.importers.lines import looks_like_html, markup_start
from papers.importers.xml_lines import LineFeeder

NAME = "arxiv_atom"
ATOM = "{http://www.w3.org/2005/Atom}"
ARXIV = "{http://arxiv.org/schemas/atom}"
_FEED_TAG = re.compile(r"<(?:\w+:)?feed\b")


def sniff(head: bytes) -> bool:
    start = markup_start(head, skip_doctype=True)
    return bool(_FEED_TAG.match(start)) and "http://www.w3.org/2005/Atom" in start


def parse(stream: BinaryIO) -> Iterator[PaperRecord | RecordError]:
    feeder = LineFeeder(stream)
    root: Element | None = None
    count = start_line = 0
    in_entry = False
    try:
        for event, element in iterparse(
            feeder, events=("start", "end"), forbid_dtd=False, forbid_entities=True, forbid_external=True
        ):
            if root is None:
                root = element
                if element.tag != f"{ATOM}feed":
                    raise ImportFormatError(
                        _not_a_feed(feeder.head, f"not an Atom feed: its root element is <{element.tag}>")
                    )
            elif event == "start" and element.tag == f"{ATOM}entry":
                count += 1
                start_line, in_entry = feeder.line, True
            elif event == "end" and element.tag == f"{ATOM}entry":
                bad = feeder.bad_since(start_line)
                in_entry = False
                yield _entry(element, f"entry {count}", bad)
                root.remove(element)  # keeps memory flat on big feeds
    except ParseError as exc:
        if root is None:
            raise ImportFormatError(
                _not_a_feed(feeder.head, f"not an Atom feed: not well-formed XML ({exc})")
            ) from None
        yield RecordError(f"entry {count if in_entry else count + 1}", f"invalid XML: {exc}; stopped here")
    except DefusedXmlException as exc:
        # Entity declarations (expansion bombs, external entities) are refused; a bare DOCTYPE is not.
        raise ImportFormatError(_not_a_feed(feeder.head, f"unsafe XML refused: {exc!r}")) from None


def _not_a_feed(head: bytes, why: str) -> str:
    return "looks like an HTML page, not an Atom feed" if looks_like_html(head) else why


def _entry(entry: Element, position: str, bad: list[tuple[int, str]]) -> PaperRecord | RecordError:
    if bad:
        number, reason = bad[0]
        return RecordError(position, f"{reason} on line {number}")
    entry_id = text(entry.findtext(f"{ATOM}id"), "id")
    if "arxiv.org/api/errors" in entry_id:
        message = text(entry.findtext(f"{ATOM}summary"), "summary")
        return RecordError(position, f"the arXiv API answered an error: {message}")
    bare_id = bare_arxiv_id(entry_id)
    page = _page_link(entry)
    try:
        return paper_record(
            source=NAME,
            position=position,
            title=text(entry.findtext(f"{ATOM}title"), "title"),
            abstract=text(entry.findtext(f"{ATOM}summary"), "summary"),
            arxiv_id=bare_id,
            doi=doi(entry.findtext(f"{ARXIV}doi")),
            published=iso_date(
                entry.findtext(f"{ATOM}published") or entry.findtext(f"{ATOM}updated"), "published"
            ),
            authors=tuple(
                name
                for author in entry.iterfind(f"{ATOM}author")
                if (name := text(author.findtext(f"{ATOM}name"), "author name"))
            ),
            url=url(page, "link") if page else (f"https://arxiv.org/abs/{bare_id}" if bare_id else ""),
        )
    except FieldError as exc:
        return RecordError(position, str(exc))


def _page_link(entry: Element) -> str:
    for link in entry.iterfind(f"{ATOM}link"):
        if link.get("rel", "alternate") == "alternate" and link.get("type", "text/html") == "text/html":
            return link.get("href", "")
    return ""
