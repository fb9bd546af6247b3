"""What curators do to claims: verify, reject, correct. Every decision records who, what and when.

Each decision is made on a version of the claim: the version the caller read (the `version` it sends,
or the one loaded when the request began). When another curator changed the claim in between, the
decision is refused with ClaimVersionConflict, and kept in the audit trail as a conflict.
"""

from collections.abc import Callable

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from claims.cache import leaderboard_cache_invalidate
from claims.extraction.splits import split_from_name
from claims.models import Claim, ClaimDecision
from claims.services.catalog import benchmark_resolve, metric_resolve
from claims.services.counts import claim_counts_refresh

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


class ClaimVersionConflict(Exception):
    """The claim changed since the version the decision was made on."""

    def __init__(self, claim: Claim, expected_version: int) -> None:
        self.claim = claim
        self.expected_version = expected_version
        super().__init__(
            f"Claim {claim.pk} is at version {claim.version}, not {expected_version}: another curator "
            f"changed it first (it is now {claim.status}). Reload it and decide again."
        )


def _jsonable(value):
    return value if value is None or isinstance(value, str | int | float | bool) else str(value)


def _decide(
    claim: Claim,
    *,
    user,
    action: str,
    to_status: str,
    version: int | None,
    note: str | None,
    apply: Callable[[Claim], dict],
) -> Claim:
    """Apply a decision under a row lock if the claim is still at `version`; record it either way."""
    expected = claim.version if version is None else version
    with transaction.atomic():
        current = Claim.objects.select_for_update().get(pk=claim.pk)
        if current.version == expected:
            from_status = current.status
            old_benchmark_id, old_metric_id = current.benchmark_id, current.metric_id
            changes = apply(current)
            current.curated_by = user
            current.curated_at = timezone.now()
            if note is not None:
                current.curation_note = note
            current.version = expected + 1
            current.full_clean()
            current.save()
            ClaimDecision.objects.create(
                claim=current,
                user=user,
                action=action,
                from_status=from_status,
                to_status=current.status,
                version=expected,
                changes={key: _jsonable(value) for key, value in changes.items()},
                note=note or "",
            )
            claim_counts_refresh(
                paper_ids=[current.paper_id],
                benchmark_ids=[old_benchmark_id, current.benchmark_id],
                metric_ids=[old_metric_id, current.metric_id],
            )
            leaderboard_cache_invalidate(old_benchmark_id, current.benchmark_id)
            return current
    ClaimDecision.objects.create(
        claim=current,
        user=user,
        action=action,
        outcome=ClaimDecision.Outcome.CONFLICT,
        from_status=current.status,
        to_status=to_status,
        version=expected,
        note=note or "",
    )
    raise ClaimVersionConflict(current, expected)


def _set_status(status: str) -> Callable[[Claim], dict]:
    def apply(claim: Claim) -> dict:
        claim.status = status
        return {}

    return apply


def claim_verify(*, claim: Claim, user, note: str | None = None, version: int | None = None) -> Claim:
    return _decide(
        claim,
        user=user,
        action=ClaimDecision.Action.VERIFY,
        to_status=Claim.Status.VERIFIED,
        version=version,
        note=note,
        apply=_set_status(Claim.Status.VERIFIED),
    )


def claim_reject(*, claim: Claim, user, note: str | None = None, version: int | None = None) -> Claim:
    return _decide(
        claim,
        user=user,
        action=ClaimDecision.Action.REJECT,
        to_status=Claim.Status.REJECTED,
        version=version,
        note=note,
        apply=_set_status(Claim.Status.REJECTED),
    )


@transaction.atomic
def claims_bulk_set_status(*, claim_ids, user, status: str) -> int:
    """Verify or reject many claims in one statement (the admin's bulk actions), each decision recorded."""
    claims = Claim.objects.select_for_update().filter(pk__in=list(claim_ids))
    before = list(claims.values_list("pk", "status", "version", "benchmark_id", "metric_id", "paper_id"))
    now = timezone.now()
    changed = claims.update(
        status=status, curated_by=user, curated_at=now, updated_at=now, version=F("version") + 1
    )
    ClaimDecision.objects.bulk_create(
        ClaimDecision(
            claim_id=pk,
            user=user,
            action=ClaimDecision.Action.SET_STATUS,
            from_status=old_status,
            to_status=status,
            version=version,
        )
        for pk, old_status, version, *_ in before
    )
    claim_counts_refresh(
        paper_ids=(row[5] for row in before),
        benchmark_ids=(row[3] for row in before),
        metric_ids=(row[4] for row in before),
    )
    leaderboard_cache_invalidate(*{row[3] for row in before})
    return changed


def claim_update(*, claim: Claim, user, data: dict, version: int | None = None) -> Claim:
    """Correct a claim's fields; renamed benchmarks and metrics are re-linked to their rows."""
    unknown = set(data) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValueError(f"Not editable: {', '.join(sorted(unknown))}")

    def apply(current: Claim) -> dict:
        for field, value in data.items():
            setattr(current, field, "" if value is None and field != "value" else value)
        if "benchmark_text" in data:
            name = current.benchmark_text
            parent, split = split_from_name(name) if name else (name, None)
            if split is not None and "split" not in data:
                # "COCO test-dev" is the benchmark COCO measured on its test-dev split.
                name, current.split = parent, split
            current.benchmark = benchmark_resolve(name=name) if name else None
        if "metric_text" in data:
            current.metric = metric_resolve(name=current.metric_text) if current.metric_text else None
        return dict(data)

    return _decide(
        claim,
        user=user,
        action=ClaimDecision.Action.EDIT,
        to_status=claim.status,
        version=version,
        note=None,
        apply=apply,
    )
