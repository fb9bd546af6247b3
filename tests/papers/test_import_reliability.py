"""Regression tests for the probe's findings on import runs: bad records, the broker down, stuck runs."""

import datetime
import gzip
import json

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from papers.models import ImportRun, Paper
from papers.services import imports as import_service
from papers.services.imports import (
    ImportRunLost,
    import_file_start,
    import_run_create,
    import_run_execute,
)
from papers.services.recovery import import_runs_recover
from tracker.broker import TaskQueueUnavailable
from tracker.celery import app

pytestmark = pytest.mark.django_db


def line(row: dict) -> bytes:
    return json.dumps(row).encode() + b"\n"


def good(n: int) -> dict:
    return {"title": f"Paper number {n}", "abstract": f"Abstract {n} reaches {n}.5% on X."}


@pytest.fixture
def run_import(django_capture_on_commit_callbacks):
    def run(path, extract: bool = False) -> ImportRun:
        with django_capture_on_commit_callbacks(execute=True):
            created = import_run_create(path=path, extract=extract)
            return import_run_execute(import_run_id=created.pk, path=path)

    return run


@pytest.fixture
def broker_down(settings):
    """Tasks go to a broker on a port where nothing listens, as when Redis is stopped."""
    # Saved before the settings change: Celery's configuration reads Django's settings lazily.
    saved = app.conf.task_always_eager, app.conf.broker_url, app.conf.broker_write_url
    settings.CELERY_TASK_ALWAYS_EAGER = False
    app.conf.task_always_eager = False
    app.conf.broker_url = app.conf.broker_write_url = "redis://127.0.0.1:9/0"
    _reset_pool()
    yield
    app.conf.task_always_eager, app.conf.broker_url, app.conf.broker_write_url = saved
    _reset_pool()


def _reset_pool():
    # The connection and producer pools keep the broker URL they were made with.
    app._pool = None
    app.amqp._producer_pool = None


def test_bad_characters_reject_one_record_and_the_rest_of_the_batch_lands(run_import, tmp_path):
    path = tmp_path / "mixed.jsonl"
    rows = [good(n) for n in range(5)]
    rows[1] = {**good(1), "title": "Null\u0000byte"}
    rows[3] = {**good(3), "abstract": "Lone \udc00 half"}
    path.write_bytes(b"".join(line(row) for row in rows))

    run = run_import(path)

    assert (run.status, run.read_count, run.created_count, run.rejected_count) == ("partial", 5, 3, 2)
    assert [e["position"] for e in run.errors] == ["line 2", "line 4"]
    assert Paper.objects.count() == 3


def test_an_oversized_abstract_is_refused_per_record(run_import, tmp_path, settings):
    settings.IMPORT_MAX_ABSTRACT_CHARS = 10_000
    path = tmp_path / "big.jsonl"
    path.write_bytes(line(good(1)) + line({**good(2), "abstract": "word " * 10_000}) + line(good(3)))

    run = run_import(path)

    assert run.status == "partial"
    assert run.errors == [
        {"position": "line 2", "reason": "the abstract is 49,999 characters long; the limit is 10,000"}
    ]
    assert Paper.objects.count() == 2


def test_a_truncated_gzip_is_partial_with_every_readable_record_counted(run_import, tmp_path):
    whole = gzip.compress(b"".join(line(good(n)) for n in range(3000)))
    path = tmp_path / "cut.jsonl.gz"
    path.write_bytes(whole[: len(whole) // 2])

    run = run_import(path)

    assert run.status == "partial"
    assert run.created_count == Paper.objects.count() > 1000
    assert run.read_count == run.created_count + run.rejected_count
    assert run.errors[-1]["position"] == "end of file"
    assert "cut short" in run.errors[-1]["reason"]


def test_a_file_over_the_size_limit_fails_but_keeps_the_records_read_before(run_import, tmp_path, settings):
    settings.IMPORT_MAX_FILE_BYTES = 50_000
    settings.IMPORT_BATCH_SIZE = 1000  # the cut comes inside the first batch, which must still land
    path = tmp_path / "long.jsonl"
    path.write_bytes(b"".join(line(good(n)) for n in range(2000)))

    run = run_import(path)

    assert run.status == "failed"
    assert "more than 50,000 bytes once uncompressed" in run.message
    assert str(tmp_path) not in run.message
    assert run.created_count == Paper.objects.count() > 500


def test_an_unexpected_error_ends_the_run_failed_not_running(run_import, tmp_path, monkeypatch):
    path = tmp_path / "ok.jsonl"
    path.write_bytes(line(good(1)))

    def explode(**kwargs):
        raise RuntimeError("a bug")

    # The batch writer and the per-record one it falls back to.
    monkeypatch.setattr(import_service, "papers_upsert_batch", explode)
    monkeypatch.setattr(import_service, "paper_upsert", explode)
    run = run_import(path)

    assert run.status == "failed"
    assert "unexpected error (RuntimeError)" in run.message
    assert ImportRun.objects.get().is_finished


@pytest.mark.django_db(transaction=True)
def test_async_import_with_the_broker_down_is_a_clear_error_and_no_orphan_run(broker_down, tmp_path):
    path = tmp_path / "one.jsonl"
    path.write_bytes(line(good(1)))

    with pytest.raises(CommandError, match="task queue is unreachable") as raised:
        call_command("import_papers", str(path), "--async")

    assert raised.value.returncode == 1
    run = ImportRun.objects.get()
    assert run.status == "failed" and run.finished_at
    assert "task queue was unreachable" in run.message


def test_the_broker_down_mid_import_leaves_papers_for_the_sweep_and_finishes_the_run(broker_down, tmp_path):
    path = tmp_path / "two.jsonl"
    path.write_bytes(line(good(1)) + line(good(2)))
    created = import_run_create(path=path, extract=True)

    run = import_run_execute(import_run_id=created.pk, path=path)

    assert run.status == "succeeded"
    assert "extraction was not queued for 2 papers" in run.message
    assert all(paper.needs_extraction for paper in Paper.objects.all())


def test_uploaded_files_are_deleted_when_their_import_is_over(tmp_path, django_capture_on_commit_callbacks):
    path = tmp_path / "upload.jsonl"
    path.write_bytes(line(good(1)))

    with django_capture_on_commit_callbacks(execute=True):
        run = import_file_start(path=path, delete_file=True)

    run.refresh_from_db()
    assert run.status == "succeeded"
    assert not path.exists()


def _stuck(path, status="running", minutes=60, attempts=1, **extra) -> ImportRun:
    past = timezone.now() - datetime.timedelta(minutes=minutes)
    run = ImportRun.objects.create(
        origin=path.name, path=str(path), status=status, attempts=attempts, task_id="dead-worker", **extra
    )
    ImportRun.objects.filter(pk=run.pk).update(created_at=past, started_at=past, heartbeat_at=past)
    return run


def test_a_run_whose_worker_died_is_resumed_and_finishes(tmp_path):
    path = tmp_path / "resume.jsonl"
    path.write_bytes(line(good(1)) + line(good(2)))
    Paper.objects.create(title="Paper number 1", abstract="Abstract 1 reaches 1.5% on X.")  # the first pass
    run = _stuck(path)

    report = import_runs_recover()

    run.refresh_from_db()
    assert report.resumed == [run.pk]
    # The paper the first pass stored is merged (its source added), not stored twice.
    assert (run.status, run.attempts, run.created_count, run.updated_count) == ("succeeded", 2, 1, 1)
    assert Paper.objects.count() == 2


def test_runs_still_alive_are_left_alone(tmp_path):
    path = tmp_path / "alive.jsonl"
    path.write_bytes(line(good(1)))
    alive = _stuck(path, minutes=1)
    fresh = _stuck(path, status="queued", minutes=1)

    assert import_runs_recover().resumed == []
    assert {r.status for r in ImportRun.objects.filter(pk__in=[alive.pk, fresh.pk])} == {"running", "queued"}


def test_stuck_runs_without_a_file_or_out_of_attempts_fail_with_the_reason(tmp_path):
    gone = _stuck(tmp_path / "gone.jsonl")
    path = tmp_path / "there.jsonl"
    path.write_bytes(line(good(1)))
    tired = _stuck(path, status="queued", attempts=3)

    call_command("recover_imports")

    gone.refresh_from_db()
    tired.refresh_from_db()
    assert (gone.status, tired.status) == ("failed", "failed")
    assert "its file is gone" in gone.message
    assert "tried 3 times" in tired.message


def test_a_worker_whose_run_was_taken_over_stops_at_its_next_save(tmp_path, settings):
    settings.IMPORT_BATCH_SIZE = 1
    path = tmp_path / "two.jsonl"
    path.write_bytes(line(good(1)) + line(good(2)))
    created = import_run_create(path=path, extract=False)
    seen = []

    def take_over(run):
        seen.append(run.read_count)
        ImportRun.objects.filter(pk=run.pk).update(task_id="the-new-worker")

    with pytest.raises(ImportRunLost):
        import_run_execute(import_run_id=created.pk, path=path, progress=take_over)

    assert seen == [1]
    assert Paper.objects.count() == 1


def test_the_periodic_sweep_is_scheduled():
    from django.conf import settings

    schedule = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert "papers.tasks.recover_stuck_imports" in schedule


def test_import_file_start_raises_task_queue_unavailable(
    broker_down, tmp_path, django_capture_on_commit_callbacks
):
    path = tmp_path / "one.jsonl"
    path.write_bytes(line(good(1)))

    with pytest.raises(TaskQueueUnavailable), django_capture_on_commit_callbacks(execute=True):
        import_file_start(path=path, delete_file=True)

    assert not path.exists()
    assert ImportRun.objects.get().status == "failed"


def test_a_message_redelivered_while_its_worker_lives_never_runs_the_import_twice(tmp_path):
    path = tmp_path / "one.jsonl"
    path.write_bytes(line(good(1)))
    created = import_run_create(path=path, extract=False)
    import_service._claim(created.pk, "task-1")  # the first worker has it, and beats

    with pytest.raises(import_service.ImportRunBusy):
        import_run_execute(
            import_run_id=created.pk, path=path, task_id="task-1"
        )  # the visibility timeout passed

    ImportRun.objects.filter(pk=created.pk).update(heartbeat_at=timezone.now() - datetime.timedelta(hours=1))
    run = import_run_execute(import_run_id=created.pk, path=path, task_id="task-1")  # the first worker died
    assert (run.status, run.attempts, run.created_count) == ("succeeded", 2, 1)
