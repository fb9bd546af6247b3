"""Two imports of one file at once, on two processes: each paper stored once, no spurious conflicts."""

import json
import os
import subprocess
import sys

import pytest

from papers.models import ImportRun, Paper
from tests.conftest import REPO_DIR
from tests.integration.worker import live_test_database_url

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]


def test_two_concurrent_imports_of_one_file_store_each_paper_once(postgres, tmp_path):
    path = tmp_path / "same.jsonl"
    rows = [
        {
            "title": f"Concurrent paper {n}",
            "abstract": f"It reaches {n % 97}.5% on X.",
            "arxiv_id": f"2401.{n:05d}",
        }
        for n in range(2000)
    ]
    path.write_text("".join(json.dumps(row) + "\n" for row in rows))
    env = {
        **os.environ,
        "DATABASE_URL": live_test_database_url(),
        "CELERY_TASK_ALWAYS_EAGER": "1",
        "IMPORT_BATCH_SIZE": "50",
    }
    command = [sys.executable, "manage.py", "import_papers", str(path), "--no-extract"]

    processes = [
        subprocess.Popen(
            command, cwd=REPO_DIR, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        for _ in range(2)
    ]
    outputs = [process.communicate(timeout=300) for process in processes]

    assert [process.returncode for process in processes] == [0, 0], outputs
    runs = list(ImportRun.objects.all())
    assert [(run.status, run.rejected_count) for run in runs] == [("succeeded", 0), ("succeeded", 0)], [
        run.errors[:3] for run in runs
    ]
    assert sum(run.created_count for run in runs) == 2000
    assert Paper.objects.count() == 2000
