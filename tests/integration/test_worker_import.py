import json

import pytest
from django.db.models import F

from papers.models import ImportRun, Paper
from papers.services.imports import import_file_start
from tests.integration.worker import Worker, wait_for
from tracker.celery import app

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def worker(postgres, broker_url, tmp_path):
    # This process sends tasks to the broker instead of running them in-process for the test's duration.
    app.conf.task_always_eager = False
    app.conf.broker_url = broker_url
    app.conf.result_backend = broker_url
    running = Worker(broker_url, tmp_path / "worker.log")
    try:
        running.start()
        yield running
    finally:
        running.stop()
        app.conf.task_always_eager = True


def test_a_real_worker_imports_a_seed_file_and_extracts_its_claims(worker, shared_dir):
    seed = sorted((shared_dir / "seeds").glob("*.txt"))[0]

    run = import_file_start(path=seed, origin=seed.name)

    def finished():
        run.refresh_from_db()
        return run.is_finished

    wait_for(finished, 90, "the import run to finish")
    assert run.status == ImportRun.Status.SUCCEEDED, (run.message, run.errors, worker.log_path.read_text())
    assert run.format == "hf_daily_text"
    assert run.task_id
    assert (run.read_count, run.created_count, run.rejected_count) == (37, 37, 0)
    assert Paper.objects.count() == 37
    # The worker queues extraction itself; every paper ends up read by the engine.
    wait_for(
        lambda: not Paper.objects.exclude(extracted_hash=F("abstract_hash")).exists(),
        90,
        "claims to be extracted for every paper",
    )


def test_the_same_file_through_the_worker_twice_creates_nothing_new(worker, shared_dir):
    seed = sorted((shared_dir / "seeds").glob("*.txt"))[-1]
    runs = []
    for _ in range(2):
        run = import_file_start(path=seed, origin=seed.name, extract=False)
        wait_for(lambda run=run: ImportRun.objects.get(pk=run.pk).is_finished, 90, "the import run to finish")
        runs.append(ImportRun.objects.get(pk=run.pk))
    assert runs[0].created_count == 44
    assert (runs[1].created_count, runs[1].updated_count, runs[1].unchanged_count) == (0, 0, 44)


@pytest.mark.slow
def test_an_import_whose_worker_is_killed_is_finished_by_another_worker(postgres, broker_url, tmp_path):
    rows = (
        json.dumps(
            {"title": f"Synthetic paper {n}", "abstract": f"Method {n} reaches {n % 100}.5% on a task."}
        )
        for n in range(6000)
    )
    big = tmp_path / "big.jsonl"
    big.write_text("\n".join(rows) + "\n", encoding="utf-8")
    app.conf.task_always_eager = False
    app.conf.broker_url = broker_url
    # Unacknowledged tasks come back after 5 s instead of an hour, so the test can watch it happen.
    app.conf.broker_transport_options = {"visibility_timeout": 5}
    # A worker silent for 5 s counts as gone, so the redelivered task may resume the run.
    fast_redelivery = {"CELERY_VISIBILITY_TIMEOUT": "5", "IMPORT_STALE_AFTER_SECONDS": "5"}
    first = Worker(broker_url, tmp_path / "first.log", fast_redelivery)
    second = Worker(broker_url, tmp_path / "second.log", fast_redelivery)
    try:
        first.start()
        run = import_file_start(path=big, origin=big.name, extract=False)
        wait_for(lambda: ImportRun.objects.get(pk=run.pk).read_count > 0, 60, "the first worker to start")
        first.kill()
        stalled = ImportRun.objects.get(pk=run.pk)
        assert stalled.status == ImportRun.Status.RUNNING and stalled.read_count < 6000

        second.start()
        wait_for(lambda: ImportRun.objects.get(pk=run.pk).is_finished, 180, "the second worker to finish")
    finally:
        first.stop()
        second.stop()
        app.conf.task_always_eager = True
        app.conf.broker_transport_options = {"visibility_timeout": 3600}
    run.refresh_from_db()
    assert run.status == ImportRun.Status.SUCCEEDED, (run.message, (tmp_path / "second.log").read_text())
    assert run.read_count == 6000
    assert Paper.objects.count() == 6000
