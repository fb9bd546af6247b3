"""Is each dependency reachable now? Answers without raw errors: no hosts, ports or passwords."""

import time
import uuid

from django.core.cache import cache
from django.db import connection

from tracker.broker import broker_check


def _timed(check) -> dict:
    started = time.perf_counter()
    state = check()
    return {"status": state, "ms": round((time.perf_counter() - started) * 1000, 1)}


def database_check() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception:  # noqa: BLE001 - any failure means unreachable; the log has the details
        return "unreachable"
    return "ok"


def cache_check() -> str:
    key = f"healthz:{uuid.uuid4().hex}"
    try:
        cache.set(key, "1", timeout=10)
        found = cache.get(key)
        cache.delete(key)
    except Exception:  # noqa: BLE001
        return "unreachable"
    # The Redis cache ignores its own errors, so a cache that is down reads back nothing.
    return "ok" if found == "1" else "unreachable"


def dependencies_check() -> dict:
    """{"database": {...}, "cache": {...}, "broker": {...}}, each with a status of ok, unreachable or disabled."""
    return {
        "database": _timed(database_check),
        "cache": _timed(cache_check),
        "broker": _timed(broker_check),
    }
