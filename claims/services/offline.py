"""Extract claims from a file of papers straight to JSON lines, with no database involved."""

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from claims.extraction import extract_claims
from papers.importers import iter_records
from papers.importers.base import RecordError


@dataclass
class OfflineTotals:
    papers: int = 0
    claims: int = 0
    errors: list[RecordError] = field(default_factory=list)


def claims_extract_file(
    *, path: Path | str, out: TextIO, format: str | None = None, progress: Callable[[int], None] | None = None
) -> OfflineTotals:
    """Write one JSON object per claim found in the file's abstracts (paper_title first, then the claim)."""
    totals = OfflineTotals()
    for item in iter_records(path, format=format):
        if progress:
            progress(1)
        if isinstance(item, RecordError):
            totals.errors.append(item)
            continue
        totals.papers += 1
        for claim in extract_claims(item.abstract, item.title):
            out.write(json.dumps({"paper_title": item.title, **claim.to_dict()}, ensure_ascii=False) + "\n")
            totals.claims += 1
    return totals
