"""Candidate metrics for a claim: the metric spans of its sentence, the rules' pick, and none."""

from __future__ import annotations

from functools import lru_cache

from .claim import ExtractedClaim
from .entities import Span, find_metrics
from .span_choice import Candidate, aligned, position_features
from .vocabulary import lookup_metric


@lru_cache(maxsize=8)  # every claim of a sentence asks for the same spans
def sentence_metrics(sentence: str) -> tuple[Span, ...]:
    return tuple(find_metrics(sentence))


def metric_candidates(claim: ExtractedClaim, unit: str) -> list[Candidate]:
    """Every metric the claim could take, with its features; the rules' pick is marked."""
    candidates: list[Candidate] = []
    rule_pick = (claim.metric or "").lower()
    spans = sentence_metrics(claim.evidence)
    count = f"count={min(len(spans), 4)}"
    found_rule_pick = False
    respectively = "respectively" in claim.evidence
    for index, span in enumerate(spans):
        features = ["bias", count, *position_features(claim, span, unit)]
        if aligned(claim, index, spans):
            # The i-th of n numbers and the i-th of n metrics: "0.91, 0.88 and 0.79 in F1, EM and BLEU".
            features.append("aligned*respectively" if respectively else "aligned")
        if lookup_metric(span.text) is not None:
            features.extend(("known", f"known*unit={unit}"))  # "AP" names no metric of "495 FPS"
        if span.text.lower() == rule_pick:
            features.append("rule_pick")
            found_rule_pick = True
        candidates.append(Candidate(span.text, tuple(features)))
    if claim.metric and not found_rule_pick:
        candidates.append(
            Candidate(claim.metric, ("bias", "rule_pick", "rule_only", f"rule_only*unit={unit}"))
        )
    none = ["bias", "none", f"none*unit={unit}", f"none*kind={claim.kind}", f"none*{count}"]
    if claim.metric is None:
        none.append("rule_pick")
    candidates.append(Candidate(None, tuple(none)))
    return candidates
