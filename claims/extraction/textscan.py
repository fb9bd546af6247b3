"""Fast case-insensitive matching: a lower-cased pattern run on lower-cased text.

With re.IGNORECASE, Python's regex engine folds the case of every character it compares and gives up its
fast scan for a literal prefix. Lower-casing the pattern once (at import) and the text once (per call) finds
the same matches several times faster. Offsets then refer to the lower-cased text: use these patterns for
yes/no tests and for positions compared with each other within the same lowered text.
"""

from __future__ import annotations

import re

# Upper-case escapes (\S, \W, \D, \B, \A, \Z ...) change meaning when lower-cased.
_UPPER_ESCAPE = re.compile(r"\\[A-Z]")


def lowered_pattern(pattern: str, first_chars: str = "") -> re.Pattern[str]:
    """Compile pattern for matching lower-cased text; the same matches as re.IGNORECASE on the original.

    first_chars, when given, is passed on to starting_with (lower-cased).
    """
    if _UPPER_ESCAPE.search(pattern):
        raise ValueError(f"pattern has an upper-case escape and cannot be lower-cased: {pattern!r}")
    if first_chars:
        return starting_with(first_chars.lower(), pattern.lower())
    return re.compile(pattern.lower())


def starting_with(first_chars: str, pattern: str, flags: int = 0) -> re.Pattern[str]:
    """Compile pattern behind a lookahead on the characters a match can start with.

    A pattern that opens with \\b or a lookbehind makes the regex engine try every position in turn; a leading
    character class lets it jump straight to the candidates, often twice as fast. first_chars is the body of a
    character class (e.g. "oia" or "A-Z;") and must cover every character a match can start with.
    """
    return re.compile(f"(?=[{first_chars}])(?:{pattern})", flags)


def first_letters(alternation: str) -> str:
    """The first letters of the words of a plain alternation such as "accuracy|rates?|scores?".

    Alternatives that start with anything but a letter or digit are skipped: add their characters by hand.
    """
    return "".join(sorted({word[0] for word in alternation.split("|") if word and word[0].isalnum()}))
