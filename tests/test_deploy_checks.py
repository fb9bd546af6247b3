"""`manage.py check --deploy` is clean under the production settings."""

import os
import secrets
import subprocess
import sys

from tests.conftest import REPO_DIR


def test_check_deploy_has_no_warnings_in_production(tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tracker.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "CELERY_BROKER_URL": "redis://127.0.0.1:6379/0",
        "TRACKER_VAR_DIR": str(tmp_path),
    }
    for name in ("DEBUG", "CELERY_TASK_ALWAYS_EAGER"):
        env.pop(name, None)
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=REPO_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout
