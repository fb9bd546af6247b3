"""What writing one imported record gives back to the import service."""

from dataclasses import dataclass
from enum import StrEnum


class UpsertOutcome(StrEnum):
    CREATED = "created"
    UPDATED = "updated"
    UNCHANGED = "unchanged"


class RecordRejected(Exception):
    """The record cannot be stored; the reason is listed at its position and the run goes on."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True, slots=True)
class WriteResult:
    outcome: UpsertOutcome
    extract_ids: tuple[int, ...] = ()  # papers whose abstract is new or changed
    warnings: tuple[str, ...] = ()  # stored with a caveat the user should see
