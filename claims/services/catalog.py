"""Benchmarks and metrics: find or create them by any of their names, and merge duplicates."""

from django.db import IntegrityError, transaction
from django.utils.text import slugify

from claims.cache import leaderboard_cache_invalidate
from claims.extraction.vocabulary import lookup_benchmark, lookup_metric, name_key
from claims.models import Benchmark, BenchmarkAlias, Claim, Metric, MetricAlias
from claims.services.counts import claim_counts_refresh


def _unique_slug(model, name: str) -> str:
    base = slugify(name)[:240] or "item"
    slug, n = base, 2
    while model.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def _aliases_add(alias_model, owner_field: str, owner, names) -> None:
    for alias in names:
        key = name_key(alias)
        if key and not alias_model.objects.filter(key=key).exists():
            alias_model.objects.create(**{owner_field: owner}, name=alias, key=key)


def _resolve(model, alias_model, owner_field: str, name: str, entry, defaults: dict):
    """The row a name refers to by any alias, created with the vocabulary entry's aliases when new."""
    key = name_key(name or "")
    if not key:
        return None
    alias = alias_model.objects.select_related(owner_field).filter(key=key).first()
    if alias:
        return getattr(alias, owner_field)
    canonical = entry.name if entry else name.strip()
    try:
        # Two workers may meet the same new name at once; the unique keys make one of them win.
        with transaction.atomic():
            row = model.objects.filter(name=canonical).first()
            if row is None:
                row = model.objects.create(name=canonical, slug=_unique_slug(model, canonical), **defaults)
            _aliases_add(
                alias_model, owner_field, row, [canonical, name.strip(), *(entry.aliases if entry else ())]
            )
    except IntegrityError:
        alias = alias_model.objects.select_related(owner_field).filter(key=key).first()
        return getattr(alias, owner_field) if alias else model.objects.filter(name=canonical).first()
    return row


def benchmark_resolve(*, name: str) -> Benchmark | None:
    """The benchmark a name refers to, created (with the vocabulary's aliases) when new."""
    entry = lookup_benchmark(name) if name else None
    return _resolve(
        Benchmark, BenchmarkAlias, "benchmark", name, entry, {"task": entry.task if entry else ""}
    )


def metric_resolve(*, name: str) -> Metric | None:
    """The metric a name refers to, created (with direction and aliases from the vocabulary) when new."""
    entry = lookup_metric(name) if name else None
    defaults = {
        # Unknown metrics default to higher-is-better, the common case; curators can flip it.
        "higher_is_better": entry.higher_is_better if entry and entry.higher_is_better is not None else True,
        "unit": (entry.unit or "") if entry else "",
    }
    return _resolve(Metric, MetricAlias, "metric", name, entry, defaults)


@transaction.atomic
def benchmark_merge(*, source: Benchmark, target: Benchmark) -> int:
    """Fold source into target: its claims and aliases move, its name becomes an alias. Returns claims moved."""
    if source.pk == target.pk:
        raise ValueError("A benchmark cannot be merged into itself.")
    moved = Claim.objects.filter(benchmark=source).update(benchmark=target)
    BenchmarkAlias.objects.filter(benchmark=source).update(benchmark=target)
    _aliases_add(BenchmarkAlias, "benchmark", target, [source.name])
    source_id = source.pk
    source.delete()
    claim_counts_refresh(benchmark_ids=[target.pk])
    leaderboard_cache_invalidate(source_id, target.pk)
    return moved


@transaction.atomic
def metric_merge(*, source: Metric, target: Metric) -> int:
    """Fold source into target: its claims and aliases move, its name becomes an alias. Returns claims moved."""
    if source.pk == target.pk:
        raise ValueError("A metric cannot be merged into itself.")
    benchmark_ids = list(
        Claim.objects.filter(metric=source).values_list("benchmark_id", flat=True).distinct()
    )
    moved = Claim.objects.filter(metric=source).update(metric=target)
    MetricAlias.objects.filter(metric=source).update(metric=target)
    _aliases_add(MetricAlias, "metric", target, [source.name])
    source.delete()
    claim_counts_refresh(metric_ids=[target.pk])
    leaderboard_cache_invalidate(*benchmark_ids)
    return moved
