"""What the metric and benchmark models know about one candidate span: where it sits relative to the number.

A candidate is a span of the claim's sentence, the rules' pick when it comes from elsewhere (an earlier
sentence, a unit word), or nothing at all. Its features are strings, like the decision model's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .claim import ExtractedClaim
from .entities import Span
from .vocabulary import lookup_metric

_NUMBER = re.compile(r"\d")
_OPEN_PAREN = re.compile(r"\s*\(\s*")
_WHOLE_NUMBER = re.compile(r"(?<![\w.])\d+(?:\.\d+)?(?![\w.]*\d)")
_LIST_NUMBER = re.compile(r"(?<![\w.])\d+(?:\.\d+)?(?![\w.]*\d)(?:\s?\\?%)?")
# Between two listed numbers: a separator, LaTeX emphasis ("\\textbf{61.0\\%}, \\textbf{72.4\\%}") and the metric
# repeated after each number ("61.5% mAP, 88.0% mAP and 73.4% mAP").
_LIST_SEPARATOR = re.compile(
    r"(?P<word>\s+[A-Za-z][\w@-]*)?\}?\s*(?:,\s*(?:and\s+)?|and\s+|/\s*)(?:\\[a-z]+\{)?"
)
# Only other numbers and list separators between a span and the number: "AUCs of 0.91, 0.87 and 0.90".
_ACROSS_LIST = re.compile(r"[\s\d.,/%\\]*(?:\band\b[\s\d.,/%\\]*)*")
_TIGHT_BEFORE = re.compile(r"\s*(?:with|at|reaching|achieving|of|:|\(|=)\s*", re.IGNORECASE)
_BETWEEN_CUES = (
    "(", ")", ",", ";", " and ", " on ", " of ", " with ", " while ", " than ", " by ", " in ", " for ",
    " to ", " at ", " over ",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Candidate:
    text: str | None
    features: tuple[str, ...]


def _distance(words: int) -> str:
    if words <= 2:
        return str(words)
    return "3-5" if words <= 5 else "6-12" if words <= 12 else "far"


def position_features(claim: ExtractedClaim, span: Span, unit: str) -> list[str]:
    """Side, distance and what lies between the span and the claim's number."""
    sentence = claim.evidence
    number_start = claim.value_start - claim.evidence_start
    number_end = claim.value_end - claim.evidence_start
    after = span.start >= number_end
    between = sentence[number_end : span.start] if after else sentence[span.end : number_start]
    side = "after" if after else "before"
    words = len(between.split())
    numbers = len(_NUMBER.findall(between))
    # Only other numbers of a list between ("71.3, 72.5 and 90.1 F1"): its commas and "and" are no clause
    # boundary, and the list's length no distance.
    across_list = bool(numbers) and _ACROSS_LIST.fullmatch(between) is not None
    features = [
        f"side={side}",
        f"dist={side}:{'list' if across_list else _distance(words)}",
        f"numbers_between={min(numbers, 3)}",
        f"numbers_between*side={min(numbers, 3)}*{side}",
        f"side*unit={side}*{unit}",
        f"side*kind={side}*{claim.kind}",
    ]
    if across_list:
        features.append(f"across_list*{side}")
    else:
        for cue in _BETWEEN_CUES:
            if cue in between:
                features.append(f"between:{cue.strip()}")
                features.append(f"between:{cue.strip()}*{side}")
    if numbers == 0 and words <= 1:
        features.append(f"adjacent*{side}")
        if not after and _TIGHT_BEFORE.fullmatch(between):
            features.append("tight*before")  # "on ADE20K with 53.7 mIoU", "CIDEr (0.857)", "MOS: 4.1"
    if _OPEN_PAREN.fullmatch(between):
        features.append(f"parenthesised*{side}")  # "0.883 (CIDEr)", "CIDEr (0.857)"
    return features


def number_order(claim: ExtractedClaim) -> tuple[int, int] | None:
    """(index of the claim's number among the sentence's numbers, how many there are)."""
    numbers = [m.start() for m in _WHOLE_NUMBER.finditer(claim.evidence)]
    start = claim.value_start - claim.evidence_start
    position = next((i for i, at in enumerate(numbers) if at >= start), None)
    return None if position is None else (position, len(numbers))


def number_list(sentence: str, start: int) -> list[int] | None:
    """The starts of the numbers listed with the number at start ("81.2, 77.5 and 64.0"), or None when
    it stands alone."""
    for group in _number_lists(sentence):
        if start in group:
            return list(group) if len(group) > 1 else None
    return None


def list_order(claim: ExtractedClaim) -> tuple[int, int] | None:
    """(index of the claim's number in its list of numbers, the list's length): "81.2, 77.5 and 64.0"
    puts 77.5 at (1, 3). None when the number stands alone."""
    start = claim.value_start - claim.evidence_start
    group = number_list(claim.evidence, start)
    return None if group is None else (group.index(start), len(group))


@lru_cache(maxsize=32)  # every candidate of every claim of a sentence asks
def _number_lists(sentence: str) -> tuple[tuple[int, ...], ...]:
    groups: list[list[int]] = []
    end = -1
    for match in _LIST_NUMBER.finditer(sentence):
        gap = _LIST_SEPARATOR.fullmatch(sentence, end, match.start())
        if groups and gap and (gap.group("word") is None or lookup_metric(gap.group("word")) is not None):
            groups[-1].append(match.start())
        else:
            groups.append([match.start()])
        end = match.end()
    return tuple(tuple(group) for group in groups)


def aligned(claim: ExtractedClaim, index: int, spans: list[Span]) -> bool:
    """Whether the claim's number is the index-th of as many numbers as there are spans: of the sentence's
    numbers, or of a list of numbers written right next to the list of spans (no other number between them:
    "on A, reaching 83.6 and 95.7, and on B with 86.1 and 94.3" pairs nothing)."""
    if number_order(claim) == (index, len(spans)):
        return True
    start = claim.value_start - claim.evidence_start
    group = number_list(claim.evidence, start)
    if group is None or (group.index(start), len(group)) != (index, len(spans)):
        return False
    sentence = claim.evidence
    if spans[-1].end <= group[0]:
        low, high = spans[0].end, group[0]
    elif spans[0].start >= group[-1]:
        low, high = _number_end(sentence, group[-1]), spans[-1].start
    else:
        return False
    # the digits of the names themselves ("Fen-3") do not count
    between = "".join(sentence[a:b] for a, b in _gaps(low, high, spans))
    return not _WHOLE_NUMBER.search(between)


def _gaps(low: int, high: int, spans: list[Span]) -> list[tuple[int, int]]:
    gaps, at = [], low
    for span in spans:
        if low <= span.start < high:
            gaps.append((at, span.start))
            at = span.end
    gaps.append((at, high))
    return gaps


def _number_end(sentence: str, start: int) -> int:
    match = _LIST_NUMBER.match(sentence, start)
    return match.end() if match else start


def choose(
    candidates: list[Candidate], probability, rule_pick: str | None, margin: float = 0.0
) -> tuple[str | None, float]:
    """The candidate with the highest probability, and that probability; the rules' pick, when they made one,
    stands unless the best candidate is at least margin more probable."""
    scored = [(probability(candidate.features), candidate.text) for candidate in candidates]
    best_p, best = max(scored, key=lambda pair: pair[0])
    key = (rule_pick or "").lower()
    rule_p = next((p for p, text in scored if (text or "").lower() == key), None)
    if rule_pick and rule_p is not None and (best or "").lower() != key and best_p - rule_p < margin:
        return rule_pick, rule_p
    return best, best_p
