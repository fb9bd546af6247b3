"""The claim record the engine returns."""

from __future__ import annotations

from dataclasses import asdict, dataclass


@dataclass(frozen=True, slots=True)
class ExtractedClaim:
    value: float
    unit: str | None
    kind: str
    metric: str | None
    benchmark: str | None
    method: str | None
    compared_to: str | None
    setting: str | None
    evidence: str
    evidence_start: int
    evidence_end: int
    value_text: str
    value_start: int
    value_end: int
    confidence: float
    split: str | None = (
        None  # the split or subset measured on: "test-dev", "val2017", "test-clean", "256x256"
    )

    def to_dict(self) -> dict:
        """The contract fields plus setting, split, offsets, value_text and confidence."""
        return asdict(self)
