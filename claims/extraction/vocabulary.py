"""Curated vocabulary of benchmarks and metrics, loaded from data/vocabulary.json.

Lookups go through `name_key` so "MS-COCO", "MSCOCO" and "ms coco" are one name. Finding
names inside a sentence uses one compiled alternation per kind, longest alias first.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
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


@dataclass(frozen=True)
class Vocabulary:
    benchmarks: dict[str, BenchmarkEntry]
    metrics: dict[str, MetricEntry]
    benchmark_pattern: re.Pattern[str]
    metric_pattern: re.Pattern[str]


def _alternation(names: list[str]) -> str:
    """One regex for many names, built as a trie so matching does not try every name at every position."""
    trie: dict = {}
    for name in set(names):
        node = trie
        for char in name:
            node = node.setdefault(char, {})
        node[""] = {}
    return rf"(?<![\w-])(?:{_trie_pattern(trie)})(?![\w-])"


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
    metric_pattern = re.compile(f"{_alternation(upper)}|(?i:{_alternation(lower)})")
    return Vocabulary(benchmarks, metrics, re.compile(_alternation(bench_names)), metric_pattern)


def lookup_benchmark(text: str) -> BenchmarkEntry | None:
    """The benchmark whose name or alias has the same name_key as text."""
    return load_vocabulary().benchmarks.get(name_key(text))


def lookup_metric(text: str) -> MetricEntry | None:
    """The metric whose name or alias has the same name_key as text."""
    return load_vocabulary().metrics.get(name_key(text))
