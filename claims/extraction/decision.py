"""The decision stage: the learned model keeps or drops each proposal, picks its kind and sets its confidence."""

from __future__ import annotations

from dataclasses import replace

from .claim import ExtractedClaim
from .features import proposal_features, unit_bucket
from .metric_choice import metric_candidates
from .model import DecisionModel
from .proposal import RULES, Proposal


def decide(proposals: list[Proposal], model: DecisionModel | None) -> list[ExtractedClaim]:
    """The claims among proposals; without a model, the rules' own reading."""
    if model is None:
        return [item.claim for item in proposals if item.origin == RULES]
    claims: list[ExtractedClaim] = []
    for item in proposals:
        scored = score_proposal(item, model)
        if scored is not None:
            claims.append(scored)
    return claims


def score_proposal(item: Proposal, model: DecisionModel) -> ExtractedClaim | None:
    """The proposal as a claim with the model's kind and confidence, or None when the model turns it down."""
    features = proposal_features(item)
    p_claim = model.claim.probability(features)
    if p_claim < model.threshold:
        return None
    kinds = model.kind.probabilities(features)
    kind = max(kinds, key=kinds.__getitem__)
    if kinds[kind] - kinds[item.claim.kind] < model.kind_margin:
        kind = item.claim.kind  # the rules' kind stands unless the model is clearly surer of another
    claim = replace(item.claim, kind=kind, compared_to=item.claim.compared_to if kind != "score" else None)
    metric, p_metric = choose_metric(claim, model)
    confidence = model.calibration(p_claim * kinds[kind] * p_metric)
    return replace(claim, metric=metric, confidence=round(confidence, 3))


def choose_metric(claim: ExtractedClaim, model: DecisionModel) -> tuple[str | None, float]:
    """The candidate metric the model rates highest, and its probability of being right."""
    best: tuple[str | None, float] = (claim.metric, 0.0)
    for candidate in metric_candidates(claim, unit_bucket(claim.unit)):
        probability = model.metric.probability(candidate.features)
        if probability > best[1]:
            best = (candidate.text, probability)
    return best
