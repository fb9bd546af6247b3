"""The kind of a claim (score, delta, relative_delta, ratio) from the words around its number."""

from __future__ import annotations

import re

SCORE = "score"
DELTA = "delta"
RELATIVE = "relative_delta"
RATIO = "ratio"

COST_WORDS = (
    r"time|times|latency|runtime|run-time|wall-clock|speed|speedup|speed-up|faster|slower|memory|cost|costs|"
    r"compute|computation|computations|FLOPs|GFLOPs|MACs|multiply-adds|parameters|params|energy|power|emissions|"
    r"CO2|carbon|throughput|storage|size|smaller|larger|footprint|overhead|bandwidth|tokens|fertility|"
    r"budget|GPU\s+hours|calls|queries|expenses?|price|savings?|acceleration|accelerat\w+|efficient|cheaper"
)
_COST = re.compile(rf"\b(?:{COST_WORDS})\b", re.IGNORECASE)
_RELATIVE_AFTER = re.compile(r"^\W{0,3}(?:\w+\s+){0,1}relative\b(?!\s+(?:absolute\s+)?error)", re.IGNORECASE)
_RELATIVE_BEFORE = re.compile(
    r"\brelative(?!\s+(?:absolute\s+)?error)(?:\s+[\w-]+){0,4}\s+(?:by|of)\s+(?:up\s+to\s+|about\s+|approximately\s+|"
    r"around\s+|roughly\s+|nearly\s+|over\s+|more\s+than\s+|at\s+least\s+)?$",
    re.IGNORECASE,
)
_DELTA_AFTER = re.compile(
    r"^\W{0,3}(?:(?:absolute|average|avg\.?|mean|overall|consistent|significant|substantial|notable|"
    r"performance|accuracy)\s+)?"
    r"(?:improvements?|increases?|gains?|boosts?|higher|lower|better|worse|more|less|fewer|reductions?|"
    r"decreases?|drops?|margin|lift|absolute|advantage|enhancements?|raise|jump|points?\s+(?:higher|lower|better))\b",
    re.IGNORECASE,
)
_DELTA_CUE = re.compile(
    r"\b(?:improv\w*|increas\w*|gains?|gained|boost\w*|outperform\w*|surpass\w*|exceed\w*|beat\w*|better|higher|"
    r"lower|advantage|margin|reduc\w*|decreas\w*|drop\w*|lift\w*|enhanc\w*|lowering|cuts?|cutting|by|"
    r"surpassing|brings?|bringing|raises?|raising|advances?)\b",
    re.IGNORECASE,
)
_SCORE_CUE = re.compile(
    r"\b(?:achiev\w*|reach\w*|obtain\w*|attain\w*|scor\w*|of|to|at|with|yield\w*|sets?|record\w*|is|are|was|were|"
    r"get|gets|got|shows?|showed|delivers?|hits?|has|had|performance|as\s+high\s+as)\b|[=:]",
    re.IGNORECASE,
)
_IMPROVE_OF = re.compile(
    r"\b(?:improvements?|increases?|gains?|boosts?|reductions?|decreases?|drops?|margin|enhancements?)"
    r"(?:\s+[\w-]+){0,3}\s+(?:of|by)\s+(?:up\s+to\s+|about\s+|approximately\s+|around\s+|roughly\s+|nearly\s+|over\s+|"
    r"more\s+than\s+|at\s+least\s+|an\s+average\s+of\s+|a\s+maximum\s+of\s+|\+)?$",
    re.IGNORECASE,
)
_SHARE_AFTER = re.compile(
    r"^\s*\)?\s*of\s+(?:the\s+|its\s+|their\s+)?[\w\s.\-]{0,40}?(?:'s?\b|’s?\b)", re.IGNORECASE
)
_SHARE_COST_AFTER = re.compile(
    rf"^\s*\)?\s*of\s+(?:the\s+|its\s+|their\s+)?(?:[\w.\-]+\s+){{0,6}}?(?:{COST_WORDS})\b", re.IGNORECASE
)
_CLAUSE_END = re.compile(r"[;]|,?\s*\b(?:while|whereas|but)\b")
_CLAUSE_BREAK = re.compile(r"[;]|,\s*(?:while|whereas|but|and\s+(?:it|we|our))\b|\bwhile\b|\bwhereas\b")


def clause_left(left: str) -> str:
    """The part of the left context inside the number's clause."""
    cut = 0
    for match in _CLAUSE_BREAK.finditer(left):
        cut = match.end()
    return left[cut:]


_BOUND = re.compile(
    r"(?:\b(?:up\s+to|at\s+least|at\s+most|more\s+than|less\s+than|over|under|about|approximately|around|roughly|"
    r"nearly|almost|only|just|merely|an\s+average\s+of|a\s+maximum\s+of|a\s+total\s+of|on\s+average)|[~≈>≥<≤]|"
    r"\$[<>]\$)\s*$",
    re.IGNORECASE,
)
_VERB_BY = re.compile(
    r"\b(?:improv\w*|increas\w*|boost\w*|reduc\w*|decreas\w*|lower\w*|rais\w*|enhanc\w*|outperform\w*|"
    r"surpass\w*|exceed\w*|beat\w*|cut\w*|gain\w*)\b(?:\s+[^\s\d]+){0,8}?\s+(?:by|of)\s*$",
    re.IGNORECASE,
)
_PREVIOUS_BEST = re.compile(
    r"\b(?:previous|prior|former)\s+(?:best|state[- ]of[- ]the[- ]art|record)\b[^.]{0,30}$", re.I
)
_SHARE_OF_REFERENCE = re.compile(
    r"^\s*(?:[\w-]+\s+){0,3}of\s+(?:the\s+)?(?:optimal|optimum|oracle|upper\s+bound|teacher|full[- ]\w+|"
    r"original|fully[- ]\w+)\b",
    re.IGNORECASE,
)


def strip_bounds(left: str) -> str:
    """Drop "up to", "at least", "approximately" ... right before the number."""
    while True:
        match = _BOUND.search(left)
        if not match:
            return left
        left = left[: match.start()].rstrip()


def classify(left: str, right: str, unit: str | None, sign: str) -> str:
    """left: sentence text before the number (same clause); right: text after the number and its unit."""
    near_left = strip_bounds(left[-90:]) + " "
    right = _CLAUSE_END.split(right, maxsplit=1)[0]
    if unit == "x":
        return RATIO
    if _RELATIVE_AFTER.match(right) or _RELATIVE_BEFORE.search(near_left):
        return RELATIVE
    if unit == "%" and (
        _SHARE_COST_AFTER.match(right) or _SHARE_AFTER.match(right) or _SHARE_OF_REFERENCE.match(right)
    ):
        return RATIO
    if unit == "%" and _is_cost_change(near_left, right):
        return RATIO
    if sign == "+" or unit == "points":
        return DELTA
    if _DELTA_AFTER.match(right):
        return DELTA
    if _PREVIOUS_BEST.search(near_left):
        return SCORE
    if _IMPROVE_OF.search(near_left) or _VERB_BY.search(near_left):
        return DELTA
    return DELTA if _last_cue_is_delta(near_left) else SCORE


def has_cue(text: str) -> bool:
    """Whether text carries its own kind cue (used to decide if a list item inherits the previous kind)."""
    return bool(
        _DELTA_CUE.search(text) or _SCORE_CUE.search(text) or _COST.search(text) or "relative" in text
    )


_SCORE_VERB = re.compile(r"\b(?:achiev\w*|reach\w*|obtain\w*|attain\w*|scor\w*)\b", re.IGNORECASE)


def _is_cost_change(left: str, right: str) -> bool:
    verbs = list(_SCORE_VERB.finditer(left))
    if verbs:
        left = left[verbs[-1].end() :]
    near = left[-60:] + " " + right[:45]
    if not _COST.search(near):
        return False
    if re.match(
        r"^\W{0,3}(?:faster|smaller|fewer|less|cheaper|speed-?up|more\s+time|lower\s+(?:cost|latency|memory))",
        right,
    ):
        return True
    change = re.compile(
        r"\b(?:reduc\w*|sav\w*|cut\w*|fewer|less|lower\w*|decreas\w*|slash\w*|shrink\w*|faster|speed\w*|"
        r"accelerat\w*|only|merely|improv\w*\s+(?:the\s+)?(?:inference|training)\s+speed)\b",
        re.IGNORECASE,
    )
    return bool(change.search(near))


def _last_cue_is_delta(left: str) -> bool:
    best_delta = -1
    for match in _DELTA_CUE.finditer(left):
        best_delta = match.end()
    best_score = -1
    for match in _SCORE_CUE.finditer(left):
        best_score = match.end()
    if best_delta < 0:
        return False
    # "outperforms X by 5%" and "improves accuracy to 80%": the cue nearest the number decides.
    return best_delta >= best_score
