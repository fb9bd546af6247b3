"""LaTeX markup that wraps words ("\\textbf{7.3\\%}", "\\mbox{WikiLarge}", "{\\bf 10.1}") blanked out, keeping every
offset: the engine reads the words, and evidence is still quoted from the abstract as written."""

from __future__ import annotations

import re

# A wrapping command and its opening brace, or an old-style group opener ("{\bf ").
_OPENER = re.compile(
    r"\\(?:textbf|textit|emph|mbox|textsc|texttt|textrm|textsf|mathrm|mathbf|mathit|underline|textcolor\{[a-z]+\})\{"
    r"|\{\\(?:bf|it|em|sc|tt|rm)\s"
)


def mask_wrappers(text: str) -> str:
    """text with each wrapper's opener and its closing brace turned into spaces (the same length)."""
    if "\\" not in text:
        return text
    chars = list(text)
    for match in _OPENER.finditer(text):
        close = _closing_brace(text, match.end())
        if close is None:
            continue
        for index in range(match.start(), match.end()):
            chars[index] = " "
        chars[close] = " "
    return "".join(chars)


def _closing_brace(text: str, start: int) -> int | None:
    depth = 0
    for index in range(start, min(len(text), start + 200)):
        char = text[index]
        if char == "{" and text[index - 1] != "\\":
            depth += 1
        elif char == "}" and text[index - 1] != "\\":
            if depth == 0:
                return index
            depth -= 1
    return None
