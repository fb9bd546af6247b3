"""Two real workers share one big file: its ranges are tasks of their own, the run sums them."""

import json
import re

import pytest

from papers.models import ImportRange, ImportRun, Paper
from papers.services.imports import import_file_start
from tests.integration.worker import Worker, wait_for
from tracker.celery import app

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]


def test_two_workers_import_the_ranges_of_one_file_and_each_paper_lands_once(postgres, broker_url, tmp_path):
    path = tmp_path / "snapshot.jsonl"
    lines = [
        json.dumps(
            {
                "title": f"Shared paper {n}",
                "abstract": f"It reaches {n % 97}.5% on X.",
                "arxiv_id": f"2405.{n:05d}",
            }
        )
        for n in range(4000)
    ]
    lines[2500] = '{"title": "cut'
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    env = {"IMPORT_RANGE_BYTES": str(path.stat().st_size // 6), "IMPORT_BATCH_SIZE": "100"}
    app.conf.task_always_eager = False
    app.conf.broker_url = broker_url
    workers = [Worker(broker_url, tmp_path / f"worker-{name}.log", env, name=name) for name in ("a", "b")]
    try:
        for worker in workers:
            worker.start()
        # start() returns once any worker answers; both must be consuming before the file is sent.
        wait_for(lambda: len(app.control.ping(timeout=1.0)) >= 2, 60, "both workers to answer")
        run = import_file_start(path=path, origin=path.name, extract=False)
        wait_for(lambda: ImportRun.objects.get(pk=run.pk).is_finished, 120, "the ranges to finish")
    finally:
        for worker in workers:
            worker.stop()
        app.conf.task_always_eager = True

    run.refresh_from_db()
    assert (run.status, run.read_count, run.created_count, run.rejected_count) == ("partial", 4000, 3999, 1)
    assert run.errors[0]["position"] == "line 2501"
    assert Paper.objects.count() == 3999
    ranges = list(ImportRange.objects.filter(run=run))
    assert len(ranges) >= 6 and all(r.is_finished and r.attempts == 1 for r in ranges)
    # Both workers took ranges of the one file.
    for worker in workers:
        log = worker.log_path.read_text()
        assert re.search(r"Task papers.tasks.import_range_task\[[^]]+\] succeeded", log), log[-2000:]
