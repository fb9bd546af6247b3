"""Features of a proposed claim for the decision model: words around its number, its unit and the rules' reading.

Each feature is a string; the model holds a weight per string. Names say where a feature comes from:
"L1=by" is the word right before the number, "R:relative" a word among the few after it.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .proposal import Proposal
from .vocabulary import lookup_benchmark, lookup_metric

_WORD = re.compile(r"[a-z]+|[%+×±/()$\\]|\d+(?:\.\d+)?", re.IGNORECASE)
_DIGIT = re.compile(r"\d")
_LEFT_WORDS = 6
_RIGHT_WORDS = 4
_CLAUSE_MARKS = (";", ":", " while ", " whereas ", " but ", ", and ", " which ")


def unit_bucket(unit: str | None) -> str:
    if unit in (None, "%", "points", "x"):
        return str(unit)
    return "other"


def _magnitude(value: float) -> str:
    size = abs(value)
    if size < 1:
        return "lt1"
    if size <= 100:
        return "le100"
    if size <= 1000:
        return "le1000"
    return "gt1000"


def _words(text: str) -> list[str]:
    return [word.lower() for word in _WORD.findall(text)]


def proposal_features(proposal: Proposal) -> list[str]:
    """The feature strings of one proposal."""
    claim = proposal.claim
    unit = unit_bucket(claim.unit)
    features = [
        "bias",
        f"origin={proposal.origin}",
        f"unit={unit}",
        f"rule_kind={claim.kind}",
        f"rule_kind*unit={claim.kind}*{unit}",
        f"origin*unit={proposal.origin}*{unit}",
        f"magnitude={_magnitude(claim.value)}",
        f"metric={'yes' if claim.metric else 'no'}",
        f"benchmark={'yes' if claim.benchmark else 'no'}",
        f"compared={'yes' if claim.compared_to else 'no'}",
        f"method={'yes' if claim.method else 'no'}",
    ]
    if claim.metric and lookup_metric(claim.metric) is not None:
        features.append("metric_known")
    if claim.benchmark and lookup_benchmark(claim.benchmark) is not None:
        features.append("benchmark_known")
    if "." not in claim.value_text and "," not in claim.value_text:
        features.append("integer")
        if 1900 <= claim.value <= 2100 and claim.unit is None:
            features.append("year_like")
    if claim.value < 0 or claim.value_text.lstrip().startswith(("+", "-", "−")):
        features.append("signed")
    position = proposal.sentence_index
    features.append("sentence=first" if position == 0 else "sentence=later")
    if position == proposal.sentence_count - 1:
        features.append("sentence=last")
    sentence = claim.evidence
    start = claim.value_start - claim.evidence_start
    end = claim.value_end - claim.evidence_start
    before, after = sentence[:start], sentence[end:]
    left = _words(before[-80:])[-_LEFT_WORDS:]
    right = _words(after[:50])[:_RIGHT_WORDS]
    for distance, word in enumerate(reversed(left), 1):
        features.append(f"L:{word}")
        if distance <= 2:
            features.append(f"L{distance}={word}")
    for distance, word in enumerate(right, 1):
        features.append(f"R:{word}")
        if distance <= 2:
            features.append(f"R{distance}={word}")
    if left and right:
        features.append(f"L1R1={left[-1]}_{right[0]}")
    if before.count("(") > before.count(")"):
        features.append("in_parentheses")
    if any(mark in before for mark in _CLAUSE_MARKS):
        features.append("clause_before")
    features.extend(_sentence_features(sentence))
    return features


@lru_cache(maxsize=16)  # the claims of one sentence share these
def _sentence_features(sentence: str) -> tuple[str, ...]:
    features = ["numbers=many" if len(_DIGIT.findall(sentence)) > 20 else "numbers=few"]
    lowered = f" {sentence.lower()} "
    if " we " in lowered or " our " in lowered:
        features.append("sentence_we")
    return tuple(features)
