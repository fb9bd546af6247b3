"""The fixed split of the gold papers into a tuning part and a check part.

A paper's part depends only on its title, so every file, command and session agrees on it and a paper never
changes sides. Rules and models are fitted on the tuning part; the check part's errors are never read, so its
figures estimate how the engine does on abstracts it has not seen.
"""

from __future__ import annotations

import hashlib

from .scoring import title_key

TUNE = "tune"
CHECK = "check"
PARTS = (TUNE, CHECK)
_CHECK_EVERY = 3  # about a third of the papers are held out


def gold_part(title: str) -> str:
    """TUNE or CHECK for the paper with this title."""
    digest = hashlib.sha256(title_key(title).encode("utf-8")).hexdigest()
    return CHECK if int(digest, 16) % _CHECK_EVERY == 0 else TUNE


def in_part(title: str, part: str | None) -> bool:
    """Whether the paper belongs to part; every paper belongs to part None (no split)."""
    return part is None or gold_part(title) == part
