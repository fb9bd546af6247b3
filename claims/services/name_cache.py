"""Benchmark and metric names resolved to row ids, kept warm in each worker process across chunks and tasks.

Safe because a name's row changes only when rows or aliases are deleted, an alias is edited or two rows
are merged: each of those bumps a generation number in the shared cache (signals below, and the merge
services), and a process whose generation is behind forgets everything it knew. Ids resolved inside a
transaction are kept for the process only once it commits, so a rollback never leaves an id that is gone.
"""

import time

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save

from claims.models import Benchmark, BenchmarkAlias, Metric, MetricAlias
from claims.services.catalog import benchmark_resolve, metric_resolve

GENERATION_KEY = "catalog-names-generation"
# Novel names (one per typo in an abstract) must not grow a long-lived worker without bound.
MAX_NAMES = 100_000


def _bump() -> None:
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.set(GENERATION_KEY, time.time_ns(), timeout=None)


def catalog_names_changed(**_signal_kwargs) -> None:
    """Every process forgets the names it resolved (at its next chunk), now and again at commit.

    The second bump drops what a process resolved from the old rows before the change was committed.
    """
    _bump()
    transaction.on_commit(_bump)


def _alias_saved(sender, created: bool = False, raw: bool = False, **kwargs) -> None:
    # A new alias has a key no name resolved to before (keys are unique); an edited one may re-point names.
    if not created and not raw:
        catalog_names_changed()


def connect_signals() -> None:
    for model in (Benchmark, Metric, BenchmarkAlias, MetricAlias):
        post_delete.connect(
            catalog_names_changed, sender=model, dispatch_uid=f"names-deleted-{model.__name__}"
        )
    for model in (BenchmarkAlias, MetricAlias):
        post_save.connect(_alias_saved, sender=model, dispatch_uid=f"names-edited-{model.__name__}")


class _ProcessNames:
    def __init__(self) -> None:
        self.generation = None
        self.ids: dict[tuple[str, str], int | None] = {}

    def refresh(self) -> None:
        """Forget everything when another process changed the catalog's names since we last looked."""
        # A cleared cache starts a generation no process has seen (never 1 again).
        generation = cache.get_or_set(GENERATION_KEY, time.time_ns, timeout=None)
        if generation != self.generation or len(self.ids) > MAX_NAMES:
            self.ids.clear()
            self.generation = generation


_PROCESS = _ProcessNames()


def process_names_refresh() -> None:
    """Call before each transaction that resolves names: one cache read."""
    _PROCESS.refresh()


def process_names_clear() -> None:
    _PROCESS.ids.clear()
    _PROCESS.generation = None


class NameResolver:
    """Resolves names to Benchmark and Metric ids for one transaction, reading and then feeding the process's."""

    _RESOLVERS = {"benchmark": benchmark_resolve, "metric": metric_resolve}

    def __init__(self) -> None:
        self._new: dict[tuple[str, str], int | None] = {}
        transaction.on_commit(lambda: _PROCESS.ids.update(self._new))

    def _id(self, kind: str, name: str | None) -> int | None:
        if not name:
            return None
        key = (kind, name)
        if key in _PROCESS.ids:
            return _PROCESS.ids[key]
        if key not in self._new:
            row = self._RESOLVERS[kind](name=name)
            self._new[key] = row.pk if row else None
        return self._new[key]

    def benchmark_id(self, name: str | None) -> int | None:
        return self._id("benchmark", name)

    def metric_id(self, name: str | None) -> int | None:
        return self._id("metric", name)

    @property
    def resolved(self) -> int:
        """Names resolved through the catalog (queries) in this transaction."""
        return len(self._new)
