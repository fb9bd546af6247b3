import datetime
import io
from pathlib import Path

import pytest

from papers.importers import PaperRecord, RecordError, hf_daily_text, iter_records
from papers.normalize import title_key

FIXTURES = Path(__file__).parent / "fixtures"
SEEDS = Path(__file__).resolve().parents[2].parent / "shared" / "seeds"
TODAY = datetime.date(2025, 3, 10)


def parse_text(text: str, today: datetime.date = TODAY) -> list:
    return list(hf_daily_text.parse(io.BytesIO(text.encode("utf-8")), today=today))


def test_page_entries_come_out_in_order_with_their_metadata():
    records = list(hf_daily_text.parse((FIXTURES / "hf_daily_page.txt").open("rb"), today=TODAY))

    assert [r.title for r in records] == [
        "Lanternfish: Sparse Retrieval for Deep-Sea Sonar Logs",
        "Quilted Attention for Very Long Knitting Patterns",
        "Teaching Robots to Fold Fitted Sheets",
        "Copper Owl: A Compact Model for Birdsong Transcription",
    ]
    first = records[0]
    assert first.abstract.startswith("We introduce Lanternfish, a sparse retriever for sonar logs recorded")
    assert first.published == datetime.date(2024, 11, 14)
    assert (first.author_count, first.authors, first.upvotes) == (4, (), None)
    assert first.position == "entry 1 (line 13)"
    assert first.source == "hf_daily_text"


def test_year_less_date_is_the_latest_such_day_not_after_today():
    quilted = list(hf_daily_text.parse((FIXTURES / "hf_daily_page.txt").open("rb"), today=TODAY))[1]

    assert quilted.published == datetime.date(2025, 2, 2)
    assert quilted.upvotes == 17
    earlier_today = datetime.date(2025, 1, 15)
    records = list(hf_daily_text.parse((FIXTURES / "hf_daily_page.txt").open("rb"), today=earlier_today))
    assert records[1].published == datetime.date(2024, 2, 2)


def test_entry_without_author_and_date_lines_is_still_a_paper():
    sheets = list(hf_daily_text.parse((FIXTURES / "hf_daily_page.txt").open("rb"), today=TODAY))[2]

    assert sheets.title == "Teaching Robots to Fold Fitted Sheets"
    assert sheets.abstract.endswith("against 12% for scripted folding.")
    assert (sheets.published, sheets.author_count, sheets.upvotes) == (None, None, None)


def test_last_entry_without_trailing_newline_keeps_its_upvotes():
    owl = list(hf_daily_text.parse((FIXTURES / "hf_daily_page.txt").open("rb"), today=TODAY))[-1]

    assert (owl.published, owl.author_count, owl.upvotes) == (datetime.date(2023, 8, 9), 1, 3)
    assert owl.position == "entry 4 (line 33)"


def test_year_less_feb_29_goes_back_to_a_leap_year():
    [record] = parse_text("Leap Paper\n\nAn abstract about leap days.\n\n  • 2 authors\n·\nFeb 29\n")

    assert record.published == datetime.date(2024, 2, 29)


def test_title_followed_directly_by_metadata_is_missing_its_abstract():
    records = parse_text(
        "A Lonely Title\n\n  • 3 authors\n·\nJan 5, 2024\n\nNext Title\n\nNext abstract here.\n\n  • 1 authors\n"
    )

    assert records[0] == RecordError("entry 1 (line 1)", "missing abstract")
    assert isinstance(records[1], PaperRecord)
    assert records[1].title == "Next Title"
    assert records[1].position == "entry 2 (line 7)"


def test_invalid_date_spoils_only_its_entry():
    records = parse_text(
        "Bad Date\n\nAbstract one.\n\nFeb 30, 2024\n\nGood\n\nAbstract two.\n\nMar 1, 2024\n"
    )

    assert records[0] == RecordError("entry 1 (line 1)", "invalid date 'Feb 30, 2024' on line 5")
    assert records[1].published == datetime.date(2024, 3, 1)


def test_invalid_utf8_spoils_only_its_entry():
    data = "First\n\nOne abstract.\n\n  • 1 authors\n\nSecond\n\nTwo abstract.\n".encode()
    data = data.replace(b"One", b"O\xffne")

    records = list(hf_daily_text.parse(io.BytesIO(data), today=TODAY))

    assert records[0] == RecordError("entry 1 (line 1)", "not valid UTF-8 (byte 0xff at column 2) on line 3")
    assert records[1].title == "Second"


# The real pages in ../shared/seeds (read from there: the project carries none of their text).


@pytest.fixture
def seeds() -> dict[str, list]:
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is not beside this checkout")
    return {
        name: list(iter_records(SEEDS / name, today=datetime.date(2026, 11, 22)))
        for name in ("000_52caf5635bfe872c.txt", "003_f1be290901e831fd.txt")
    }


def test_seed_pages_import_completely(seeds):
    first, second = seeds.values()

    assert all(isinstance(r, PaperRecord) for r in first + second)
    assert (len(first), len(second)) == (37, 44)
    keys_first = {title_key(r.title) for r in first}
    keys_second = {title_key(r.title) for r in second}
    assert len(keys_first | keys_second) == 72
    assert len(keys_first & keys_second) == 9
    assert all(len(r.abstract) > 1000 and r.title for r in first + second)


def test_seed_entry_without_authors_or_date(seeds):
    second = seeds["003_f1be290901e831fd.txt"]
    bare = [r for r in second if r.published is None]

    assert [(r.position, r.author_count, r.upvotes) for r in bare] == [("entry 36 (line 293)", None, None)]
    assert bare[0].title.startswith("FineInstructions")
    assert second[36].title.startswith("R-Tuning")  # the entry after it is not swallowed
    assert second[36].author_count == 9


def test_seed_year_less_and_upvoted_dates(seeds):
    first = seeds["000_52caf5635bfe872c.txt"]
    zest = next(r for r in first if r.title.startswith("ZEST"))

    assert zest.published == datetime.date(2026, 1, 30)
    assert zest.author_count == 28
    assert first[0].published == datetime.date(2025, 12, 30)
    assert first[-1].upvotes == 1
    assert sum(r.upvotes is not None for r in first) == 5


def test_upvotes_on_their_own_line_and_a_number_as_a_title():
    records = parse_text(
        "Fast Paper\n\nAbstract.\n\n  • 2 authors\n·\nMay 4, 2024\n12\n\n2048\n\nA paper titled by a number.\n"
    )

    assert (records[0].published, records[0].upvotes) == (datetime.date(2024, 5, 4), 12)
    assert (records[1].title, records[1].abstract) == ("2048", "A paper titled by a number.")


def test_second_abstract_paragraph_and_a_missing_title():
    long_paragraph = "Long paragraph. " * 30
    records = parse_text(
        f"Two Paragraphs\n\nShort first paragraph.\n\n{long_paragraph}\n\n  • 1 authors\n\n"
        f"{long_paragraph}\n\n  • 4 authors\n·\nJun 1, 2024\n"
    )

    assert records[0].abstract == f"Short first paragraph. {long_paragraph.strip()}"
    assert records[1] == RecordError("entry 2 (line 9)", "missing title")
