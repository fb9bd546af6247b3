"""Number mentions in a sentence: digits, spelled-out numbers, multiplicative words, and their units."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .textscan import starting_with

SPELLED = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "hundred": 100,
}  # fmt: skip
_MULTIPLIERS = {"half": 0.5, "halves": 0.5, "halving": 0.5, "halved": 0.5, "twice": 2, "double": 2, "doubles": 2,
                "doubling": 2, "doubled": 2, "triples": 3, "tripled": 3, "tripling": 3, "quadruples": 4}  # fmt: skip


@dataclass(slots=True)
class Mention:
    """One number as written; offsets are relative to the sentence."""

    value: float
    start: int  # start of value_text (includes a leading sign or currency symbol)
    end: int  # end of value_text (includes the unit)
    num_end: int  # end of the bare number, before the unit
    unit: str | None
    unit_word: str = ""  # the metric in "12.4 accuracy points"
    sign: str = ""
    is_integer: bool = False
    spelled: bool = False
    size_suffix: str = ""  # "M", "B", "K", "billion" ... right after the number


# The leading lookahead names the possible first characters, which lets the regex engine skip ahead fast.
# A plus after a parenthesis may stand apart from its number: "(+ 1.4%)".
_NUMBER = re.compile(
    r"(?=[+\-−$\d.])(?<![\w.@^#/\\])(?<![A-Za-z]-)(?P<sign>[+\-−])?(?:(?<=\(\+)\s)?(?P<cur>\$\s?)?"
    r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)(?![\d,]\d)"
)
_SPELLED = re.compile(
    r"(?<![\w-])(?P<num>"
    + "|".join(SPELLED)
    + r")(?=(?:\s+|-)(?:percentage\s+points?|points?|times|fold)\b)",
    re.IGNORECASE,
)
# Multiplicative words count only where they compare quantities: "half the cost", "doubles the throughput".
_MULTIPLIER = starting_with(
    "mlnahdtq",
    r"\b(?:(?:more\s+than\s+|less\s+than\s+|nearly\s+|almost\s+|about\s+)?(?:halves|halved|halving|doubles|doubled|"
    r"doubling|triples|tripled|tripling|quadruples)(?=\s+(?:the|its|their|our)\b)|half(?=\s+(?:the|of\s+the)\s)|"
    r"(?<=by\s)half\b|twice(?=\s+as\b))",
    re.IGNORECASE,
)
# Cheap substring checks before running _MULTIPLIER.
_MULTIPLIER_STEMS = ("hal", "twice", "doubl", "tripl", "quadrupl")
_FRACTION = re.compile(r"(?<![\w/.])(?P<a>\d)/(?P<b>\d{1,2})(?=\s+(?:of|the)\b)")

# Unit right after the number, most specific first. Group "u" is the unit text.
_UNIT = re.compile(
    r"""(?P<u>
      \s?\\?%p(?!\w)
    | \s?(?:\\%|%|\$\\%\$)(?:\s*\$)?
    | \s*(?:percentage\s+points?|pp\b|p\.p\.|percentage-points?)
    | \s+(?:percent|per\s*cent)\b
    | \s+(?:[A-Za-z][\w-]*\s+)?points?\b
    | \s?(?:x|×|X)(?![\w\d])
    | \s*\$?\\times\$?
    | \s*-?fold\b
    | \s+times\b
    | \s*(?:[A-Z]\d{2,4}\s+)?GPU[-\s](?:hours|days)\b
    | \s*(?:ms|sec|seconds?|minutes?|min|hours?|hrs?|days?|GB|MB|TB|KB|dB|FPS|fps|m/s|rad/s|Hz|kHz|MHz|GHz
           |(?<=\d\s)W|kW|kWh|(?<=\d\s)J|mJ|mm|cm|km/h|km|mph|s|h)(?![\w/]|-[A-Za-z])
    )""",
    re.VERBOSE,
)
_SIZE_SUFFIX = re.compile(r"\s?(?:[KMBT]\b|k\b|(?:thousand|million|billion|trillion)\b)")

_SIZE_FIRST_CHARS = frozenset("KMBTktmb")


def _may_have_size(sentence: str, pos: int) -> bool:
    """Cheap test for _SIZE_SUFFIX at pos: its first letter there or after one space."""
    head = sentence[pos : pos + 2]
    return head[:1] in _SIZE_FIRST_CHARS or (head[:1].isspace() and head[1:] in _SIZE_FIRST_CHARS)


_BARE_TIMES = re.compile(r"\s?(?:x|×|X)")
_DIGIT_AFTER = re.compile(r"\s*\d")
_LATEX_AFTER = re.compile(r"\s*(?:\\|\$|\^|_)")
_UNIT_NAMES = {"percent": "%", "per cent": "%", "percentcent": "%"}


def _normalise_unit(raw: str) -> str:
    u = raw.strip().replace("$", "").strip()
    low = u.lower()
    if low in ("%", "\\%") or low.startswith(("percent", "per cent")) and "point" not in low:
        return "%"
    if "point" in low or low in ("pp", "p.p.", "%p", "\\%p"):  # "3.2%p": percentage points
        return "points"
    if low in ("x", "×", "\\times") or "fold" in low or low == "times":
        return "x"
    return _UNIT_NAMES.get(low, u)


def _unit_past(sentence: str, pos: int) -> tuple[str | None, int]:
    """The unit after the character at pos, read as a space (the same length, so the offsets hold)."""
    return _unit_after(sentence[:pos] + " " + sentence[pos + 1 :], pos)


def _unit_after(sentence: str, pos: int) -> tuple[str | None, int]:
    if sentence.startswith("~", pos) and sentence[pos + 1 : pos + 2].isalpha():
        return _unit_past(sentence, pos)  # LaTeX's "11.1~dB": a non-breaking space before the unit
    if sentence.startswith("}", pos):
        # "\textit{2.2}\%", "\textbf{19.9} percent": the unit after the emphasis closes
        unit, end = _unit_past(sentence, pos)
        return (unit, end) if unit else (None, pos)
    if sentence.startswith("+", pos):
        # "1,200+ times", "10+%": a bound written after the number
        unit, end = _unit_past(sentence, pos)
        return (unit, end) if unit in ("%", "x") else (None, pos)
    match = _UNIT.match(sentence, pos)
    if not match:
        return None, pos
    raw = match.group("u")
    if _BARE_TIMES.fullmatch(raw) and _DIGIT_AFTER.match(sentence, match.end()):
        return None, pos  # "256x256" is a resolution, not a factor
    return _normalise_unit(raw), match.end()


def find_mentions(sentence: str) -> list[Mention]:
    mentions: list[Mention] = []
    for match in _NUMBER.finditer(sentence):
        text = match.group("num")
        value = float(text.replace(",", ""))
        sign = match.group("sign") or ""
        if sign in "-−" and sign:
            prev = sentence[match.start() - 1] if match.start() else " "
            if prev.isalnum() or prev in "%×-–":
                sign = ""  # a range dash, "4-5%" or LaTeX's "25--55%", not a minus
            else:
                value = -value
        num_end = match.end("num")
        # "$1.5\\times$" and "$26\\%$" are LaTeX math, "$300,000" is money.
        currency = bool(match.group("cur")) and not _LATEX_AFTER.match(sentence, num_end)
        start = match.start("sign") if sign else (match.start("cur") if currency else match.start("num"))
        size = _SIZE_SUFFIX.match(sentence, num_end) if _may_have_size(sentence, num_end) else None
        size_suffix = size.group().strip() if size else ""
        unit, end = _unit_after(sentence, size.end() if size else num_end)
        if currency:
            unit, end = "$", num_end
        elif size_suffix and unit and "GPU" in unit:
            unit = f"{size_suffix} {unit}"
        elif size_suffix:
            unit, end = None, size.end()
        mention = Mention(
            value, start, end, num_end, unit, sign=sign, is_integer="." not in text, size_suffix=size_suffix
        )
        if unit == "points":
            words = sentence[num_end:end].replace("}", " ").split()
            if len(words) == 2 and words[0].lower() not in ("percentage", "absolute", "more", "fewer"):
                mention.unit_word = words[0]
        mentions.append(mention)
    lowered = sentence.lower()
    if "point" in lowered or "times" in lowered or "fold" in lowered:
        mentions.extend(_spelled_mentions(sentence))
    if any(word in lowered for word in _MULTIPLIER_STEMS):
        for match in _MULTIPLIER.finditer(sentence):
            value = float(_MULTIPLIERS[match.group().split()[-1].lower()])
            mentions.append(Mention(value, match.start(), match.end(), match.end(), "x", spelled=True))
    if "/" in sentence:
        mentions.extend(_paired_mentions(sentence))
        for match in _FRACTION.finditer(sentence):
            value = int(match.group("a")) / int(match.group("b"))
            mentions.append(Mention(value, match.start(), match.end(), match.end(), "x"))
    if len(mentions) > 1:
        mentions = _drop_overlaps(sorted(mentions, key=_reading_order))
    _share_range_units(sentence, mentions)
    return mentions


# "1.9/4.1 WER", "82.9%/84.8%", "41.6/45.7/48.2 mAP": decimals joined by slashes, each a result of its own.
_PAIRED = re.compile(r"(?<=\d)(?:\\?%)?\s*/\s*(?P<num>\d+\.\d+)(?![\d]|\s*/\s*\D)")
_DECIMAL_BEFORE = re.compile(r"\d\.\d+(?:\\?%)?$")


def _paired_mentions(sentence: str) -> list[Mention]:
    """The numbers after the slashes of decimal pairs and chains, which the number pattern leaves out."""
    found = []
    for match in _PAIRED.finditer(sentence):
        slash = sentence.rindex("/", match.start(), match.start("num"))
        number_end = len(sentence[:slash].rstrip())
        if not _DECIMAL_BEFORE.search(sentence, max(0, number_end - 12), number_end):
            continue  # "2021/2.5" is no pair of results
        num_end = match.end("num")
        unit, end = _unit_after(sentence, num_end)
        found.append(Mention(float(match.group("num")), match.start("num"), end, num_end, unit))
    return found


def _reading_order(mention: Mention) -> tuple[int, int]:
    return mention.start, -mention.end


def _spelled_mentions(sentence: str) -> list[Mention]:
    found = []
    for match in _SPELLED.finditer(sentence):
        unit, end = _unit_after(sentence, match.end())
        value = float(SPELLED[match.group("num").lower()])
        found.append(
            Mention(value, match.start(), end, match.end(), unit or None, is_integer=True, spelled=True)
        )
    return found


def _drop_overlaps(mentions: list[Mention]) -> list[Mention]:
    kept: list[Mention] = []
    for mention in mentions:
        if kept and mention.start < kept[-1].end:
            continue
        kept.append(mention)
    return kept


# LaTeX emphasis opened on a listed number: "\textbf{0.5} and \textbf{4} GPU hours".
LATEX_EMPHASIS = r"\\(?:textbf|textit|emph|mathbf|underline)\{"
_RANGE_GAP = re.compile(
    rf"\}}?\s*(?:--?|–|—|~|to|and|or|,|,\s*and|vs\.?|versus|/)\s*(?:{LATEX_EMPHASIS})?", re.IGNORECASE
)


def _share_range_units(sentence: str, mentions: list[Mention]) -> None:
    """In "4-5%", "0.61 and 0.64", "120 vs. 4,800 GPU days" the first number takes the unit of the last."""
    for left, right in zip(reversed(mentions[:-1]), reversed(mentions[1:]), strict=True):
        if left.unit is not None or left.size_suffix or left.spelled:
            continue
        if left.is_integer and 1950 <= left.value <= 2100 and not left.sign:
            continue  # "In 2023, 47% of ...": a year takes no unit
        if not _RANGE_GAP.fullmatch(sentence[left.end : right.start]):
            continue
        if right.size_suffix:
            left.size_suffix = right.size_suffix  # "1.5 to 2.5 trillion tokens"
        elif right.unit:
            left.unit = right.unit
