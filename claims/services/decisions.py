"""Curation-queue decisions: verify, reject or edit-and-verify through the curation services, undoable for a while.

Each decision stores the claim's curated fields as they were, so undo restores exactly that state.
"""

import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from claims.cache import leaderboard_cache_invalidate
from claims.models import Claim, CurationDecision
from claims.services.counts import claim_counts_refresh
from claims.services.curation import EDITABLE_FIELDS, claim_reject, claim_update, claim_verify

SNAPSHOT_FIELDS = (*EDITABLE_FIELDS, "status", "curated_by_id", "curated_at", "benchmark_id", "metric_id")


class UndoRefused(Exception):
    """The decision can no longer be undone; the message says why."""


def _snapshot(claim: Claim) -> dict:
    state = {name: getattr(claim, name) for name in SNAPSHOT_FIELDS}
    state["curated_at"] = claim.curated_at.isoformat() if claim.curated_at else None
    return state


def undo_window() -> datetime.timedelta:
    return datetime.timedelta(minutes=settings.CURATION_UNDO_MINUTES)


@transaction.atomic
def claim_decide(*, claim: Claim, user, action: str, data: dict | None = None, note: str | None = None):
    """Apply one decision and record it; edits (edit_verify) go through claim_update first."""
    claim = Claim.objects.select_for_update().get(pk=claim.pk)
    previous = _snapshot(claim)
    if action == CurationDecision.Action.VERIFY:
        claim_verify(claim=claim, user=user, note=note)
    elif action == CurationDecision.Action.REJECT:
        claim_reject(claim=claim, user=user, note=note)
    elif action == CurationDecision.Action.EDIT_VERIFY:
        if data:
            claim = claim_update(claim=claim, user=user, data=data)
        claim_verify(claim=claim, user=user, note=note)
    else:
        raise ValueError(f"Unknown decision {action!r}: use verify, reject or edit_verify.")
    decision = CurationDecision(
        claim=claim, curator=user, action=action, previous=previous, decided_at=timezone.now()
    )
    decision.full_clean()
    decision.save()
    return decision


def decision_undoable(*, decision: CurationDecision | None, user) -> bool:
    return bool(
        decision
        and decision.undone_at is None
        and decision.curator_id == user.pk
        and timezone.now() - decision.decided_at <= undo_window()
    )


@transaction.atomic
def claim_decision_undo(*, decision: CurationDecision, user) -> Claim:
    """Put the claim back as it was before the decision: only its curator, only within the window,
    and only if nobody (queue, API or admin) changed the claim since."""
    decision = CurationDecision.objects.select_for_update().get(pk=decision.pk)
    claim = Claim.objects.select_for_update().get(pk=decision.claim_id)
    if decision.undone_at is not None:
        raise UndoRefused("This decision was already undone.")
    if decision.curator_id != user.pk:
        raise UndoRefused("Only the curator who took a decision can undo it.")
    if timezone.now() - decision.decided_at > undo_window():
        raise UndoRefused(f"Decisions can be undone for {settings.CURATION_UNDO_MINUTES} minutes only.")
    if claim.updated_at > decision.decided_at:
        raise UndoRefused("The claim was changed again since; open it in the admin to correct it.")
    old_benchmark_id, old_metric_id = claim.benchmark_id, claim.metric_id
    for name, value in decision.previous.items():
        setattr(claim, name, parse_datetime(value) if name == "curated_at" and value else value)
    claim.full_clean()
    claim.save()
    claim_counts_refresh(
        paper_ids=[claim.paper_id],
        benchmark_ids=[old_benchmark_id, claim.benchmark_id],
        metric_ids=[old_metric_id, claim.metric_id],
    )
    leaderboard_cache_invalidate(old_benchmark_id, claim.benchmark_id)
    decision.undone_at = timezone.now()
    decision.save(update_fields=["undone_at"])
    return claim
