"""Start and stop a real Celery worker process against the test database and the Redis broker."""

import os
import subprocess
import sys
import time
from pathlib import Path

from django.db import connection

from tracker.celery import app

REPO_DIR = Path(__file__).resolve().parents[2]


def wait_for(predicate, timeout: float, what: str, logs=()):
    """predicate's first truthy value, asked every quarter second; a clear failure (with the workers' logs)
    after timeout seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.25)
    details = "\n".join(f"--- {path.name}\n{path.read_text()}" for path in logs)
    raise AssertionError(f"timed out after {timeout}s waiting for {what}\n{details}")


def live_test_database_url() -> str:
    params = connection.settings_dict
    password = f":{params['PASSWORD']}" if params.get("PASSWORD") else ""
    host = params.get("HOST") or "127.0.0.1"
    port = params.get("PORT") or 5432
    return f"postgres://{params['USER']}{password}@{host}:{port}/{params['NAME']}"


class Worker:
    def __init__(
        self, broker_url: str, log_path: Path, extra_env: dict[str, str] | None = None, name: str = ""
    ):
        self.broker_url = broker_url
        self.log_path = log_path
        self.extra_env = extra_env or {}
        # Workers running side by side need names of their own.
        self.hostname = f"itest-{os.getpid()}{'-' + name if name else ''}@%h"
        self.process: subprocess.Popen | None = None

    def start(self, timeout: float = 60) -> None:
        env = {
            **os.environ,
            "DATABASE_URL": live_test_database_url(),
            "CELERY_BROKER_URL": self.broker_url,
            "CELERY_TASK_ALWAYS_EAGER": "0",
            "DJANGO_SETTINGS_MODULE": "tracker.settings",
            **self.extra_env,
        }
        self.log = self.log_path.open("w")
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "tracker",
                "worker",
                "--concurrency=1",
                "--loglevel=INFO",
                "--without-gossip",
                "--without-mingle",
                "--hostname",
                self.hostname,
            ],
            cwd=REPO_DIR,
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the worker exited early:\n{self.log_path.read_text()}")
            if app.control.ping(timeout=1.0):
                return
        raise RuntimeError(f"the worker did not answer a ping in {timeout}s:\n{self.log_path.read_text()}")

    def kill(self) -> None:
        """Die at once, as a worker does when its machine goes away: no chance to give work back."""
        if self.process:
            self.process.kill()
            self.process.wait(timeout=30)
        # The pool's child dies with its parent only eventually; kill the whole group of this worker.
        subprocess.run(["pkill", "-9", "-f", f"itest-{os.getpid()}@"], check=False)

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
        if hasattr(self, "log"):
            self.log.close()


class Beat:
    """A real celery beat process with its own schedule file, sending to the broker like the deployed one."""

    def __init__(self, broker_url: str, directory: Path, extra_env: dict[str, str] | None = None):
        self.broker_url = broker_url
        self.directory = directory
        self.log_path = directory / "beat.log"
        self.extra_env = extra_env or {}
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        env = {
            **os.environ,
            "DATABASE_URL": live_test_database_url(),
            "CELERY_BROKER_URL": self.broker_url,
            "CELERY_TASK_ALWAYS_EAGER": "0",
            "DJANGO_SETTINGS_MODULE": "tracker.settings",
            **self.extra_env,
        }
        self.log = self.log_path.open("w")
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "tracker",
                "beat",
                "--loglevel=INFO",
                "--schedule",
                str(self.directory / "beat-schedule"),
                "--pidfile",
                str(self.directory / "beat.pid"),
                "--max-interval",
                "1",
            ],
            cwd=REPO_DIR,
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
        if hasattr(self, "log"):
            self.log.close()
