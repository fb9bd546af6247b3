"""Build the generated vocabulary: the curated file merged with Papers with Code's names.

Pure Python, no Django: `build_vocabulary` (the management command) is a thin door onto `vocabulary_build`.

Every entry has one canonical name (Papers with Code's where it has the name, else the curated one) and its
aliases: the curated aliases, Papers with Code names with the same `name_key`, and written variants generated
conservatively (a variant never takes a key another name already has). Each written form carries how the
engine may match it in text:

- "any": in any case ("cifar-10"; names with digits or inner capitals),
- "written": only as written (the default, not listed),
- "context": only as written and only in a benchmark context ("on Cora", "the Cora dataset"): one-word names
  that are ordinary words when capitalised, short acronyms,
- "lookup": never searched in text, only looked up (metric names that read like settings or other words).

Names that are no benchmark at all ("Text", "Results on ...") are dropped; the summary counts them.
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .splits import split_from_name
from .vocabulary import CURATED_PATH, _distinctive, name_key

RULES_PATH = Path(__file__).resolve().parent / "data" / "vocabulary_rules.json"
FORMAT_VERSION = 1
_CURATED, _LEADERBOARDS, _PWC = "curated", "pwc-leaderboards", "pwc-tables"
_MAX_WORDS = 8
_MAX_CHARS = 80


class VocabularyInputError(ValueError):
    """An input file that cannot be read at all (missing, not JSON where JSON is required)."""


@dataclass
class SourceProblem:
    """One bad record of an input file, with where it was."""

    source: str
    position: str
    reason: str

    def __str__(self) -> str:
        return f"{self.source}: {self.position}: {self.reason}"


@dataclass
class PwcName:
    """A dataset or metric name as Papers with Code writes it, with how much it is used."""

    name: str
    papers: int = 0
    tasks: Counter = field(default_factory=Counter)
    source: str = _LEADERBOARDS


@dataclass
class BuildSummary:
    benchmarks: int = 0
    metrics: int = 0
    pwc_benchmark_names: int = 0
    pwc_metric_names: int = 0
    dropped_benchmark_names: int = 0
    dropped_metric_names: int = 0
    variants: int = 0
    with_parent: int = 0
    problems: list[SourceProblem] = field(default_factory=list)


# Reading the sources ------------------------------------------------------------------------------------------


def read_leaderboards(path: Path, problems: list[SourceProblem]) -> Iterator[dict]:
    """The rows of a leaderboards.jsonl file; a bad line is reported in problems and skipped."""
    try:
        handle = path.open(encoding="utf-8")
    except OSError as exc:
        raise VocabularyInputError(f"{path}: {exc.strerror or exc}") from exc
    with handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                problems.append(SourceProblem(str(path), f"line {number}", f"not JSON ({exc.msg})"))
                continue
            if not isinstance(row, dict) or not isinstance(row.get("dataset"), str):
                problems.append(SourceProblem(str(path), f"line {number}", "no dataset name"))
                continue
            yield row


def read_pwc_tables(
    paths: Iterable[Path], problems: list[SourceProblem]
) -> Iterator[tuple[str, str, str, str]]:
    """(task, dataset, metric or "", parent or "") for every dataset and subdataset of evaluation-tables files."""
    for path in paths:
        try:
            tasks = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            problems.append(SourceProblem(str(path), "file", f"not readable as JSON ({exc})"))
            continue
        if not isinstance(tasks, list):
            problems.append(SourceProblem(str(path), "file", "not a list of tasks"))
            continue
        yield from _walk_tasks(tasks, str(path), problems)


def _walk_tasks(
    tasks: list, source: str, problems: list[SourceProblem]
) -> Iterator[tuple[str, str, str, str]]:
    for index, task in enumerate(tasks):
        if not isinstance(task, dict):
            problems.append(SourceProblem(source, f"task {index}", "not an object"))
            continue
        name = task.get("task") or ""
        for dataset in task.get("datasets") or []:
            if not isinstance(dataset, dict) or not isinstance(dataset.get("dataset"), str):
                problems.append(SourceProblem(source, f"task {name!r}", "a dataset without a name"))
                continue
            yield from _dataset_rows(name, dataset, "", source, problems)
        yield from _walk_tasks(task.get("subtasks") or [], source, problems)


def _dataset_rows(
    task: str, dataset: dict, parent: str, source: str, problems
) -> Iterator[tuple[str, str, str, str]]:
    title = dataset.get("dataset") or dataset.get("subdataset") or ""
    metrics = (dataset.get("sota") or {}).get("metrics") or []
    yield task, title, "", parent
    for metric in metrics:
        if isinstance(metric, str):
            yield task, title, metric, parent
    for sub in dataset.get("subdatasets") or []:
        if isinstance(sub, dict) and isinstance(sub.get("subdataset") or sub.get("dataset"), str):
            yield from _dataset_rows(task, sub, title, source, problems)


# Cleaning and classifying names -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Rules:
    generic: frozenset[str]
    platforms: frozenset[str]
    not_name_words: frozenset[str]
    metric_heads: frozenset[str]
    lower_is_better: frozenset[str]
    higher_is_better: frozenset[str]


def load_rules(path: Path = RULES_PATH) -> Rules:
    raw = json.loads(path.read_text(encoding="utf-8"))
    return Rules(
        generic=frozenset(name_key(name) for name in raw["generic_benchmark_names"]),
        platforms=frozenset(name_key(name) for name in raw["platform_names"]),
        not_name_words=frozenset(raw["not_name_words"]),
        metric_heads=frozenset(raw["metric_heads"]),
        lower_is_better=frozenset(raw["lower_is_better"]),
        higher_is_better=frozenset(raw["higher_is_better"]),
    )


_SPACES = re.compile(r"\s+")
_WORDS = re.compile(r"[a-z0-9][a-z0-9@.\-]*", re.IGNORECASE)


def clean_name(name: str) -> str:
    """Whitespace folded, trailing colons and underscores (Markdown emphasis) dropped."""
    return _SPACES.sub(" ", name).strip().strip("_").rstrip(":").strip()


def is_benchmark_name(name: str, rules: Rules) -> bool:
    """Whether a Papers with Code dataset name names a benchmark (not "Text", "Results on ...", a sentence)."""
    key = name_key(name)
    if len(key) < 2 or not any(char.isalpha() for char in name) or key in rules.generic:
        return False
    if len(name) > _MAX_CHARS or len(name.split()) > _MAX_WORDS or name.endswith("."):
        return False
    words = {word.lower() for word in name.split()}
    return not words & rules.not_name_words


def _metric_words(name: str) -> list[str]:
    return [word.lower().rstrip(".") for word in _WORDS.findall(name)]


def is_metric_name(name: str, rules: Rules) -> bool:
    """Whether a Papers with Code metric name reads as a measure: it holds a metric head word ("Top 1 Accuracy")."""
    if not name or len(name) > _MAX_CHARS:
        return False
    for word in _metric_words(name):
        if word in rules.metric_heads:
            return True
        # "AP50", "R@10", "Hits@1", "F1-score", "mIoU-1%": a head followed by its parameter.
        head = re.match(r"[a-z]+(?:-[a-z]+)?", word)
        if head and (head.group() in rules.metric_heads) and len(head.group()) >= 2:
            return True
    return False


def metric_direction(name: str, rules: Rules) -> bool | None:
    """True when higher is better, False when lower is, None when the name does not say."""
    words = _metric_words(name)
    stems = set(words) | {re.match(r"[a-z]+", word).group() for word in words if re.match(r"[a-z]+", word)}
    if stems & rules.lower_is_better:
        return False
    if stems & rules.higher_is_better:
        return True
    return None


def benchmark_policy(form: str, rules: Rules | None = None) -> str:
    """How a Papers with Code benchmark name may be matched: "any", "written" or "context".

    Platforms ("YouTube", "Reddit") name data sets only in a benchmark context: "clips collected from
    YouTube" describes training data, not a benchmark.
    """
    if rules is not None and name_key(form) in rules.platforms:
        return "context"
    if _distinctive(form):
        return "any"
    words = form.split()
    letters = form.replace("-", "").replace(" ", "")
    if len(words) == 1:
        if letters.isalpha() and (form.islower() or form[1:].islower()):
            return "context"  # "Cora", "Soccer", "cvact": ordinary words when capitalised
        if form.isupper() and len(letters) <= 3:
            return "context"  # "MR", "CR", "LOL": too many other meanings
        return "written"
    if not any(char.isdigit() for char in form) and any(
        word.isalpha() and word.islower() for word in words[1:]
    ):
        return "context"  # "Social media", "Binary classification": phrases, not names
    return "written"


def metric_policy(form: str, curated: bool) -> str:
    """Lower-case metric names match in any case ("accuracy"), others as written ("AP", "Top 1 Accuracy").

    Papers with Code's one- and two-letter metric names ("R", "SQ") are only looked up, never searched.
    """
    if not curated and len(name_key(form)) <= 2:
        return "lookup"
    if form.lower() == form:
        return "any"
    return "written"


# Written variants ---------------------------------------------------------------------------------------------

_YEAR = re.compile(r"(?P<prefix>[A-Za-z][A-Za-z]+)(?P<sep>[\s-]?)(?P<century>19|20)(?P<yy>\d\d)(?![\d])")
_LETTERS_DIGITS = re.compile(r"^(?P<letters>[A-Za-z][A-Za-z+]{2,})[\s-](?P<digits>v?\d+(?:\.\d+)?[kK]?)$")
_JOINED_DIGITS = re.compile(r"^(?P<letters>[A-Za-z][A-Za-z]{2,})(?P<digits>\d+(?:\.\d+)?)$")
_HYPHEN_OR_SPACE = re.compile(r"[\s-]+")
_TRAILING_PAREN = re.compile(r"^(?P<outside>[^()]+?)\s*\((?P<inside>[^()]+)\)$")


def variants(form: str) -> list[str]:
    """Obvious other spellings: "CIFAR-10" -> "CIFAR10", "CIFAR10" -> "CIFAR 10", "ACE 2005" -> "ACE05".

    Hyphen and space need no variant: the matcher treats them alike.
    """
    out: list[str] = []
    match = _LETTERS_DIGITS.match(form)
    if match:
        out.append(match.group("letters") + match.group("digits"))
    match = _JOINED_DIGITS.match(form)
    if match and not (match.group("letters")[-1].isupper() and match.group("letters")[-2].islower()):
        # "CIFAR10" -> "CIFAR 10", but not "ImageNetV2" -> "ImageNetV 2"
        out.append(f"{match.group('letters')} {match.group('digits')}")
    for match in _YEAR.finditer(form):
        if not any(char.isupper() for char in match.group("prefix")):
            continue  # "in 2005" is no name; "ACE 2005", "CoNLL-2003" are
        head, tail = form[: match.start()], form[match.end() :]
        prefix, yy = match.group("prefix"), match.group("yy")
        out.append(f"{head}{prefix}{yy}{tail}")
        out.append(f"{head}{prefix} {yy}{tail}")
    return [variant for variant in out if variant != form]


def acronym_parts(form: str) -> list[str]:
    """ "Long Range Arena (LRA)" -> ["Long Range Arena", "LRA"] when one part abbreviates the other."""
    match = _TRAILING_PAREN.match(form)
    if not match:
        return []
    outside, inside = match.group("outside").strip(), match.group("inside").strip()
    if _abbreviates(inside, outside) or _abbreviates(outside, inside):
        return [outside, inside]
    return []


def _abbreviates(short: str, long: str) -> bool:
    letters = [char for char in short if char.isalpha()]
    if len(letters) < 2 or " " in short or not all(char.isupper() for char in letters[:2]):
        return False
    words = [word for word in re.split(r"[\s-]+", long) if word and word[0].isalpha()]
    if len(words) < 2:
        return False
    initials = "".join(word[0] for word in words).upper()
    capitals = "".join(char for char in long if char.isupper())
    wanted = "".join(letters).upper()
    return wanted in (initials, capitals) or (
        wanted.startswith(initials[0]) and _subsequence(wanted, capitals)
    )


def _subsequence(short: str, long: str) -> bool:
    rest = iter(long)
    return all(char in rest for char in short)


# Merging ------------------------------------------------------------------------------------------------------


@dataclass
class _Entry:
    name: str
    forms: dict[str, str]  # written form -> policy, in insertion order; name first
    sources: set[str]
    task: str = ""
    papers: int = 0
    higher_is_better: bool | None = None
    unit: str | None = None
    pwc_names: Counter = field(default_factory=Counter)
    parent: str | None = None
    split: str | None = None
    curated: bool = False


class _Catalog:
    """Entries indexed by the name_key of every form; the first entry to claim a key keeps it."""

    def __init__(self) -> None:
        self.entries: list[_Entry] = []
        self.by_key: dict[str, _Entry] = {}

    def add_entry(self, entry: _Entry) -> None:
        self.entries.append(entry)
        for form in list(entry.forms):
            self.by_key.setdefault(name_key(form), entry)

    def add_form(self, entry: _Entry, form: str, policy: str) -> bool:
        key = name_key(form)
        if not key:
            return False
        owner = self.by_key.get(key)
        if owner is not None and owner is not entry:
            return False
        self.by_key[key] = entry
        if form not in entry.forms:
            entry.forms[form] = policy
        return True


def _curated_catalog(rows: list[dict], kind: str) -> _Catalog:
    catalog = _Catalog()
    for row in rows:
        forms = [row["name"], *row.get("aliases", ())]
        if kind == "benchmark":
            forms = _split_out(catalog, row, forms)
        policies = {form: _curated_policy(form, kind) for form in forms}
        entry = _Entry(
            name=row["name"],
            forms=policies,
            sources={_CURATED},
            task=row.get("task", ""),
            higher_is_better=row.get("higher_is_better"),
            unit=row.get("unit"),
            curated=True,
        )
        catalog.add_entry(entry)
    return catalog


def _split_out(catalog: _Catalog, row: dict, forms: list[str]) -> list[str]:
    """An alias that is the benchmark with a split ("COCO test-dev" of COCO) becomes an entry of its own.

    Results on two splits are two leaderboards; the split entry records its parent (see _set_parent).
    """
    keys = {name_key(form) for form in forms}
    kept: list[str] = []
    for form in forms:
        parent, split = split_from_name(form)
        if split is not None and form != row["name"] and name_key(parent) in keys:
            entry = _Entry(name=form, forms={form: _curated_policy(form, "benchmark")}, sources={_CURATED})
            entry.curated = True
            catalog.add_entry(entry)
        else:
            kept.append(form)
    return kept


def vocabulary_build(
    *,
    curated: dict,
    leaderboard_rows: Iterable[dict] = (),
    pwc_rows: Iterable[tuple[str, str, str, str]] = (),
    rules: Rules | None = None,
    summary: BuildSummary | None = None,
) -> dict:
    """The generated vocabulary (as JSON-ready data) from the curated data and the Papers with Code rows."""
    rules = rules or load_rules()
    summary = summary if summary is not None else BuildSummary()
    datasets: dict[str, PwcName] = {}
    metrics: dict[str, PwcName] = {}
    parents: dict[str, str] = {}
    for row in leaderboard_rows:
        papers = row.get("papers") if isinstance(row.get("papers"), int) else 0
        _count(datasets, row["dataset"], papers, row.get("task") or "", _LEADERBOARDS)
        if isinstance(row.get("metric"), str):
            _count(metrics, row["metric"], papers, row.get("task") or "", _LEADERBOARDS)
    for task, dataset, metric, parent in pwc_rows:
        _count(datasets, dataset, 0, task, _PWC)
        if metric:
            _count(metrics, metric, 0, task, _PWC)
        if parent:
            parents.setdefault(clean_name(dataset), clean_name(parent))
    summary.pwc_benchmark_names, summary.pwc_metric_names = len(datasets), len(metrics)

    benchmarks = _curated_catalog(curated.get("benchmarks", []), "benchmark")
    metric_catalog = _curated_catalog(curated.get("metrics", []), "metric")
    benchmark_keys = set(benchmarks.by_key)
    for pwc in sorted(datasets.values(), key=lambda item: (-item.papers, item.name)):
        if not is_benchmark_name(pwc.name, rules):
            summary.dropped_benchmark_names += 1
            continue
        _merge_pwc(benchmarks, pwc, benchmark_policy(pwc.name, rules), "benchmark")
    for pwc in sorted(metrics.values(), key=lambda item: (-item.papers, item.name)):
        key = name_key(pwc.name)
        if not is_metric_name(pwc.name, rules) or (
            key in benchmark_keys and key not in metric_catalog.by_key
        ):
            summary.dropped_metric_names += 1
            continue
        entry = _merge_pwc(metric_catalog, pwc, metric_policy(pwc.name, curated=False), "metric")
        if entry.higher_is_better is None and not entry.curated:
            entry.higher_is_better = metric_direction(pwc.name, rules)
        if entry.unit is None and not entry.curated and "%" in pwc.name:
            entry.unit = "%"

    for catalog, kind in ((benchmarks, "benchmark"), (metric_catalog, "metric")):
        for entry in catalog.entries:
            _choose_canonical(entry)
        for entry in list(catalog.entries):
            summary.variants += _add_variants(catalog, entry, kind)
    for entry in benchmarks.entries:
        _set_parent(benchmarks, entry, parents)
        summary.with_parent += entry.parent is not None
    summary.benchmarks, summary.metrics = len(benchmarks.entries), len(metric_catalog.entries)
    return {
        "version": FORMAT_VERSION,
        "benchmarks": [_benchmark_json(entry) for entry in benchmarks.entries],
        "metrics": [_metric_json(entry) for entry in metric_catalog.entries],
    }


def _count(names: dict[str, PwcName], raw: str, papers: int, task: str, source: str) -> None:
    name = clean_name(raw)
    if not name:
        return
    item = names.get(name)
    if item is None:
        item = names[name] = PwcName(name, source=source)
    item.papers += papers
    if task:
        item.tasks[task] += max(papers, 1)
    if source == _LEADERBOARDS:
        item.source = source


def _merge_pwc(catalog: _Catalog, pwc: PwcName, policy: str, kind: str) -> _Entry:
    entry = catalog.by_key.get(name_key(pwc.name))
    if entry is None:
        entry = _Entry(name=pwc.name, forms={pwc.name: policy}, sources=set())
        catalog.add_entry(entry)
    elif pwc.name not in entry.forms:
        # A spelling of a curated name matches like the curated forms do: the curators vouch for the name.
        entry.forms[pwc.name] = _curated_policy(pwc.name, kind) if entry.curated else policy
    entry.sources.add(pwc.source)
    entry.pwc_names[pwc.name] += max(pwc.papers, 1)
    entry.papers += pwc.papers
    if not entry.task and pwc.tasks:
        entry.task = pwc.tasks.most_common(1)[0][0]
    if kind == "benchmark":
        for part in acronym_parts(pwc.name):
            catalog.add_form(entry, part, benchmark_policy(part))
    return entry


def _curated_policy(form: str, kind: str) -> str:
    if kind == "metric":
        return metric_policy(form, curated=True)
    return "any" if _distinctive(form) else "written"


def _choose_canonical(entry: _Entry) -> None:
    """Papers with Code's spelling where it has one: the one whose key is the curated name's, else the most used."""
    if not entry.pwc_names:
        return
    same_key = [name for name in entry.pwc_names if name_key(name) == name_key(entry.name)]
    pool = same_key or list(entry.pwc_names)
    canonical = max(pool, key=lambda name: (entry.pwc_names[name], name))
    if canonical != entry.name:
        entry.forms = {canonical: entry.forms[canonical], **entry.forms}
        entry.name = canonical


def _add_variants(catalog: _Catalog, entry: _Entry, kind: str) -> int:
    added = 0
    for form, policy in list(entry.forms.items()):
        if policy == "lookup":
            continue
        for variant in variants(form):
            # The matcher does not tell "CIFAR-10" from "CIFAR 10": such a variant adds nothing.
            tokens = _HYPHEN_OR_SPACE.split(variant)
            if any(_HYPHEN_OR_SPACE.split(known) == tokens for known in entry.forms):
                continue
            variant_policy = policy
            if kind == "benchmark" and policy == "any" and not _distinctive(variant):
                variant_policy = "written"
            if catalog.add_form(entry, variant, variant_policy):
                added += 1
    return added


def _set_parent(catalog: _Catalog, entry: _Entry, parents: dict[str, str]) -> None:
    parent_name = parents.get(entry.name)
    split = None
    if parent_name is None:
        parent_name, split = split_from_name(entry.name)
        if split is None:
            return
    parent = catalog.by_key.get(name_key(parent_name))
    if parent is None or parent is entry:
        return
    entry.parent, entry.split = parent.name, split


def _match_lists(forms: dict[str, str]) -> dict[str, list[str]]:
    match: dict[str, list[str]] = defaultdict(list)
    for form, policy in forms.items():
        if policy != "written":
            match[policy].append(form)
    return dict(sorted(match.items()))


def _common_json(entry: _Entry) -> dict:
    data: dict = {"name": entry.name, "aliases": [form for form in entry.forms if form != entry.name]}
    match = _match_lists(entry.forms)
    if match:
        data["match"] = match
    data["sources"] = sorted(entry.sources)
    if entry.papers:
        data["papers"] = entry.papers
    return data


def _benchmark_json(entry: _Entry) -> dict:
    data = _common_json(entry)
    data["task"] = entry.task
    if entry.parent:
        data["parent"] = entry.parent
        if entry.split:
            data["split"] = entry.split
    return data


def _metric_json(entry: _Entry) -> dict:
    data = _common_json(entry)
    data["higher_is_better"] = entry.higher_is_better
    data["unit"] = entry.unit
    return data


def read_curated(path: Path = CURATED_PATH) -> dict:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise VocabularyInputError(f"{path}: not readable as JSON ({exc})") from exc


def write_vocabulary(data: dict, path: Path) -> None:
    """Write data as JSON, one entry a line so diffs stay readable; replace the file only when complete."""
    lines = ["{", f'  "version": {data["version"]},']
    for section in ("benchmarks", "metrics"):
        lines.append(f'  "{section}": [')
        rows = [json.dumps(row, ensure_ascii=False) for row in data[section]]
        lines.extend(f"    {row}," for row in rows[:-1])
        if rows:
            lines.append(f"    {rows[-1]}")
        lines.append("  ]," if section == "benchmarks" else "  ]")
    lines.append("}")
    tmp = path.with_suffix(path.suffix + ".tmp")
    tmp.write_text("\n".join(lines) + "\n", encoding="utf-8")
    tmp.replace(path)
