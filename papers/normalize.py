"""Keys that identify a paper across sources. Pure Python, no Django."""

import hashlib
import re
import unicodedata

_NON_WORD = re.compile(r"[\W_]+", re.UNICODE)


def title_key(title: str) -> str:
    """The de-duplication key of a title: case, accents, punctuation and spacing folded away."""
    text = title or ""
    if not text.isascii():  # ASCII has nothing to decompose, and most titles are ASCII
        text = unicodedata.normalize("NFKD", text)
        text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return _NON_WORD.sub(" ", text.casefold()).strip()


def clean_text(text: str) -> str:
    """Collapse runs of white space (line breaks in feeds, double spaces) to one space."""
    # str.split() splits on exactly what the regex \s+ matches (str.isspace), ten times faster.
    return " ".join((text or "").split())


def abstract_hash(abstract: str) -> str:
    """A content hash of an abstract, stable under white-space changes."""
    return hashlib.sha256(clean_text(abstract).encode("utf-8")).hexdigest()
