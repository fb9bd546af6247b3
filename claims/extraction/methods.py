"""The paper's own method name and the system a sentence's result belongs to."""

from __future__ import annotations

import re

_NAME = r"[A-Z][\w\-+.*/α-ωÀ-ÿ]*(?:[A-Z0-9][\w\-+.*/α-ωÀ-ÿ]*)?"
_INTRO = re.compile(
    r"\b(?:[Ww]e|[Tt]his\s+paper|[Tt]his\s+work)\s+(?:also\s+)?(?:propose|present|introduce|develop|design|describe|release)s?\s+"
    r"(?:a\s+|an\s+|the\s+)?(?:(?:novel|new|simple|general|unified|efficient|effective|lightweight)\s+)*"
    rf"(?:(?P<name>{_NAME})(?=\s*[,:(]|\s+(?:a|an|which|that|to|as)\b)|[^.]{{0,120}}?\((?P<acro>[A-Z][\w\-+]*)\))"
)
_APPOSITIVE = re.compile(
    r"\b(?:[Ww]e|[Tt]his\s+paper|[Tt]his\s+work)\s+(?:propose|present|introduce|develop|design)s?\s+[^.,]{0,80}?,\s+"
    rf"(?P<name>{_NAME})\s*,"
)
_CALLED = re.compile(rf"\b(?:called|dubbed|named|termed|coined)\s+(?P<name>{_NAME})")
_ACRO_DEF = re.compile(r"\b([A-Z][\w\-]*)\s+\((?:[A-Z][\w\-]*\s*){2,}\)")
_TITLE_PREFIX = re.compile(r"^\s*([^:]{1,40}?)\s*:")
_TITLE_NOISE = re.compile(r"\s+(?:Technical\s+Report|Report)$", re.IGNORECASE)
_OWN_SUBJECT = re.compile(
    r"\b(?:our|the\s+proposed|this)\s+(?:[\w-]+\s+){0,3}?(?:method|approach|model|framework|system|algorithm|"
    r"technique|pipeline|architecture|agent|strategy|solution)s?\b|\bwe\b|\bit\b|\bours\b",
    re.IGNORECASE,
)
_SUBJECT = re.compile(
    rf"(?P<name>{_NAME}(?:\s+{_NAME})?)(?:\s+[a-z]{{3,}})?\s*,?\s+(?:\([^)]*\)\s+)?(?:(?:also|consistently|significantly|further|"
    r"substantially|still|only|then|clearly)\s+)?(?:(?:achiev|outperform|improv|reach|obtain|surpass|attain|yield|"
    r"deliver|exceed|reduc|requir|accelerat|establish|slash)(?:es|s|ed|d|e|ing)?|sets?|leads?|led|scored?|scores|"
    r"beats?|enjoys?|gains?|takes?|took|shows?|showed|performs?|performed|had|has|brings?|adds|records?|gets?|"
    r"got|wins?|rivals?|matches|raises?|raised|lifts?|lifted|boosts?|boosted|increases?|increased|lowers?|lowered|"
    r"cuts?|beats?)\b"
)
_GENERIC = frozenset(
    [
        "Our",
        "The",
        "This",
        "These",
        "It",
        "We",
        "Experiments",
        "Experimental",
        "Results",
        "Extensive",
        "Empirical",
        "Evaluation",
        "Compared",
        "Notably",
        "Moreover",
        "Furthermore",
        "Finally",
        "Specifically",
        "Overall",
        "Additionally",
        "However",
        "In",
        "On",
        "For",
        "Code",
        "Simulation",
        "Across",
    ]
)


def own_method(abstract: str, title: str) -> str | None:
    """Name of the paper's own method, from the title prefix or the abstract's introduction of it."""
    for pattern in (_INTRO, _APPOSITIVE, _CALLED):
        match = pattern.search(abstract)
        if match:
            name = match.groupdict().get("acro") or match.group("name")
            if name and name not in _GENERIC:
                return name.rstrip(".,")
    prefix = _TITLE_PREFIX.match(title or "")
    if prefix:
        name = _TITLE_NOISE.sub("", prefix.group(1)).strip()
        if len(name.split()) <= 3 and re.search(r"[A-Z]", name):
            return name
    match = _ACRO_DEF.search(abstract)
    if match and match.group(1) not in _GENERIC:
        return match.group(1)
    return None


def subject_before(clause: str) -> str | None:
    """The name that is the subject of the last result verb in clause, or "" for "our method"/"we"."""
    best: str | None = None
    for match in _SUBJECT.finditer(clause):
        name = match.group("name")
        first = name.split()[0]
        if first in _GENERIC:
            name = " ".join(name.split()[1:])
            if not name:
                continue
        best = name
    own = None
    for match in _OWN_SUBJECT.finditer(clause):
        own = match
    if own and (best is None or clause.rfind(best) < own.start()):
        named = re.search(rf"\b(?:[Oo]ur|[Tt]he\s+proposed)\s+({_NAME})\s+\w+", own.group())
        return named.group(1) if named and named.group(1) not in _GENERIC else ""
    return best
