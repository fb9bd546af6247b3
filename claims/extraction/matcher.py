"""Find many names in a text at once: a trie over tokens, entered only at the tokens that can start a name.

A text is folded once (every character that is no letter, digit or "_" becomes a space, letters are
lower-cased) without changing its length, so offsets in the folded text are offsets in the text. The set of
its tokens is intersected with the set of first tokens (one C-level set operation), and the trie is walked
only from those tokens: the cost grows with the text, hardly with the number of names.

Each name is added in its case (it matches only as written) or case-blind. A name matches where its tokens
follow each other with one separator between them and its punctuation other than spaces and hyphens is
written as in the name: "MS-COCO" and "MS COCO" are one name, "R@10" is not "R 10", and "MSCOCO" (one
token) needs its own entry. A name never starts or ends next to a hyphen ("ImageNet-pretrained" holds no
"ImageNet").
"""

from __future__ import annotations

import re
from collections.abc import Hashable

# Keys of a trie node other than tokens (a token is never empty, and never starts with a space).
_EXACT = ""  # shape as written -> payload, for names matched in their case
_BLIND = " "  # lower-cased shape -> payload, for names matched in any case
_HYPHENS = "-‐‑"
# Characters folded by a plain dict lookup: everything up to U+2FFF (Latin, Greek, Cyrillic, punctuation,
# symbols such as "×"). Characters beyond stay as they are and count as parts of words.
_FOLD_LIMIT = 0x3000


def _fold_table() -> dict[int, str]:
    table: dict[int, str] = {}
    for code in range(_FOLD_LIMIT):
        char = chr(code)
        if char.isalnum() or char == "_":
            folded = char.lower()
            table[code] = folded if len(folded) == 1 else char  # "İ".lower() is two characters
        else:
            table[code] = " "
    return table


_TABLE = _fold_table()


def _shape(text: str) -> str:
    """The name as written without whitespace and hyphens: what must agree once the tokens agree."""
    shape = "".join(text.split())
    for hyphen in _HYPHENS:
        shape = shape.replace(hyphen, "")
    return shape


_LETTER_DIGIT = re.compile(r"(?<=[^\W\d_])(?=\d)")


def _token_variants(tokens: list[str]) -> list[tuple[str, ...]]:
    """The token sequences a name may be written as: with a space (or hyphen) between letters and the digits
    after them or without ("Human3.6M" and "Human 3.6M", "CIFAR-10" and "CIFAR10"); the shape check keeps the
    rest of the punctuation as written."""
    split = tuple(part for token in tokens for part in _LETTER_DIGIT.sub(" ", token).split())
    joined: list[str] = []
    for token in split:
        if joined and token[0].isdigit() and not joined[-1][-1].isdigit() and joined[-1][-1] != "_":
            joined[-1] += token
        else:
            joined.append(token)
    return list(dict.fromkeys([tuple(tokens), split, tuple(joined)]))


class TokenTrie:
    """Names with a payload each, found in texts in their case or in any case."""

    def __init__(self) -> None:
        self._root: dict[str, dict] = {}
        self._starts: frozenset[str] = frozenset()
        self.size = 0

    def add(self, name: str, payload: Hashable, *, ignore_case: bool = False, merge=None) -> bool:
        """Add a name; merge(old, new) combines payloads when the same name is added twice the same way."""
        tokens = name.translate(_TABLE).split()
        if not tokens:
            return False
        shape = _shape(name).lower() if ignore_case else _shape(name)
        new = False
        for variant in _token_variants(tokens):
            node = self._root
            for token in variant:
                node = node.setdefault(token, {})
            ends = node.setdefault(_BLIND if ignore_case else _EXACT, {})
            if shape in ends and merge is not None:
                ends[shape] = merge(ends[shape], payload)
            else:
                new = new or shape not in ends
                ends[shape] = payload
        self.size += new
        self._starts = frozenset()  # rebuilt on the next search
        return True

    def find(self, text: str) -> list[tuple[int, int, Hashable, bool]]:
        """Every (start, end, payload, ignore_case) of a name in text, overlapping ones included.

        Sorted by start, then longest first; a name added both ways is found twice.
        """
        starts = self._starts
        if not starts:
            starts = self._starts = frozenset(self._root)
        folded = text.translate(_TABLE)
        if len(folded) != len(text):  # cannot happen with a str table, but offsets depend on it
            return []
        words = folded.split()
        first = starts.intersection(words)
        if not first:
            return []
        tokens: set[str] | None = None
        padded = " " + folded + " "
        size = len(padded)
        length = len(text)
        root = self._root
        found: list[tuple[int, int, Hashable, bool]] = []
        for token in first:
            node = root[token]
            if _EXACT not in node and _BLIND not in node:
                if tokens is None:
                    tokens = set(words)
                if node.keys().isdisjoint(tokens):
                    continue  # a common word ("in", "large") starting names whose next token is absent
            needle = " " + token + " "
            pos = padded.find(needle)
            while pos != -1:
                # padded[pos] is the space before the token, so the token starts at pos in text.
                start = pos
                pos = padded.find(needle, pos + 1)
                if start and text[start - 1] in _HYPHENS:
                    continue
                node = root[token]
                after = start + len(needle) - 1  # index in padded of the space after the token
                while True:  # follow the tokens after the first one
                    exact, blind = node.get(_EXACT), node.get(_BLIND)
                    if exact is not None or blind is not None:
                        end = after - 1
                        if end >= length or text[end] not in _HYPHENS:
                            shape = _shape(text[start:end])
                            if exact is not None and shape in exact:
                                found.append((start, end, exact[shape], False))
                            if blind is not None:
                                payload = blind.get(shape.lower())
                                if payload is not None:
                                    found.append((start, end, payload, True))
                    begin = after + 1
                    if begin >= size or padded[begin] == " ":
                        break
                    stop = padded.find(" ", begin)
                    node = node.get(padded[begin:stop])
                    if node is None:
                        break
                    after = stop
        if len(found) > 1:
            found.sort(key=lambda hit: (hit[0], -hit[1]))
        return found


def leftmost_longest(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Non-overlapping spans, the leftmost first and the longest of those starting at one place."""
    spans.sort(key=lambda span: (span[0], -span[1]))
    kept: list[tuple[int, int]] = []
    for span in spans:
        if not kept or span[0] >= kept[-1][1]:
            kept.append(span)
    return kept
