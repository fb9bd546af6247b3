"""Without REDIS_URL the default cache is shared by every process: a command-line import shows at once."""

import io
import json
import os
import subprocess
import sys

import pytest
from django.core.management import call_command
from django.test import override_settings

from tests.conftest import REPO_DIR
from tests.integration.worker import live_test_database_url

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]


def _env(tmp_path) -> dict:
    env = {**os.environ, "TRACKER_VAR_DIR": str(tmp_path), "CELERY_TASK_ALWAYS_EAGER": "1"}
    env.pop("REDIS_URL", None)
    env.pop("CACHE_DIR", None)
    return env


def _default_caches(tmp_path) -> dict:
    """CACHES as another process computes them with no REDIS_URL."""
    script = "import json, django; django.setup(); from django.conf import settings; print(json.dumps(settings.CACHES))"
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=REPO_DIR,
        env={**_env(tmp_path), "DJANGO_SETTINGS_MODULE": "tracker.settings"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def _write(path, title, text):
    path.write_text(json.dumps({"title": title, "abstract": text}) + "\n")
    return path


def test_an_import_from_the_command_line_is_seen_by_the_server_at_once(postgres, tmp_path, client):
    default = _default_caches(tmp_path)
    assert default["default"]["BACKEND"] == "django.core.cache.backends.filebased.FileBasedCache"

    with override_settings(CACHES=default):  # Django's cache handler follows the override
        first = _write(
            tmp_path / "first.jsonl", "Math Reasoner", "Our model reaches 81.2% accuracy on GSM8K."
        )
        call_command("import_papers", str(first), stdout=io.StringIO())
        url = "/api/v1/benchmarks/gsm8k/leaderboard/"
        assert [row["value"] for row in client.get(url).json()["results"]] == [81.2]

        # Another process, as `manage.py import_papers` next to a running server.
        second = _write(
            tmp_path / "second.jsonl", "Better Reasoner", "Our model reaches 88.4% accuracy on GSM8K."
        )
        result = subprocess.run(
            [sys.executable, "manage.py", "import_papers", str(second)],
            cwd=REPO_DIR,
            env={**_env(tmp_path), "DATABASE_URL": live_test_database_url()},
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert result.returncode == 0, result.stderr

        assert [row["value"] for row in client.get(url).json()["results"]] == [88.4, 81.2]
