"""Training examples: the engine's proposals for gold papers, each labelled with the gold claim it matches."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from claims.evaluation.scoring import same_value, title_key
from claims.extraction.features import proposal_features
from claims.extraction.pipeline import propose_claims
from claims.extraction.proposal import Proposal

_SPACES = re.compile(r"\s+")


@dataclass
class Example:
    paper: str  # title key: the group for cross-validation
    title: str
    proposal: Proposal
    features: list[str]
    gold: dict | None  # the gold claim with the same value, if any


def _same_sentence(a: str, b: str) -> bool:
    return _SPACES.sub(" ", a).strip().lower() == _SPACES.sub(" ", b or "").strip().lower()


def label_proposals(proposals: list[Proposal], gold_claims: list[dict]) -> list[dict | None]:
    """The gold claim each proposal stands for (same value, the same sentence preferred), each used once."""
    used: set[int] = set()
    labels: list[dict | None] = []
    for item in proposals:
        same = [
            index
            for index, gold in enumerate(gold_claims)
            if index not in used and same_value(gold.get("value"), item.claim.value)
        ]
        best = next(
            (i for i in same if _same_sentence(gold_claims[i].get("evidence"), item.claim.evidence)), None
        )
        if best is None and same:
            best = same[0]
        if best is not None:
            used.add(best)
        labels.append(gold_claims[best] if best is not None else None)
    return labels


def build_examples(papers: Iterable[tuple[str, str]], gold_rows: Iterable[dict]) -> list[Example]:
    """Examples for every paper (title, abstract) that has a gold row."""
    gold = {title_key(row["paper_title"]): row["claims"] for row in gold_rows}
    examples: list[Example] = []
    seen: set[str] = set()
    for title, abstract in papers:
        key = title_key(title)
        if key not in gold or key in seen:
            continue
        seen.add(key)
        proposals = propose_claims(abstract, title)
        for item, label in zip(proposals, label_proposals(proposals, gold[key]), strict=True):
            examples.append(Example(key, title, item, proposal_features(item), label))
    return examples
