import datetime
import io
import json
from pathlib import Path

from papers.importers import PaperRecord, RecordError, arxiv_jsonl

FIXTURES = Path(__file__).parent / "fixtures"


def parse_lines(*rows: dict | str) -> list:
    text = "\n".join(row if isinstance(row, str) else json.dumps(row) for row in rows)
    return list(arxiv_jsonl.parse(io.BytesIO(text.encode())))


def test_snapshot_lines_become_records():
    records = list(arxiv_jsonl.parse((FIXTURES / "arxiv_snapshot.jsonl").open("rb")))

    assert records[0] == PaperRecord(
        title="Otter: Learning to Retrieve Under Water",
        abstract="Otter retrieves documents from noisy underwater transcripts. It improves MRR@10 on the "
        "invented SubSea-QA set from 0.31 to 0.44.",
        position="line 1",
        source="arxiv_jsonl",
        arxiv_id="2311.09876",
        doi="10.5555/otter.2023",
        published=datetime.date(2023, 11, 16),  # v1, not update_date
        authors=("Hana Sato", "Diego Ferreira", "Amara Nwosu"),
        author_count=3,
        url="https://arxiv.org/abs/2311.09876",
    )


def test_old_style_ids_and_fallbacks():
    _, lattice, berg = list(arxiv_jsonl.parse((FIXTURES / "arxiv_snapshot.jsonl").open("rb")))

    assert (lattice.arxiv_id, lattice.published, lattice.authors) == (
        "math/0612345",
        datetime.date(2006, 12, 12),
        ("K. Jensen",),
    )
    # No versions: update_date; no authors_parsed: the authors string is split.
    assert berg.published == datetime.date(2024, 2, 3)
    assert berg.authors == ("Ola Berg", "Lin Wei Jr")


def test_suffix_in_authors_parsed_follows_the_name():
    [record] = parse_lines(
        {
            "id": "2401.00001",
            "title": "T",
            "abstract": "A.",
            "authors_parsed": [["King", "Martin", "Jr"], ["Solo"]],
        }
    )

    assert record.authors == ("Martin King Jr", "Solo")


def test_broken_lines_are_errors_and_the_rest_still_comes_out():
    good = {"id": "2401.00001", "title": "Fine", "abstract": "Fine abstract.", "update_date": "2024-01-01"}
    records = parse_lines(
        good,
        '{"id": "2401.00002", "title": "Cut short", "abstr',
        {"id": 2401.00003, "title": "Numeric id", "abstract": "A."},
        {"id": "2401.00004", "title": "No abstract"},
        {"id": "2401.00005", "title": "T", "abstract": "A.", "versions": "v1"},
        {"id": "2401.00006", "title": "T", "abstract": "A.", "update_date": "yesterday"},
        good,
    )

    assert records[1] == RecordError("line 2", "invalid JSON: Unterminated string starting at column 44")
    assert records[2:6] == [
        RecordError("line 3", "id must be a string, got number"),
        RecordError("line 4", "missing abstract"),
        RecordError("line 5", "versions must be a list, got string"),
        RecordError("line 6", "update_date must be a date like 2024-05-01, got 'yesterday'"),
    ]
    assert records[0].title == records[6].title == "Fine"


def test_sniff_tells_the_snapshot_from_plain_json_lines():
    assert arxiv_jsonl.sniff((FIXTURES / "arxiv_snapshot.jsonl").read_bytes()[:500])
    assert not arxiv_jsonl.sniff((FIXTURES / "papers.jsonl").read_bytes())
