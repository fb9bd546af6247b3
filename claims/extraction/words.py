"""The rules' word lists, loaded from data/words.json: sets for look-ups, alternations for regexes.

A regex and its cheap pre-check are built from the same list, so a word added to the data is found by both.
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path

WORDS_PATH = Path(__file__).resolve().parent / "data" / "words.json"


@cache
def _lists() -> dict[str, list[str]]:
    data = json.loads(WORDS_PATH.read_text(encoding="utf-8"))
    return {name: words for name, words in data.items() if not name.startswith("_")}


def word_list(name: str) -> tuple[str, ...]:
    return tuple(_lists()[name])


def word_set(name: str) -> frozenset[str]:
    return frozenset(_lists()[name])


def alternation(name: str) -> str:
    """A regex alternation of the list, longest first (so "memory usage" wins over "memory"); a space in a
    word matches any run of white space."""
    words = sorted(_lists()[name], key=lambda word: (-len(word), word))
    return "|".join(re.escape(word).replace(r"\ ", r"\s+") for word in words)


def initials(name: str) -> str:
    """The first characters the list's words start with, for a starting_with pre-check."""
    return "".join(sorted({word[0] for word in _lists()[name]}))
