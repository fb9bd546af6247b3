"""Leaderboard values as Papers with Code wrote them ("85.3%", "1.2M", "12.5 ± 0.3", "-"), read as numbers.

A value that is not one number (a dash, "Yes", "78.6/84.4", a name) is refused with a reason, never guessed.
"""

import math
import re
from dataclasses import dataclass

from papers.importers.fields import FieldError, type_name

_SCALES = {"k": 1e3, "m": 1e6, "b": 1e9, "g": 1e9, "t": 1e12}
_NUMBER = r"[-+]?(?:(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|\.\d+)(?:[eE][-+]?\d+)?"
_VALUE = re.compile(
    rf"""^(?P<approx>[~≈]\s*)?
    (?P<number>{_NUMBER})\s*
    (?P<scale>[kKmMbBgGtT](?![a-zA-Z]))?\s*
    (?P<percent>%)?\s*
    (?:(?:±|\+/-|\+-)\s*(?:{_NUMBER})\s*%?)?\s*   # an error bar: the value is the mean
    (?P<marks>[*†‡+]*)\s*                          # footnote marks
    (?P<note>\(.*)?$                               # a note in parentheses after the number
    """,
    re.VERBOSE,
)
_BOLD = re.compile(r"^\*\*(.*)\*\*$")
_NO_VALUE = {"", "-", "--", "---", "—", "–", "−", "n/a", "na", "none", "null", "?", "--*", "-*"}
_MINUS_SIGNS = str.maketrans({"−": "-", "–": "-"})


@dataclass(frozen=True, slots=True)
class ParsedValue:
    value: float
    unit: str  # "%" when written with a percent sign, "" otherwise
    text: str  # as written


def parse_value(raw: object) -> ParsedValue:
    """The number a leaderboard cell holds; FieldError saying why when it holds none or several."""
    if isinstance(raw, bool) or not isinstance(raw, int | float | str):
        raise FieldError(f"expected a number or a string, got {type_name(raw)}")
    if isinstance(raw, int | float):
        if not math.isfinite(raw):
            raise FieldError(f"not a finite number: {raw!r}")
        return ParsedValue(float(raw), "", repr(raw) if isinstance(raw, float) else str(raw))
    text = raw.replace("\ufeff", "").strip()
    cell = text
    while bold := _BOLD.match(cell):
        cell = bold.group(1).strip()
    if cell.lower() in _NO_VALUE:
        return _refuse(raw, "no value")
    match = _VALUE.match(cell.translate(_MINUS_SIGNS))
    if match is None:
        if re.search(r"\d\s*/\s*\d", cell) or len(re.findall(r"\d+(?:\.\d+)?", cell)) > 1:
            return _refuse(raw, "several numbers, cannot tell which one is the metric")
        if not re.search(r"\d", cell):
            return _refuse(raw, "not a number")
        return _refuse(raw, "not a number this importer can read")
    number = float(match.group("number").replace(",", ""))
    scale = match.group("scale")
    if scale:
        number *= _SCALES[scale.lower()]
    return ParsedValue(number, "%" if match.group("percent") else "", text)


def _refuse(raw: str, why: str):
    shown = raw if len(raw) <= 60 else raw[:57] + "..."
    raise FieldError(f"{why}: {shown!r}")
