"""Sentence splitting that returns character spans into the original text."""

from __future__ import annotations

import re

# Tokens ending in a period that do not end a sentence.
_ABBREVIATIONS = frozenset(
    [
        "e.g",
        "i.e",
        "et",
        "al",
        "vs",
        "cf",
        "fig",
        "figs",
        "eq",
        "eqs",
        "sec",
        "secs",
        "tab",
        "approx",
        "resp",
        "etc",
        "no",
        "nos",
        "dr",
        "mr",
        "mrs",
        "ms",
        "prof",
        "st",
        "jr",
        "sr",
        "inc",
        "ltd",
        "co",
        "corp",
        "dept",
        "univ",
        "vol",
        "pp",
        "ca",
        "est",
        "min",
        "max",
        "avg",
        "incl",
    ]
)
# A boundary candidate: terminal punctuation, optional closing quotes/brackets, whitespace.
_BOUNDARY = re.compile(r"[.!?][\"')\]]*(\s+)")  # group 1: the whitespace after it
# Glued boundaries such as "tasks.This study" (common in scraped abstracts).
_GLUED = re.compile(r"\.(?=[A-Z][a-z])")  # and two lower-case letters before the dot (checked in code)


# The run of letters and dots ending where the search stops, from its first letter (see _word_before).
_WORD_END = re.compile(r"[A-Za-z][A-Za-z.]*\Z")


def _word_before(text: str, dot: int) -> str:
    """The run of letters and dots ending at dot and starting with a letter (at most 40 characters back)."""
    # The leftmost match is the first letter of the longest run of letters and dots that reaches dot.
    match = _WORD_END.search(text, max(0, dot - 40), dot)
    return match.group() if match else ""


def _is_boundary(text: str, dot: int, next_start: int) -> bool:
    if next_start >= len(text):
        return True
    nxt = text[next_start]
    if not (nxt.isupper() or nxt.isdigit() or nxt in "\"'([$\\"):
        return False
    if text[dot] != ".":
        return True
    last = text[dot - 7 : dot] if dot >= 7 else ""
    if last.isascii() and last.isalpha():
        return True  # a word of seven letters or more is no abbreviation, initial or dotted acronym
    word = _word_before(text, dot)
    if word:
        token = word.lower().rstrip(".")
        if token in _ABBREVIATIONS:
            return False
        # Single capital initials ("J. Smith") and dotted acronyms ("U.S.").
        if len(token) == 1 or ("." in token and len(token) <= 5):
            return False
    return True


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Spans (start, end) of the sentences of text, stripped of surrounding whitespace."""
    cuts: list[int] = []
    for match in _BOUNDARY.finditer(text):
        if _is_boundary(text, match.start(), match.end()):
            cuts.append(match.start(1))
    cuts.extend(
        match.end()
        for match in _GLUED.finditer(text)
        if _two_lower_before(text, match.start()) and not _inside_url(text, match.start())
    )
    spans: list[tuple[int, int]] = []
    start = 0
    for cut in sorted(set(cuts)) + [len(text)]:
        piece = text[start:cut]
        stripped = piece.strip()
        if stripped:
            s = start + len(piece) - len(piece.lstrip())
            spans.append((s, s + len(stripped)))
        start = cut
    return spans


def _two_lower_before(text: str, pos: int) -> bool:
    return pos >= 2 and "a" <= text[pos - 2] <= "z" and "a" <= text[pos - 1] <= "z"


def _inside_url(text: str, pos: int) -> bool:
    space = text.rfind(" ", 0, pos)
    token = text[space + 1 : pos]
    return "://" in token or token.startswith("www")
