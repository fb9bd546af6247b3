"""Integration tests need a real PostgreSQL and a real Redis broker.

Without them (a laptop on the embedded defaults) they are skipped with the reason shown
in pytest's summary; under CI=true a missing service fails the run instead.
"""

import os

import pytest
from django.conf import settings
from django.db import connection


def _require(condition: bool, reason: str) -> None:
    if condition:
        return
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"CI=true but {reason}")
    pytest.skip(reason)


def _broker_reachable(url: str) -> bool:
    import redis

    try:
        return bool(redis.Redis.from_url(url, socket_connect_timeout=2).ping())
    except redis.RedisError:
        return False


@pytest.fixture
def postgres():
    _require(connection.vendor == "postgresql", "DATABASE_URL does not point at PostgreSQL")


@pytest.fixture
def broker_url() -> str:
    url = settings.CELERY_BROKER_URL
    _require(bool(url) and url.startswith("redis"), "CELERY_BROKER_URL does not point at Redis")
    _require(_broker_reachable(url), f"the Redis broker at {url} does not answer")
    return url


@pytest.fixture
def redis_cache():
    _require(bool(settings.REDIS_URL), "REDIS_URL is not set")
