"""The curation queue through the test client: who may use it, decisions, undo, skip, filters, progress."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from claims.models import Claim, CurationDecision
from claims.services.curation import claim_update
from tests.claims.factories import BenchmarkFactory, ClaimFactory, MetricFactory
from tests.papers.factories import PaperFactory
from tests.web.conftest import make_user

pytestmark = pytest.mark.django_db

QUEUE = "/curate/"


@pytest.fixture
def pending(db):
    """Three undecided claims on one paper (in reading order) and one already verified elsewhere."""
    abstract = "Inkwell reaches 64.5% accuracy on Pebble Trivia. It also scores 31.0 F1 on Moss QA, and 12.0 on Kite."
    paper = PaperFactory(title="Inkwell", abstract=abstract)
    pebble, moss = BenchmarkFactory(name="Pebble Trivia"), BenchmarkFactory(name="Moss QA")
    accuracy, f1 = MetricFactory(name="accuracy"), MetricFactory(name="F1")

    def claim(value_text, benchmark, metric, confidence, **extra):
        start = abstract.index(value_text)
        return ClaimFactory(
            paper=paper, benchmark=benchmark, metric=metric, value=float(value_text.rstrip("%")),
            value_text=value_text, unit="%" if value_text.endswith("%") else "", evidence=abstract,
            evidence_start=0, evidence_end=len(abstract), value_start=start, value_end=start + len(value_text),
            confidence=confidence, method="Inkwell", **extra,
        )  # fmt: skip

    first = claim("64.5%", pebble, accuracy, 0.9)
    second = claim("31.0", moss, f1, 0.4)
    third = claim("12.0", None, None, 0.2)
    done = ClaimFactory(status=Claim.Status.VERIFIED)
    return first, second, third, done


def shown_claim(response) -> int | None:
    match = re.search(r'id="queue-claim" data-claim="(\d+)"', response.content.decode())
    return int(match.group(1)) if match else None


def test_anonymous_visitors_are_sent_to_sign_in(client, pending):
    response = client.get(QUEUE)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("web:login") + "?next=/curate/")
    post = client.post(reverse("web:curate-decide", args=[pending[0].pk]), {"action": "verify"})
    assert post.status_code == 302 and "login" in post["Location"]
    assert Claim.objects.get(pk=pending[0].pk).status == Claim.Status.EXTRACTED


def test_signed_in_non_curators_are_refused(client, plain_user, pending):
    client.force_login(plain_user)

    assert client.get(QUEUE).status_code == 403
    assert (
        client.post(reverse("web:curate-decide", args=[pending[0].pk]), {"action": "reject"}).status_code
        == 403
    )
    assert Claim.objects.get(pk=pending[0].pk).status == Claim.Status.EXTRACTED


def test_the_queue_shows_the_first_claim_in_its_abstract_with_progress(client, curator, pending):
    first, second, third, done = pending
    client.force_login(curator)

    response = client.get(QUEUE)

    html = response.content.decode()
    assert shown_claim(response) == first.pk
    assert '<mark class="current" id="current-number"' in html and ">64.5%</mark>" in html
    assert '<mark class="other"' in html and ">31.0</mark>" in html
    assert "<strong>3</strong> of 4 left" in html
    assert 'value="Pebble Trivia"' in html  # the fields are editable in place
    assert 'data-key="v"' in html and 'data-key="r"' in html and 'data-key="s"' in html


def test_verify_records_curator_and_time_and_the_next_claim_loads(client, curator, pending):
    first, second, *_ = pending
    client.force_login(curator)

    response = client.post(reverse("web:curate-decide", args=[first.pk]), {"action": "verify"}, follow=True)

    first.refresh_from_db()
    assert first.status == Claim.Status.VERIFIED
    assert first.curated_by == curator
    assert timezone.now() - first.curated_at < datetime.timedelta(minutes=1)
    assert shown_claim(response) == second.pk
    html = response.content.decode()
    assert "Verified 64.5% accuracy on Pebble Trivia (Inkwell)." in html
    assert "<strong>2</strong> of 4 left" in html
    decision = CurationDecision.objects.get()
    assert (decision.claim_id, decision.curator, decision.action) == (first.pk, curator, "verify")
    assert f'action="/curate/decisions/{decision.pk}/undo/"' in html


def test_reject_then_undo_restores_the_claim_as_it_was(client, curator, pending):
    first, *_ = pending
    client.force_login(curator)
    client.post(reverse("web:curate-decide", args=[first.pk]), {"action": "reject"})
    first.refresh_from_db()
    assert first.status == Claim.Status.REJECTED

    decision = CurationDecision.objects.get()
    response = client.post(reverse("web:curate-undo", args=[decision.pk]), follow=True)

    first.refresh_from_db()
    assert first.status == Claim.Status.EXTRACTED
    assert first.curated_by is None and first.curated_at is None
    assert shown_claim(response) == first.pk
    assert "Undone" in response.content.decode()
    decision.refresh_from_db()
    assert decision.undone_at is not None
    # A second undo of the same decision is refused and changes nothing.
    again = client.post(reverse("web:curate-undo", args=[decision.pk]), follow=True)
    assert "already undone" in again.content.decode()


def test_edit_and_verify_applies_the_edits_through_the_service_and_undo_reverts_them(
    client, curator, pending
):
    first, *_ = pending
    client.force_login(curator)
    form = {name: getattr(first, name) for name in ("value", "unit", "kind", "metric_text", "benchmark_text",
                                                    "method", "compared_to", "setting", "curation_note")}  # fmt: skip
    form.update(value="65.4", benchmark_text="Moss QA", action="edit_verify")

    client.post(reverse("web:curate-decide", args=[first.pk]), form)

    first.refresh_from_db()
    assert first.status == Claim.Status.VERIFIED and first.value == 65.4
    assert first.benchmark.name == "Moss QA"  # re-linked by name, as in the admin and the API
    client.post(reverse("web:curate-undo", args=[CurationDecision.objects.get().pk]))
    first.refresh_from_db()
    assert (first.value, first.benchmark.name, first.status) == (
        64.5,
        "Pebble Trivia",
        Claim.Status.EXTRACTED,
    )


def test_edit_with_a_bad_value_shows_the_error_and_changes_nothing(client, curator, pending):
    first, *_ = pending
    client.force_login(curator)

    response = client.post(
        reverse("web:curate-decide", args=[first.pk]),
        {"action": "edit_verify", "value": "sixty", "kind": "score", "unit": "%"},
    )

    assert response.status_code == 400
    assert "Enter a number." in response.content.decode()
    first.refresh_from_db()
    assert first.status == Claim.Status.EXTRACTED and first.value == 64.5


def test_skip_moves_on_without_touching_the_claim(client, curator, pending):
    first, second, third, _ = pending
    client.force_login(curator)
    before = Claim.objects.get(pk=first.pk).updated_at

    response = client.post(reverse("web:curate-decide", args=[first.pk]), {"action": "skip"}, follow=True)

    assert shown_claim(response) == second.pk
    assert Claim.objects.get(pk=first.pk).updated_at == before
    assert "(1 skipped)" in response.content.decode()
    client.post(reverse("web:curate-decide", args=[second.pk]), {"action": "skip"})
    client.post(reverse("web:curate-decide", args=[third.pk]), {"action": "skip"})
    finished = client.get(QUEUE).content.decode()
    assert "Only the 3 claims you skipped are left." in finished
    back = client.post(reverse("web:curate-clear-skipped"), follow=True)
    assert shown_claim(back) == first.pk


def test_filters_narrow_the_queue_and_survive_a_decision(client, curator, pending):
    first, second, third, _ = pending
    client.force_login(curator)

    assert shown_claim(client.get(QUEUE, {"confidence_below": "0.5"})) == second.pk
    assert shown_claim(client.get(QUEUE, {"benchmark": "moss-qa"})) == second.pk
    assert shown_claim(client.get(QUEUE, {"metric": "accuracy"})) == first.pk
    assert shown_claim(client.get(QUEUE, {"paper": "999999"})) is None

    response = client.post(
        reverse("web:curate-decide", args=[second.pk]), {"action": "verify", "confidence_below": "0.5"}
    )
    assert response["Location"] == "/curate/?confidence_below=0.5"
    assert shown_claim(client.get(response["Location"])) == third.pk


def test_a_claim_decided_elsewhere_is_not_decided_again(client, curator, pending):
    first, *_ = pending
    Claim.objects.filter(pk=first.pk).update(status=Claim.Status.REJECTED)
    client.force_login(curator)

    response = client.post(reverse("web:curate-decide", args=[first.pk]), {"action": "verify"}, follow=True)

    assert "already rejected" in response.content.decode()
    assert Claim.objects.get(pk=first.pk).status == Claim.Status.REJECTED


def test_undo_is_refused_after_the_window_for_others_and_after_a_later_change(
    client, curator, pending, settings
):
    first, second, third, _ = pending
    client.force_login(curator)
    for claim in (first, second, third):
        client.post(reverse("web:curate-decide", args=[claim.pk]), {"action": "verify"})
    late, other, changed = CurationDecision.objects.order_by("decided_at")

    CurationDecision.objects.filter(pk=late.pk).update(
        decided_at=timezone.now() - datetime.timedelta(minutes=11)
    )
    assert (
        "10 minutes only"
        in client.post(reverse("web:curate-undo", args=[late.pk]), follow=True).content.decode()
    )

    client.force_login(make_user("someone-else", curator=True))
    assert (
        "Only the curator"
        in client.post(reverse("web:curate-undo", args=[other.pk]), follow=True).content.decode()
    )

    client.force_login(curator)
    claim_update(claim=Claim.objects.get(pk=third.pk), user=curator, data={"method": "Quill"})
    assert (
        "changed again"
        in client.post(reverse("web:curate-undo", args=[changed.pk]), follow=True).content.decode()
    )
    assert (
        Claim.objects.filter(status=Claim.Status.VERIFIED, pk__in=[first.pk, second.pk, third.pk]).count()
        == 3
    )


def test_the_queue_is_plain_forms_that_work_without_javascript(client, curator, pending):
    client.force_login(curator)
    html = client.get(QUEUE).content.decode()

    form = html[html.index('<form method="post" action="/curate/claims/') :]
    form = form[: form.index("</form>")]
    buttons = re.findall(r'<button type="submit" name="action" value="(\w+)"', form)
    # The first submit button is what Enter in a field presses: it must save the edits.
    assert buttons == ["edit_verify", "verify", "reject", "skip"]
    assert "csrfmiddlewaretoken" in form
