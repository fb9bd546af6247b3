"""The three feeds page through their services as the services really answer (fixtures through respx)."""

import datetime

import httpx
import pytest
import respx

from papers.feeds import ArxivQuery, FeedClient, FeedConfig, FeedError, HfDaily, OaiHarvest
from papers.importers.base import PaperRecord
from tests.papers.fake_clock import FakeClock
from tests.papers.feed_fixtures import (
    ARXIV_API,
    ARXIV_OAI,
    HF_DAILY,
    arxiv_pages,
    atom,
    fixture,
    hf_days,
    oai_pages,
    xml,
)

CONFIG = FeedConfig(
    arxiv_api_url=ARXIV_API, arxiv_oai_url=ARXIV_OAI, hf_daily_url=HF_DAILY, arxiv_page_size=2
)
MAY_1 = datetime.date(2024, 5, 1)


@pytest.fixture
def clock():
    return FakeClock()


@pytest.fixture
def client(clock):
    with FeedClient(user_agent="tracker-tests", clock=clock, min_interval=3.0, backoff=2.0) as feed_client:
        yield feed_client


def ids(pages) -> list[str]:
    return [r.arxiv_id for page in pages for r in page.records if isinstance(r, PaperRecord)]


@respx.mock
def test_arxiv_query_pages_by_start_until_total_results(client, clock):
    route = respx.get(ARXIV_API).mock(side_effect=arxiv_pages)

    pages = list(ArxivQuery(query="cat:cs.CL").pages(client, CONFIG, None))

    assert [p.label for p in pages] == ["start=0", "start=2", "start=4"]
    assert [p.next_position for p in pages] == [2, 4, None]
    assert ids(pages) == ["2405.03001", "2405.03002", "2405.02417", "2405.01880", "2405.01105"]
    params = [dict(call.request.url.params) for call in route.calls]
    assert [(p["start"], p["max_results"]) for p in params] == [("0", "2"), ("2", "2"), ("4", "2")]
    assert params[0]["sortBy"] == "submittedDate" and params[0]["sortOrder"] == "descending"
    assert clock.sleeps == [3.0, 3.0]  # one request every three seconds


@respx.mock
def test_arxiv_query_since_a_date_asks_for_that_submission_window(client):
    route = respx.get(ARXIV_API).mock(return_value=atom("arxiv_api_empty.atom"))
    feed = ArxivQuery(query="cat:cs.CL", since=MAY_1, until=datetime.date(2024, 5, 3))

    list(feed.pages(client, CONFIG, None))

    assert route.calls[0].request.url.params["search_query"] == (
        "(cat:cs.CL) AND submittedDate:[202405010000 TO 202405032359]"
    )


@respx.mock
def test_arxiv_query_stops_at_max_and_asks_only_for_what_is_left(client):
    route = respx.get(ARXIV_API).mock(side_effect=arxiv_pages)

    pages = list(ArxivQuery(query="cat:cs.CL", max_results=3).pages(client, CONFIG, None))

    assert [call.request.url.params["max_results"] for call in route.calls] == ["2", "1"]
    assert len(ids(pages)) == 3


@respx.mock
def test_arxiv_query_resumes_from_a_start_position(client):
    route = respx.get(ARXIV_API).mock(side_effect=arxiv_pages)

    pages = list(ArxivQuery(query="cat:cs.CL").pages(client, CONFIG, 4))

    assert [call.request.url.params["start"] for call in route.calls] == ["4"]
    assert ids(pages) == ["2405.01105"]


@respx.mock
def test_an_empty_result_is_one_empty_page(client):
    route = respx.get(ARXIV_API).mock(return_value=atom("arxiv_api_empty.atom"))

    pages = list(ArxivQuery(query="cat:cs.CL AND abs:nothing-matches").pages(client, CONFIG, None))

    assert [(p.records, p.next_position) for p in pages] == [([], None)]
    assert route.call_count == 1


@respx.mock
def test_an_empty_page_before_the_end_is_asked_again(client, clock):
    route = respx.get(ARXIV_API).mock(
        side_effect=[
            atom("arxiv_api_start0.atom"),
            atom("arxiv_api_start2_spurious_empty.atom"),
            atom("arxiv_api_start2.atom"),
            atom("arxiv_api_start4.atom"),
        ]
    )

    pages = list(ArxivQuery(query="cat:cs.CL").pages(client, CONFIG, None))

    assert [c.request.url.params["start"] for c in route.calls] == ["0", "2", "2", "4"]
    assert len(ids(pages)) == 5
    assert clock.sleeps == [3.0, 3.0, 3.0]  # the second ask is paced like any request


@respx.mock
def test_a_page_that_stays_empty_ends_the_list_even_when_total_results_promised_more(client):
    route = respx.get(ARXIV_API).mock(
        side_effect=[atom("arxiv_api_start0.atom")] + [atom("arxiv_api_start2_spurious_empty.atom")] * 3
    )

    pages = list(ArxivQuery(query="cat:cs.CL").pages(client, CONFIG, None))

    assert route.call_count == 4
    assert [len(p.records) for p in pages] == [2, 0]
    assert pages[-1].next_position is None


@respx.mock
def test_an_arxiv_error_entry_is_a_feed_error_not_a_paper(client):
    respx.get(ARXIV_API).mock(return_value=atom("arxiv_api_error.atom"))

    with pytest.raises(FeedError, match="refused the query: malformed search query: cat:"):
        list(ArxivQuery(query="cat:").pages(client, CONFIG, None))


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (fixture("arxiv_api_start0.atom")[:900], "not an Atom feed"),
        (b"<!DOCTYPE html><html><body>Rate exceeded.</body></html>", "not an Atom feed"),
        (b'{"error": "nope"}', "not an Atom feed"),
    ],
)
@respx.mock
def test_a_malformed_arxiv_page_is_a_feed_error_naming_the_page(client, body, message):
    respx.get(ARXIV_API).mock(return_value=httpx.Response(200, content=body))

    with pytest.raises(FeedError, match=f"start=0: .*{message}"):
        list(ArxivQuery(query="cat:cs.CL").pages(client, CONFIG, None))


@respx.mock
def test_retries_inside_paging_still_keep_the_pace(client, clock):
    answers = [
        atom("arxiv_api_start0.atom"),
        httpx.Response(429, headers={"Retry-After": "10"}),
        httpx.Response(503),
        atom("arxiv_api_start2.atom"),
        atom("arxiv_api_start4.atom"),
    ]
    route = respx.get(ARXIV_API).mock(side_effect=answers)

    pages = list(ArxivQuery(query="cat:cs.CL").pages(client, CONFIG, None))

    assert len(ids(pages)) == 5 and route.call_count == 5
    # pace 3 s; Retry-After 10 s; the second retry backs off 2 s x 2 (beyond the pace, so no top-up); pace 3 s
    assert clock.sleeps == [3.0, 10.0, 4.0, 3.0]


@respx.mock
def test_oai_harvest_follows_the_resumption_token_chain(client, clock):
    route = respx.get(ARXIV_OAI).mock(side_effect=oai_pages)

    pages = list(OaiHarvest(set_spec="cs", since=MAY_1).pages(client, CONFIG, None))

    assert [p.next_position for p in pages] == ["7731882|1001", "7731882|2001", None]
    assert ids(pages) == ["2405.03001", "2405.03002", "2405.02417", "2405.01880", "2405.01105"]
    assert sum(p.skipped for p in pages) == 1  # the withdrawn record
    assert pages[1].records[0].title == "Moraine: Curriculum Sampling for Glacier Segmentation"
    first, *resumed = [dict(call.request.url.params) for call in route.calls]
    assert first == {"verb": "ListRecords", "metadataPrefix": "arXiv", "set": "cs", "from": "2024-05-01"}
    # A resumed request carries the token and nothing else, as OAI-PMH requires.
    assert resumed == [
        {"verb": "ListRecords", "resumptionToken": "7731882|1001"},
        {"verb": "ListRecords", "resumptionToken": "7731882|2001"},
    ]
    assert clock.sleeps == [3.0, 3.0]


@respx.mock
def test_oai_harvest_sends_until_when_given(client):
    route = respx.get(ARXIV_OAI).mock(return_value=xml("oai_no_records.xml"))

    pages = list(
        OaiHarvest(set_spec="cs", since=MAY_1, until=datetime.date(2024, 5, 2)).pages(client, CONFIG, None)
    )

    assert route.calls[0].request.url.params["until"] == "2024-05-02"
    assert [(p.records, p.next_position) for p in pages] == [([], None)]  # noRecordsMatch: an empty harvest


@respx.mock
def test_a_bad_resumption_token_is_a_feed_error_that_restarts_the_harvest(client):
    respx.get(ARXIV_OAI).mock(return_value=xml("oai_bad_token.xml"))

    with pytest.raises(FeedError, match="badResumptionToken") as caught:
        list(OaiHarvest(set_spec="cs", since=MAY_1).pages(client, CONFIG, "7731882|1001"))
    assert caught.value.restart


@respx.mock
def test_an_oai_page_cut_short_is_a_feed_error(client):
    respx.get(ARXIV_OAI).mock(return_value=httpx.Response(200, content=fixture("oai_page1.xml")[:1500]))

    with pytest.raises(FeedError, match="first page: the response breaks off") as caught:
        list(OaiHarvest(set_spec="cs", since=MAY_1).pages(client, CONFIG, None))
    assert not caught.value.restart


@respx.mock
def test_a_token_handed_back_unchanged_stops_the_harvest_instead_of_looping(client):
    respx.get(ARXIV_OAI).mock(return_value=xml("oai_page2.xml"))  # answers token 2001 with token 2001
    feed = OaiHarvest(set_spec="cs", since=MAY_1)

    with pytest.raises(FeedError, match="same resumptionToken"):
        list(feed.pages(client, CONFIG, "7731882|2001"))


@respx.mock
def test_hf_daily_asks_for_each_date_in_turn(client, clock):
    route = respx.get(HF_DAILY).mock(side_effect=hf_days)

    pages = list(HfDaily(first=MAY_1, last=datetime.date(2024, 5, 3)).pages(client, CONFIG, None))

    assert [call.request.url.params["date"] for call in route.calls] == [
        "2024-05-01",
        "2024-05-02",
        "2024-05-03",
    ]
    assert [p.next_position for p in pages] == ["2024-05-02", "2024-05-03", None]
    assert ids(pages) == ["2405.03001", "2405.03002", "2405.02417"]
    assert pages[1].records[0].upvotes == 41


@respx.mock
def test_a_malformed_hf_day_is_a_feed_error_naming_the_date(client):
    respx.get(HF_DAILY).mock(return_value=httpx.Response(200, content=b'[{"paper": {"id": "2405.0'))

    with pytest.raises(FeedError, match="date 2024-05-01: the API answered something that is not JSON"):
        list(HfDaily(first=MAY_1, last=MAY_1).pages(client, CONFIG, None))


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda: ArxivQuery(query="  "), "cannot be empty"),
        (lambda: ArxivQuery(query="x", max_results=0), "at least 1"),
        (lambda: OaiHarvest(set_spec="cs", since=MAY_1, until=datetime.date(2024, 4, 1)), "before"),
        (lambda: HfDaily(first=MAY_1, last=datetime.date(2024, 4, 30)), "before"),
        (lambda: HfDaily(first=MAY_1, last=datetime.date(2025, 12, 1)), "at most"),
    ],
)
def test_feed_parameters_are_checked(make, message):
    with pytest.raises(ValueError, match=message):
        make()


def test_feeds_round_trip_through_their_dicts():
    for feed in (
        ArxivQuery(query="cat:cs.CL", since=MAY_1, until=datetime.date(2024, 5, 3), max_results=50),
        OaiHarvest(set_spec="cs", since=MAY_1),
        HfDaily(first=MAY_1, last=datetime.date(2024, 5, 3)),
    ):
        assert type(feed).from_dict(feed.to_dict()) == feed
