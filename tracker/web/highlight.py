"""Split an abstract into plain text and the numbers its claims report, by the claims' stored offsets."""

from dataclasses import dataclass

from claims.models import Claim


@dataclass(frozen=True)
class Segment:
    text: str
    claim: Claim | None = None


def value_span_in_abstract(claim: Claim, abstract: str) -> tuple[int, int] | None:
    """The number's offsets when they are trustworthy: inside the abstract, on text that agrees with value_text.

    An edited abstract moves the text under the stored offsets; then the number is searched in the
    evidence sentence, and failing that it is not highlighted at all.
    """
    value_text = (claim.value_text or "").strip()
    start, end = claim.value_start, claim.value_end
    if start is not None and end is not None and 0 <= start < end <= len(abstract):
        marked = abstract[start:end].strip()
        if marked and (not value_text or marked in value_text or value_text in marked):
            return start, end
    evidence_at = abstract.find(claim.evidence) if claim.evidence else -1
    if evidence_at >= 0:
        for needle in (value_text, f"{claim.value:g}"):
            at = claim.evidence.find(needle) if needle else -1
            if at >= 0:
                return evidence_at + at, evidence_at + at + len(needle)
    return None


def abstract_segments(abstract: str, claims: list[Claim]) -> list[Segment]:
    """The abstract cut into segments; overlapping claims keep the first one's mark."""
    spans = sorted(
        (
            (span[0], span[1], claim)
            for claim in claims
            if (span := value_span_in_abstract(claim, abstract)) is not None
        ),
        key=lambda item: (item[0], item[1]),
    )
    segments: list[Segment] = []
    position = 0
    for start, end, claim in spans:
        if start < position:
            continue
        if start > position:
            segments.append(Segment(abstract[position:start]))
        segments.append(Segment(abstract[start:end], claim))
        position = end
    if position < len(abstract):
        segments.append(Segment(abstract[position:]))
    return segments


def number_in_evidence(evidence: str, value: float) -> tuple[str, str, str]:
    """The evidence split around the first spelling of the value, for rows that carry no offsets."""
    needle = f"{value:g}"
    at = evidence.find(needle)
    if at < 0:
        return evidence, "", ""
    return evidence[:at], needle, evidence[at + len(needle) :]
