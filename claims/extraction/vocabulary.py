"""Curated vocabulary of benchmarks and metrics, loaded from data/vocabulary.json.

Lookups go through `name_key` so "MS-COCO", "MSCOCO" and "ms coco" are one name. Finding
names inside a sentence uses one compiled alternation per kind, longest alias first.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

DATA_PATH = Path(__file__).resolve().parent / "data" / "vocabulary.json"
_NON_ALNUM = re.compile(r"[^0-9a-z]+")


def name_key(text: str) -> str:
    """Lowercase and drop every non-alphanumeric character: "MS-COCO" -> "mscoco"."""
    return _NON_ALNUM.sub("", text.lower())


@dataclass(frozen=True)
class BenchmarkEntry:
    name: str
    aliases: tuple[str, ...]
    task: str = ""


@dataclass(frozen=True)
class MetricEntry:
    name: str
    aliases: tuple[str, ...]
    higher_is_better: bool | None
    unit: str | None


_METRIC = 1
_BENCHMARK = 2


@dataclass(frozen=True, eq=False)  # hashed by identity, for the per-sentence cache below
class Vocabulary:
    benchmarks: dict[str, BenchmarkEntry]
    metrics: dict[str, MetricEntry]
    # One scan of the text as written finds metric acronyms ("AP") and benchmarks ("MATH", "Habitat");
    # one scan of the lower-cased text finds lower-case metrics ("accuracy") and distinctive benchmark
    # names in any case ("librispeech", "cifar-10"). The sets tell which kind each match is.
    written_pattern: re.Pattern[str]
    lowered_pattern: re.Pattern[str]
    written_kinds: dict[str, int]  # name as written -> _METRIC | _BENCHMARK bits
    lowered_kinds: dict[str, int]  # lower-cased name -> _METRIC | _BENCHMARK bits

    def find_names(self, text: str) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
        """(start, end) spans of the vocabulary's metrics and of its benchmarks in text."""
        return _find_names(self, text)


@lru_cache(maxsize=4)  # find_metrics and find_benchmarks ask about the same sentence one after the other
def _find_names(vocab: Vocabulary, text: str) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    metrics: list[tuple[int, int]] = []
    benchmarks: list[tuple[int, int]] = []
    _collect(vocab.written_pattern, vocab.written_kinds, text, metrics, benchmarks)
    lowered = text.lower()
    if len(lowered) != len(text):  # lower-casing changed the length: offsets would be wrong
        return _leftmost_first(metrics), _leftmost_longest(benchmarks)
    _collect(vocab.lowered_pattern, vocab.lowered_kinds, lowered, metrics, benchmarks)
    return _leftmost_first(metrics), _leftmost_longest(benchmarks)


def _collect(
    pattern: re.Pattern[str],
    kinds: dict[str, int],
    text: str,
    metrics: list[tuple[int, int]],
    benchmarks: list[tuple[int, int]],
) -> None:
    """Append the spans of pattern's names in text to metrics and benchmarks, by kind."""
    for match in pattern.finditer(" " + text):  # see _alternation
        name = match.group(1)
        start = match.start(1) - 1
        span = (start, start + len(name))
        kind = kinds[name]
        if kind & _METRIC:
            metrics.append(span)
        if kind & _BENCHMARK:
            benchmarks.append(span)


def _leftmost_first(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    spans.sort()
    kept: list[tuple[int, int]] = []
    for span in spans:
        if not kept or span[0] >= kept[-1][1]:
            kept.append(span)
    return kept


def _leftmost_longest(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    spans.sort(key=lambda span: (span[0], -span[1]))
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


def _alternation(names: list[str]) -> str:
    """One regex for many names, built as a trie so matching does not try every name at every position."""
    trie: dict = {}
    for name in set(names):
        node = trie
        for char in name:
            node = node.setdefault(char, {})
        node[""] = {}
    # The name (group 1) comes after a character that is no word character or hyphen: a pattern that
    # starts with a character class lets the regex engine skip ahead fast to the few places where a name
    # can start. Every name starts with a word character, so no match consumes another's separator.
    # Search " " + text so a name may start the text.
    first = "".join(sorted(re.escape(char) for char in trie))
    return rf"[^\w-](?=[{first}])({_trie_pattern(trie)})(?![\w-])"


def _trie_pattern(node: dict) -> str:
    # Longer continuations first so the longest name wins; "" marks that a name may end here.
    branches = [re.escape(char) + _trie_pattern(child) for char, child in sorted(node.items()) if char]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if "" in node else body


@cache
def load_vocabulary(path: Path = DATA_PATH) -> Vocabulary:
    raw = json.loads(path.read_text(encoding="utf-8"))
    benchmarks: dict[str, BenchmarkEntry] = {}
    bench_names: list[str] = []
    for row in raw["benchmarks"]:
        entry = BenchmarkEntry(row["name"], tuple(row.get("aliases", ())), row.get("task", ""))
        for name in (entry.name, *entry.aliases):
            benchmarks.setdefault(name_key(name), entry)
            bench_names.append(name)
    metrics: dict[str, MetricEntry] = {}
    metric_names: list[str] = []
    for row in raw["metrics"]:
        entry = MetricEntry(
            row["name"], tuple(row.get("aliases", ())), row.get("higher_is_better"), row.get("unit")
        )
        for name in (entry.name, *entry.aliases):
            metrics.setdefault(name_key(name), entry)
            metric_names.append(name)
    # Benchmarks are matched as written (case matters: "MATH" is a benchmark, "math" is not).
    # Metrics written in lower case ("accuracy") match in any case; acronyms ("AP", "IS") only as written.
    lower = [name for name in metric_names if name.lower() == name]
    upper = [name for name in metric_names if name.lower() != name]
    lowered_benchmarks = frozenset(name.lower() for name in bench_names if _distinctive(name))
    return Vocabulary(
        benchmarks,
        metrics,
        written_pattern=re.compile(_alternation([*upper, *bench_names])),
        lowered_pattern=re.compile(_alternation([*lower, *lowered_benchmarks])),
        written_kinds=_kinds(upper, bench_names),
        lowered_kinds=_kinds(lower, lowered_benchmarks),
    )


def _kinds(metric_names, benchmark_names) -> dict[str, int]:
    kinds: dict[str, int] = {}
    for name in metric_names:
        kinds[name] = kinds.get(name, 0) | _METRIC
    for name in benchmark_names:
        kinds[name] = kinds.get(name, 0) | _BENCHMARK
    return kinds


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
