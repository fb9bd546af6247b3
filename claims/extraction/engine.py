"""Ties the pieces together: sentences -> number mentions -> claims with their entities."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import kinds
from .claim import ExtractedClaim
from .entities import Span, find_benchmarks, find_metrics, find_setting, find_targets
from .filters import is_non_claim
from .methods import own_method, subject_before
from .numbers import Mention, find_mentions
from .sentences import split_sentences

_GROUP_GAP = re.compile(
    r"\s*(?:,|and|or|,\s*and|to|-|–|—|~|vs\.?|versus|/|and\s+from)\s*(?:up\s+to\s+|about\s+|approximately\s+)?",
    re.IGNORECASE,
)
_METRIC_GAP = re.compile(
    r"[\s,)]*(?:(?:absolute|relative|points?|pp|higher|lower|better|improvements?|increases?|gains?|reductions?|"
    r"decreases?|average|mean|on\s+average|in\s+terms\s+of|in|of|on|for|at|the|a|an|overall|\+)[\s,]+)*",
    re.IGNORECASE,
)
_CONTINUES = re.compile(
    r"^(?:It|Its|They|This|These|Furthermore|Moreover|Also|In\s+addition|Additionally|Similarly|Likewise|"
    r"Further|Besides)\b|\b(?:them|both\s+datasets|the\s+latter|the\s+former|the\s+gains)\b"
)
# Anaphora that make a sentence reuse the previous sentence's metric and comparison target.
_ANAPHORA = re.compile(
    r"\b(?:them|both\s+datasets|the\s+latter|the\s+former|the\s+gains|these\s+baselines)\b"
)
_FACTOR = re.compile(r"\bfactors?\s+(?:of|between)\s+(?:\d[\d.]*\s+and\s+)?$", re.IGNORECASE)
_TIGHT_LEFT_METRIC = re.compile(
    r"^\s*(?:\([\w\s-]*\)\s*)?(?:of|=|:|is|was|were|reached|reaches|reaching|to|at|from|with)?\s*$",
    re.IGNORECASE,
)
_MEASURE_UNITS = frozenset({None, "%", "points", "x"})
_HAS_NUMBER = re.compile(r"\d|half|twice|doubl|tripl|quadrupl|times|fold|points", re.IGNORECASE)
_FROM = re.compile(r"\bfrom\s+(?:about\s+|approximately\s+|around\s+)?$|\(\s*$", re.IGNORECASE)
_FILLER_SELF = re.compile(r"^(?:the\s+)?(?:baseline|state[- ]of[- ]the[- ]art)$", re.IGNORECASE)


@dataclass(slots=True)
class _Group:
    members: list[Mention]
    kind_hint: str = ""  # "transition", "vs", "list"


@dataclass(slots=True)
class _Context:
    metric: str | None = None
    benchmark: str | None = None
    compared_to: str | None = None
    method: str | None = None
    had_claims: bool = False
    extra: dict = field(default_factory=dict)


def extract_claims(abstract: str, title: str = "") -> list[ExtractedClaim]:
    """Every benchmark claim in abstract, in reading order."""
    paper_method = own_method(abstract, title)
    claims: list[ExtractedClaim] = []
    context = _Context()
    for start, end in split_sentences(abstract):
        found = _sentence_claims(abstract, start, end, paper_method, context)
        claims.extend(found)
    return claims


def _groups(sentence: str, mentions: list[Mention]) -> list[_Group]:
    groups: list[_Group] = []
    for mention in mentions:
        if groups:
            last = groups[-1].members[-1]
            gap = sentence[last.end : mention.start]
            if _GROUP_GAP.fullmatch(gap) and (last.unit == mention.unit or last.unit is None):
                group = groups[-1]
                group.members.append(mention)
                word = gap.strip().lower()
                if word.startswith("vs") or word == "versus":
                    group.kind_hint = "vs"
                elif (
                    word == "to"
                    and len(group.members) == 2
                    and _FROM.search(sentence, 0, group.members[0].start)
                ):
                    group.kind_hint = "transition"
                elif not group.kind_hint:
                    group.kind_hint = "list"
                continue
        groups.append(_Group([mention]))
    return groups


def _sentence_claims(
    abstract: str, s_start: int, s_end: int, paper_method: str | None, context: _Context
) -> list[ExtractedClaim]:
    sentence = abstract[s_start:s_end]
    if not _HAS_NUMBER.search(sentence):
        context.had_claims = False
        return []
    mentions = [m for m in find_mentions(sentence) if not is_non_claim(sentence, m)]
    if not mentions:
        context.had_claims = False
        return []
    metrics = find_metrics(sentence)
    exclude = frozenset(n for n in (paper_method,) if n)
    benchmarks = [b for b in find_benchmarks(sentence, exclude) if not _overlaps_any(b, metrics)]
    targets = find_targets(sentence)
    setting = find_setting(sentence)
    continues = bool(_CONTINUES.search(sentence))
    groups = _groups(sentence, mentions)
    consumed = _consumed_metrics(sentence, groups, metrics)
    anaphora = bool(_ANAPHORA.search(sentence))
    out: list[ExtractedClaim] = []
    previous: tuple[_Group, str, list[str | None]] | None = None
    for group in groups:
        first, last = group.members[0], group.members[-1]
        left = kinds.clause_left(sentence[: first.start])
        right = sentence[last.end :]
        if first.unit is None and _FACTOR.search(left):
            for mention in group.members:
                mention.unit = "x"
        between = sentence[previous[0].members[-1].end : first.start] if previous else ""
        # A list item with no cue of its own ("by 7.4% in A, 12.5% in B") repeats the previous item's kind.
        inherit = (
            previous is not None
            and previous[0].kind_hint not in ("transition", "vs")
            and not kinds.has_cue(
                re.sub(
                    r"\b(?:in|on|and|the|both)\b", "", _strip_names(between, benchmarks, previous[0], first)
                )
            )
        )
        if previous is not None:
            left = left[max(0, len(left) - len(between)) :] if len(between) < len(left) else left
        if group.kind_hint in ("transition", "vs"):
            kind = kinds.SCORE
        elif (
            inherit
            and previous is not None
            and (first.unit == previous[0].members[-1].unit or previous[1] == kinds.RATIO)
        ):
            kind = previous[1]
        else:
            kind = kinds.classify(left, right, last.unit, first.sign or last.sign)
        group_metrics = _metrics_for(sentence, group, metrics, consumed)
        if (
            all(m is None for m in group_metrics)
            and inherit
            and previous is not None
            and first.unit in _MEASURE_UNITS
        ):
            group_metrics = [previous[2][-1]] * len(group.members)
        group_benchmarks = _benchmarks_for(sentence, group, benchmarks)
        previous = (group, kind, group_metrics)
        target = (
            _target_for(sentence, group, targets) if kind != kinds.SCORE or group.kind_hint == "vs" else None
        )
        subject = subject_before(left)
        for index, mention in enumerate(group.members):
            metric = mention.unit_word or group_metrics[index]
            benchmark = group_benchmarks[index]
            if mention.unit is None and not _keep_bare(sentence, mention, metric, benchmark, kind, metrics):
                continue
            if benchmark is None and context.had_claims and context.benchmark and continues:
                benchmark = context.benchmark
            if metric is None and anaphora and context.metric and kind != kinds.SCORE:
                metric = context.metric
            compared = target if kind != kinds.SCORE else None
            if compared is None and kind != kinds.SCORE and anaphora and context.compared_to:
                compared = context.compared_to
            method = _method_for(group, index, subject, paper_method, target)
            for name in _split_both(sentence, mention, benchmark):
                out.append(
                    _build(
                        abstract, s_start, sentence, mention, kind, metric, name, method, compared, setting
                    )
                )
    if out:
        context.had_claims = True
        context.metric = next((c.metric for c in out if c.metric), None)
        context.benchmark = next((c.benchmark for c in reversed(out) if c.benchmark), None)
        context.compared_to = next((c.compared_to for c in out if c.compared_to), None)
    else:
        context.had_claims = False
    return out


def _same(a: str | None, b: str | None) -> bool:
    return a is None or b is None or a.lower() == b.lower()


def _overlaps_any(span: Span, others: list[Span]) -> bool:
    return any(span.start < o.end and o.start < span.end for o in others)


def _keep_bare(
    sentence: str, mention: Mention, metric: str | None, benchmark: str | None, kind: str, metrics: list[Span]
) -> bool:
    """A number without a unit is a claim only when it is tied to a metric, or a decimal tied to a result."""
    if mention.is_integer:
        # Integers are mostly counts: keep them only when a metric sits right next to them.
        return bool(metric) and (
            bool(_adjacent_metrics(sentence, mention.end, metrics))
            or _tight_left_metric(sentence, mention, metrics)
        )
    if metric:
        return True
    return benchmark is not None or kind == kinds.DELTA


def _tight_left_metric(sentence: str, mention: Mention, metrics: list[Span]) -> bool:
    before = [span for span in metrics if span.end <= mention.start]
    return bool(before) and bool(_TIGHT_LEFT_METRIC.match(sentence[before[-1].end : mention.start]))


def _strip_names(text: str, benchmarks: list[Span], previous: _Group, first: Mention) -> str:
    return re.sub(r"\([^)]*\)|[A-Z][\w\-]*", "", text)


_BOTH = re.compile(r"\bboth\s+$")


def _split_both(sentence: str, mention: Mention, benchmark: str | None) -> list[str | None]:
    """ "2% in both A and B" is one claim per benchmark."""
    if not benchmark or " and " not in benchmark:
        return [benchmark]
    return [part.strip() for part in benchmark.split(" and ")]


def _adjacent_metrics(sentence: str, pos: int, metrics: list[Span]) -> list[Span]:
    """Metrics right after pos, as a list when written "M1 and M2"."""
    gap = _METRIC_GAP.match(sentence, pos)
    at = gap.end() if gap else pos
    found: list[Span] = []
    for span in metrics:
        if span.start == at or (span.start > pos and span.start <= at and span.end > at):
            found.append(span)
            rest = re.match(r"\s*(?:,|and|,\s*and)\s*", sentence[span.end :])
            if not rest:
                break
            at = span.end + rest.end()
    return found


def _consumed_metrics(sentence: str, groups: list[_Group], metrics: list[Span]) -> set[int]:
    consumed: set[int] = set()
    for group in groups:
        for span in _adjacent_metrics(sentence, group.members[-1].end, metrics):
            consumed.add(span.start)
    return consumed


def _metrics_for(sentence: str, group: _Group, metrics: list[Span], consumed: set[int]) -> list[str | None]:
    n = len(group.members)
    first = group.members[0]
    own = _adjacent_metrics(sentence, group.members[-1].end, metrics)
    if not own and n > 1:
        own = _adjacent_metrics(sentence, first.end, metrics)
    if own:
        if len(own) == n:
            return [span.text for span in own]
        return [own[0].text] * n
    if first.unit not in _MEASURE_UNITS:
        # A measured cost ("114 FPS", "32 GPU hours") takes only a metric written right next to it.
        return [_tight_left_name(sentence, first, metrics)] * n
    left_limit = len(sentence[: first.start]) - len(kinds.clause_left(sentence[: first.start]))
    before = [span for span in metrics if left_limit <= span.start and span.end <= first.start]
    # A metric right after another number belongs to it, except for a parenthesised "(A to B)" detail.
    parenthesised = sentence[: first.start].rstrip().endswith("(")
    free = [span for span in before if parenthesised or span.start not in consumed]
    if free:
        # "F1-score and accuracy of 0.966 and 0.972": a metric list right before the numbers pairs up.
        listed = _list_ending_at(sentence, free)
        if len(listed) == n and n > 1:
            return [span.text for span in listed]
        return [free[-1].text] * n
    return [None] * n


def _tight_left_name(sentence: str, mention: Mention, metrics: list[Span]) -> str | None:
    before = [span for span in metrics if span.end <= mention.start]
    if before and _TIGHT_LEFT_METRIC.match(kinds.strip_bounds(sentence[before[-1].end : mention.start])):
        return before[-1].text
    return None


def _list_ending_at(sentence: str, spans: list[Span]) -> list[Span]:
    listed = [spans[-1]]
    for span in reversed(spans[:-1]):
        if re.fullmatch(r"\s*(?:,|and|,\s*and)\s*", sentence[span.end : listed[0].start]):
            listed.insert(0, span)
        else:
            break
    return listed


_LEFT_ADJACENT = re.compile(
    r"^\s*(?:\(\s*|:\s*|from\s+|[,]?\s*(?:with|at|reaching|achieving)\s+)?$", re.IGNORECASE
)


def _benchmarks_for(sentence: str, group: _Group, benchmarks: list[Span]) -> list[str | None]:
    n = len(group.members)
    first = group.members[0]
    tight = [
        span
        for span in benchmarks
        if span.end <= first.start and _LEFT_ADJACENT.match(sentence[span.end : first.start])
    ]
    if tight:
        return [tight[-1].text] * n
    results: list[str | None] = []
    for index, mention in enumerate(group.members):
        limit = group.members[index + 1].start if index + 1 < n else len(sentence)
        own = _benchmark_after(sentence, mention.end, limit, benchmarks)
        results.append(own[0].text if own and index + 1 < n else None)
    last = group.members[-1]
    after = _benchmark_after(sentence, last.end, len(sentence), benchmarks)
    if after:
        if n > 1 and len(after) > 1:
            return [after[min(i, len(after) - 1)].text for i in range(n)]
        if n == 1 and len(after) > 1 and re.search(r"\bboth\s+$", sentence[: after[0].start]):
            return [" and ".join(span.text for span in after)]
        results = [r or after[0].text for r in results]
        return results
    before = [span for span in benchmarks if span.end <= group.members[0].start]
    if before:
        return [r or before[-1].text for r in results]
    return results


def _benchmark_after(sentence: str, pos: int, limit: int, benchmarks: list[Span]) -> list[Span]:
    window = sentence[pos:limit]
    stop = re.search(r"[;]|,\s*(?:while|whereas|but|and)\b|\b(?:while|whereas|compared|than)\b", window)
    end = pos + (stop.start() if stop else len(window))
    found = [
        span
        for span in benchmarks
        if pos <= span.start < end
        and span.start - pos <= 60
        and not re.match(r"^[\s)]*(?:,|and\b)", sentence[pos : span.start])
    ]
    if len(found) > 1:
        # Keep a run written as a list ("on A, B and C"); otherwise only the nearest.
        run = [found[0]]
        for span in found[1:]:
            if re.fullmatch(r"\s*(?:,|and|,\s*and)\s*", sentence[run[-1].end : span.start]):
                run.append(span)
            else:
                break
        return run
    return found


_VS_OWNER = re.compile(r"\s*(?:for|by|of)\s+((?:the\s+)?[\w\- ]{2,40}?)\s*(?:[.,;)]|$)")


def _target_for(sentence: str, group: _Group, targets: list[Span]) -> str | None:
    first = group.members[0]
    if group.kind_hint == "vs":
        after = [t for t in targets if t.start >= first.start]
        if after:
            return after[0].text
        owner = _VS_OWNER.match(sentence, group.members[-1].end)
        return owner.group(1) if owner else None
    before = [t for t in targets if t.end <= first.start]
    after = [t for t in targets if t.start >= group.members[-1].end]
    if before:
        return before[-1].text
    return after[0].text if after else None


def _method_for(
    group: _Group, index: int, subject: str | None, paper_method: str | None, target: str | None
) -> str | None:
    if group.kind_hint == "transition" and index == 0:
        return target
    if group.kind_hint == "vs" and index > 0:
        return target
    if subject:
        return subject
    return paper_method


def _build(
    abstract: str,
    offset: int,
    sentence: str,
    mention: Mention,
    kind: str,
    metric: str | None,
    benchmark: str | None,
    method: str | None,
    compared: str | None,
    setting: str | None,
) -> ExtractedClaim:
    confidence = (
        0.5 + 0.15 * (metric is not None) + 0.15 * (benchmark is not None) + 0.1 * (mention.unit is not None)
    )
    return ExtractedClaim(
        value=mention.value,
        unit=mention.unit,
        kind=kind,
        metric=metric,
        benchmark=benchmark,
        method=method,
        compared_to=compared,
        setting=setting,
        evidence=sentence,
        evidence_start=offset,
        evidence_end=offset + len(sentence),
        value_text=sentence[mention.start : mention.end],
        value_start=offset + mention.start,
        value_end=offset + mention.end,
        confidence=round(min(confidence, 0.95), 2),
    )
