"""Papers with Code `evaluation-tables.json`: tasks, their datasets and leaderboard rows, nested.

Each top-level task is read on its own (the file is streamed), then walked: a TaskRecord for the task,
a BenchmarkRecord for each dataset and sub-dataset, a ScoreRecord for each value of each row, and its
subtasks the same way. A value that is not a number, or a row without metrics, is a RecordError at its
position ("task 3 ('Question Answering') › dataset 1 ('SQuAD2.0') › row 4 › metric 'EM'").
"""

import re
from collections.abc import Iterator
from typing import BinaryIO

from papers.importers.base import BenchmarkRecord, RecordError, ScoreRecord, TaskRecord
from papers.importers.fields import FieldError, free_text, text, type_name
from papers.importers.lines import head_text
from papers.importers.pwc_json import first_url, paper_ref, stream_items, text_list
from papers.importers.pwc_values import parse_value

NAME = "pwc_evaluation_tables"
EXTRA_DATA_SETTING = "extra training data"
_TABLE_KEYS = re.compile(r'"(?:datasets|subtasks|sota|subdatasets)"\s*:')
MAX_NAME = 255


def sniff(head: bytes) -> bool:
    start = head_text(head).lstrip()
    return start.startswith("[") and bool(_TABLE_KEYS.search(start))


Record = TaskRecord | BenchmarkRecord | ScoreRecord | RecordError


def parse(stream: BinaryIO) -> Iterator[Record]:
    for number, item in stream_items(stream, "tasks"):
        position = f"task {number}"
        if isinstance(item, RecordError):
            yield RecordError(position, item.reason)
        elif not isinstance(item, dict):
            yield RecordError(position, f"expected a JSON object, got {type_name(item)}")
        else:
            yield from _task(item, position, parent="")


def _named(position: str, name: str) -> str:
    return f"{position} ({name!r})" if name else position


def _task(item: dict, position: str, parent: str) -> Iterator[Record]:
    try:
        name = text(item.get("task"), "task")[:MAX_NAME]
        record = TaskRecord(
            name=name,
            position=position,
            source=NAME,
            parent=parent,
            description=free_text(item.get("description"), "description"),
            categories=text_list(item.get("categories"), "categories"),
            synonyms=text_list(item.get("synonyms"), "synonyms"),
            source_link=first_url(item.get("source_link")),
        )
    except FieldError as exc:
        yield RecordError(position, str(exc))
        name = ""
    else:
        if name:
            yield record
        else:
            # Its datasets still count: they land without a task rather than not at all.
            yield RecordError(position, "the task has no name; its datasets are imported without a task")
    where = _named(position, name)
    for number, dataset in enumerate(_list(item, "datasets"), start=1):
        yield from _dataset(dataset, f"{where} › dataset {number}", task=name, parent="")
    for number, subtask in enumerate(_list(item, "subtasks"), start=1):
        if isinstance(subtask, dict):
            yield from _task(subtask, f"{where} › subtask {number}", parent=name)
        else:
            yield RecordError(
                f"{where} › subtask {number}", f"expected a JSON object, got {type_name(subtask)}"
            )


def _list(item: dict, key: str) -> list:
    value = item.get(key)
    return value if isinstance(value, list) else []


def _dataset(item: object, position: str, *, task: str, parent: str) -> Iterator[Record]:
    if not isinstance(item, dict):
        yield RecordError(position, f"expected a JSON object, got {type_name(item)}")
        return
    try:
        own = text(item.get("dataset") or item.get("subdataset"), "dataset")
        description = free_text(item.get("description"), "description")
    except FieldError as exc:
        yield RecordError(position, str(exc))
        return
    sota = item.get("sota") if isinstance(item.get("sota"), dict) else {}
    rows = sota.get("rows") if isinstance(sota.get("rows"), list) else []
    if not own:
        yield RecordError(position, f"the dataset has no name; its {len(rows)} rows are skipped")
        return
    # A sub-dataset ("Restricted" under CoNLL-2014) is a leaderboard of its own: named after both.
    name = (f"{parent} ({own})" if parent else own)[:MAX_NAME]
    where = _named(position, own)
    yield BenchmarkRecord(
        name=name,
        position=where,
        source=NAME,
        task=task,
        description=description,
        url=first_url(item.get("dataset_links")),
    )
    for number, row in enumerate(rows, start=1):
        yield from _row(row, f"{where} › row {number}", task=task, benchmark=name)
    for number, sub in enumerate(_list(item, "subdatasets"), start=1):
        yield from _dataset(sub, f"{where} › subdataset {number}", task=task, parent=name)


def _row(row: object, position: str, *, task: str, benchmark: str) -> Iterator[Record]:
    if not isinstance(row, dict):
        yield RecordError(position, f"expected a JSON object, got {type_name(row)}")
        return
    metrics = row.get("metrics")
    if not isinstance(metrics, dict) or not metrics:
        yield RecordError(position, "the row has no metric values")
        return
    try:
        method = text(row.get("model_name"), "model_name")[:255]
        paper = paper_ref(title=row.get("paper_title"), url=row.get("paper_url"), date=row.get("paper_date"))
        code_url = first_url(row.get("code_links"))
    except FieldError as exc:
        yield from _each_value_refused(position, metrics, str(exc))
        return
    if not paper.title and not paper.arxiv_id:
        reason = "the row names no paper (no title and no arXiv link), so its scores have nowhere to go"
        if paper.url:
            reason = (
                f"the row names no paper title, only the link {paper.url}, so its scores have nowhere to go"
            )
        yield from _each_value_refused(position, metrics, reason)
        return
    for metric, raw in metrics.items():
        where = f"{position} › metric {metric!r}"
        try:
            name = text(metric, "metric")[:MAX_NAME]
            if not name:
                raise FieldError("the metric has no name")
            parsed = parse_value(raw)
        except FieldError as exc:
            yield RecordError(where, str(exc))
            continue
        yield ScoreRecord(
            position=where,
            source=NAME,
            task=task,
            benchmark=benchmark,
            metric=name,
            value=parsed.value,
            value_text=parsed.text[:100],
            unit=parsed.unit,
            method=method,
            paper=paper,
            code_url=code_url,
            setting=EXTRA_DATA_SETTING if row.get("uses_additional_data") is True else "",
        )


def _each_value_refused(position: str, metrics: dict, reason: str) -> Iterator[RecordError]:
    # One error per value, so every value of the file is either a score or an error.
    for metric in metrics:
        yield RecordError(f"{position} › metric {metric!r}", reason)
