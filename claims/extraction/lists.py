"""Results written as lists: "0.91, 0.87 and 0.90 on A, B and C, respectively" gives each number its own
benchmark, and a metric named once for the list ("AUCs of 0.91, 0.87 and 0.90") belongs to all of them."""

from __future__ import annotations

import re
from dataclasses import replace

from .claim import ExtractedClaim
from .entities import Span
from .span_choice import list_order, number_list
from .splits import split_from_name

RESPECTIVELY = ("respectively", "respective")


def align_lists(
    sentence: str, claims: list[ExtractedClaim], benchmarks: list[Span], metrics: bool = True
) -> list[ExtractedClaim]:
    """The claims of one sentence with list-aligned benchmarks and list-shared metrics."""
    respectively = any(word in sentence for word in RESPECTIVELY)
    out: list[ExtractedClaim] = []
    for claim in claims:
        order = list_order(claim)
        if order is None:
            out.append(claim)
            continue
        index, length = order
        if respectively:
            names = _names_for_list(claim, length, benchmarks)
            if names is not None and names[index].lower() != (claim.benchmark or "").lower():
                benchmark, split = split_from_name(names[index])
                claim = replace(claim, benchmark=benchmark, split=split)
        if metrics and claim.metric is None:
            claim = replace(claim, metric=_list_metric(claim, claims))
        out.append(claim)
    return out


def _names_for_list(claim: ExtractedClaim, length: int, benchmarks: list[Span]) -> list[str] | None:
    """As many benchmark names as the list has numbers: all of the sentence's, or all of those after it."""
    if len(benchmarks) == length:
        return [span.text for span in benchmarks]
    value_end = claim.value_end - claim.evidence_start
    after = [span.text for span in benchmarks if span.start >= value_end]
    return after if len(after) == length else None


def _list_metric(claim: ExtractedClaim, claims: list[ExtractedClaim]) -> str | None:
    """The one metric the other numbers of the claim's list took, if they agree on one."""
    group = number_list(claim.evidence, claim.value_start - claim.evidence_start) or []
    metrics = {
        other.metric
        for other in claims
        if other.metric is not None
        and other.unit == claim.unit
        and other.evidence_start == claim.evidence_start
        and other.value_start - other.evidence_start in group
    }
    return metrics.pop() if len(metrics) == 1 else None


_NAME_SEPARATOR = re.compile(r"\s*(?:,\s*(?:and\s+)?|and\s+|/\s*)")  # "CIDEr / SPICE / BLEU-4 scores" too


def align_metric_lists(
    sentence: str, claims: list[ExtractedClaim], metrics: list[Span]
) -> list[ExtractedClaim]:
    """ "by 11.7%, 13.4% and 25.4% in MAE, RMSE and F1, respectively", "improves AUC, F1 and recall by 1.2%, 3.4%
    and 5.6%, respectively": the i-th number takes the i-th metric when as many metrics as numbers are written
    as one list after them or before them."""
    out: list[ExtractedClaim] = []
    for claim in claims:
        order = list_order(claim)
        if order is not None:
            index, length = order
            start = claim.value_start - claim.evidence_start
            group = number_list(sentence, start) or [start]
            after = [span for span in metrics if span.start > group[-1]]
            before = [span for span in metrics if span.end <= group[0]]
            for names in (after, before[-length:]):
                if len(names) == length and _written_as_list(sentence, names):
                    claim = replace(claim, metric=names[index].text)
                    break
        out.append(claim)
    return out


def _written_as_list(sentence: str, spans: list[Span]) -> bool:
    return all(
        _NAME_SEPARATOR.fullmatch(sentence, left.end, right.start)
        for left, right in zip(spans, spans[1:], strict=False)
    )
