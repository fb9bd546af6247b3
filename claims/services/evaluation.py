"""Score the extraction engine against gold files (optionally one part of the split) or the silver set."""

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from claims.evaluation.scoring import load_jsonl, score, title_key
from claims.evaluation.silver import silver_recall
from claims.evaluation.splits import in_part
from claims.extraction import extract_claims
from claims.extraction.vocabulary import canonical_benchmark
from papers.importers import iter_records
from papers.importers.base import RecordError


@dataclass
class Evaluation:
    summary: dict
    errors: dict  # level -> (misses, false hits), each a list of (paper key, claim dict)
    rejected: list[tuple[str, RecordError]] = field(default_factory=list)


def predictions_for_files(
    *, paths: Iterable[Path | str], format: str | None = None, titles: set[str] | None = None
) -> tuple[list[dict], list[tuple[str, RecordError]]]:
    """The engine's claims for every paper in the files (only those whose title_key is in titles, if given).

    A paper in several files is read once.
    """
    predictions: list[dict] = []
    rejected: list[tuple[str, RecordError]] = []
    seen: set[str] = set()
    for path in paths:
        for item in iter_records(path, format=format):
            if isinstance(item, RecordError):
                rejected.append((str(path), item))
                continue
            key = title_key(item.title)
            if key in seen or (titles is not None and key not in titles):
                continue
            seen.add(key)
            predictions += [
                {"paper_title": item.title, **claim.to_dict()}
                for claim in extract_claims(item.abstract, item.title)
            ]
    return predictions, rejected


def gold_rows_for(*, gold_paths: Iterable[Path | str], part: str | None = None) -> list[dict]:
    """The gold papers of the files, restricted to one part of the tune/check split when part is given."""
    return [row for path in gold_paths for row in load_jsonl(path) if in_part(row["paper_title"], part)]


def extraction_evaluate(
    *,
    gold_paths: Iterable[Path | str],
    input_paths: Iterable[Path | str],
    format: str | None = None,
    part: str | None = None,
    min_confidence: float | None = None,
) -> Evaluation:
    gold = gold_rows_for(gold_paths=gold_paths, part=part)
    titles = {title_key(row["paper_title"]) for row in gold} if part else None
    predictions, rejected = predictions_for_files(paths=input_paths, format=format, titles=titles)
    if min_confidence is not None:
        predictions = [p for p in predictions if p["confidence"] >= min_confidence]
    summary, errors = score(gold, predictions)
    return Evaluation(summary=summary, errors=errors, rejected=rejected)


def silver_evaluate(
    *, silver_path: Path | str, input_paths: Iterable[Path | str], part: str | None = None
) -> dict:
    """Recall against the silver set's Papers with Code rows, for the papers in input_paths (only the rows of
    one part of the title-hash split, the gold files' split, when part is given)."""
    rows = [row for row in load_jsonl(silver_path) if in_part(row["paper_title"], part)]
    titles = {title_key(row["paper_title"]) for row in rows} if part else None
    predictions, _ = predictions_for_files(paths=input_paths, titles=titles)
    return silver_recall(rows, predictions, resolve=canonical_benchmark)
