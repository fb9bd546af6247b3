"""Candidate benchmarks for a claim: the benchmark spans of its sentence, those of the sentences before it,
the rules' pick, and none."""

from __future__ import annotations

import re
from functools import lru_cache

from .claim import ExtractedClaim
from .entities import Span, find_benchmarks
from .span_choice import Candidate, aligned, position_features
from .vocabulary import lookup_benchmark

# Words by which a sentence points back to a data set named before it: "on the test set", "our database",
# "both datasets", "this benchmark".
_POINTS_BACK = re.compile(
    r"\b(?:this|these|both|the|our|its|all)\s+(?:[\w-]+\s+){0,2}?(?:benchmarks?|datasets?|databases?|tasks?|"
    r"test\s+sets?|corpus|corpora|splits?|challenge)\b|\b(?:on|in|across)\s+(?:it|them|each)\b",
    re.IGNORECASE,
)


@lru_cache(maxsize=64)  # each sentence is asked about by its own claims and by the claims after it
def sentence_benchmarks(sentence: str) -> tuple[Span, ...]:
    return tuple(find_benchmarks(sentence))


def earlier_names(sentences: tuple[str, ...], limit: int = 3) -> tuple[str, ...]:
    """The benchmarks named in sentences (nearest first), the last-named of each sentence first."""
    names: dict[str, None] = {}
    for sentence in sentences:
        for span in reversed(sentence_benchmarks(sentence)):
            names.setdefault(span.text)
            if len(names) == limit:
                return tuple(names)
    return tuple(names)


def benchmark_candidates(
    claim: ExtractedClaim, unit: str, earlier_sentences: tuple[str, ...]
) -> list[Candidate]:
    """Every benchmark the claim could take, given the sentences before its own (nearest first)."""
    earlier = earlier_names(earlier_sentences)
    candidates: list[Candidate] = []
    rule_pick = (claim.benchmark or "").lower()
    spans = sentence_benchmarks(claim.evidence)
    count = f"count={min(len(spans), 4)}"
    seen: set[str] = set()
    respectively = "respective" in claim.evidence
    for index, span in enumerate(spans):
        features = ["bias", count, *position_features(claim, span, unit)]
        if aligned(claim, index, spans):
            # The i-th of n numbers on the i-th of n benchmarks: "81.2, 77.5 and 64.0 on A, B and C".
            features.append("aligned*respectively" if respectively else "aligned")
        if lookup_benchmark(span.text) is not None:
            features.append("known")
        if span.text.lower() == rule_pick:
            features.append("rule_pick")
        seen.add(span.text.lower())
        candidates.append(Candidate(span.text, tuple(features)))
    continues = bool(earlier) and _POINTS_BACK.search(claim.evidence) is not None
    for rank, name in enumerate(earlier):
        if name.lower() in seen:
            continue
        seen.add(name.lower())
        features = ["bias", "earlier", f"earlier={rank}", f"earlier*{count}", f"earlier*kind={claim.kind}"]
        if continues:
            features.append("earlier*points_back")
        if name.lower() == rule_pick:
            features.append("rule_pick")
        if lookup_benchmark(name) is not None:
            features.append("earlier_known")
        candidates.append(Candidate(name, tuple(features)))
    if claim.benchmark and rule_pick not in seen:
        candidates.append(
            Candidate(claim.benchmark, ("bias", "rule_pick", "rule_only", f"rule_only*unit={unit}"))
        )
    none = ["bias", "none", f"none*unit={unit}", f"none*kind={claim.kind}", f"none*{count}"]
    if earlier:
        none.append("none*has_earlier")
        if continues:
            none.append("none*points_back")
    if claim.benchmark is None:
        none.append("rule_pick")
    candidates.append(Candidate(None, tuple(none)))
    return candidates
