"""A page cached by the server shows a paper imported from the command line by another process at once."""

import io
import json
import os
import re
import subprocess
import sys

import pytest
from django.core.management import call_command
from django.db import connection

from tests.conftest import REPO_DIR

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]


def _database_url() -> str:
    db = connection.settings_dict
    auth = db["USER"] + (f":{db['PASSWORD']}" if db.get("PASSWORD") else "")
    return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def test_benchmark_and_home_pages_are_fresh_after_a_command_line_import(
    client, postgres, redis_cache, tmp_path
):
    call_command(
        "import_papers", str(REPO_DIR / "papers/sample_data/leaderboard_papers.jsonl"), stdout=io.StringIO()
    )
    before = client.get("/benchmarks/gsm8k/").content.decode()
    assert "Sextant" in before and "Lodestar" not in before
    assert "leader on accuracy: <strong>92.1%</strong> sextant" in client.get("/").content.decode().lower()

    new = tmp_path / "new.jsonl"
    new.write_text(
        json.dumps(
            {
                "title": "Lodestar: Planning Before Solving Word Problems",
                "abstract": "We introduce Lodestar, which plans before it solves. "
                "Lodestar reaches 95.5% accuracy on GSM8K.",
                "published": "2026-02-02",
                "arxiv_id": "2602.01234",
            }
        )
        + "\n"
    )
    env = {**os.environ, "DATABASE_URL": _database_url(), "CELERY_TASK_ALWAYS_EAGER": "1"}
    subprocess.run(
        [sys.executable, "manage.py", "import_papers", str(new)], cwd=REPO_DIR, env=env, check=True,
        capture_output=True, timeout=120,
    )  # fmt: skip

    after = client.get("/benchmarks/gsm8k/").content.decode()
    first_row = re.search(r'<td class="method">([^<]+)', after).group(1).strip()
    assert first_row == "Lodestar"
    assert "leader on accuracy: <strong>95.5%</strong> lodestar" in client.get("/").content.decode().lower()
