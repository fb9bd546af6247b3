"""Splits and subsets of a benchmark: "test-dev", "val2017", "test-clean", "256x256".

"COCO test-dev" and "COCO val2017" are different leaderboards of one benchmark, so a claim keeps the split
it was measured on. A bare "test set" is the benchmark's standard evaluation and gives no split; the
validation set ("val", "dev", "minival") does, as its results are not comparable with test results.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from .textscan import starting_with

if TYPE_CHECKING:
    from .claim import ExtractedClaim

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
# Behind a lookahead on a digit, so the scan jumps to the digits (see textscan.starting_with).
_RESOLUTION_AT = starting_with("0-9", rf"(?<![\w-])(?P<split>{_RESOLUTION})(?![\w-])")
# "val"/"dev" only right after a name or in "the val/dev split/set": alone they are ordinary words.
_HELD_OUT_AFTER_NAME = re.compile(rf"^[\s(]*(?P<split>{_HELD_OUT})\b(?![-])")
_HELD_OUT_SET = re.compile(
    rf"\b(?:the\s+)?(?P<split>{_HELD_OUT})(?:ation)?\s+(?:split|set|subset|partition)\b"
)
# A split word at the end of a benchmark name: "COCO test-dev", "Cityscapes val", "ImageNet 256x256".
# "Cityscapes test", "Foo (test set)": the standard evaluation, named with the benchmark.
_TRAILING_TEST = re.compile(r"^(?P<parent>.*?\S)[\s(]+test(?:\s+set)?\)?$", re.IGNORECASE)
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
    if not _may_hold_split(name.lower(), resolution=True):
        return name, None
    match = _TRAILING.match(name.strip())
    if not match:
        return name, None
    return match.group("parent").rstrip(" -("), normalize_split(match.group("split"))


def find_splits(sentence: str) -> list[tuple[int, int, str]]:
    """(start, end, split) of every named split written in sentence, and "the val set"."""
    if not _may_hold_split(sentence.lower()):
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


def _may_hold_split(lowered: str, resolution: bool = False) -> bool:
    """Cheap test on lower-cased text before the regex scans: a split word starts after a space, "(" or "-".

    (Plain substrings would not do: "evaluation" holds "val", "device" holds "dev".)
    """
    for word in ("test", "val", "dev"):
        if word in lowered and (f" {word}" in lowered or f"({word}" in lowered or f"-{word}" in lowered):
            return True
    return "minival" in lowered or (resolution and ("x" in lowered or "×" in lowered))


_ADJACENT = re.compile(r"^[\s(]*(?:at\s+)?$")
_SPLIT_OF_BEFORE = re.compile(r"\b(?:split|set|subset|partition)\s+of\s+(?:the\s+)?$")
_NEAR = 80  # how far from its number a split in the sentence may be written


def claim_splits(sentence: str, offset: int, claims: list[ExtractedClaim]) -> list[ExtractedClaim]:
    """The claims of one sentence with the split each was measured on, and benchmark names without it.

    "COCO test-dev" becomes benchmark "COCO", split "test-dev". Otherwise a split written right after the
    benchmark ("LibriSpeech (test-clean)", "ImageNet at 256x256"), before it ("the test-other split of
    LibriSpeech") or near the number ("2.1% WER on the test-clean split") is the claim's; a list of results
    followed by as many splits ("2.1 and 4.5 on test-clean and test-other") pairs them in order.
    """
    if not any(claim.benchmark for claim in claims):
        return claims
    lowered = sentence.lower()
    named = _may_hold_split(lowered)
    sized = named or (("x" in lowered or "×" in lowered) and _RESOLUTION_AT.search(sentence) is not None)
    if not sized:
        return claims  # benchmark names are parts of the sentence: no split word in it, none in them
    out: list[ExtractedClaim] = []
    pending: list[int] = []
    for claim in claims:
        if not claim.benchmark:
            out.append(claim)
            continue
        parent, split = split_from_name(claim.benchmark)
        plain = (
            _TRAILING_TEST.match(claim.benchmark)
            if split is None and "test" in claim.benchmark.lower()
            else None
        )
        if plain:
            claim = replace(claim, benchmark=plain.group("parent"))
        if split is not None:
            out.append(replace(claim, benchmark=parent, split=split))
            continue
        split = _split_at_name(sentence, claim, offset)
        if split is None:
            pending.append(len(out))
        out.append(replace(claim, split=split) if split else claim)
    if pending and named:
        _splits_near_numbers(sentence, offset, out, pending)
    return out


def _split_at_name(sentence: str, claim: ExtractedClaim, offset: int) -> str | None:
    value_at = claim.value_start - offset
    at = _nearest(sentence, claim.benchmark, value_at)
    if at < 0:
        return None
    end = at + len(claim.benchmark)
    held_out = held_out_after(sentence, end)
    if held_out:
        return held_out[2]
    for pattern in (_SPLIT, _RESOLUTION_AT):
        match = pattern.search(sentence, end, end + 24)
        if match and _ADJACENT.match(sentence[end : match.start()]):
            return normalize_split(match.group("split"))
    before = _SPLIT_OF_BEFORE.search(sentence, max(0, at - 30), at)
    if before:
        named = [
            split for split in find_splits(sentence[: before.start()]) if split[1] >= before.start() - 12
        ]
        if named:
            return named[-1][2]
    return None


def _nearest(sentence: str, name: str, pos: int) -> int:
    """Start of the occurrence of name in sentence nearest to pos, or -1."""
    best, at = -1, sentence.find(name)
    while at != -1:
        if best < 0 or abs(at - pos) < abs(best - pos):
            best = at
        at = sentence.find(name, at + 1)
    return best


def _splits_near_numbers(sentence: str, offset: int, claims: list, pending: list[int]) -> None:
    named = [split for split in find_splits(sentence) if not split[2][0].isdigit()]
    if not named:
        return
    last_value = claims[pending[-1]].value_end - offset
    after_all = [split for split in named if split[0] >= last_value and split[0] - last_value <= _NEAR]
    if len(pending) > 1 and len(after_all) == len(pending):
        for index, split in zip(pending, after_all, strict=True):
            claims[index] = replace(claims[index], split=split[2])
        return
    for index in pending:
        claim = claims[index]
        start, end = claim.value_start - offset, claim.value_end - offset
        after = [s for s in named if s[0] >= end and s[0] - end <= _NEAR and ";" not in sentence[end : s[0]]]
        before = [
            s for s in named if s[1] <= start and start - s[1] <= _NEAR and ";" not in sentence[s[1] : start]
        ]
        chosen = after[0] if after else before[-1] if before else None
        if chosen:
            claims[index] = replace(claim, split=chosen[2])
