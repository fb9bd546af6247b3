"""The vocabulary of benchmarks and metrics: names, aliases, direction and unit, kept as data.

Two files: data/vocabulary.json is curated by hand (the source of truth), data/vocabulary.generated.json is
built from it and Papers with Code's names by `manage.py build_vocabulary` and is what the engine loads
(the curated file alone when the generated one is missing). Lookups go through `name_key`, so "MS-COCO",
"MSCOCO" and "ms coco" are one name; `canonical_benchmark` / `canonical_metric` give an entry's one
canonical name for any written form. Names are found in sentences by a token trie (matcher.py), as
written or, for names distinctive in any case, case-blind.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from .matcher import TokenTrie, leftmost_longest

DATA_DIR = Path(__file__).resolve().parent / "data"
CURATED_PATH = DATA_DIR / "vocabulary.json"
GENERATED_PATH = DATA_DIR / "vocabulary.generated.json"
DATA_PATH = GENERATED_PATH if GENERATED_PATH.is_file() else CURATED_PATH
_NON_ALNUM = re.compile(r"[^0-9a-z]+")


def name_key(text: str) -> str:
    """Lowercase and drop every non-alphanumeric character: "MS-COCO" -> "mscoco"."""
    return _NON_ALNUM.sub("", text.lower())


@dataclass(frozen=True)
class BenchmarkEntry:
    name: str
    aliases: tuple[str, ...]
    task: str = ""
    parent: str | None = None  # "COCO" for "COCO test-dev"
    split: str | None = None  # "test-dev"


@dataclass(frozen=True)
class MetricEntry:
    name: str
    aliases: tuple[str, ...]
    higher_is_better: bool | None
    unit: str | None


_METRIC = 1
_BENCHMARK = 2
_BENCHMARK_IN_CONTEXT = 4  # a benchmark only after "on"/"the" or before "dataset"/"benchmark"

# Where a name that is also an ordinary word counts as a benchmark: "on Cora", "the Cora dataset".
_CONTEXT_BEFORE = re.compile(r"\b(?:on|in|across)\s+(?:the\s+)?$", re.IGNORECASE)
_CONTEXT_AFTER = re.compile(
    r"^\s*(?:\(|dataset|data\s+set|benchmark|corpus|test\s+set|split|challenge|leaderboard|suite|task)",
    re.IGNORECASE,
)


@dataclass(frozen=True, eq=False)  # hashed by identity, for the per-sentence cache below
class Vocabulary:
    benchmarks: dict[str, BenchmarkEntry]
    metrics: dict[str, MetricEntry]
    # Every name: as written for metric acronyms ("AP") and every benchmark ("MATH", "Habitat"), in any
    # case for lower-case metrics ("accuracy") and distinctive benchmark names ("librispeech", "cifar-10").
    # Payloads are _METRIC | _BENCHMARK | _BENCHMARK_IN_CONTEXT bits.
    names: TokenTrie

    def find_names(self, text: str) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
        """(start, end) spans of the vocabulary's metrics and of its benchmarks in text."""
        return _find_names(self, text)


@lru_cache(maxsize=4)  # find_metrics and find_benchmarks ask about the same sentence one after the other
def _find_names(vocab: Vocabulary, text: str) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    metrics: list[tuple[int, int]] = []
    benchmarks: list[tuple[int, int]] = []
    hits = vocab.names.find(text)
    if hits:
        _collect([hit for hit in hits if not hit[3]], text, metrics, benchmarks)
        _collect([hit for hit in hits if hit[3]], text, metrics, benchmarks)
    return _leftmost_first(metrics), leftmost_longest(benchmarks)


def _collect(hits, text: str, metrics: list[tuple[int, int]], benchmarks: list[tuple[int, int]]) -> None:
    """The leftmost-longest of one way of matching (as written, or in any case), appended by kind."""
    end = -1
    for start, stop, kind, _ in hits:  # sorted by start, longest first
        if start < end:
            continue
        if (
            kind & _BENCHMARK_IN_CONTEXT
            and not kind & _BENCHMARK
            and not _in_benchmark_context(text, start, stop)
        ):
            kind &= ~_BENCHMARK_IN_CONTEXT
            if not kind:
                continue
        end = stop
        if kind & _METRIC:
            metrics.append((start, stop))
        if kind & (_BENCHMARK | _BENCHMARK_IN_CONTEXT):
            benchmarks.append((start, stop))


def _in_benchmark_context(text: str, start: int, end: int) -> bool:
    return bool(
        _CONTEXT_BEFORE.search(text, max(0, start - 16), start) or _CONTEXT_AFTER.match(text[end : end + 16])
    )


def _leftmost_first(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    spans.sort()
    kept: list[tuple[int, int]] = []
    for span in spans:
        if not kept or span[0] >= kept[-1][1]:
            kept.append(span)
    return kept


def _distinctive(name: str) -> bool:
    """Names safe to match in any case: with a digit or mixed case ("CIFAR-10", "LibriSpeech", "nuScenes").

    All-capital and Capitalised names ("BEHAVIOR", "Habitat") are English words when lower-cased.
    """
    if name.lower() in _ENGLISH_WORDS:
        return False
    if any(char.isdigit() for char in name):
        return any(char.isalpha() for char in name) and len(name) >= 4
    # Camel case inside a word ("LibriSpeech", "nuScenes"); "Natural Questions" lower-cased is plain English.
    return any(
        any(char.isupper() for char in word[1:]) and any(char.islower() for char in word)
        for word in name.split()
    )


_ENGLISH_WORDS = frozenset(
    ["record", "squad", "drop", "race", "arc", "mind", "spider", "apps", "pope", "tape"]
)


def _or(old: int, new: int) -> int:
    return old | new


def _policies(row: dict, kind: str) -> dict[str, str]:
    """Each written form of a row with how it may be matched (see vocabulary_build)."""
    forms = [row["name"], *row.get("aliases", ())]
    match = row.get("match")
    if match is None:  # the curated file: the rules the generated file records explicitly
        if kind == "benchmark":
            return {form: "any" if _distinctive(form) else "written" for form in forms}
        return {form: "any" if form.lower() == form else "written" for form in forms}
    policies = dict.fromkeys(forms, "written")
    for policy, names in match.items():
        for form in names:
            policies[form] = policy
    return policies


_ACRONYM = re.compile(r"[A-Za-z]*[A-Z][A-Za-z]*")


@cache
def load_vocabulary(path: Path = DATA_PATH) -> Vocabulary:
    raw = json.loads(path.read_text(encoding="utf-8"))
    names = TokenTrie()
    benchmarks: dict[str, BenchmarkEntry] = {}
    for row in raw["benchmarks"]:
        entry = BenchmarkEntry(
            row["name"],
            tuple(row.get("aliases", ())),
            row.get("task", ""),
            row.get("parent"),
            row.get("split"),
        )
        for form, policy in _policies(row, "benchmark").items():
            benchmarks.setdefault(name_key(form), entry)
            # Benchmarks are matched as written (case matters: "MATH" is a benchmark, "math" is not);
            # distinctive names also in any case.
            if policy == "context":
                names.add(form, _BENCHMARK_IN_CONTEXT, merge=_or)
            elif policy != "lookup":
                names.add(form, _BENCHMARK, merge=_or)
            if policy == "any":
                names.add(form, _BENCHMARK, ignore_case=True, merge=_or)
    metrics: dict[str, MetricEntry] = {}
    for row in raw["metrics"]:
        entry = MetricEntry(
            row["name"], tuple(row.get("aliases", ())), row.get("higher_is_better"), row.get("unit")
        )
        for form, policy in _policies(row, "metric").items():
            metrics.setdefault(name_key(form), entry)
            # Metrics written in lower case ("accuracy") match in any case; acronyms ("AP", "IS") only as written.
            if policy == "any":
                names.add(form, _METRIC, ignore_case=True, merge=_or)
            elif policy == "written":
                names.add(form, _METRIC, merge=_or)
                if _ACRONYM.fullmatch(form):
                    names.add(form + "s", _METRIC, merge=_or)  # "41.6 mAPs", "FIDs of"
    return Vocabulary(benchmarks, metrics, names)


@lru_cache(maxsize=4096)  # the same names (methods, metrics) are looked up again and again
def lookup_benchmark(text: str) -> BenchmarkEntry | None:
    """The benchmark whose name or alias has the same name_key as text."""
    return load_vocabulary().benchmarks.get(name_key(text))


_SCORE_SUFFIX = re.compile(r"[\s-]*scores?$", re.IGNORECASE)


@lru_cache(maxsize=4096)
def lookup_metric(text: str) -> MetricEntry | None:
    """The metric whose name or alias has the same name_key as text; "CIDEr score" finds CIDEr."""
    metrics = load_vocabulary().metrics
    entry = metrics.get(name_key(text))
    if entry is None and _SCORE_SUFFIX.search(text):
        entry = metrics.get(name_key(_SCORE_SUFFIX.sub("", text)))
    return entry


def canonical_benchmark(text: str) -> str | None:
    """The canonical name of the benchmark text is a written form of ("ACE05" -> "ACE 2005"), or None."""
    entry = lookup_benchmark(text)
    return entry.name if entry else None


def canonical_metric(text: str) -> str | None:
    """The canonical name of the metric text is a written form of ("top-1 acc" -> "Top 1 Accuracy"), or None."""
    entry = lookup_metric(text)
    return entry.name if entry else None
