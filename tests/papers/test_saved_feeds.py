"""Saved feeds: when they are due, one run each however often beat asks, resuming, the admin."""

import datetime
import io

import httpx
import pytest
import respx
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse

from papers.feeds import ArxivQuery, HfDaily, OaiHarvest
from papers.models import ImportRun, Paper, SavedFeed
from papers.services.saved_feeds import saved_feed_feed, saved_feeds_due, saved_feeds_run_due
from papers.tasks import run_due_feeds
from tests.papers.factories import ImportRunFactory, SavedFeedFactory
from tests.papers.feed_fixtures import ARXIV_API, ARXIV_OAI, HF_DAILY, arxiv_pages, hf_days, oai_pages, xml

pytestmark = pytest.mark.django_db
UTC = datetime.UTC
NOW = datetime.datetime(2024, 5, 3, 12, 0, tzinfo=UTC)
TODAY = NOW.date()


@pytest.fixture(autouse=True)
def quick_feeds(feed_settings):
    feed_settings.FEEDS_ARXIV_INTERVAL_SECONDS = 0
    feed_settings.FEEDS_HF_INTERVAL_SECONDS = 0
    feed_settings.FEEDS_BACKOFF_SECONDS = 0


@pytest.fixture
def run_due(django_capture_on_commit_callbacks):
    def run(now=NOW) -> list[ImportRun]:
        with django_capture_on_commit_callbacks(execute=True):
            ids = saved_feeds_run_due(now=now)
        return [ImportRun.objects.get(pk=pk) for pk in ids]

    return run


def test_a_schedule_by_interval_or_by_time_of_day():
    every_six_hours = SavedFeed(interval_minutes=360)
    at_six = SavedFeed(daily_at=datetime.time(6, 0))

    assert every_six_hours.run_after(NOW) == NOW + datetime.timedelta(hours=6)
    assert every_six_hours.schedule == "every 6 h 00 min"
    assert SavedFeed(interval_minutes=30).schedule == "every 30 min"
    assert at_six.run_after(NOW) == datetime.datetime(2024, 5, 4, 6, 0, tzinfo=UTC)
    assert at_six.run_after(datetime.datetime(2024, 5, 3, 5, 0, tzinfo=UTC)) == datetime.datetime(
        2024, 5, 3, 6, 0, tzinfo=UTC
    )
    assert at_six.schedule == "daily at 06:00 UTC"


def test_due_feeds_are_enabled_past_their_time_and_not_still_running():
    due = SavedFeedFactory(next_run_at=NOW - datetime.timedelta(minutes=1))
    never_run = SavedFeedFactory(next_run_at=None)
    SavedFeedFactory(next_run_at=NOW + datetime.timedelta(minutes=1))
    SavedFeedFactory(next_run_at=None, enabled=False)
    busy = SavedFeedFactory(
        next_run_at=None, last_import_run=ImportRunFactory(status=ImportRun.Status.RUNNING)
    )

    assert set(saved_feeds_due(now=NOW)) == {due, never_run}
    ImportRun.objects.filter(pk=busy.last_import_run_id).update(created_at=NOW - datetime.timedelta(days=1))
    assert busy in saved_feeds_due(now=NOW)  # a run that has been "running" for a day is dead


def test_what_a_saved_feed_fetches_follows_its_last_success():
    hf = SavedFeed(kind=SavedFeed.Kind.HF_DAILY)
    arxiv = SavedFeed(
        kind=SavedFeed.Kind.ARXIV_QUERY, query="cat:cs.CL", max_results=50, since=datetime.date(2024, 1, 1)
    )
    oai = SavedFeed(kind=SavedFeed.Kind.OAI_SET, query="cs")

    assert saved_feed_feed(saved_feed=hf, today=TODAY) == HfDaily(first=TODAY, last=TODAY)
    assert saved_feed_feed(saved_feed=arxiv, today=TODAY) == ArxivQuery(
        query="cat:cs.CL", since=datetime.date(2024, 1, 1), max_results=50
    )
    assert saved_feed_feed(saved_feed=oai, today=TODAY) == OaiHarvest(
        set_spec="cs", since=datetime.date(2024, 5, 2)
    )
    for feed in (hf, arxiv, oai):
        feed.last_success_at = datetime.datetime(2024, 4, 30, 8, 0, tzinfo=UTC)
    assert saved_feed_feed(saved_feed=hf, today=TODAY) == HfDaily(
        first=datetime.date(2024, 4, 29), last=TODAY
    )
    assert saved_feed_feed(saved_feed=arxiv, today=TODAY).since == datetime.date(2024, 4, 29)
    assert saved_feed_feed(saved_feed=oai, today=TODAY).since == datetime.date(2024, 4, 29)
    hf.last_success_at = datetime.datetime(2023, 1, 1, tzinfo=UTC)
    assert saved_feed_feed(saved_feed=hf, today=TODAY).first == datetime.date(
        2024, 4, 3
    )  # catches up 30 days at most


@respx.mock
def test_a_due_feed_runs_once_leaves_an_import_run_and_is_scheduled_again(run_due):
    respx.get(HF_DAILY).mock(side_effect=hf_days)
    feed = SavedFeedFactory(kind=SavedFeed.Kind.HF_DAILY, interval_minutes=360, extract=True)

    (run,) = run_due()
    again = run_due(NOW + datetime.timedelta(minutes=5))

    assert again == []
    feed.refresh_from_db()
    assert (run.origin, run.status, run.created_count) == (
        "Hugging Face daily papers: 2024-05-03",
        "succeeded",
        1,
    )
    assert feed.last_import_run == run
    assert feed.last_run_at == NOW
    assert feed.next_run_at == NOW + datetime.timedelta(hours=6)
    assert feed.last_success_at == run.started_at
    assert feed.resume_cursor == {}
    assert Paper.objects.get().extracted_hash  # extraction was queued and ran


@respx.mock
def test_a_saved_feed_that_fails_midway_resumes_there_on_its_next_run(run_due):
    route = respx.get(ARXIV_API)
    route.side_effect = lambda request: (
        httpx.Response(503) if request.url.params["start"] == "2" else arxiv_pages(request)
    )
    feed = SavedFeedFactory(
        kind=SavedFeed.Kind.ARXIV_QUERY, query="cat:cs.CL", interval_minutes=60, extract=False
    )

    (failed,) = run_due()
    feed.refresh_from_db()

    assert failed.status == "failed"
    assert feed.resume_cursor["position"] == 2
    assert feed.last_success_at is None

    route.reset()
    route.side_effect = arxiv_pages
    (resumed,) = run_due(NOW + datetime.timedelta(hours=1))
    feed.refresh_from_db()

    assert [c.request.url.params["start"] for c in route.calls] == ["2", "4"]
    assert (resumed.status, resumed.created_count) == ("succeeded", 3)
    assert resumed.origin == failed.origin
    assert Paper.objects.count() == 5
    assert feed.resume_cursor == {} and feed.last_success_at == resumed.started_at


@respx.mock
def test_the_beat_task_runs_the_due_feeds(django_capture_on_commit_callbacks):
    respx.get(HF_DAILY).mock(side_effect=hf_days)
    feed = SavedFeedFactory(extract=False)

    with django_capture_on_commit_callbacks(execute=True):
        result = run_due_feeds.delay().get()

    feed.refresh_from_db()
    assert result == {"started": [feed.last_import_run_id]}
    assert feed.last_import_run.status == "succeeded"


def test_the_beat_schedule_checks_for_due_feeds(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["run-due-feeds"]
    assert entry["task"] == "papers.tasks.run_due_feeds"
    assert entry["schedule"] == 300


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"kind": SavedFeed.Kind.ARXIV_QUERY, "query": " "}, "query"),
        ({"kind": SavedFeed.Kind.OAI_SET, "query": ""}, "query"),
        ({"kind": SavedFeed.Kind.HF_DAILY, "query": "cs"}, "query"),
        ({"kind": SavedFeed.Kind.OAI_SET, "query": "cs", "max_results": 10}, "max_results"),
        ({"kind": SavedFeed.Kind.HF_DAILY, "interval_minutes": 1}, "interval_minutes"),
    ],
)
def test_a_saved_feed_is_checked(fields, field):
    with pytest.raises(ValidationError) as caught:
        SavedFeed(name="x", **fields).full_clean()
    assert field in caught.value.message_dict


def test_setup_feeds_creates_the_daily_feed_once():
    first, second = io.StringIO(), io.StringIO()
    call_command("setup_feeds", stdout=first)
    call_command("setup_feeds", stdout=second)

    assert "created." in first.getvalue() and "already there." in second.getvalue()

    feed = SavedFeed.objects.get()
    assert (feed.kind, feed.schedule, feed.enabled) == ("hf_daily", "every 6 h 00 min", True)


# Admin


def test_the_admin_lists_feeds_with_their_last_and_next_run(admin_client):
    run = ImportRunFactory(status=ImportRun.Status.SUCCEEDED, created_count=4)
    SavedFeedFactory(
        name="NLP benchmarks", kind=SavedFeed.Kind.ARXIV_QUERY, query="cat:cs.CL AND abs:benchmark",
        last_run_at=NOW, next_run_at=NOW + datetime.timedelta(hours=6), last_import_run=run,
    )  # fmt: skip

    page = admin_client.get(reverse("admin:papers_savedfeed_changelist"))

    assert page.status_code == 200
    html = page.content.decode()
    for text in ("NLP benchmarks", "cat:cs.CL AND abs:benchmark", "every 6 h 00 min", "May 3, 2024, noon",
                 "May 3, 2024, 6 p.m.", reverse("admin:papers_importrun_change", args=[run.pk])):  # fmt: skip
        assert text in html


def test_a_feed_is_added_and_edited_in_the_admin(admin_client):
    add = reverse("admin:papers_savedfeed_add")
    assert admin_client.get(add).status_code == 200
    form = {
        "name": "OAI cs",
        "kind": "oai_set",
        "query": "cs",
        "enabled": "on",
        "interval_minutes": "1440",
        "extract": "on",
    }

    response = admin_client.post(add, form)

    assert response.status_code == 302
    feed = SavedFeed.objects.get(name="OAI cs")
    change = admin_client.get(reverse("admin:papers_savedfeed_change", args=[feed.pk]))
    assert "No run yet." in change.content.decode()
    refused = admin_client.post(add, {**form, "name": "broken", "query": ""})
    assert refused.status_code == 200 and "Give an OAI set" in refused.content.decode()


@respx.mock
def test_run_now_queues_a_run_and_start_over_forgets_the_position(
    admin_client, django_capture_on_commit_callbacks
):
    respx.get(HF_DAILY).mock(side_effect=hf_days)
    feed = SavedFeedFactory(
        next_run_at=NOW + datetime.timedelta(days=1), resume_cursor={"position": "x"}, extract=False
    )
    url = reverse("admin:papers_savedfeed_changelist")

    admin_client.post(url, {"action": "forget_position", ACTION_CHECKBOX_NAME: [feed.pk]})
    feed.refresh_from_db()
    assert feed.resume_cursor == {}
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(url, {"action": "run_now", ACTION_CHECKBOX_NAME: [feed.pk]})

    feed.refresh_from_db()
    assert feed.last_import_run.status == "succeeded"


@respx.mock
def test_a_resumed_saved_harvest_is_the_same_harvest_even_a_day_later(run_due):
    route = respx.get(ARXIV_OAI)
    route.side_effect = lambda request: (
        httpx.Response(503) if "resumptionToken" in request.url.params else xml("oai_page1.xml")
    )
    SavedFeedFactory(kind=SavedFeed.Kind.OAI_SET, query="cs", interval_minutes=60, extract=False)

    (failed,) = run_due()
    route.reset()
    route.side_effect = oai_pages
    (resumed,) = run_due(NOW + datetime.timedelta(days=1))

    assert failed.origin == resumed.origin == "arXiv OAI-PMH: set cs from 2024-05-02"
    assert dict(route.calls[0].request.url.params) == {
        "verb": "ListRecords",
        "resumptionToken": "7731882|1001",
    }
    assert (resumed.status, resumed.created_count) == ("succeeded", 3)


@respx.mock
def test_arxiv_feeds_due_together_run_one_at_a_time(run_due):
    respx.get(ARXIV_API).mock(side_effect=arxiv_pages)
    respx.get(ARXIV_OAI).mock(side_effect=oai_pages)
    respx.get(HF_DAILY).mock(side_effect=hf_days)
    query = SavedFeedFactory(
        name="a query", kind=SavedFeed.Kind.ARXIV_QUERY, query="cat:cs.CL", extract=False
    )
    harvest = SavedFeedFactory(name="b set", kind=SavedFeed.Kind.OAI_SET, query="cs", extract=False)
    daily = SavedFeedFactory(name="c daily", extract=False)

    first = run_due()
    second = run_due(NOW + datetime.timedelta(minutes=5))

    # One arXiv feed and the Hugging Face one; the other arXiv feed waits for the next check.
    assert [r.format for r in first] == ["arxiv_atom", "hf_daily_json"]
    assert [r.format for r in second] == ["arxiv_oai"]
    for feed in (query, harvest, daily):
        feed.refresh_from_db()
        assert feed.last_import_run.status == "succeeded"
