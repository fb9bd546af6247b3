"""Scores predicted claims against gold claims with the contract's matching rules.

A standalone re-implementation of ../shared/tools/score_claims.py: same name matching, same greedy
one-to-one matching per paper, same precision/recall/F1 and method/compared_to accuracy.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

LEVELS = ("value", "value+metric", "full")
_NON_WORD = re.compile(r"[^\w%]+")
_SPACES = re.compile(r"\s+")


def norm(text: object) -> str | None:
    if text is None:
        return None
    return _NON_WORD.sub(" ", str(text).lower()).strip() or None


def same_name(a: object, b: object) -> bool:
    """Equal after normalising, one contained in the other, or token overlap of at least 0.5."""
    na, nb = norm(a), norm(b)
    if na is None or nb is None:
        return na is None and nb is None
    if na in nb or nb in na:
        return True
    ta, tb = set(na.split()), set(nb.split())
    return len(ta & tb) / max(len(ta | tb), 1) >= 0.5


def same_value(a: object, b: object) -> bool:
    try:
        return abs(float(a) - float(b)) < 1e-6  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return False


def title_key(title: str | None) -> str:
    return _SPACES.sub(" ", (title or "").strip()).lower()


def match_paper(gold_claims: list[dict], pred_claims: list[dict], level: str) -> list[tuple[dict, dict]]:
    """Greedy one-to-one matching in gold order; returns (gold, predicted) pairs."""
    pairs: list[tuple[dict, dict]] = []
    used: set[int] = set()
    for gold in gold_claims:
        for index, pred in enumerate(pred_claims):
            if index in used:
                continue
            if not same_value(gold.get("value"), pred.get("value")) or gold.get("kind") != pred.get("kind"):
                continue
            if level in ("value+metric", "full") and not same_name(gold.get("metric"), pred.get("metric")):
                continue
            if level == "full" and not same_name(gold.get("benchmark"), pred.get("benchmark")):
                continue
            used.add(index)
            pairs.append((gold, pred))
            break
    return pairs


def score(gold_rows: Iterable[dict], pred_rows: Iterable[dict]) -> tuple[dict, dict]:
    """Summary (as the official scorer's --json output) and, per level, (misses, false hits)."""
    gold = {title_key(row["paper_title"]): row["claims"] for row in gold_rows}
    pred: dict[str, list[dict]] = defaultdict(list)
    unknown = 0
    for row in pred_rows:
        key = title_key(row.get("paper_title"))
        if key in gold:
            pred[key].append(row)
        else:
            unknown += 1
    n_gold = sum(len(claims) for claims in gold.values())
    n_pred = sum(len(claims) for claims in pred.values())
    result: dict = {
        "papers": len(gold),
        "gold_claims": n_gold,
        "predicted_claims": n_pred,
        "predictions_for_unknown_papers": unknown,
        "levels": {},
    }
    errors: dict = {}
    for level in LEVELS:
        hits = method_ok = compared_ok = 0
        misses: list[tuple[str, dict]] = []
        false_hits: list[tuple[str, dict]] = []
        for key, gold_claims in gold.items():
            pairs = match_paper(gold_claims, pred[key], level)
            hits += len(pairs)
            method_ok += sum(same_name(g.get("method"), p.get("method")) for g, p in pairs)
            compared_ok += sum(same_name(g.get("compared_to"), p.get("compared_to")) for g, p in pairs)
            matched_gold = {id(g) for g, _ in pairs}
            matched_pred = {id(p) for _, p in pairs}
            misses += [(key, g) for g in gold_claims if id(g) not in matched_gold]
            false_hits += [(key, p) for p in pred[key] if id(p) not in matched_pred]
        precision = hits / n_pred if n_pred else (1.0 if n_gold == 0 else 0.0)
        recall = hits / n_gold if n_gold else 1.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        result["levels"][level] = {
            "hits": hits,
            "precision": round(precision, 4),
            "recall": round(recall, 4),
            "f1": round(f1, 4),
            "method_accuracy": round(method_ok / hits, 4) if hits else None,
            "compared_to_accuracy": round(compared_ok / hits, 4) if hits else None,
        }
        errors[level] = (misses, false_hits)
    return result, errors


def load_jsonl(path: str | Path) -> list[dict]:
    with open(path, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def score_files(gold_path: str | Path, pred_path: str | Path) -> dict:
    return score(load_jsonl(gold_path), load_jsonl(pred_path))[0]
