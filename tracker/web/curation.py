"""The curation queue: one undecided claim at a time, decided through claims.services.decisions."""

from functools import wraps
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from claims.models import Claim, CurationDecision
from claims.selectors.queue import curation_queue, queue_filter_choices
from claims.services.decisions import (
    UndoRefused,
    claim_decide,
    claim_decision_undo,
    decision_undoable,
    undo_window,
)
from tracker.api.permissions import CURATORS_GROUP
from tracker.web.context_processors import request_is_curator
from tracker.web.forms import ClaimEditForm, QueueFilterForm
from tracker.web.highlight import abstract_segments
from tracker.web.templatetags.web import value_unit

SKIPPED_KEY = "curation_skipped"
LAST_DECISION_KEY = "curation_last_decision"
SKIPPED_KEPT = 500
FILTER_NAMES = ("benchmark", "metric", "confidence_below", "paper")


def curator_required(view):
    """Anonymous visitors are sent to sign in; signed-in users outside the curators group get a 403."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not request_is_curator(request):
            raise PermissionDenied(f"Only members of the '{CURATORS_GROUP}' group may curate claims.")
        return view(request, *args, **kwargs)

    return wrapped


def _filter_query(data) -> str:
    return urlencode([(name, data[name]) for name in FILTER_NAMES if data.get(name)])


def _queue_url(data, **extra) -> str:
    query = "&".join(part for part in (_filter_query(data), urlencode(extra)) if part)
    return reverse("web:curate") + (f"?{query}" if query else "")


def _describe(claim: Claim) -> str:
    what = claim.metric.name if claim.metric else claim.metric_text or "result"
    where = f" on {claim.benchmark.name}" if claim.benchmark else ""
    who = f" ({claim.method})" if claim.method else ""
    return f"{value_unit(claim.value, claim.unit)} {what}{where}{who}"


def _render_queue(request, *, edit_form=None, status=200):
    filter_form = QueueFilterForm(request.GET)
    first = request.GET.get("claim")
    state = curation_queue(
        filters=filter_form.queue_filters(),
        skipped=request.session.get(SKIPPED_KEY, []),
        first=int(first) if first and first.isdigit() else None,
    )
    if state.claim is not None and (edit_form is None or edit_form.instance.pk != state.claim.pk):
        edit_form = ClaimEditForm(instance=state.claim)
    last = None
    last_id = request.session.get(LAST_DECISION_KEY)
    if last_id:
        last = CurationDecision.objects.select_related("claim").filter(pk=last_id).first()
        if not decision_undoable(decision=last, user=request.user):
            last = None
    benchmarks, metrics = queue_filter_choices()
    context = {
        "state": state,
        "claim": state.claim,
        "edit_form": edit_form if state.claim else None,
        "filter_form": filter_form,
        "filters_query": _filter_query(request.GET),
        "segments": abstract_segments(state.claim.paper.abstract, state.paper_claims) if state.claim else [],
        "benchmarks": benchmarks,
        "metrics": metrics,
        "last_decision": last,
        "undo_minutes": int(undo_window().total_seconds() // 60),
    }
    return render(request, "web/curate.html", context, status=status)


@curator_required
@require_http_methods(["GET", "HEAD"])
def queue(request):
    return _render_queue(request)


@curator_required
@require_POST
def decide(request, pk: int):
    claim = get_object_or_404(Claim.objects.select_related("benchmark", "metric"), pk=pk)
    action = request.POST.get("action", "")
    back = _queue_url(request.POST)
    if action == "skip":
        skipped = [i for i in request.session.get(SKIPPED_KEY, []) if i != claim.pk]
        request.session[SKIPPED_KEY] = [*skipped, claim.pk][-SKIPPED_KEPT:]
        messages.info(request, f"Skipped {_describe(claim)}; it stays in the queue.")
        return redirect(back)
    if claim.status != Claim.Status.EXTRACTED:
        messages.error(request, f"Claim {claim.pk} was already {claim.status} by someone else.")
        return redirect(back)
    if action not in CurationDecision.Action.values:
        messages.error(request, f"Unknown action {action!r}.")
        return redirect(back)
    data = None
    if action == CurationDecision.Action.EDIT_VERIFY:
        form = ClaimEditForm(request.POST, instance=Claim.objects.get(pk=claim.pk))
        if not form.is_valid():
            request.GET = request.POST  # the queue keeps its filters while the errors are shown
            return _render_queue(request, edit_form=form, status=400)
        data = form.changed_values()
    decision = claim_decide(claim=claim, user=request.user, action=action, data=data)
    request.session[LAST_DECISION_KEY] = decision.pk
    verb = {"verify": "Verified", "reject": "Rejected", "edit_verify": "Corrected and verified"}[action]
    messages.success(request, f"{verb} {_describe(decision.claim)}.")
    return redirect(back)


@curator_required
@require_POST
def undo(request, pk: int):
    decision = get_object_or_404(CurationDecision.objects.select_related("claim"), pk=pk)
    try:
        claim = claim_decision_undo(decision=decision, user=request.user)
    except UndoRefused as refusal:
        messages.error(request, str(refusal))
        return redirect(_queue_url(request.POST))
    request.session.pop(LAST_DECISION_KEY, None)
    messages.success(request, f"Undone: claim {claim.pk} is back to {claim.status}.")
    return redirect(_queue_url(request.POST, claim=claim.pk))


@curator_required
@require_POST
def clear_skipped(request):
    count = len(request.session.pop(SKIPPED_KEY, []))
    messages.info(request, f"{count} skipped claim{'s' if count != 1 else ''} back in the queue.")
    return redirect(_queue_url(request.POST))
