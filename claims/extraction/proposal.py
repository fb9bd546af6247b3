"""A candidate claim on its way from the rules to the decision stage."""

from __future__ import annotations

from dataclasses import dataclass

from .claim import ExtractedClaim

RULES = "rules"  # the rules read it as a claim
BARE = "bare"  # a number without a unit that the rules did not tie to a metric
NON_CLAIM = "non_claim"  # a year, a count, a size, a reference, a setting... by the filters' reading
ORIGINS = (RULES, BARE, NON_CLAIM)


@dataclass(slots=True)
class Proposal:
    claim: ExtractedClaim  # the rules' reading: kind, metric, benchmark, method, offsets
    origin: str
    sentence_index: int = 0
    sentence_count: int = 1
    earlier_sentences: tuple[str, ...] = ()  # the sentences before, the nearest first
