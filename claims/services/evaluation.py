"""Score the extraction engine against a gold file, with the contract's matching rules. No database."""

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from claims.extraction import extract_claims
from claims.extraction.scoring import load_jsonl, score, title_key
from papers.importers import iter_records
from papers.importers.base import RecordError


@dataclass
class Evaluation:
    summary: dict
    errors: dict  # level -> (misses, false hits), each a list of (paper key, claim dict)
    rejected: list[tuple[str, RecordError]] = field(default_factory=list)


def predictions_for_files(
    *, paths: Iterable[Path | str], format: str | None = None
) -> tuple[list[dict], list[tuple[str, RecordError]]]:
    """The engine's claims for every paper in the files; a paper in several files is read once."""
    predictions: list[dict] = []
    rejected: list[tuple[str, RecordError]] = []
    seen: set[str] = set()
    for path in paths:
        for item in iter_records(path, format=format):
            if isinstance(item, RecordError):
                rejected.append((str(path), item))
                continue
            key = title_key(item.title)
            if key in seen:
                continue
            seen.add(key)
            predictions += [
                {"paper_title": item.title, **claim.to_dict()}
                for claim in extract_claims(item.abstract, item.title)
            ]
    return predictions, rejected


def extraction_evaluate(
    *, gold_path: Path | str, input_paths: Iterable[Path | str], format: str | None = None
) -> Evaluation:
    predictions, rejected = predictions_for_files(paths=input_paths, format=format)
    summary, errors = score(load_jsonl(gold_path), predictions)
    return Evaluation(summary=summary, errors=errors, rejected=rejected)
