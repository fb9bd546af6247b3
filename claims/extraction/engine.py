"""The rules stage: groups a sentence's numbers and reads each one's kind, metric, benchmark and method."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from . import kinds
from .claim import ExtractedClaim
from .entities import (
    Span,
    benchmark_name_prefix,
    find_benchmarks,
    find_metrics,
    find_setting,
    find_targets,
    overlaps_any,
)
from .lists import align_lists
from .methods import own_phrase, subject_before
from .numbers import LATEX_EMPHASIS, Mention
from .proposal import BARE, Proposal
from .splits import claim_splits
from .textscan import starting_with
from .vocabulary import name_key

# An arrow between a before and an after: "→", "->", LaTeX's "$\to$" and "$\rightarrow$".
_ARROW_WORDS = r"→|->|\$?\\(?:to|rightarrow|longrightarrow)\$?"
# Numbers in LaTeX emphasis list the same way: "\textbf{12.4\%} and \textbf{6.3\%}".
_GROUP_GAP = re.compile(
    rf"\}}?\s*(?:,|and|or|,\s*and|to|--?|–|—|~|vs\.?|versus|/|and\s+from|{_ARROW_WORDS})"
    rf"\s*(?:{LATEX_EMPHASIS})?(?:up\s+to\s+|about\s+|approximately\s+|~)?",
    re.IGNORECASE,
)
_METRIC_GAP = re.compile(
    r"[\s,(){}]*(?:(?:absolute|relative|points?|pp|higher|lower|better|improvements?|increases?|gains?|reductions?|"
    r"decreases?|average|mean|on\s+average|in\s+terms\s+of|in|of|on|for|at|the|a|an|overall|\+)[\s,]+)*",
    re.IGNORECASE,
)
_CONTINUES = starting_with(
    "ITFMASLBtb",
    r"^(?:It|Its|They|This|These|Furthermore|Moreover|Also|In\s+addition|Additionally|Similarly|Likewise|"
    r"Further|Besides)\b|\b(?:them|both\s+datasets|the\s+latter|the\s+former|the\s+gains)\b",
)
# Anaphora that make a sentence reuse the previous sentence's metric and comparison target.
_ANAPHORA = starting_with(
    "tb", r"\b(?:them|both\s+datasets|the\s+latter|the\s+former|the\s+gains|these\s+baselines)\b"
)
_FACTOR = re.compile(r"\bfactors?\s+(?:of|between)\s+(?:\d[\d.]*\s+and\s+)?$", re.IGNORECASE)
_TIGHT_LEFT_METRIC = re.compile(
    r"^\s*(?:\([\w\s-]*\)\s*)?(?:of|=|:|is|was|were|reached|reaches|reaching|to|at|from|with)?\s*$",
    re.IGNORECASE,
)
# A measured cost may also follow its metric through a change verb: "latency falls from 120 ms".
_COST_CHANGE_LEFT = re.compile(
    r"^\s*(?:falls?|fell|drops?|dropped|decreases?|decreased|goes|went|rises?|rose|increases?|increased|"
    r"grows?|grew|shrinks?|shrank|is\s+reduced|was\s+reduced|reduced|improves?|improved)\s+(?:from|to)\s*$",
    re.IGNORECASE,
)
_MEASURE_UNITS = frozenset({None, "%", "points", "x"})
_ARROW = re.compile(_ARROW_WORDS)  # "(60.1% $\to$ 64.2%)": a before and an after
_METRIC_ARROW = re.compile(rf"\s*[A-Za-z][\w@.-]*\s*(?:{_ARROW_WORDS})\s*")  # "30.1 mAP → 32.8 mAP"
_RANGING = re.compile(
    r"\b(?:rang\w*|vary\w*|varies)\s+from\s+$", re.IGNORECASE
)  # a range, not a before and after
_ASIDE_TO = re.compile(r"\s*\([^()\d]{1,40}\)\s*to\s*")
_FROM = re.compile(
    r"\bfrom\s+(?:(?:the|its|their|a|reported|previous|prior|original|baseline)\s+){0,3}"
    r"(?:about\s+|approximately\s+|around\s+)?$|\(\s*$",
    re.IGNORECASE,
)
_FILLER_SELF = re.compile(r"^(?:the\s+)?(?:baseline|state[- ]of[- ]the[- ]art)$", re.IGNORECASE)


_NAMES_AND_PARENS = re.compile(r"\([^)]*\)|[A-Z][\w\-]*")
_LIST_GAP = re.compile(r"\s*(?:,|and|,\s*and)\s*")
_BOTH = re.compile(r"\bboth\s+$")
_BENCHMARK_STOP = re.compile(r"[;]|,\s*(?:while|whereas|but|and)\b|\b(?:while|whereas|compared|than)\b")


def _may_stop(window: str) -> bool:
    """Cheap test for the characters and words _BENCHMARK_STOP needs."""
    return (
        ";" in window
        or "while" in window
        or "whereas" in window
        or "compared" in window
        or "than" in window
        or ("," in window and ("but" in window or "and" in window))
    )


_LIST_CONTINUES = re.compile(r"[\s)]*(?:,|and\b)")
_NO_KIND_WORDS = re.compile(r"\b(?:in\s+terms\s+of|up\s+to|in|on|and|the|both)\b")


@dataclass(slots=True)
class _Group:
    members: list[Mention]
    kind_hint: str = ""  # "transition", "vs", "list"


@dataclass(slots=True)
class Context:
    metric: str | None = None
    benchmark: str | None = None
    compared_to: str | None = None
    method: str | None = None
    had_claims: bool = False
    # name_key(benchmark) -> (metric, unit) of the abstract's last claim on it that named its metric
    metric_on: dict[str, tuple[str, str | None]] = field(default_factory=dict)
    extra: dict = field(default_factory=dict)


def unruled(abstract: str, offset: int, sentence: str, mention: Mention, origin: str) -> Proposal:
    """A number the filters turned down, with the kind its words suggest and no entities."""
    left = kinds.clause_left(sentence[: mention.start])
    kind = kinds.classify(left, sentence[mention.end :], mention.unit, mention.sign)
    claim = _build(abstract, offset, sentence, mention, kind, None, None, None, None, None)
    return Proposal(claim, origin)


def has_number(sentence: str) -> bool:
    """Cheap prefilter: a digit, or a word that can stand for a number (substring tests beat a regex scan)."""
    for digit in "0123456789":
        if digit in sentence:
            return True
    lowered = sentence.lower()
    return (
        "half" in lowered
        or "twice" in lowered
        or "doubl" in lowered
        or "tripl" in lowered
        or "quadrupl" in lowered
        or "times" in lowered
        or "fold" in lowered
        or "points" in lowered
    )


_GAIN_UNITS = frozenset(["%", "points", None])


def _kind_carries(previous_kind: str, previous_unit: str | None, unit: str | None) -> bool:
    """Whether a list item without a cue of its own repeats the previous item's kind: in the same unit, after a
    ratio, or after a gain in points or percent ("gains of 4.2 points in recall, 6.5 in F2")."""
    if unit == previous_unit or previous_kind == kinds.RATIO:
        return True
    return previous_kind == kinds.DELTA and unit in _GAIN_UNITS and previous_unit in _GAIN_UNITS


def _groups(sentence: str, mentions: list[Mention]) -> list[_Group]:
    groups: list[_Group] = []
    for mention in mentions:
        if groups:
            last = groups[-1].members[-1]
            gap = sentence[last.end : mention.start]
            aside = _ASIDE_TO.fullmatch(gap) and _FROM.search(sentence, 0, last.start)
            if (_METRIC_ARROW.fullmatch(gap) or aside) and last.unit == mention.unit:
                groups[-1].members.append(mention)
                groups[-1].kind_hint = "transition"  # "30.1 mAP → 32.8 mAP", "from 85% (the best) to 96%"
                continue
            if _GROUP_GAP.fullmatch(gap) and (last.unit == mention.unit or last.unit is None):
                group = groups[-1]
                group.members.append(mention)
                word = gap.strip().lower()
                if word.startswith("vs") or word == "versus":
                    group.kind_hint = "vs"
                elif len(group.members) == 2 and (
                    _ARROW.search(word)
                    or (
                        word == "to"
                        and _FROM.search(sentence, 0, group.members[0].start)
                        and not _RANGING.search(sentence, 0, group.members[0].start)
                    )
                ):
                    group.kind_hint = "transition"
                elif not group.kind_hint:
                    group.kind_hint = "list"
                continue
        groups.append(_Group([mention]))
    return groups


def read_sentence(
    abstract: str,
    s_start: int,
    s_end: int,
    mentions: list[Mention],
    paper_method: str | None,
    context: Context,
    dropped: list[Proposal],
) -> list[ExtractedClaim]:
    """The rules' claims among the sentence's mentions (the filters' survivors), with kinds and entities.

    Numbers the rules turn down are appended to dropped; context carries what the next sentence may reuse.
    """
    sentence = abstract[s_start:s_end]
    if not mentions:
        context.had_claims = False
        return []
    exclude = frozenset(n for n in (paper_method,) if n)
    found_benchmarks = find_benchmarks(sentence, exclude)
    metrics = _without_benchmark_prefix(sentence, find_metrics(sentence), found_benchmarks, exclude)
    benchmarks = [b for b in found_benchmarks if not overlaps_any(b, metrics)]
    targets: list[Span] | None = None  # found on first need: most sentences report only scores
    setting = find_setting(sentence)
    continues: bool | None = None  # both searched on first need: most claims do not look back
    groups = _groups(sentence, mentions)
    consumed = _consumed_metrics(sentence, groups, metrics)
    anaphora: bool | None = None
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
                _NO_KIND_WORDS.sub(
                    "", kinds.without_cue_after(_strip_names(between, benchmarks, previous[0], first))
                )
            )
        )
        clause = left
        if previous is not None:
            left = left[max(0, len(left) - len(between)) :] if len(between) < len(left) else left
        if group.kind_hint in ("transition", "vs"):
            kind = kinds.SCORE
        else:
            kind = kinds.classify(left, right, last.unit, first.sign or last.sign)
            if (
                inherit
                and previous is not None
                and _kind_carries(previous[1], previous[0].members[-1].unit, first.unit)
                and not first.sign
                and kind not in (kinds.RATIO, kinds.RELATIVE)
                and not kinds.has_cue_after(right)
                and not kinds.gain_in_parentheses_after(right)
            ):
                # An explicit sign ("(+2.3%)") or its own ratio/relative cue overrides the list's kind.
                kind = previous[1]
            elif (
                kind in (kinds.DELTA, kinds.SCORE)
                and previous is not None
                and previous[1] == kinds.RATIO
                and kinds.classify(clause, right, last.unit, first.sign or last.sign) == kinds.RATIO
            ):
                # "reducing time by 2x and memory by 30%": the clause's cost-cutting verb covers both.
                kind = kinds.RATIO
        group_metrics = _metrics_for(sentence, group, metrics, consumed, clause)
        if (
            all(m is None for m in group_metrics)
            and previous is not None
            and (
                # a list item in the same unit repeats the previous metric ("3.4x faster" does not take accuracy)
                (
                    inherit
                    and first.unit in _MEASURE_UNITS
                    and _same_measure(first.unit, previous[0].members[-1].unit)
                )
                or _parallel(sentence, previous, group, kind)
            )
        ):
            group_metrics = [previous[2][-1]] * len(group.members)
        group_benchmarks = _paired_names(_benchmarks_for(sentence, group, benchmarks, metrics))
        previous = (group, kind, group_metrics)
        target = None
        if kind != kinds.SCORE or group.kind_hint == "vs":
            if targets is None:
                targets = find_targets(sentence)
            target = _target_for(sentence, group, targets)
        subject = subject_before(left, paper_method)
        if not subject and paper_method is None:
            subject = own_phrase(left) or subject
        for index, mention in enumerate(group.members):
            metric = mention.unit_word or group_metrics[index]
            benchmark = group_benchmarks[index]
            if mention.unit is None and not _keep_bare(sentence, mention, metric, benchmark, kind, metrics):
                proposal = _build(
                    abstract, s_start, sentence, mention, kind, metric, benchmark, None, None, setting
                )
                dropped.append(Proposal(proposal, BARE))
                continue
            if benchmark is None and context.had_claims and context.benchmark:
                if continues is None:
                    continues = bool(_CONTINUES.search(sentence))
                if continues:
                    benchmark = context.benchmark
            compared = target if kind != kinds.SCORE else None
            if kind != kinds.SCORE and (
                (metric is None and context.metric) or (compared is None and context.compared_to)
            ):
                if anaphora is None:
                    anaphora = bool(_ANAPHORA.search(sentence))
                if anaphora:
                    if metric is None and context.metric:
                        metric = context.metric
                    if compared is None and context.compared_to:
                        compared = context.compared_to
            if metric is None and benchmark and kind in (kinds.SCORE, kinds.DELTA) and context.metric_on:
                # "BiT attains 76.8% on ILSVRC-2012 with 10 examples", after "87.5% top-1 accuracy on ILSVRC-2012"
                earlier_metric, earlier_unit = context.metric_on.get(name_key(benchmark), (None, None))
                if earlier_unit == mention.unit:
                    metric = earlier_metric
            method = _method_for(group, index, subject, paper_method, target)
            for name in _split_both(sentence, mention, benchmark):
                out.append(
                    _build(
                        abstract, s_start, sentence, mention, kind, metric, name, method, compared, setting
                    )
                )
    if len(out) > 1:
        out = align_lists(sentence, _share_trailing_benchmark(sentence, s_start, out, benchmarks), benchmarks)
    if out:
        out = claim_splits(sentence, s_start, out)
    for claim in out:
        if claim.metric and claim.benchmark:
            context.metric_on[name_key(claim.benchmark)] = (claim.metric, claim.unit)
    if out:
        context.had_claims = True
        context.metric = next((c.metric for c in out if c.metric), None)
        context.benchmark = next((c.benchmark for c in reversed(out) if c.benchmark), None)
        context.compared_to = next((c.compared_to for c in out if c.compared_to), None)
    else:
        context.had_claims = False
    return out


def _paired_names(names: list[str | None]) -> list[str | None]:
    """ "82.9%/84.8% on K400/K600": one slash-joined name per member of a slash-joined group."""
    if len(names) < 2 or names[0] is None or len(set(names)) != 1:
        return names
    parts = [part.strip() for part in names[0].split("/")]
    return parts if len(parts) == len(names) and all(parts) else names


def _same_measure(unit: str | None, other: str | None) -> bool:
    return unit == other or {unit, other} <= {"%", "points"}


def _parallel(
    sentence: str, previous: tuple[_Group, str, list[str | None]], group: _Group, kind: str
) -> bool:
    """Whether group repeats the previous group's construction, and so its metric.

    "speeds of 2.4 m/s and 0.9 rad/s" (a plain list), "7% relative improvement in A ..., while achieving
    15% relative improvement over B" (the same kind of change, other than a plain score).
    """
    gap = sentence[previous[0].members[-1].end : group.members[0].start]
    if _LIST_GAP.fullmatch(gap):
        return True
    return kind == previous[1] and kind in (kinds.RELATIVE, kinds.DELTA, kinds.RATIO) and ";" not in gap


# Between two results joined into one list: "a recall of 94% and a precision of 90% on X".
_JOINED = re.compile(r"[^;.\d]{0,40}?\band\b[^;.\d]{0,40}")
_NOT_JOINED = re.compile(r"\b(?:while|whereas|but|compared|than|respectively)\b")


def _share_trailing_benchmark(
    sentence: str, offset: int, out: list[ExtractedClaim], benchmarks: list[Span]
) -> list[ExtractedClaim]:
    """A result without a benchmark takes the one of the next result it is listed with, or the benchmark
    named between them ("91.4%, 90.2% and 84.7% under three conditions on A, 93.5% on B")."""
    for index in range(len(out) - 2, -1, -1):
        claim, following = out[index], out[index + 1]
        if claim.benchmark or not following.benchmark or claim.kind != following.kind:
            continue
        low, high = claim.value_end - offset, following.value_start - offset
        gap = sentence[low:high]
        if (_JOINED.fullmatch(gap) or _LIST_GAP.fullmatch(gap)) and not _NOT_JOINED.search(gap):
            named = [span for span in benchmarks if low <= span.start and span.end <= high]
            out[index] = replace(claim, benchmark=named[-1].text if named else following.benchmark)
    return out


def _same(a: str | None, b: str | None) -> bool:
    return a is None or b is None or a.lower() == b.lower()


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
    return _NAMES_AND_PARENS.sub("", text)


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
            rest = _LIST_GAP.match(sentence, span.end)
            if not rest:
                break
            at = rest.end()
    return found


def _consumed_metrics(sentence: str, groups: list[_Group], metrics: list[Span]) -> set[int]:
    consumed: set[int] = set()
    for group in groups:
        for span in _adjacent_metrics(sentence, group.members[-1].end, metrics):
            consumed.add(span.start)
    return consumed


def _metrics_for(
    sentence: str, group: _Group, metrics: list[Span], consumed: set[int], clause: str
) -> list[str | None]:
    """The metric of each member; clause is kinds.clause_left of the text before the group."""
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
        # A measured cost ("114 FPS", "32 GPU hours") takes only a metric written right next to it, and not one
        # another number took ("41.5% AP at 512 FPS").
        free = [span for span in metrics if span.start not in consumed]
        return [_tight_left_name(sentence, first, free)] * n
    left_limit = first.start - len(clause)
    before = [span for span in metrics if left_limit <= span.start and span.end <= first.start]
    # A metric right after another number belongs to it, except for a parenthesised "(A to B)" detail.
    in_terms = _metric_in_terms_of(sentence, group.members[-1].end, metrics)
    if in_terms:
        return [in_terms.text] * n
    parenthesised = sentence[: first.start].rstrip().endswith("(")
    free = [span for span in before if parenthesised or span.start not in consumed]
    if free:
        # "precision and recall of 0.91 and 0.87": a metric list right before the numbers pairs up.
        listed = _list_ending_at(sentence, free)
        if len(listed) == n and n > 1:
            return [span.text for span in listed]
        return [free[-1].text] * n
    # "A achieved a dice score of 0.81, while B scored 0.80": the clause reuses the sentence's last metric.
    earlier = [span for span in metrics if span.end <= left_limit and span.start not in consumed]
    if earlier and (first.unit is not None or not first.is_integer):
        return [earlier[-1].text] * n
    return [None] * n


_IN_TERMS_OF = re.compile(
    r"\b(?:in\s+terms\s+of|as\s+measured\s+by|measured\s+by)\s+(?:the\s+)?", re.IGNORECASE
)


def _metric_in_terms_of(sentence: str, pos: int, metrics: list[Span]) -> Span | None:
    """ "10x faster in terms of wall-clock time", "by 9% in terms of top-20 accuracy": the metric named after."""
    if "terms" not in sentence and "measured" not in sentence:
        return None
    end = min(len(sentence), pos + 80)
    stop = _BENCHMARK_STOP.search(sentence, pos, end)
    cue = _IN_TERMS_OF.search(sentence, pos, stop.start() if stop else end)
    if not cue:
        return None
    for span in metrics:
        if span.end > cue.end() and len(sentence[cue.end() : span.start].split()) <= 2:
            return span
    return None


def _tight_left_name(sentence: str, mention: Mention, metrics: list[Span]) -> str | None:
    before = [span for span in metrics if span.end <= mention.start]
    if not before:
        return None
    gap = kinds.strip_bounds(sentence[before[-1].end : mention.start])
    if _TIGHT_LEFT_METRIC.match(gap) or _COST_CHANGE_LEFT.match(gap):
        return before[-1].text
    return None


def _list_ending_at(sentence: str, spans: list[Span]) -> list[Span]:
    listed = [spans[-1]]
    for span in reversed(spans[:-1]):
        if _LIST_GAP.fullmatch(sentence, span.end, listed[0].start):
            listed.insert(0, span)
        else:
            break
    return listed


_LEFT_ADJACENT = re.compile(
    r"^\s*(?:(?:benchmark|dataset|data\s+set|test\s+set)\s*)?"
    r"(?:\(\s*|:\s*|from\s+|[,]?\s*(?:with|at|reaching|achieving)\s+)?$",
    re.IGNORECASE,
)


def _benchmarks_for(
    sentence: str, group: _Group, benchmarks: list[Span], metrics: list[Span]
) -> list[str | None]:
    n = len(group.members)
    first = group.members[0]
    tight = [
        span
        for span in benchmarks
        if span.end <= first.start and _LEFT_ADJACENT.match(sentence[span.end : first.start])
    ]
    if tight:
        return [tight[-1].text] * n
    named = _benchmark_before_metric(sentence, first, benchmarks, metrics)
    if named:
        return [named.text] * n
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
        if n == 1 and len(after) > 1 and _BOTH.search(sentence, 0, after[0].start):
            return [" and ".join(span.text for span in after)]
        results = [r or after[0].text for r in results]
        return results
    if first.unit not in _MEASURE_UNITS:
        # A measured cost ("114 FPS", "3 GPU hours") is about hardware, not about an earlier-named data set.
        return results
    before = [span for span in benchmarks if span.end <= group.members[0].start]
    if before:
        return [r or before[-1].text for r in results]
    return results


def _benchmark_before_metric(
    sentence: str, mention: Mention, benchmarks: list[Span], metrics: list[Span]
) -> Span | None:
    """ "the QuarryQA exact match to 71.5%": a benchmark naming the metric written right before the number."""
    before = [span for span in metrics if span.end <= mention.start]
    if not before or not _TIGHT_LEFT_METRIC.match(
        kinds.strip_bounds(sentence[before[-1].end : mention.start])
    ):
        return None
    metric = before[-1]
    for span in benchmarks:
        if span.end <= metric.start and not sentence[span.end : metric.start].strip():
            return span
    return None


_THE_BEFORE = starting_with("Tt", r"\b[Tt]he\s+$")


def _the_before(sentence: str, pos: int) -> bool:
    """_THE_BEFORE.search(sentence, 0, pos), looking only a little way back unless all of that is spaces."""
    low = max(0, pos - 40)
    if low and sentence[low + 3 : pos].isspace():
        low = 0
    return bool(_THE_BEFORE.search(sentence, low, pos))


def _without_benchmark_prefix(
    sentence: str, metrics: list[Span], benchmarks: list[Span], exclude: frozenset[str]
) -> list[Span]:
    """ "QuarryQA exact match" is the benchmark QuarryQA and the metric "exact match".

    A name found only this way is appended to benchmarks.
    """
    out: list[Span] = []
    for metric in metrics:
        bench = next((b for b in benchmarks if b.start == metric.start and b.end < metric.end), None)
        if bench is None and _the_before(sentence, metric.start):
            # Only after "the": "the QuarryQA accuracy", not "CO2 emissions" or "Lumen score gains".
            name = benchmark_name_prefix(metric.text, exclude)
            if name:
                bench = Span(metric.start, metric.start + len(name), name)
                benchmarks.append(bench)
        if bench is not None:
            start = bench.end
            while start < metric.end and sentence[start].isspace():
                start += 1
            if bench.end < start < metric.end:
                metric = Span(start, metric.end, sentence[start : metric.end])
        out.append(metric)
    benchmarks.sort(key=lambda span: span.start)
    return out


def _benchmark_after(sentence: str, pos: int, limit: int, benchmarks: list[Span]) -> list[Span]:
    window = sentence[pos:limit]
    stop = _BENCHMARK_STOP.search(window) if _may_stop(window) else None
    # ", and" between the last two of a list of names ("the A, B, and C datasets") ends no clause.
    while stop and stop.group().startswith(",") and _listed_across(benchmarks, pos, window, stop):
        stop = _BENCHMARK_STOP.search(window, stop.end())
    end = pos + (stop.start() if stop else len(window))
    found = [
        span
        for span in benchmarks
        if pos <= span.start < end
        and span.start - pos <= 60
        and not _LIST_CONTINUES.match(sentence, pos, span.start)
    ]
    if len(found) > 1:
        # Keep a run written as a list ("on A, B and C"); otherwise only the nearest.
        run = [found[0]]
        for span in found[1:]:
            if _LIST_GAP.fullmatch(sentence, run[-1].end, span.start):
                run.append(span)
            else:
                break
        return run
    return found


def _listed_across(spans: list[Span], pos: int, window: str, stop: re.Match) -> bool:
    """Whether a name ends right before the stop and another starts right after it."""
    before = pos + len(window[: stop.start()].rstrip())
    after = pos + stop.end() + len(window[stop.end() :]) - len(window[stop.end() :].lstrip())
    return any(span.end == before for span in spans) and any(span.start == after for span in spans)


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
    if after and _CLOSE_TARGET_GAP.fullmatch(sentence, group.members[-1].end, after[0].start):
        return after[0].text  # "... by all baselines, with a 26% relative gain over ADAS": the closest one
    if before:
        return before[-1].text
    return after[0].text if after else None


# Between a number and the system it is compared with: "relative improvement over", "higher than".
_CLOSE_TARGET_GAP = re.compile(
    r"\s*(?:[a-z-]+\s+){0,3}(?:over|than|above|compared\s+(?:to|with)|relative\s+to|against|versus|vs\.?)\s+"
    r"(?:the\s+)?"
)


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
