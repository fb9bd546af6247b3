"""Candidate metrics for a claim and the features the metric model ranks them by.

The candidates are the metric spans of the claim's sentence, the rules' own pick (which may come from an
earlier sentence or from a unit word, "12.4 accuracy points"), and no metric at all.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .claim import ExtractedClaim
from .entities import Span, find_metrics
from .vocabulary import lookup_metric

_NUMBER = re.compile(r"\d")
_BETWEEN_CUES = (
    "(",
    ")",
    ",",
    ";",
    " and ",
    " on ",
    " of ",
    " with ",
    " while ",
    " than ",
    " by ",
    " in ",
    " for ",
)


@dataclass(frozen=True, slots=True)
class MetricCandidate:
    text: str | None
    features: tuple[str, ...]


@lru_cache(maxsize=8)  # every claim of a sentence asks for the same spans
def _sentence_metrics(sentence: str) -> tuple[Span, ...]:
    return tuple(find_metrics(sentence))


def _distance(words: int) -> str:
    if words <= 2:
        return str(words)
    return "3-5" if words <= 5 else "6-12" if words <= 12 else "far"


def _span_features(claim: ExtractedClaim, span: Span, unit: str) -> list[str]:
    sentence = claim.evidence
    number_start = claim.value_start - claim.evidence_start
    number_end = claim.value_end - claim.evidence_start
    after = span.start >= number_end
    between = sentence[number_end : span.start] if after else sentence[span.end : number_start]
    side = "after" if after else "before"
    words = len(between.split())
    numbers = len(_NUMBER.findall(between))
    features = [
        f"side={side}",
        f"dist={side}:{_distance(words)}",
        f"numbers_between={min(numbers, 3)}",
        f"side*unit={side}*{unit}",
        f"side*kind={side}*{claim.kind}",
    ]
    for cue in _BETWEEN_CUES:
        if cue in between:
            features.append(f"between:{cue.strip()}")
            features.append(f"between:{cue.strip()}*{side}")
    if lookup_metric(span.text) is not None:
        features.append("known")
    if numbers == 0 and words <= 1:
        features.append(f"adjacent*{side}")
    return features


def metric_candidates(claim: ExtractedClaim, unit: str) -> list[MetricCandidate]:
    """Every metric the claim could take, with its features; the rules' pick is marked."""
    candidates: list[MetricCandidate] = []
    rule_pick = (claim.metric or "").lower()
    spans = _sentence_metrics(claim.evidence)
    found_rule_pick = False
    for span in spans:
        features = _span_features(claim, span, unit)
        if span.text.lower() == rule_pick:
            features.append("rule_pick")
            found_rule_pick = True
        features.append(f"count={min(len(spans), 4)}")
        candidates.append(MetricCandidate(span.text, ("bias", *features)))
    if claim.metric and not found_rule_pick:
        candidates.append(
            MetricCandidate(claim.metric, ("bias", "rule_pick", "rule_only", f"rule_only*unit={unit}"))
        )
    none_features = [
        "none",
        f"none*unit={unit}",
        f"none*kind={claim.kind}",
        f"none*count={min(len(spans), 4)}",
    ]
    if claim.metric is None:
        none_features.append("rule_pick")
    candidates.append(MetricCandidate(None, ("bias", *none_features)))
    return candidates
