"""fetch_arxiv, harvest_arxiv and fetch_hf_daily: thin doors onto the feed service."""

import io

import httpx
import pytest
import respx
from django.core.management import call_command
from django.core.management.base import CommandError

from papers.models import ImportRun, Paper
from tests.papers.feed_fixtures import ARXIV_API, ARXIV_OAI, HF_DAILY, arxiv_pages, hf_days, oai_pages

pytestmark = [pytest.mark.django_db, pytest.mark.management]


@pytest.fixture(autouse=True)
def quick_feeds(feed_settings):
    # These go through the real clock: no pacing or backoff to wait for.
    feed_settings.FEEDS_ARXIV_INTERVAL_SECONDS = 0
    feed_settings.FEEDS_HF_INTERVAL_SECONDS = 0
    feed_settings.FEEDS_BACKOFF_SECONDS = 0


def run(*args) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


@respx.mock
def test_fetch_arxiv_imports_the_query_and_ends_with_a_summary():
    route = respx.get(ARXIV_API).mock(side_effect=arxiv_pages)

    out = run("fetch_arxiv", "--query", "cat:cs.CL", "--max", "4", "--no-extract")

    assert "start=2: 2 records (4 read so far)" in out
    assert (
        out.strip()
        .splitlines()[-1]
        .endswith(
            "(arXiv API: cat:cs.CL (at most 4)): succeeded; 4 read, 4 created, 0 updated, 0 unchanged, 0 rejected."
        )
    )
    assert route.calls[0].request.headers["User-Agent"] == "tracker-tests/1.0 (mailto:tests@example.org)"
    assert Paper.objects.count() == 4


@respx.mock
def test_fetch_arxiv_since_asks_for_the_submission_window():
    route = respx.get(ARXIV_API).mock(side_effect=arxiv_pages)

    run("fetch_arxiv", "--query", "cat:cs.CL", "--since", "2024-05-01", "--no-extract")

    assert (
        route.calls[0]
        .request.url.params["search_query"]
        .startswith("(cat:cs.CL) AND submittedDate:[202405010000 TO ")
    )


@respx.mock
def test_harvest_arxiv_follows_the_tokens_and_says_what_it_skipped():
    respx.get(ARXIV_OAI).mock(side_effect=oai_pages)

    out = run("harvest_arxiv", "--set", "cs", "--from", "2024-05-01", "--until", "2024-05-03", "--no-extract")

    assert "first page: 2 records, 1 withdrawn skipped" in out
    assert "token 7731882|2001: 1 records" in out
    assert "set cs from 2024-05-01 until 2024-05-03): succeeded; 5 read, 5 created" in out


@respx.mock
def test_fetch_hf_daily_over_a_range_of_dates():
    route = respx.get(HF_DAILY).mock(side_effect=hf_days)

    out = run("fetch_hf_daily", "--from", "2024-05-02", "--to", "2024-05-03", "--no-extract")

    assert [c.request.url.params["date"] for c in route.calls] == ["2024-05-02", "2024-05-03"]
    assert "(Hugging Face daily papers: 2024-05-02 to 2024-05-03): succeeded; 3 read, 3 created" in out


@respx.mock
def test_a_failed_feed_exits_non_zero_and_the_next_command_resumes_it():
    route = respx.get(HF_DAILY)
    route.side_effect = lambda request: (
        httpx.Response(503) if request.url.params["date"] == "2024-05-03" else hf_days(request)
    )
    with pytest.raises(CommandError, match="the feed failed: GET .*HTTP 503.*next run resumes at 2024-05-03"):
        run("fetch_hf_daily", "--from", "2024-05-02", "--to", "2024-05-03", "--no-extract")
    route.side_effect = hf_days

    out = run("fetch_hf_daily", "--from", "2024-05-02", "--to", "2024-05-03", "--no-extract")

    assert out.startswith("Resuming Hugging Face daily papers: 2024-05-02 to 2024-05-03 at 2024-05-03")
    assert "succeeded; 1 read, 1 created" in out
    assert list(ImportRun.objects.order_by("pk").values_list("status", flat=True)) == ["failed", "succeeded"]


@respx.mock
def test_async_hands_the_run_to_the_task():
    respx.get(HF_DAILY).mock(side_effect=hf_days)

    out = run("fetch_hf_daily", "--date", "2024-05-02", "--no-extract", "--async")

    assert "Import run" in out and "Hugging Face daily papers: 2024-05-02" in out
    assert ImportRun.objects.get().origin == "Hugging Face daily papers: 2024-05-02"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["fetch_hf_daily", "--date", "2024-05-02", "--from", "2024-05-01", "--to", "2024-05-03"],
            "not both",
        ),
        (["fetch_hf_daily", "--from", "2024-05-01"], "go together"),
        (["fetch_hf_daily", "--from", "2024-05-03", "--to", "2024-05-01"], "before the first"),
        (["fetch_hf_daily", "--date", "May 2"], "not a date like 2024-05-01"),
        (["fetch_arxiv", "--query", "  "], "cannot be empty"),
        (["fetch_arxiv", "--query", "x", "--max", "0"], "at least 1"),
        (["harvest_arxiv", "--set", "cs", "--from", "2024-05-03", "--until", "2024-05-01"], "before"),
    ],
)
def test_bad_options_are_command_errors(args, message):
    with pytest.raises(CommandError, match=message):
        run(*args)
    assert not ImportRun.objects.exists()
