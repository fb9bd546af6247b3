"""celery beat and a worker, as deployed, run a due saved feed against a local stand-in for the service."""

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest
from django.db.models import F

from papers.models import ImportRun, Paper, SavedFeed
from tests.integration.worker import Beat, Worker, wait_for
from tracker.celery import app

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]

DAY = (Path(__file__).parents[1] / "papers" / "fixtures" / "feeds" / "hf_daily_2024-05-02.json").read_bytes()


class DailyPapers(BaseHTTPRequestHandler):
    """The Hugging Face daily papers API, as far as the feed uses it: the same two papers for any date."""

    seen: list[dict] = []

    def do_GET(self):
        url = urlparse(self.path)
        self.seen.append(
            {"path": url.path, "query": parse_qs(url.query), "agent": self.headers["User-Agent"]}
        )
        if url.path != "/api/daily_papers":
            self.send_error(404)
            return
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(DAY)))
        self.end_headers()
        self.wfile.write(DAY)

    def log_message(self, *args):
        pass


@pytest.fixture
def daily_papers_server():
    DailyPapers.seen = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), DailyPapers)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/api/daily_papers"
    finally:
        server.shutdown()
        server.server_close()


def test_beat_runs_a_due_saved_feed_on_a_worker_and_extraction_follows(
    postgres, broker_url, tmp_path, daily_papers_server
):
    feed = SavedFeed.objects.create(name="daily", kind=SavedFeed.Kind.HF_DAILY, interval_minutes=60)
    env = {
        "FEEDS_HF_DAILY_URL": daily_papers_server,
        "FEEDS_HF_INTERVAL_SECONDS": "0",
        "FEEDS_CHECK_EVERY_SECONDS": "2",
        "FEEDS_USER_AGENT": "tracker-itest/1.0",
    }
    app.conf.task_always_eager = False
    app.conf.broker_url = broker_url
    app.conf.result_backend = broker_url
    worker = Worker(broker_url, tmp_path / "worker.log", env)
    beat = Beat(broker_url, tmp_path, env)
    logs = (worker.log_path, beat.log_path)
    try:
        worker.start()
        beat.start()

        def feed_ran():
            feed.refresh_from_db()
            run = feed.last_import_run
            return run is not None and run.is_finished

        wait_for(feed_ran, 90, "beat to run the saved feed", logs)
        run = feed.last_import_run
        assert (run.status, run.read_count, run.created_count) == ("succeeded", 2, 2), (
            run.message,
            run.errors,
        )
        assert run.origin.startswith("Hugging Face daily papers: ")
        assert run.task_id  # claimed by the worker's task
        assert feed.last_success_at == run.started_at
        assert feed.next_run_at > feed.last_run_at
        assert DailyPapers.seen and DailyPapers.seen[0]["agent"] == "tracker-itest/1.0"
        assert "papers.tasks.run_due_feeds" in beat.log_path.read_text()
        wait_for(
            lambda: (
                Paper.objects.count() == 2
                and not Paper.objects.exclude(extracted_hash=F("abstract_hash")).exists()
            ),
            60,
            "claims to be extracted for the fetched papers",
            logs,
        )
        # Beat keeps checking every 2 s, but the feed is not due for an hour: still one run.
        time.sleep(5)
        assert ImportRun.objects.filter(origin=run.origin).count() == 1
    finally:
        beat.stop()
        worker.stop()
        app.conf.task_always_eager = True
