"""Recall against Papers with Code leaderboard rows whose score the abstract states (the silver set).

The same rules as ../shared/tools/score_silver.py: PwC lists only some of a paper's results, so only
recall is measured, at three levels: value, value+benchmark, value+benchmark+metric.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable

_NON_ALNUM = re.compile(r"[^a-z0-9 ]+")
SILVER_LEVELS = ("value", "value+benchmark", "value+benchmark+metric")


def _tokens(text: str | None) -> list[str]:
    return _NON_ALNUM.sub(" ", (text or "").lower()).split()


def silver_match(predicted: str | None, canonical: str | None) -> bool:
    """One name contained in the other, or half of the shorter one's tokens shared."""
    a, b = _tokens(predicted), _tokens(canonical)
    if not a or not b:
        return False
    joined_a, joined_b = " ".join(a), " ".join(b)
    if joined_a in joined_b or joined_b in joined_a:
        return True
    shared = len(set(a) & set(b))
    return shared / min(len(set(a)), len(set(b))) >= 0.5


def silver_recall(
    silver_rows: Iterable[dict],
    predictions: Iterable[dict],
    resolve: Callable[[str], str | None] | None = None,
) -> dict:
    """Tuples, papers and recall at each level.

    With resolve (a written benchmark name -> its canonical name, or None), also "resolved": value+benchmark
    recall with each benchmark also taken as the catalog stores it, since Papers with Code writes canonical
    names ("ACE 2005") where the claim keeps the abstract's ("ACE2005").
    """
    by_title: dict[str, list[dict]] = defaultdict(list)
    for claim in predictions:
        by_title[claim["paper_title"].strip().lower()].append(claim)
    tuples = papers = 0
    hits = dict.fromkeys(SILVER_LEVELS, 0)
    resolved_hits = 0
    for row in silver_rows:
        if not row["tuples"]:
            continue
        papers += 1
        candidates = by_title.get(row["paper_title"].strip().lower(), [])
        for pwc in row["tuples"]:
            tuples += 1
            same = [c for c in candidates if abs(float(c["value"]) - pwc["value"]) < 1e-6]
            if not same:
                continue
            hits["value"] += 1
            on_benchmark = [c for c in same if silver_match(c.get("benchmark"), pwc["benchmark"])]
            hits["value+benchmark"] += bool(on_benchmark)
            if resolve is not None:
                resolved_hits += bool(on_benchmark) or any(
                    c.get("benchmark") and silver_match(resolve(c["benchmark"]), pwc["benchmark"])
                    for c in same
                )
            hits["value+benchmark+metric"] += any(
                silver_match(c.get("metric"), pwc["metric"]) for c in on_benchmark
            )
    recall = {level: round(hits[level] / tuples, 4) if tuples else 0.0 for level in SILVER_LEVELS}
    result = {"papers": papers, "tuples": tuples, "recall": recall}
    if resolve is not None:
        result["resolved"] = {"value+benchmark": round(resolved_hits / tuples, 4) if tuples else 0.0}
    return result
