"""Faults with real workers: a worker SIGKILLed mid-extraction, and a visibility timeout shorter than an import.

Both run real Celery worker processes on the Redis broker and the test database. The workers use
tests/integration/fast_redelivery_settings.py, so a message left unacknowledged comes back within seconds.
"""

import json
from collections import Counter

import pytest
from django.db.models import Count, F

from claims.extraction import extract_claims
from claims.models import Claim
from claims.tasks import extract_papers_task
from papers.models import ImportRun, Paper
from papers.services.imports import import_file_start
from tests.integration.worker import Worker, wait_for
from tracker.celery import app

pytestmark = [pytest.mark.integration, pytest.mark.slow, pytest.mark.django_db(transaction=True)]

FAST_SETTINGS = "tests.integration.fast_redelivery_settings"


@pytest.fixture
def sending(broker_url):
    """This process sends tasks to the broker for the test's duration; the queue is left empty after."""
    app.conf.task_always_eager = False
    app.conf.broker_url = broker_url
    app.conf.result_backend = broker_url
    yield
    app.control.purge()
    app.conf.task_always_eager = True


def _abstract(n: int) -> str:
    return (
        f"We propose Model{n}. It reaches 8{n % 10}.4% top-1 accuracy on ImageNet and 4{n % 10}.1 BLEU on "
        "WMT14 English-German, beating the baseline by 2.0 points."
    )


def _papers(count: int) -> list[int]:
    rows = []
    for n in range(count):
        paper = Paper(title=f"Fault paper {n}", abstract=_abstract(n), arxiv_id=f"2402.{n:05d}")
        paper.refresh_keys()
        rows.append(paper)
    Paper.objects.bulk_create(rows, batch_size=1000)
    return list(Paper.objects.order_by("pk").values_list("pk", flat=True))


def _extracted() -> int:
    return Paper.objects.filter(extracted_hash=F("abstract_hash")).count()


def test_extraction_whose_worker_is_killed_completes_once_on_restart(postgres, sending, broker_url, tmp_path):
    ids = _papers(4000)
    env = {"DJANGO_SETTINGS_MODULE": FAST_SETTINGS, "CELERY_VISIBILITY_TIMEOUT": "3"}
    first = Worker(broker_url, tmp_path / "first.log", env)
    second = Worker(broker_url, tmp_path / "second.log", env)
    try:
        first.start()
        # One task for every paper: it commits 50 papers at a time, so a kill lands mid-task.
        extract_papers_task.delay(paper_ids=ids)
        wait_for(lambda: _extracted() >= 100, 90, "the first worker to extract some papers", [first.log_path])
        first.kill()
        done_when_killed = _extracted()
        print(f"killed with {done_when_killed} of {len(ids)} papers extracted")
        assert done_when_killed < len(ids), "the task finished before the kill: make it longer"

        second.start()
        wait_for(lambda: _extracted() == len(ids), 180, "every paper to be extracted", [second.log_path])
    finally:
        first.stop()
        second.stop()

    # Nothing lost: every paper has exactly the claims the engine finds in it; nothing doubled.
    expected = {n: len(extract_claims(_abstract(n), f"Fault paper {n}")) for n in range(10)}
    assert all(expected.values())
    per_paper = dict(Claim.objects.values_list("paper_id").annotate(n=Count("id")).order_by())
    assert set(per_paper) == set(ids)
    assert Counter(per_paper.values()) == Counter(expected[i % 10] for i in range(len(ids)))
    doubled = (
        Claim.objects.values("paper_id", "evidence_start", "value_start", "kind")
        .annotate(n=Count("id"))
        .filter(n__gt=1)
    )
    assert not doubled.exists()
    assert "extract_papers_task" in (tmp_path / "second.log").read_text()


def test_a_visibility_timeout_shorter_than_an_import_never_runs_it_twice(
    postgres, sending, broker_url, tmp_path
):
    count = 100_000  # batched imports are fast: enough records to outlast the 2 s visibility timeout
    path = tmp_path / "long.jsonl"
    path.write_text(
        "".join(
            json.dumps({"title": f"Long import paper {n}", "abstract": _abstract(n)}) + "\n"
            for n in range(count)
        )
    )
    # The broker gives an unacknowledged message to another worker after 2 s; the import takes far longer.
    # Heartbeats every batch keep the run "alive" (stale only after 60 s of silence).
    env = {
        "DJANGO_SETTINGS_MODULE": FAST_SETTINGS,
        "CELERY_VISIBILITY_TIMEOUT": "2",
        "IMPORT_STALE_AFTER_SECONDS": "60",
        "IMPORT_BATCH_SIZE": "200",
        "IMPORT_RANGE_BYTES": str(1 << 30),  # one task for the whole file
    }
    workers = [Worker(broker_url, tmp_path / f"worker{n}.log", env) for n in range(2)]
    logs = [worker.log_path for worker in workers]
    try:
        for worker in workers:
            worker.start()
        run = import_file_start(path=path, origin=path.name, extract=False)
        wait_for(lambda: ImportRun.objects.get(pk=run.pk).is_finished, 240, "the import to finish", logs)
        run.refresh_from_db()
        # The message did come back while the import ran, and the worker that got it left the run alone.
        wait_for(lambda: _deliveries(logs) >= 2, 30, "the message to be delivered again", logs)
    finally:
        for worker in workers:
            worker.stop()

    assert run.status == ImportRun.Status.SUCCEEDED, (run.message, run.errors[:3])
    assert run.attempts == 1, "the import was claimed more than once"
    assert (run.read_count, run.created_count, run.updated_count, run.unchanged_count) == (count, count, 0, 0)
    assert Paper.objects.count() == count
    assert Paper.objects.values("title_key").distinct().count() == count
    assert (run.finished_at - run.started_at).total_seconds() > 5, "the import was too short to test anything"
    assert any("still running on a live worker" in log.read_text() for log in logs)
    seconds = (run.finished_at - run.started_at).total_seconds()
    print(f"import of {count} records in {seconds:.1f} s, delivered {_deliveries(logs)} times, claimed once")


def _deliveries(logs) -> int:
    lines = (line for log in logs for line in log.read_text().splitlines())
    return sum("papers.tasks.import_file_task[" in line and "received" in line for line in lines)
