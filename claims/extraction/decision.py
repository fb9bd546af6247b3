"""The decision stage: the learned model keeps or drops each proposal, picks its kind and sets its confidence."""

from __future__ import annotations

from dataclasses import replace

from .benchmark_choice import benchmark_candidates, sentence_benchmarks
from .claim import ExtractedClaim
from .features import proposal_features, unit_bucket
from .metric_choice import metric_candidates
from .model import DecisionModel, logit
from .proposal import RULES, Proposal
from .span_choice import choose
from .splits import split_from_name
from .vocabulary import name_key


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


def assess(item: Proposal, model: DecisionModel) -> tuple[ExtractedClaim, list[float]] | None:
    """The proposal as a claim with the model's kind, metric and benchmark, and the inputs of its confidence
    (the log-odds of each decision); None when the model turns it down."""
    features = proposal_features(item)
    p_claim = model.claim.probability(features)
    if p_claim < model.threshold:
        return None
    kinds = model.kind.probabilities(features)
    kind = max(kinds, key=kinds.__getitem__)
    if kinds[kind] - kinds[item.claim.kind] < model.kind_margin:
        kind = item.claim.kind  # the rules' kind stands unless the model is clearly surer of another
    claim = replace(item.claim, kind=kind, compared_to=item.claim.compared_to if kind != "score" else None)
    unit = unit_bucket(claim.unit)
    metric, p_metric = choose(metric_candidates(claim, unit), model.metric.probability, claim.metric)
    benchmark, p_benchmark = choose(
        benchmark_candidates(claim, unit, item.earlier_sentences),
        model.benchmark.probability,
        claim.benchmark,
        model.benchmark_margin,
    )
    confidence_inputs = [logit(p_claim), logit(kinds[kind]), logit(p_metric), logit(p_benchmark)]
    split = claim.split
    if (benchmark or "").lower() != (claim.benchmark or "").lower():
        # Another name than the rules': its split, if any, is written in it ("COCO test-dev").
        benchmark, split = split_from_name(benchmark) if benchmark else (None, None)
    method = claim.method
    if method and _is_benchmark_name(method, benchmark, claim.evidence):
        # "RWF-2000: A Video Database" (the title names its data set), "on A and B, improving F1 by": no system
        method = None
    return replace(claim, metric=metric, benchmark=benchmark, split=split, method=method), confidence_inputs


def score_proposal(item: Proposal, model: DecisionModel) -> ExtractedClaim | None:
    """The proposal as a claim with its confidence: the probability that it is right at value+metric."""
    assessed = assess(item, model)
    if assessed is None:
        return None
    claim, confidence_inputs = assessed
    return replace(claim, confidence=round(model.confidence.probability(confidence_inputs), 3))


def _is_benchmark_name(name: str, benchmark: str | None, sentence: str) -> bool:
    key = name_key(name)
    if benchmark and key == name_key(benchmark):
        return True
    return any(key == name_key(span.text) for span in sentence_benchmarks(sentence))
