"""What curators do to claims: verify, reject, correct. Every change records who and when."""

from django.db import transaction
from django.utils import timezone

from claims.cache import leaderboard_cache_invalidate
from claims.extraction.splits import split_from_name
from claims.models import Claim
from claims.services.catalog import benchmark_resolve, metric_resolve

# Fields a curator may correct; benchmark and metric are given by name and re-linked.
EDITABLE_FIELDS = (
    "value",
    "unit",
    "kind",
    "metric_text",
    "benchmark_text",
    "method",
    "compared_to",
    "setting",
    "split",
    "curation_note",
)


def _curate(claim: Claim, *, user, status: str, note: str | None) -> Claim:
    claim.status = status
    claim.curated_by = user
    claim.curated_at = timezone.now()
    if note is not None:
        claim.curation_note = note
    claim.full_clean()
    claim.save()
    leaderboard_cache_invalidate(claim.benchmark_id)
    return claim


@transaction.atomic
def claim_verify(*, claim: Claim, user, note: str | None = None) -> Claim:
    return _curate(claim, user=user, status=Claim.Status.VERIFIED, note=note)


@transaction.atomic
def claim_reject(*, claim: Claim, user, note: str | None = None) -> Claim:
    return _curate(claim, user=user, status=Claim.Status.REJECTED, note=note)


@transaction.atomic
def claims_bulk_set_status(*, claim_ids, user, status: str) -> int:
    """Verify or reject many claims in one statement (the admin's bulk actions)."""
    claims = Claim.objects.filter(pk__in=list(claim_ids))
    benchmark_ids = list(claims.values_list("benchmark_id", flat=True).distinct())
    changed = claims.update(
        status=status, curated_by=user, curated_at=timezone.now(), updated_at=timezone.now()
    )
    leaderboard_cache_invalidate(*benchmark_ids)
    return changed


@transaction.atomic
def claim_update(*, claim: Claim, user, data: dict) -> Claim:
    """Correct a claim's fields; renamed benchmarks and metrics are re-linked to their rows."""
    unknown = set(data) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValueError(f"Not editable: {', '.join(sorted(unknown))}")
    old_benchmark_id = claim.benchmark_id
    for field, value in data.items():
        setattr(claim, field, "" if value is None and field != "value" else value)
    if "benchmark_text" in data:
        name = claim.benchmark_text
        parent, split = split_from_name(name) if name else (name, None)
        if split is not None and "split" not in data:
            # "COCO test-dev" is the benchmark COCO measured on its test-dev split.
            name, claim.split = parent, split
        claim.benchmark = benchmark_resolve(name=name) if name else None
    if "metric_text" in data:
        claim.metric = metric_resolve(name=claim.metric_text) if claim.metric_text else None
    claim.curated_by = user
    claim.curated_at = timezone.now()
    claim.full_clean()
    claim.save()
    leaderboard_cache_invalidate(old_benchmark_id, claim.benchmark_id)
    return claim
