import os
import subprocess
import sys

import pytest
from django.core.exceptions import ImproperlyConfigured

from tests.conftest import REPO_DIR
from tracker.checks import task_settings_check
from tracker.env import env_bool, env_int, env_list, env_str


def _django_setup(settings_module: str, **env: str) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG", "SECRET_KEY_FILE"}}
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup(); print('ok')"],
        cwd=REPO_DIR,
        env={**clean, "DJANGO_SETTINGS_MODULE": settings_module, **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_production_settings_refuse_to_start_without_a_secret_key():
    result = _django_setup("tracker.settings.production")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_settings_refuse_debug():
    result = _django_setup("tracker.settings.production", SECRET_KEY="x" * 50, DEBUG="true")
    assert result.returncode != 0
    assert "DEBUG must be off" in result.stderr


def test_production_settings_start_with_a_secret_key():
    result = _django_setup("tracker.settings.production", SECRET_KEY="x" * 50)
    assert result.returncode == 0, result.stderr


def test_an_unparseable_boolean_names_the_variable(monkeypatch):
    monkeypatch.setenv("SOME_FLAG", "maybe")
    with pytest.raises(ImproperlyConfigured, match="SOME_FLAG"):
        env_bool("SOME_FLAG")


def test_env_readers_parse_and_default(monkeypatch, tmp_path):
    monkeypatch.setenv("A_FLAG", "Yes")
    monkeypatch.setenv("A_NUMBER", "12")
    monkeypatch.setenv("A_LIST", "a, b,,c")
    secret = tmp_path / "secret"
    secret.write_text("from-a-file\n")
    monkeypatch.setenv("A_SECRET_FILE", str(secret))
    assert env_bool("A_FLAG") is True
    assert env_bool("UNSET_FLAG", default=True) is True
    assert env_int("A_NUMBER", 1) == 12
    assert env_list("A_LIST", []) == ["a", "b", "c"]
    assert env_str("A_SECRET") == "from-a-file"
    monkeypatch.setenv("A_NUMBER", "twelve")
    with pytest.raises(ImproperlyConfigured, match="A_NUMBER"):
        env_int("A_NUMBER", 1)


def test_a_broker_with_eager_tasks_is_reported(settings):
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:6379/0"
    settings.CELERY_TASK_ALWAYS_EAGER = True
    assert [p.id for p in task_settings_check(None)] == ["tracker.W002"]
    settings.CELERY_TASK_ALWAYS_EAGER = False
    assert task_settings_check(None) == []


@pytest.mark.django_db
def test_health_reports_the_database(client):
    response = client.get("/health/")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}
