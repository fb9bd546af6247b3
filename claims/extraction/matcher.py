"""Find many names in a text at once: a trie over tokens, entered only at the tokens that can start a name.

A text is folded once (every character that is no letter, digit or "_" becomes a space, letters are
lower-cased for a case-blind trie) without changing its length, so offsets in the folded text are offsets
in the text. The set of its tokens is intersected with the set of first tokens (one C-level set operation),
and the trie is walked only from those tokens: the cost grows with the text, hardly with the number of names.

A name matches where its tokens follow each other with one separator between them and its punctuation
other than spaces and hyphens is written as in the name: "MS-COCO" and "MS COCO" are one name, "R@10" is
not "R 10", and "MSCOCO" (one token) needs its own entry. A name never starts or ends next to a hyphen
("ImageNet-pretrained" holds no "ImageNet").
"""

from __future__ import annotations

from collections.abc import Hashable

_END = ""  # trie key of the names ending at a node (a token is never empty)
_HYPHENS = "-‐‑"
# Characters folded by a plain dict lookup: everything up to U+2FFF (Latin, Greek, Cyrillic, punctuation,
# symbols such as "×"). Characters beyond stay as they are and count as parts of words.
_FOLD_LIMIT = 0x3000


def _fold_table(lower: bool) -> dict[int, str]:
    table: dict[int, str] = {}
    for code in range(_FOLD_LIMIT):
        char = chr(code)
        if char.isalnum() or char == "_":
            folded = char.lower() if lower else char
            table[code] = folded if len(folded) == 1 else char  # "İ".lower() is two characters
        else:
            table[code] = " "
    return table


_TABLES = {False: _fold_table(lower=False), True: _fold_table(lower=True)}


def _shape(text: str, lower: bool) -> str:
    """The name as written without whitespace and hyphens: what must agree once the tokens agree."""
    shape = "".join(text.split())
    for hyphen in _HYPHENS:
        shape = shape.replace(hyphen, "")
    return shape.lower() if lower else shape


class TokenTrie:
    """Names (with a payload each) found in texts, in their case or case-blind."""

    def __init__(self, *, ignore_case: bool = False) -> None:
        self.ignore_case = ignore_case
        self._table = _TABLES[ignore_case]
        self._root: dict[str, dict] = {}
        self._starts: frozenset[str] = frozenset()
        self.size = 0

    def add(self, name: str, payload: Hashable, merge=None) -> bool:
        """Add a name; merge(old, new) combines payloads when the same written name is added twice."""
        tokens = name.translate(self._table).split()
        if not tokens:
            return False
        node = self._root
        for token in tokens:
            node = node.setdefault(token, {})
        ends = node.setdefault(_END, {})
        shape = _shape(name, self.ignore_case)
        if shape in ends and merge is not None:
            payload = merge(ends[shape], payload)
        elif shape not in ends:
            self.size += 1
        ends[shape] = payload
        self._starts = frozenset()  # rebuilt on the next search
        return True

    def fold(self, text: str) -> str:
        """text with every character that is no letter, digit or "_" as a space (lower-cased if case-blind)."""
        return text.translate(self._table)

    def find(self, text: str, folded: str | None = None) -> list[tuple[int, int, Hashable]]:
        """Every (start, end, payload) of a name in text, overlapping ones included, by start then length.

        folded, when given, is self.fold(text), computed once by a caller that searches several tries.
        """
        starts = self._starts
        if not starts:
            starts = self._starts = frozenset(self._root)
        if folded is None:
            folded = text.translate(self._table)
        tokens = set(folded.split())
        first = starts & tokens
        if not first:
            return []
        padded = " " + folded + " "
        size = len(padded)
        length = len(text)
        root = self._root
        ignore_case = self.ignore_case
        found: list[tuple[int, int, Hashable]] = []
        for token in first:
            if _END not in root[token] and root[token].keys().isdisjoint(tokens):
                continue  # a common word ("in", "large") that starts names whose next token is absent
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
                    ends = node.get(_END)
                    if ends is not None:
                        end = after - 1
                        if end >= length or text[end] not in _HYPHENS:
                            payload = ends.get(_shape(text[start:end], ignore_case))
                            if payload is not None:
                                found.append((start, end, payload))
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
