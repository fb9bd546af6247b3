"""Versioned cache keys for leaderboard reads.

Each benchmark has a version number in the cache; bumping it makes every cached
leaderboard and history of that benchmark unreachable at once, without scanning keys.
"""

import hashlib
import json

from django.core.cache import cache
from django.db import transaction

# Bumped with every benchmark's version: pages that span benchmarks (home, tasks) are cached under it.
SITE_VERSION_KEY = "leaderboard-version:all"


def _version_key(benchmark_id: int) -> str:
    return f"leaderboard-version:{benchmark_id}"


def site_cache_key(*, kind: str, params: dict) -> str:
    """A key for reads over many benchmarks, unreachable as soon as any benchmark's leaderboards change."""
    version = cache.get_or_set(SITE_VERSION_KEY, 1, timeout=None)
    digest = hashlib.sha1(json.dumps(params, sort_keys=True, default=str).encode()).hexdigest()
    return f"site:{version}:{kind}:{digest}"


def leaderboard_cache_key(*, benchmark_id: int, kind: str, params: dict) -> str:
    version = cache.get_or_set(_version_key(benchmark_id), 1, timeout=None)
    digest = hashlib.sha1(json.dumps(params, sort_keys=True, default=str).encode()).hexdigest()
    return f"leaderboard:{benchmark_id}:{version}:{kind}:{digest}"


def _bump(benchmark_ids: set[int]) -> None:
    for key in [*(_version_key(pk) for pk in benchmark_ids), SITE_VERSION_KEY]:
        try:
            cache.incr(key)
        except ValueError:
            cache.set(key, 2, timeout=None)


def leaderboard_cache_invalidate(*benchmark_ids: int | None) -> None:
    """Make cached leaderboards of these benchmarks unreachable, now and again when the transaction commits.

    The second bump drops anything a concurrent read cached from the old rows before the commit.
    """
    ids = {pk for pk in benchmark_ids if pk is not None}
    # A claim without a benchmark still shows on pages over many benchmarks (recently verified).
    _bump(ids)
    transaction.on_commit(lambda: _bump(ids))
