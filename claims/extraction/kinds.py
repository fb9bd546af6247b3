"""The kind of a claim (score, delta, relative_delta, ratio) from the words around its number."""

from __future__ import annotations

import re

from .textscan import first_letters, lowered_pattern, starting_with
from .words import alternation, initials

SCORE = "score"
DELTA = "delta"
RELATIVE = "relative_delta"
RATIO = "ratio"

COST_WORDS = alternation("cost_words")
_COST = re.compile(rf"\b(?:{COST_WORDS})\b", re.IGNORECASE)
_RELATIVE_AFTER = re.compile(
    r"^\W{0,3}(?:\w+\s+){0,1}relative(?:ly)?\b(?!\s+(?:absolute\s+)?error)", re.IGNORECASE
)
_RELATIVE_BEFORE = re.compile(
    r"\brelative(?!\s+(?:absolute\s+)?error)(?:\s+[\w-]+){0,4}\s+(?:by|of)\s+(?:up\s+to\s+|about\s+|approximately\s+|"
    r"around\s+|roughly\s+|nearly\s+|over\s+|more\s+than\s+|at\s+least\s+)?$",
    re.IGNORECASE,
)
_DELTA_AFTER = re.compile(
    r"^\W{0,3}(?:in\s+(?=\w+\s+(?:gains?|improvements?)\b))?(?:(?:absolute|average|avg\.?|mean|overall|consistent|significant|substantial|notable|"
    r"performance|accuracy|error|errors|loss|recall|precision|(?-i:[a-z]*[A-Z][\w@-]*))\s+){0,2}"
    r"(?:improvements?|increases?|gains?|boosts?|higher|lower|better|worse|more|less|fewer|reductions?|"
    r"decreases?|drops?|margin|lift|absolute|advantage|enhancements?|raise|jump|points?\s+(?:higher|lower|better)|"
    r"(?:longer|shorter|wider|deeper)\s+than)\b",
    re.IGNORECASE,
)
_DELTA_CUE = re.compile(
    r"\b(?:improv\w*|increas\w*|gains?|gained|gaining|boost\w*|outperform\w*|surpass\w*|exceed\w*|beat\w*|better|higher|"
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
    r"(?:\s+[\w-]+){0,3},?\s+(?:of|by)\s+(?:up\s+to\s+|about\s+|approximately\s+|around\s+|roughly\s+|nearly\s+|over\s+|"
    r"more\s+than\s+|at\s+least\s+|an\s+average\s+of\s+|a\s+maximum\s+of\s+|\+\s*)?$",
    re.IGNORECASE,
)
_SHARE_AFTER = re.compile(
    r"^\s*\)?\s*of\s+(?:the\s+|its\s+|their\s+)?[\w\s.\-]{0,40}?(?:'s?\b|’s?\b)", re.IGNORECASE
)
_SHARE_COST_AFTER = re.compile(
    rf"^\s*\)?\s*of\s+(?:the\s+|its\s+|their\s+)?(?:[\w.\-]+\s+){{0,6}}?(?:{COST_WORDS})\b"
    rf"|^\s*(?:{COST_WORDS})\s+of\s+(?:the|its|their|a)\b",  # "with 35% computation of the previous best"
    re.IGNORECASE,
)
# The rest of a list of results, each a number with up to three words of names, ending in a gain noun.
_GAIN_AFTER_LIST = re.compile(
    r"^(?:\s*[A-Za-z][\w@.-]*){0,3}(?:\s*,\s*(?:and\s+)?|\s+and\s+)"
    r"(?:\+?\d+(?:\.\d+)?\s?(?:\\?%|points)?(?:\s*[A-Za-z][\w@.-]*){0,3}(?:\s*,\s*(?:and\s+)?|\s+and\s+))*"
    r"\+?\d+(?:\.\d+)?\s?(?:\\?%|points)?(?:\s*[A-Za-z][\w@.-]*){0,3}?\s+"
    r"(?:improvements?|gains?|increases?|boosts?|reductions?|decreases?)\b",
    re.IGNORECASE,
)
_COST_AFTER = re.compile(rf"^\s*(?:{COST_WORDS})\b", re.IGNORECASE)
_USING_BEFORE = re.compile(r"\b(?:using|uses?|with|requir\w*|needs?)\s+(?:only\s+|just\s+)?$", re.IGNORECASE)
_LEVEL_BOUND_BEFORE = re.compile(r"(?<!\bby\s)\b(?:below|under|above)\s+$", re.IGNORECASE)
_SHARE_OF_CASES_AFTER = re.compile(
    r"^\s*of\s+(?:the\s+|all\s+)?(?:[\w-]+\s+){0,2}(?:tasks|cases|datasets|benchmarks|settings|languages|queries|"
    r"instances|problems|comparisons|games|episodes|trials|runs|prompts|questions)\b",
    re.IGNORECASE,
)
_SIGNED_PAREN_AFTER = re.compile(r"^[\s}]*\(\s*(?:\+|-|−|↑|↓)\s*\d")


def gain_in_parentheses_after(right: str) -> bool:
    """ "78.1% (+2.2%)": the number is a score followed by its gain."""
    return _SIGNED_PAREN_AFTER.match(right) is not None


_VERSUS_AFTER = re.compile(r"^[\s})]*\(?\s*(?:vs\.?|versus)\s", re.IGNORECASE)
_VERSUS_BEFORE = re.compile(r"\b(?:vs\.?|versus)\s*$", re.IGNORECASE)
_OF_SYSTEM_AFTER = re.compile(r"^\s*of\s+(?:the\s+)?[A-Z][\w.\-]*")
_CLAUSE_END = re.compile(r"[;]|,?\s*\b(?:while|whereas|but)\b")


def _clause_start(text: str) -> str:
    """text up to the first _CLAUSE_END, which needs ";" or one of its words (checked first: cheaper)."""
    if ";" not in text and "while" not in text and "whereas" not in text and "but" not in text:
        return text
    return _CLAUSE_END.split(text, maxsplit=1)[0]


_CLAUSE_BREAK = starting_with(
    ";,w", r"[;]|,\s*(?:while|whereas|but|and\s+(?:it|we|our))\b|\bwhile\b|\bwhereas\b"
)


def _may_break_clause(text: str) -> bool:
    """Cheap test for the words _CLAUSE_BREAK needs."""
    return (
        ";" in text
        or "while" in text
        or "whereas" in text
        or ("," in text and ("but" in text or "and" in text))
    )


def clause_left(left: str) -> str:
    """The part of the left context inside the number's clause."""
    if not _may_break_clause(left):
        return left
    cut = 0
    for match in _CLAUSE_BREAK.finditer(left):
        cut = match.end()
    return left[cut:]


_BOUND = re.compile(
    r"(?:\b(?:up\s+to|at\s+least|at\s+most|more\s+than|less\s+than|over|under|about|approximately|around|roughly|"
    r"nearly|almost|only|just|merely|an\s+average\s+of|a\s+maximum\s+of|a\s+total\s+of|on\s+average|"
    r"as\s+(?:high|much|large|low)\s+as)|[~≈>≥<≤]|"
    r"\$[<>]\$)\s*$",
    re.IGNORECASE,
)
_VERB_BY = re.compile(
    r"\b(?:improv\w*|increas\w*|boost\w*|reduc\w*|decreas\w*|lower\w*|rais\w*|enhanc\w*|outperform\w*|"
    r"surpass\w*|exceed\w*|beat\w*|cut\w*|gain\w*)\b(?:\s+[^\s\d]+){0,8}?\s+(?:by|of)\s*$",
    re.IGNORECASE,
)
_PREVIOUS_BEST = re.compile(
    r"\b(?:(?:previous|prior|former)\s+(?:best|state[- ]of[- ]the[- ]art|record)|best\s+(?:previous|prior)\s+\w+)\b"
    r"(?:(?!\bby\b)[^.]){0,30}$",
    re.I,
)
_SHARE_OF_REFERENCE = re.compile(
    r"^\s*(?:[\w-]+\s+){0,3}of\s+(?:the\s+)?(?:optimal|optimum|oracle|upper\s+bound|teacher|full[- ]\w+|"
    r"original|fully[- ]\w+|(?:[\w-]+\s+){0,2}(?:SOTA|state[- ]of[- ]the[- ]art)\s+(?:performance|accuracy|results?))\b"
    r"|^\s*of\s+(?:its|their)\s+(?:original\s+|full\s+|dense\s+|uncompressed\s+)?(?:accuracy|performance|quality)\b"
    r"|^\s*of\s+the\s+(?:performance|accuracy|quality)\s+of\b",
    re.IGNORECASE,
)


# How the text before a number can end when a bound closes it: a one-word bound, the last word of a longer
# bound after the words it needs (the whole word, as _BOUND has whitespace between them), or a symbol.
_BOUND_LAST_WORDS = (
    "over", "under", "about", "approximately", "around", "roughly", "nearly", "almost", "only", "just", "merely",
)  # fmt: skip
_BOUND_WORD_BEFORE = {
    "to": ("up",),
    "as": ("high", "much", "large", "low"),
    "least": ("at",),
    "most": ("at",),
    "than": ("more", "less"),
    "average": ("on",),
}
_BOUND_OF_AFTER = frozenset(["average", "maximum", "total"])  # "an average of", "a maximum of", "a total of"
_BOUND_LAST_SYMBOLS = frozenset("~≈>≥<≤$")


def _may_end_with_bound(left: str) -> bool:
    """Cheap test: can _BOUND match at the end of left?"""
    stripped = left.rstrip()
    if not stripped:
        return False
    if stripped[-1] in _BOUND_LAST_SYMBOLS:
        return True
    words = stripped.rsplit(None, 2)
    last = words[-1].lower()
    if last.endswith(_BOUND_LAST_WORDS):
        return True
    if len(words) < 2:
        return False
    before = words[-2].lower()
    if last == "of":
        return before in _BOUND_OF_AFTER
    needed = _BOUND_WORD_BEFORE.get(last)
    return needed is not None and before.endswith(needed)


def strip_bounds(left: str) -> str:
    """Drop "up to", "at least", "approximately" ... right before the number."""
    while True:
        if not _may_end_with_bound(left):
            return left
        match = _BOUND.search(left)
        if not match:
            return left
        left = left[: match.start()].rstrip()


# LaTeX emphasis opened right before the number: "a gain of {\bf 8.2\%}", "by \textbf{6.4\%}".
_EMPHASIS_BEFORE = re.compile(r"(?:\{\\(?:bf|it|em)\s+|\\(?:textbf|emph|textit|mathbf|underline)\{)\s*$")


def classify(left: str, right: str, unit: str | None, sign: str) -> str:
    """left: sentence text before the number (same clause); right: text after the number and its unit."""
    left = left[-90:]
    if "\\" in left:
        left = _EMPHASIS_BEFORE.sub("", left)
    if "{" in left or "}" in left:
        left = left.replace("{", " ").replace("}", " ")  # "by a large margin {of 5.4\%}"
    if right.startswith("}"):
        right = right[1:]
    near_left = strip_bounds(left) + " "
    right = _clause_start(right[:200])  # the patterns below look at its start only
    if unit == "x":
        return RATIO
    lowered = near_left.lower()
    if _RELATIVE_AFTER.match(right) or ("relative" in lowered and _RELATIVE_BEFORE.search(near_left)):
        return RELATIVE
    if unit == "%" and (
        _SHARE_COST_AFTER.match(right) or _SHARE_AFTER.match(right) or _SHARE_OF_REFERENCE.match(right)
    ):
        return RATIO
    if unit == "%" and _is_cost_change(near_left, right):
        return RATIO
    if unit == "%" and _COST_AFTER.match(right) and _USING_BEFORE.search(near_left[-30:]):
        return RATIO  # "while using only 11% parameters": a share of another system's cost
    if unit == "%" and _OF_SYSTEM_AFTER.match(right) and _COST.search(near_left[-60:]):
        return RATIO  # "its inference time is only 12% of Reed('s)": a share of another system's cost
    if sign == "+" or unit == "points":
        return DELTA
    if _LEVEL_BOUND_BEFORE.search(left[-40:]):
        return SCORE  # "reduces attack success rates below 10%": the level reached, not the change
    if unit == "%" and _SHARE_OF_CASES_AFTER.match(right):
        return SCORE  # "outperforms B in over 90% of tasks": a share of cases won
    if gain_in_parentheses_after(right):
        return SCORE  # "78.1% (+2.2%)": the score, with its gain in parentheses
    if _VERSUS_AFTER.match(right) or _VERSUS_BEFORE.search(near_left):
        return SCORE  # "79.2% (vs 77.6%)": two systems' values side by side
    if _DELTA_AFTER.match(right):
        return DELTA
    if "," in right[:60] and _GAIN_AFTER_LIST.match(right):
        return DELTA  # "1.9% A accuracy, 1.0% B mAP, and 2.6% C mIoU improvement": the list's gain noun
    mentions_previous = "previous" in lowered or "prior" in lowered or "former" in lowered
    ends_with_by = lowered.rstrip().endswith(" by")
    # "surpassing the previous best of 80.1%" is that system's score; "improve the prior best by 2.1" is a gain.
    if mentions_previous and not ends_with_by and _PREVIOUS_BEST.search(near_left):
        return SCORE
    if lowered.rstrip().endswith(("of", "by", "+")) and (
        _IMPROVE_OF.search(near_left) or _verb_by(near_left)
    ):
        return DELTA
    if _GAIN_COLON.search(near_left):
        return DELTA  # "outperforms them by a large margin: 4.5% mIoU on ..."
    if near_left.rstrip().endswith("(") and _GAIN_PAREN.search(near_left):
        return DELTA  # "improvements in task performance (up to 4.6%", "fewer (at least 9.15%) errors"
    if _REACHED_BOUND.search(near_left) or _named_score(near_left):
        return SCORE
    return DELTA if _last_cue_is_delta(near_left) else SCORE


# "beating Garnet (71%)": a number in parentheses right after a name is that system's score.
_NAMED_SCORE = re.compile(r"(?<![\w.-])(?:[A-Z][\w.\-]*|[a-z][\w.\-]*[A-Z0-9][\w.\-]*)\s*\(\s*$")


# "significantly higher precision (19.7%)", "a lower bias (0.93)": the measure's value, in parentheses.
_MEASURE_PAREN = re.compile(
    r"\b(?:accuracy|precision|recall|F1|score|rate|error|bias|AUC|BLEU|similarity|correlation)\s*\(\s*$",
    re.IGNORECASE,
)


def _named_score(near_left: str) -> bool:
    if _MEASURE_PAREN.search(near_left):
        return True
    match = _NAMED_SCORE.search(near_left)
    # "on ImageNet (2.1%)" names where the number was measured, not whose it is
    return match is not None and not near_left[: match.start()].rstrip().endswith((" on", " in", " across"))


# A gain noun a few words before an opening parenthesis, or a comparative right before it ("higher
# precision (19.7%)" is the measure's value: a score).
_GAIN_PAREN = re.compile(
    r"\b(?:improvements?|gains?|increases?|boosts?|reductions?|decreases?)(?:\s+[\w-]+){0,5}?\s*\(\s*$"
    r"|\b(?:fewer|more|less|higher|lower|better)\s*\(\s*$",
    re.IGNORECASE,
)
_GAIN_COLON = re.compile(r"\b(?:margins?|gains?|improvements?|increases?|boosts?)\s*:\s*$", re.IGNORECASE)
# "a recall exceeding 88%": a comparative verb right before the number, with no object, states a score.
_REACHED_BOUND = re.compile(r"\b(?:exceed\w*|surpass\w*)\s+$", re.IGNORECASE)


def _verb_by(near_left: str) -> bool:
    """ "improves X by", "outperforms Y by", but not "outperforms in quality, attaining scores of"."""
    match = _VERB_BY.search(near_left)
    if not match:
        return False
    if " with " in match.group() and match.group().rstrip().endswith("of"):
        return False  # "outperforms them with an accuracy of 87.3%": the with-phrase states a score
    return not (match.group().rstrip().endswith("of") and _SCORE_VERB_LOW.search(match.group().lower()))


_COMPOUND = re.compile(r"\w+(?:-\w+)+")


def _without_compounds(lowered: str) -> str:
    """Hyphenated words blanked (same length): the "to" of "paragraph-to-video" and the "of" of
    "state-of-the-art" are no kind cues."""
    if "-" not in lowered:
        return lowered
    return _COMPOUND.sub(lambda match: "_" * len(match.group()), lowered)


def has_cue(text: str) -> bool:
    """Whether text carries its own kind cue (used to decide if a list item inherits the previous kind)."""
    if "relative" in text:
        return True
    lowered = _without_compounds(text.lower())
    return bool(_DELTA_CUE_LOW.search(lowered) or _SCORE_CUE_LOW.search(lowered) or _COST_LOW.search(lowered))


def _cue_after(text: str) -> re.Match | None:
    """The kind cue that opens text ("relative", "improvement", "AP gains"), if any."""
    return _RELATIVE_AFTER.match(text) or _DELTA_AFTER.match(text)


def without_cue_after(text: str) -> str:
    """text without the kind cue that opens it: the words after a list item that belong to that item ("14.6%
    relative improvement on A and 2.2% on B": "relative improvement" is the first item's)."""
    for _ in range(2):  # "relative", then "improvement"
        match = _cue_after(text)
        if not match:
            break
        text = text[match.end() :]
    return text


def has_cue_after(right: str) -> bool:
    """Whether the words right after a number name its kind ("a 3.1% gain", "12% relative")."""
    return _cue_after(right[:60]) is not None


# Lower-cased twins of the case-insensitive patterns, for lower-cased text (see textscan).
_DELTA_CUE_LOW = lowered_pattern(_DELTA_CUE.pattern, first_letters(_DELTA_CUE.pattern[5:]))
_SCORE_CUE_LOW = lowered_pattern(_SCORE_CUE.pattern, first_letters(_SCORE_CUE.pattern[5:]) + "=:")
_COST_LOW = lowered_pattern(_COST.pattern, initials("cost_words"))
_SCORE_VERB_LOW = lowered_pattern(r"\b(?:achiev\w*|reach\w*|obtain\w*|attain\w*|scor\w*|yield\w*)\b")
_CHEAPER_AFTER_LOW = re.compile(
    r"[^a-z0-9_]{0,3}(?:faster|smaller|fewer|less|cheaper|speed-?up|more\s+time|lower\s+(?:cost|latency|memory))"
)
_COST_CHANGE_LOW = lowered_pattern(
    r"\b(?:reduc\w*|sav\w*|cut\w*|fewer|less|lower\w*|decreas\w*|slash\w*|shrink\w*|shorten\w*|faster|speed\w*|"
    r"accelerat\w*|only|merely|improv\w*\s+(?:the\s+)?(?:inference|training)\s+speed)\b"
)


_DIGIT = re.compile(r"(?<![a-z0-9.])\d")  # a number, not the digit of a name ("co2")


# The measure right after the number: "+6.1% NDS" is a gain in quality whatever cost words are around it.
_MEASURE_AFTER = re.compile(
    r"^\s*(?:(?:higher|lower|better|worse|more|less|fewer|absolute)\s+)?([A-Za-z][\w@-]*)"
)
_HARDWARE_AFTER = frozenset(["gpu", "cpu", "tpu", "npu", "flops", "gflops", "tflops", "macs", "fps"])
_QUALITY_WORDS = frozenset(["accuracy", "f1", "recall", "precision", "top-1", "top-5", "auc", "bleu"])


def _quality_after(right: str) -> bool:
    match = _MEASURE_AFTER.match(right)
    if not match:
        return False
    word = match.group(1)
    if _COST_LOW.fullmatch(word.lower()) or word.lower() in _HARDWARE_AFTER:
        return False
    return word.lower() in _QUALITY_WORDS or (any(c.isupper() for c in word) and len(word) <= 6)


_PHRASE_END_LOW = re.compile(r",|\bwith\b|\bwhile\b")


def _is_cost_change(left: str, right: str) -> bool:
    if _quality_after(right):
        return False
    left = left.lower()
    right = right.lower()
    next_number = _DIGIT.search(right)
    if next_number:  # "70.2% accuracy and 2.6x faster": the cost words after the next number are its own
        right = right[: next_number.start()]
    phrase_end = _PHRASE_END_LOW.search(right)
    if (
        phrase_end
    ):  # "95% coverage with reduced verification time", "by 19.8%, and ... accelerated": another phrase's
        right = right[: phrase_end.start()]
    verbs = list(_SCORE_VERB_LOW.finditer(left))
    if verbs:
        left = left[verbs[-1].end() :]
    near = left[-80:] + " " + right[:45]
    if not _COST_LOW.search(near):
        return False
    if _CHEAPER_AFTER_LOW.match(right):
        return True
    return bool(_COST_CHANGE_LOW.search(near))


def _last_cue_is_delta(left: str) -> bool:
    lowered = _without_compounds(left.lower())
    best_delta = -1
    for match in _DELTA_CUE_LOW.finditer(lowered):
        best_delta = match.end()
    best_score = -1
    for match in _SCORE_CUE_LOW.finditer(lowered):
        best_score = match.end()
    if best_delta < 0:
        return False
    # "outperforms X by 5%" and "improves accuracy to 80%": the cue nearest the number decides.
    return best_delta >= best_score
