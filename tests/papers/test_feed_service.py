"""Feeds through the import service: runs, idempotence, resuming a run that failed midway, extraction."""

import datetime

import httpx
import pytest
import respx

from claims.models import Claim
from papers.feeds import ArxivQuery, HfDaily, OaiHarvest
from papers.models import ImportRun, Paper
from papers.services.feeds import feed_fetch, feed_run_start
from tests.papers.fake_clock import FakeClock
from tests.papers.feed_fixtures import (
    ARXIV_API,
    ARXIV_OAI,
    HF_DAILY,
    arxiv_pages,
    hf_days,
    json_body,
    oai_pages,
    xml,
)

pytestmark = pytest.mark.django_db
MAY_1 = datetime.date(2024, 5, 1)
ALL_IDS = {"2405.03001", "2405.03002", "2405.02417", "2405.01880", "2405.01105"}


@pytest.fixture
def clock():
    return FakeClock()


@pytest.fixture
def fetch(feed_settings, clock, django_capture_on_commit_callbacks):
    def run(feed, **options) -> ImportRun:
        # Extraction is queued on commit; the test transaction never commits, so run the callbacks here.
        with django_capture_on_commit_callbacks(execute=True):
            return feed_fetch(feed=feed, clock=clock, **options)

    return run


def counts(run: ImportRun) -> tuple:
    return (
        run.status,
        run.read_count,
        run.created_count,
        run.updated_count,
        run.unchanged_count,
        run.rejected_count,
    )


@respx.mock
def test_an_arxiv_query_is_one_run_with_the_query_as_origin_and_extraction_queued(fetch, clock):
    respx.get(ARXIV_API).mock(side_effect=arxiv_pages)

    run = fetch(ArxivQuery(query="cat:cs.CL"), extract=True)

    assert counts(run) == ("succeeded", 5, 5, 0, 0, 0)
    assert (run.origin, run.format) == ("arXiv API: cat:cs.CL", "arxiv_atom")
    assert set(Paper.objects.values_list("arxiv_id", flat=True)) == ALL_IDS
    assert run.cursor == {
        "kind": "arxiv_query",
        "feed": ArxivQuery(query="cat:cs.CL").to_dict(),
        "position": None,
    }
    assert Paper.objects.filter(extracted_hash="").count() == 0  # every new paper went through extraction
    assert Claim.objects.filter(paper__arxiv_id="2405.01880", value=96.3).exists()
    assert clock.sleeps == [3.0, 3.0]


@respx.mock
def test_the_same_feed_twice_imports_nothing_twice(fetch):
    respx.get(ARXIV_API).mock(side_effect=arxiv_pages)
    respx.get(ARXIV_OAI).mock(side_effect=oai_pages)
    respx.get(HF_DAILY).mock(side_effect=hf_days)
    feeds = [
        ArxivQuery(query="cat:cs.CL"),
        OaiHarvest(set_spec="cs", since=MAY_1),
        HfDaily(first=MAY_1, last=datetime.date(2024, 5, 3)),
    ]

    first = [fetch(feed, extract=False) for feed in feeds]
    snapshot = list(Paper.objects.order_by("pk").values("pk", "arxiv_id", "title", "abstract", "upvotes"))
    again = [fetch(feed, extract=False) for feed in feeds]

    assert [counts(r) for r in first] == [
        ("succeeded", 5, 5, 0, 0, 0),
        ("succeeded", 5, 0, 5, 0, 0),  # the same papers, now also seen through OAI (its source is added)
        ("succeeded", 3, 0, 3, 0, 0),  # upvotes arrive with the Hugging Face copy
    ]
    assert [counts(r) for r in again] == [
        ("succeeded", 5, 0, 0, 5, 0),
        ("succeeded", 5, 0, 0, 5, 0),
        ("succeeded", 3, 0, 0, 3, 0),
    ]
    assert Paper.objects.count() == 5
    assert (
        list(Paper.objects.order_by("pk").values("pk", "arxiv_id", "title", "abstract", "upvotes"))
        == snapshot
    )
    assert set(Paper.objects.get(arxiv_id="2405.03001").sources) == {
        "arxiv_atom",
        "arxiv_oai",
        "hf_daily_json",
    }


@respx.mock
def test_an_arxiv_run_that_fails_midway_is_resumed_where_it_stopped(fetch):
    route = respx.get(ARXIV_API)
    route.side_effect = lambda request: (
        httpx.Response(503) if request.url.params["start"] == "2" else arxiv_pages(request)
    )
    feed = ArxivQuery(query="cat:cs.CL")

    failed = fetch(feed, extract=False)

    assert counts(failed) == ("failed", 2, 2, 0, 0, 0)
    assert failed.cursor["position"] == 2
    assert "HTTP 503; gave up after 3 attempts (next run resumes at 2)" in failed.message
    assert [c.request.url.params["start"] for c in route.calls] == ["0", "2", "2", "2"]

    route.reset()
    route.side_effect = arxiv_pages
    resumed = fetch(feed, extract=False)

    assert [c.request.url.params["start"] for c in route.calls] == ["2", "4"]
    assert counts(resumed) == ("succeeded", 3, 3, 0, 0, 0)
    assert set(Paper.objects.values_list("arxiv_id", flat=True)) == ALL_IDS
    assert ImportRun.objects.get(pk=failed.pk).status == "failed"  # the failed run stays as it was

    route.reset()
    fetch(feed, extract=False, resume=True)  # the last run succeeded: nothing to resume, start over
    assert route.calls[0].request.url.params["start"] == "0"


@respx.mock
def test_restart_ignores_where_the_last_run_stopped(fetch):
    route = respx.get(ARXIV_API)
    route.side_effect = lambda request: (
        httpx.Response(503) if request.url.params["start"] == "2" else arxiv_pages(request)
    )
    feed = ArxivQuery(query="cat:cs.CL")
    fetch(feed, extract=False)
    route.reset()
    route.side_effect = arxiv_pages

    fetch(feed, extract=False, resume=False)

    assert route.calls[0].request.url.params["start"] == "0"


@respx.mock
def test_an_oai_harvest_broken_on_its_second_page_resumes_from_the_token(fetch):
    route = respx.get(ARXIV_OAI)
    route.side_effect = [
        xml("oai_page1.xml"),
        httpx.Response(
            200, content=b"<OAI-PMH xmlns='http://www.openarchives.org/OAI/2.0/'><ListRecords><record>"
        ),
    ]
    feed = OaiHarvest(set_spec="cs", since=MAY_1)

    failed = fetch(feed, extract=False)

    assert counts(failed) == ("failed", 2, 2, 0, 0, 0)
    assert failed.cursor["position"] == "7731882|1001"
    assert "token 7731882|1001: the response breaks off" in failed.message

    route.reset()
    route.side_effect = oai_pages
    resumed = fetch(feed, extract=False)

    assert dict(route.calls[0].request.url.params) == {
        "verb": "ListRecords",
        "resumptionToken": "7731882|1001",
    }
    assert counts(resumed) == ("succeeded", 3, 3, 0, 0, 0)
    assert Paper.objects.count() == 5


@respx.mock
def test_an_expired_token_fails_the_run_and_the_next_run_harvests_from_the_start(fetch):
    route = respx.get(ARXIV_OAI)
    route.side_effect = [xml("oai_page1.xml"), xml("oai_bad_token.xml")]
    feed = OaiHarvest(set_spec="cs", since=MAY_1)

    failed = fetch(feed, extract=False)

    assert failed.status == "failed" and "badResumptionToken" in failed.message
    assert failed.cursor["position"] is None

    route.reset()
    route.side_effect = oai_pages
    again = fetch(feed, extract=False)

    assert route.calls[0].request.url.params["metadataPrefix"] == "arXiv"
    assert counts(again) == ("succeeded", 5, 3, 0, 2, 0)


@respx.mock
def test_a_malformed_hf_day_stops_the_run_at_that_date_and_the_next_run_starts_there(fetch):
    route = respx.get(HF_DAILY)
    route.side_effect = lambda request: (
        httpx.Response(200, content=b"[{") if request.url.params["date"] == "2024-05-03" else hf_days(request)
    )
    feed = HfDaily(first=MAY_1, last=datetime.date(2024, 5, 4))

    failed = fetch(feed, extract=False)

    assert counts(failed) == ("failed", 2, 2, 0, 0, 0)
    assert "date 2024-05-03: the API answered something that is not JSON" in failed.message
    assert failed.cursor["position"] == "2024-05-03"

    route.reset()
    route.side_effect = hf_days
    resumed = fetch(feed, extract=False)

    assert [c.request.url.params["date"] for c in route.calls] == ["2024-05-03", "2024-05-04"]
    assert counts(resumed) == ("succeeded", 1, 1, 0, 0, 0)


@respx.mock
def test_a_timeout_and_a_429_are_waited_out_within_the_run(fetch, clock):
    respx.get(HF_DAILY).mock(
        side_effect=[
            httpx.ReadTimeout("slow"),
            httpx.Response(429, headers={"Retry-After": "30"}),
            json_body("hf_daily_2024-05-02.json"),
        ]
    )

    run = fetch(HfDaily(first=datetime.date(2024, 5, 2), last=datetime.date(2024, 5, 2)), extract=False)

    assert counts(run) == ("succeeded", 2, 2, 0, 0, 0)
    assert clock.sleeps == [2.0, 30.0]


@respx.mock
def test_a_bad_record_is_reported_with_its_page_and_the_others_land(fetch):
    day = [
        {"paper": {"id": "2405.07001", "title": "Kept", "summary": "A fine abstract.", "authors": []}},
        {"paper": {"id": "2405.07002", "title": "No abstract here", "authors": []}},
    ]
    respx.get(HF_DAILY).mock(return_value=httpx.Response(200, json=day))

    run = fetch(HfDaily(first=MAY_1, last=MAY_1), extract=False)

    assert counts(run) == ("partial", 2, 1, 0, 0, 1)
    assert run.errors == [{"position": "date 2024-05-01, item 2", "reason": "missing abstract"}]


@respx.mock
def test_an_arxiv_window_is_fixed_when_the_run_is_created_so_a_resumed_run_pages_the_same_list(fetch):
    route = respx.get(ARXIV_API)
    route.side_effect = lambda request: (
        httpx.Response(503) if request.url.params["start"] == "2" else arxiv_pages(request)
    )
    failed = fetch(ArxivQuery(query="cat:cs.CL", since=MAY_1), extract=False)
    window = route.calls[0].request.url.params["search_query"]
    route.reset()
    route.side_effect = arxiv_pages

    fetch(ArxivQuery(query="cat:cs.CL", since=MAY_1), extract=False)

    assert failed.origin == "arXiv API: cat:cs.CL since 2024-05-01"
    assert window.startswith("(cat:cs.CL) AND submittedDate:[202405010000 TO ")
    assert route.calls[0].request.url.params["search_query"] == window


@respx.mock
def test_a_started_run_goes_through_the_celery_task(feed_settings, django_capture_on_commit_callbacks):
    feed_settings.FEEDS_HF_INTERVAL_SECONDS = 0
    respx.get(HF_DAILY).mock(side_effect=hf_days)

    with django_capture_on_commit_callbacks(execute=True):
        run = feed_run_start(
            feed=HfDaily(first=datetime.date(2024, 5, 2), last=datetime.date(2024, 5, 2)), extract=False
        )

    run.refresh_from_db()
    assert counts(run) == ("succeeded", 2, 2, 0, 0, 0)
    assert run.task_id  # claimed by the task, not by this process
