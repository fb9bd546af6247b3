"""Splits and subsets of a benchmark: "test-dev", "val2017", "test-clean", "256x256".

"COCO test-dev" and "COCO val2017" are different leaderboards of one benchmark, so a claim keeps the split
it was measured on. A bare "test set" is the benchmark's standard evaluation and gives no split; the
validation set ("val", "dev", "minival") does, as its results are not comparable with test results.
"""

from __future__ import annotations

import re

# Named splits, longest first so "test-dev" wins over "test".
_NAMED = (
    r"test[-_ ]?dev|test[-_ ]?std|test[-_ ]?challenge|test[-_ ]?clean|test[-_ ]?other|dev[-_ ]?clean|dev[-_ ]?other|"
    r"(?:train|val|test|trainval)(?:19|20)\d\d|minival|(?-i:test-?[AB])"
)
_HELD_OUT = r"val|validation|dev"
_RESOLUTION = r"\d{2,4}\s?[x×]\s?\d{2,4}"
SPLIT_PATTERN = rf"(?:{_NAMED}|{_RESOLUTION}|{_HELD_OUT})"
# A split written as a whole word (never inside "devices" or "validated").
_SPLIT = re.compile(rf"(?<![\w-])(?P<split>{_NAMED})(?![\w-])", re.IGNORECASE)
_RESOLUTION_AT = re.compile(rf"(?<![\w-])(?P<split>{_RESOLUTION})(?![\w-])")
# "val"/"dev" only right after a name or in "the val/dev split/set": alone they are ordinary words.
_HELD_OUT_AFTER_NAME = re.compile(rf"^[\s(]*(?P<split>{_HELD_OUT})\b(?![-])")
_HELD_OUT_SET = re.compile(
    rf"\b(?:the\s+)?(?P<split>{_HELD_OUT})(?:ation)?\s+(?:split|set|subset|partition)\b"
)
# A split word at the end of a benchmark name: "COCO test-dev", "Cityscapes val", "ImageNet 256x256".
_TRAILING = re.compile(rf"^(?P<parent>.*?\S)[\s(]+(?P<split>{SPLIT_PATTERN})\)?$", re.IGNORECASE)


def normalize_split(text: str) -> str:
    """One spelling per split: "Test-Dev" -> "test-dev", "validation" -> "val", "256 × 256" -> "256x256"."""
    split = re.sub(r"\s+", "", text).replace("×", "x").replace("_", "-")
    lowered = split.lower()
    if lowered == "validation":
        return "val"
    if re.fullmatch(r"test-?[ab]", lowered):
        return "test" + lowered[-1].upper()
    # "testdev" and "test-dev" are one split.
    lowered = re.sub(r"^(test|dev)-?(dev|std|challenge|clean|other)$", r"\1-\2", lowered)
    return lowered


def split_from_name(name: str) -> tuple[str, str | None]:
    """(parent, split) when name ends with a split ("COCO test-dev" -> ("COCO", "test-dev")), else (name, None)."""
    match = _TRAILING.match(name.strip())
    if not match:
        return name, None
    return match.group("parent").rstrip(" -("), normalize_split(match.group("split"))


def find_splits(sentence: str) -> list[tuple[int, int, str]]:
    """(start, end, split) of every split written in sentence: named ones, resolutions, "the val set"."""
    if not _may_hold_split(sentence):
        return []
    found = [
        (m.start("split"), m.end("split"), normalize_split(m.group("split")))
        for m in _SPLIT.finditer(sentence)
    ]
    for match in _HELD_OUT_SET.finditer(sentence):
        found.append((match.start("split"), match.end("split"), normalize_split(match.group("split"))))
    return sorted(set(found))


def held_out_after(sentence: str, pos: int) -> tuple[int, int, str] | None:
    """ "val"/"dev" written right after a benchmark name ending at pos: "on Cityscapes val"."""
    match = _HELD_OUT_AFTER_NAME.match(sentence, pos)
    if not match:
        return None
    return match.start("split"), match.end("split"), normalize_split(match.group("split"))


def _may_hold_split(sentence: str) -> bool:
    """Cheap test before the regex scans: a split needs one of these substrings."""
    return (
        "test" in sentence
        or "val" in sentence
        or "dev" in sentence
        or "x" in sentence
        or "×" in sentence
        or "Test" in sentence
    )
