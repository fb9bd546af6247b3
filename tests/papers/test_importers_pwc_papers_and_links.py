import gzip
import json
from pathlib import Path

import pytest

from papers.importers import ImportFormatError, detect_format, iter_records
from papers.importers.base import CodeLinkRecord, PaperRecord, RecordError

FIXTURES = Path(__file__).parent / "fixtures"
PAPERS = FIXTURES / "pwc_papers_with_abstracts.json"
LINKS = FIXTURES / "pwc_links_to_code.json"


def test_papers_with_abstracts_are_papers_missing_abstracts_allowed():
    records = list(iter_records(PAPERS))

    papers = [r for r in records if isinstance(r, PaperRecord)]
    assert [(p.title, p.arxiv_id, p.url) for p in papers] == [
        ("Lattice Detectors for Dense Scenes", "2304.00123", "https://arxiv.org/abs/2304.00123v2"),
        ("Ropes and Pulleys for Robot Arms", "2405.01010", "https://arxiv.org/abs/2405.01010"),
        ("A Paper Without an Abstract", "", "https://openreview.example/forum?id=quiet"),
    ]
    assert papers[0].authors == ("Ada Grid", "Ben Mesh") and papers[0].published.isoformat() == "2023-04-02"
    assert papers[2].abstract == ""
    assert [(r.position, r.reason) for r in records if isinstance(r, RecordError)] == [
        ("paper 4", "missing title"),
        ("paper 5", "arxiv_id is not an arXiv id: 'not-an-id'"),
    ]


def test_code_links_name_their_paper_and_repository():
    records = list(iter_records(LINKS))

    links = [r for r in records if isinstance(r, CodeLinkRecord)]
    assert [(link.paper.arxiv_id, link.repo_url, link.is_official) for link in links] == [
        ("2304.00123", "https://github.com/example/lattice-det", True),
        ("2304.00123", "https://github.com/someone-else/lattice-det-reimpl", False),
        ("", "https://gitlab.com/quiet-group/quiet", True),
        ("2403.03030", "https://github.com/nobody/unknown-paper", True),
    ]
    assert links[0].framework == "pytorch"
    assert [(r.position, r.reason) for r in records if isinstance(r, RecordError)] == [
        ("link 4", "repo_url must be an http(s) URL, got 'not a url'")
    ]


@pytest.mark.parametrize(("fixture", "name"), [(PAPERS, "pwc_papers"), (LINKS, "pwc_code_links")])
def test_gzipped_and_single_line_dumps_are_detected_and_read(tmp_path, fixture, name):
    # The real dumps are one line of JSON, gzipped.
    packed = tmp_path / f"{fixture.stem}.json.gz"
    packed.write_bytes(gzip.compress(json.dumps(json.loads(fixture.read_text())).encode()))

    assert detect_format(packed) == name
    assert list(iter_records(packed)) == list(iter_records(fixture))


def test_a_truncated_dump_keeps_the_items_before_the_cut(tmp_path):
    text = PAPERS.read_text()
    cut = tmp_path / "cut.json"
    cut.write_text(text[: text.index('"Ropes and Pulleys') + 5])

    records = list(iter_records(cut, format="pwc_papers"))

    assert [type(r).__name__ for r in records] == ["PaperRecord", "RecordError"]
    assert records[1].position == "paper 2" and "stopped here" in records[1].reason


def test_invalid_utf8_stops_with_a_reason(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_bytes(PAPERS.read_bytes().replace(b"Ropes", b"R\xffpes"))

    records = list(iter_records(bad, format="pwc_papers"))

    assert all(isinstance(r, PaperRecord) for r in records[:-1])
    assert records[-1] == RecordError(
        f"paper {len(records)}",
        f"invalid JSON after {len(records) - 1} items: lexical error: invalid bytes in UTF8 string.; stopped here",
    )


def test_a_forced_format_on_something_else_fails_the_file(tmp_path):
    wrong = tmp_path / "lines.jsonl"
    wrong.write_text('{"title": "T", "abstract": "A"}\n')

    with pytest.raises(ImportFormatError, match="expected a JSON list of links"):
        list(iter_records(wrong, format="pwc_code_links"))
