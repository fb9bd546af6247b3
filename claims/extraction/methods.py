"""The paper's own method name and the system a sentence's result belongs to."""

from __future__ import annotations

import re
from collections.abc import Iterator

from .hardware import is_hardware
from .textscan import first_letters, starting_with
from .vocabulary import lookup_benchmark, lookup_metric

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
# "Name (Two Or More Capitalised Words)"; the words need spaces between them, so "Score (IS)" is no definition.
_ACRO_DEF = starting_with("A-Z", r"\b([A-Z][\w\-]*)\s+\((?:[A-Z][\w\-]*\s+)+[A-Z][\w\-]*\)")
# _ACRO_DEF is searched as its two parts (see _acronym_definition): the definition in parentheses is found
# fast (it starts with a plain character), the name then only where one is found.
_ACRO_DEF_PARENS = re.compile(r"\((?:[A-Z][\w\-]*\s+)+[A-Z][\w\-]*\)")
_ACRO_DEF_NAME = re.compile(r"\b([A-Z][\w\-]*)\s+\Z")
_ACRO_DEF_REACH = 100
_TITLE_PREFIX = re.compile(r"^\s*([^:]{1,40}?)\s*:")
_TITLE_NOISE = re.compile(r"\s+(?:Technical\s+Report|Report)$", re.IGNORECASE)
_OWN_SUBJECT = starting_with(
    "otwi",
    r"\b(?:our|the\s+proposed|this)\s+(?:[\w-]+\s+){0,3}?(?:method|approach|model|framework|system|algorithm|"
    r"technique|pipeline|architecture|agent|strategy|solution)s?\b|\bwe\b|\bit\b|\bours\b",
    re.IGNORECASE,
)
_NAME_REST = _NAME.removeprefix("[A-Z]")
# The name's first capital comes first, so the regex engine can skip ahead to the capitals. A start right
# after another capital can only fail where that capital already failed: the lookbehind skips it. A capital
# right after a number is a size suffix ("a size of 89.8M achieve"), after a hyphen part of a word ("re-ID").
_SUBJECT = re.compile(
    rf"(?<![\d.-])(?P<name>[A-Z](?<![A-Z]{{2}}){_NAME_REST}(?:\s+{_NAME})?)(?:\s+[a-z]{{3,}})?\s*,?\s+(?:\([^)]*\)\s+)?(?:(?:also|consistently|significantly|further|"
    r"substantially|still|only|then|clearly)\s+)?(?:(?:achiev|outperform|improv|reach|obtain|surpass|attain|yield|"
    r"deliver|exceed|reduc|requir|accelerat|establish|slash)(?:es|s|ed|d|e|ing)?|sets?|leads?|led|scored?|scores|"
    r"beats?|enjoys?|gains?|takes?|took|shows?|showed|performs?|performed|had|has|brings?|adds|records?|gets?|"
    r"got|wins?|rivals?|matches|raises?|raised|lifts?|lifted|boosts?|boosted|increases?|increased|lowers?|lowered|"
    r"cuts?|beats?)\b",
)
# The verbs _SUBJECT ends with, as stems: a cheap test before the costly _SUBJECT scan.
_SUBJECT_VERB_STEMS = (
    r"achiev|outperform|improv|reach|obtain|surpass|attain|yield|deliver|exceed|reduc|requir|accelerat|"
    r"establish|slash|set|lead|led|scor|beat|enjoy|gain|take|took|show|perform|had|has|bring|add|record|get|got|"
    r"win|rival|match|rais|lift|boost|increas|lower|cut"
)
_SUBJECT_VERB = starting_with(first_letters(_SUBJECT_VERB_STEMS), rf"\b(?:{_SUBJECT_VERB_STEMS})")
_OUR_NAMED = re.compile(rf"\b(?:[Oo]ur|[Tt]he\s+proposed)\s+({_NAME})\s+\w+")
_PAREN_NAME = re.compile(rf"\s*\(({_NAME})\)")
# "our sparse ranker", "our bilingual tagging model": the system, when the paper names none.
_OWN_PHRASE = starting_with(
    "Oo",
    r"\b[Oo]ur\s+((?:[a-z][\w-]*\s+){1,3}?(?:method|approach|model|framework|system|algorithm|technique|"
    r"pipeline|architecture|agent|strategy|solution|retriever|detector|classifier|policy|planner|network|"
    r"encoder|decoder|parser|tagger|recommender|controller|tokenizer|estimator)s?)\b",
)


def own_phrase(clause: str) -> str | None:
    """The described system of the last "our <modifiers> <system noun>" in clause, e.g. "dense retriever"."""
    found = None
    for match in _OWN_PHRASE.finditer(clause):
        found = match.group(1)
    if found and found.split()[0] in _PHRASE_NOISE:
        return None
    return found


# Words that make "our ..." a plain reference ("our proposed method"), not a description of the system.
_PHRASE_NOISE = frozenset(["proposed", "new", "novel", "final", "best", "full", "overall", "own", "simple"])


_GENERIC = frozenset(
    [
        "Our",
        "The",
        "This",
        "These",
        "Such",
        "It",
        "They",
        "Its",
        "Their",
        "Those",
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
        "LM",  # "decoding with an improved LM reaches": a language model, not a named system
        "LMs",
        # sentence-initial activities, not systems: "Training takes 8 hours"
        "Training",
        "Inference",
        "Pretraining",
        "Pre-training",
        "Fine-tuning",
        "Testing",
        "Deployment",
    ]
)


# Where _INTRO and _APPOSITIVE can start, and the words _CALLED needs: cheap scans before the costly patterns.
_INTRO_WORDS = ("We", "we", "This", "this")
_CALLED_WORDS = ("called", "dubbed", "named", "termed", "coined")


def _occurrences(text: str, words: tuple[str, ...]) -> Iterator[int]:
    """Every position where one of words starts (str.find is far faster than a regex scan)."""
    for word in words:
        at = text.find(word)
        while at >= 0:
            if at == 0 or not text[at - 1].isalnum():  # a word start, as \b in the patterns requires
                yield at
            at = text.find(word, at + 1)


def _search_from_starts(pattern: re.Pattern[str], starts: list[int], text: str) -> re.Match[str] | None:
    """pattern.search(text), trying only the candidate start positions."""
    for start in starts:
        match = pattern.match(text, start)
        if match:
            return match
    return None


def _introductions(abstract: str) -> Iterator[re.Match[str] | None]:
    """Matches of _INTRO, _APPOSITIVE and _CALLED, in that order, computed lazily."""
    starts = sorted(_occurrences(abstract, _INTRO_WORDS))
    yield _search_from_starts(_INTRO, starts, abstract)
    yield _search_from_starts(_APPOSITIVE, starts, abstract)
    yield _CALLED.search(abstract) if any(word in abstract for word in _CALLED_WORDS) else None


_SCORE_NOUN = re.compile(r"\s+scores?\s+(?:of|on|at|=|is|was)\b")


def _not_a_system(name: str, match: re.Match[str]) -> bool:
    """ "FID score of 4.2", "BLEU score of 30.1", "On Moorbank, ...": a metric or benchmark, not a system."""
    if _SCORE_NOUN.match(match.string, match.end("name")):
        return True
    first = name.split()[0]
    if is_hardware(name):
        return True  # "78.1 FPS on Tesla V100, yielding": the device, not a system
    return any(lookup(text) for text in (name, first) for lookup in (lookup_metric, lookup_benchmark))


# "\vspace{-1cm}Name: ...", "\LARGE \bf Name: ..." in LaTeX titles
_LATEX_LAYOUT = re.compile(
    r"\\(?:vspace|hspace)\*?\{[^}]*\}\s*|\\(?:tiny|small|normalsize|large|Large|LARGE|huge|Huge|bf|it|rm|sc|sf|tt)\b\s*"
)


def own_method(abstract: str, title: str) -> str | None:
    """Name of the paper's own method, from the title prefix or the abstract's introduction of it."""
    for match in _introductions(abstract):
        if match:
            name = match.groupdict().get("acro") or match.group("name")
            if name and name not in _GENERIC:
                return name.rstrip(".,")
    prefix = _TITLE_PREFIX.match(_LATEX_LAYOUT.sub("", title or ""))
    if prefix:
        name = _TITLE_NOISE.sub("", prefix.group(1)).strip()
        if len(name.split()) <= 3 and re.search(r"[A-Z]", name):
            return name
    name = _acronym_definition(abstract)
    if name and name not in _GENERIC:
        return name
    return None


def _may_continue(char: str) -> bool:
    """Whether char can be part of a name ([\\w\\-]) or of the space after it."""
    return char.isalnum() or char in "_-" or char.isspace()


def _acronym_definition(abstract: str) -> str | None:
    """Group 1 of _ACRO_DEF.search(abstract): the first name followed by its definition in parentheses.

    No definition holds a "(", so the first definition with a name right before it is the first match.
    """
    for parens in _ACRO_DEF_PARENS.finditer(abstract):
        end = parens.start()
        low = max(0, end - _ACRO_DEF_REACH)
        if low and _may_continue(abstract[low - 1]):
            low = 0  # the name, or the space after it, may start further back
        name = _ACRO_DEF_NAME.search(abstract, low, end)
        if name:
            return name.group(1)
    return None


def subject_before(clause: str, known: str | None = None) -> str | None:
    """The name that is the subject of the last result verb in clause, or "" for "our method"/"we".

    known is the paper's own method: "Plain Heron reaches" keeps its generic-looking first word.
    """
    best: str | None = None
    subjects = _SUBJECT.finditer(clause) if _SUBJECT_VERB.search(clause) else ()
    for match in subjects:
        name = match.group("name")
        first = name.split()[0]
        if first in _GENERIC and name != known:
            name = " ".join(name.split()[1:])
            if not name:
                continue
        if _not_a_system(name, match):
            continue
        best = name
    own = None
    for match in _OWN_SUBJECT.finditer(clause):
        own = match
    if own and (best is None or clause.rfind(best) < own.start()):
        named = _OUR_NAMED.search(own.group())
        if named and named.group(1) not in _GENERIC:
            return named.group(1)
        parenthesised = _PAREN_NAME.match(clause, own.end())  # "our models (KiteNets) achieve"
        return parenthesised.group(1) if parenthesised else ""
    return best
