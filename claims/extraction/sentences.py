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
_BOUNDARY = re.compile(r"[.!?][\"')\]]*(?=\s+)")
# Glued boundaries such as "tasks.This study" (common in scraped abstracts).
_GLUED = re.compile(r"(?<=[a-z]{2})\.(?=[A-Z][a-z])")
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]*)$")


def _is_boundary(text: str, dot: int, next_start: int) -> bool:
    if next_start >= len(text):
        return True
    nxt = text[next_start]
    if not (nxt.isupper() or nxt.isdigit() or nxt in "\"'([$\\"):
        return False
    if text[dot] != ".":
        return True
    word = _WORD_BEFORE.search(text, 0, dot)
    if word:
        token = word.group(1).lower().rstrip(".")
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
        end = match.end()
        next_start = end
        while next_start < len(text) and text[next_start].isspace():
            next_start += 1
        if _is_boundary(text, match.start(), next_start):
            cuts.append(end)
    cuts.extend(match.end() for match in _GLUED.finditer(text) if not _inside_url(text, match.start()))
    spans: list[tuple[int, int]] = []
    start = 0
    for cut in sorted(set(cuts)) + [len(text)]:
        s, e = start, cut
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            spans.append((s, e))
        start = cut
    return spans


def _inside_url(text: str, pos: int) -> bool:
    space = text.rfind(" ", 0, pos)
    token = text[space + 1 : pos]
    return "://" in token or token.startswith("www")
