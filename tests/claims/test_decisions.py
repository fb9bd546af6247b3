"""Curation-queue decisions as services: recorded with the previous state, undone exactly, caches refreshed."""

import pytest

from claims.models import Claim, CurationDecision
from claims.selectors.leaderboard import leaderboard_get
from claims.services.decisions import UndoRefused, claim_decide, claim_decision_undo
from tests.claims.factories import BenchmarkFactory, ClaimFactory, MetricFactory
from tests.web.conftest import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def board():
    benchmark, metric = BenchmarkFactory(name="Heron Reading"), MetricFactory(name="reading accuracy")
    best = ClaimFactory(
        benchmark=benchmark, metric=metric, value=90.0, method="Inkwell", curation_note="old note"
    )
    ClaimFactory(benchmark=benchmark, metric=metric, value=70.0, method="Quill")
    return benchmark, metric, best


def leader(benchmark, metric) -> str:
    return leaderboard_get(benchmark=benchmark, metric=metric).entries[0].row.method


def test_reject_and_undo_move_the_leaderboard_at_once(board):
    benchmark, metric, best = board
    curator = make_user("c", curator=True)
    assert leader(benchmark, metric) == "Inkwell"  # cached from here on

    decision = claim_decide(claim=best, user=curator, action="reject")
    assert leader(benchmark, metric) == "Quill"
    assert decision.previous["status"] == "extracted" and decision.previous["curated_by_id"] is None

    restored = claim_decision_undo(decision=decision, user=curator)
    assert leader(benchmark, metric) == "Inkwell"
    assert (restored.status, restored.curated_by, restored.curated_at) == ("extracted", None, None)
    assert restored.curation_note == "old note"


def test_edit_and_verify_goes_through_claim_update_and_undo_relinks(board):
    benchmark, metric, best = board
    curator = make_user("c", curator=True)

    decision = claim_decide(
        claim=best, user=curator, action="edit_verify", data={"benchmark_text": "Owl Reading", "value": 91.0}
    )

    best.refresh_from_db()
    assert (best.benchmark.name, best.value, best.status) == ("Owl Reading", 91.0, Claim.Status.VERIFIED)
    assert best.curated_by == curator
    claim_decision_undo(decision=decision, user=curator)
    best.refresh_from_db()
    assert (best.benchmark_id, best.value, best.status) == (benchmark.pk, 90.0, Claim.Status.EXTRACTED)


def test_unknown_actions_are_refused_and_nothing_is_recorded(board):
    *_, best = board
    with pytest.raises(ValueError, match="Unknown decision"):
        claim_decide(claim=best, user=make_user("c", curator=True), action="approve")
    assert not CurationDecision.objects.exists()
    assert Claim.objects.get(pk=best.pk).status == Claim.Status.EXTRACTED


def test_undo_by_another_curator_is_refused(board):
    *_, best = board
    decision = claim_decide(claim=best, user=make_user("a", curator=True), action="verify")
    with pytest.raises(UndoRefused, match="Only the curator"):
        claim_decision_undo(decision=decision, user=make_user("b", curator=True))
    assert Claim.objects.get(pk=best.pk).status == Claim.Status.VERIFIED
