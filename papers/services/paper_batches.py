"""Write a batch of paper records in a handful of queries: one lookup, one INSERT, one UPDATE.

The rules are those of `paper_upsert` (match by arXiv id, then by title key; merge into the stored
paper); only the round trips differ. Anything the batch cannot settle on its own (a record clashing with a
stored paper, a value the database refuses) raises, and the caller writes that batch record by record,
which reports each bad record with its position.
"""

import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db.models import Q, URLField
from django.utils import timezone

from papers.importers.base import PaperRecord
from papers.models import Paper
from papers.normalize import title_key
from papers.services.papers import UpsertOutcome, UpsertResult, merged_fields, new_paper

# The fields whose validators full_clean would run (lengths, URLs, bounds); the rest are typed by the importers.
_VALIDATED = [field for field in Paper._meta.concrete_fields if field.validators]
_VALIDATED_BY_NAME = {field.name: field for field in _VALIDATED}
_URL_FIELDS = {field.name for field in _VALIDATED if isinstance(field, URLField)}
# A strict subset of what URLValidator accepts: lower-case host labels, a known-shape TLD, a plain path.
_PLAIN_URL_MAX = 250  # under URLValidator's 253 characters of host name and the fields' 500
_PLAIN_URL = re.compile(
    r"https?://(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}(?:/[A-Za-z0-9._~%/-]*)?"
)


def paper_check(paper: Paper, fields=None) -> None:
    """What full_clean checks on an imported paper, without its per-field conversions: raises ValidationError.

    The keys must be fresh (`refresh_keys`). Passing here means full_clean passes too; a failure sends the
    batch to the per-record path, which words the error exactly as full_clean does.
    """
    errors: dict[str, list[str]] = {}
    if not paper.title_key:
        errors["title"] = ["A paper needs a title with at least one letter or digit."]
    checked = (
        _VALIDATED
        if fields is None
        else [_VALIDATED_BY_NAME[name] for name in fields if name in _VALIDATED_BY_NAME]
    )
    for field in checked:
        value = getattr(paper, field.attname)
        if value in field.empty_values:
            continue
        if field.name in _URL_FIELDS and len(value) <= _PLAIN_URL_MAX and _PLAIN_URL.fullmatch(value):
            continue  # a plain http(s) URL, which URLValidator accepts, checked a dozen times faster
        try:
            field.run_validators(value)
        except ValidationError as exc:
            errors[field.name] = exc.messages
    if errors:
        raise ValidationError(errors)


@dataclass(frozen=True, slots=True)
class _Keyed:
    index: int
    record: PaperRecord
    key: str


def _rounds(keyed: list[_Keyed]) -> list[list[_Keyed]]:
    """Split so that no round holds two records of one identity: a later one merges into the earlier one."""
    rounds: list[list[_Keyed]] = []
    pending = keyed
    while pending:
        seen: set[str] = set()
        this, later = [], []
        for item in pending:
            identities = {f"k:{item.key}"} | (
                {f"a:{item.record.arxiv_id}"} if item.record.arxiv_id else set()
            )
            if identities & seen:
                later.append(item)
            else:
                seen |= identities
                this.append(item)
        rounds.append(this)
        pending = later
    return rounds


def _stored(items: list[_Keyed]) -> tuple[dict[str, Paper], dict[str, Paper]]:
    """The stored papers these records may be, by arXiv id and by title key, in one query."""
    arxiv_ids = {item.record.arxiv_id for item in items if item.record.arxiv_id}
    keys = {item.key for item in items}
    by_arxiv: dict[str, Paper] = {}
    by_key: dict[str, Paper] = {}
    for paper in Paper.objects.filter(Q(arxiv_id__in=arxiv_ids) | Q(title_key__in=keys)):
        if paper.arxiv_id in arxiv_ids:
            by_arxiv[paper.arxiv_id] = paper
        if paper.title_key in keys:
            by_key[paper.title_key] = paper
    return by_arxiv, by_key


def _match(item: _Keyed, by_arxiv: dict[str, Paper], by_key: dict[str, Paper]) -> Paper | None:
    # As _existing_paper: the arXiv id first; a same-title paper of another arXiv id is no match.
    arxiv_id = item.record.arxiv_id
    if arxiv_id and arxiv_id in by_arxiv:
        return by_arxiv[arxiv_id]
    paper = by_key.get(item.key)
    if paper and arxiv_id and paper.arxiv_id and paper.arxiv_id != arxiv_id:
        return None
    return paper


def _write_round(items: list[_Keyed], results: list[UpsertResult | None]) -> None:
    by_arxiv, by_key = _stored(items)
    created: list[tuple[_Keyed, Paper]] = []
    updated: list[tuple[_Keyed, Paper, dict]] = []
    targets: set[int] = set()
    deferred: list[_Keyed] = []
    for item in items:
        paper = _match(item, by_arxiv, by_key)
        if paper is None:
            paper = new_paper(item.record)
            paper.refresh_keys()
            paper_check(paper)
            created.append((item, paper))
            continue
        if paper.pk in targets:
            # Two records of one stored paper under different identities: the second merges after the first.
            deferred.append(item)
            continue
        targets.add(paper.pk)
        changes = merged_fields(paper, item.record)
        if not changes:
            results[item.index] = UpsertResult(paper, UpsertOutcome.UNCHANGED, abstract_changed=False)
            continue
        for field, value in changes.items():
            setattr(paper, field, value)
        paper.refresh_keys()
        paper_check(paper, changes)
        updated.append((item, paper, changes))
    if created:
        # In key order, so two imports inserting overlapping papers take the index locks in one order.
        created.sort(key=lambda pair: pair[1].title_key)
        Paper.objects.bulk_create([paper for _, paper in created])
        for item, paper in created:
            results[item.index] = UpsertResult(
                paper, UpsertOutcome.CREATED, abstract_changed=bool(paper.abstract)
            )
    if updated:
        now = timezone.now()
        fields = {"updated_at", "abstract_hash", *(name for _, _, changes in updated for name in changes)}
        for _, paper, _ in updated:
            paper.updated_at = now
        Paper.objects.bulk_update([paper for _, paper, _ in updated], sorted(fields))
        for item, paper, changes in updated:
            results[item.index] = UpsertResult(
                paper, UpsertOutcome.UPDATED, abstract_changed="abstract" in changes
            )
    if deferred:
        _write_round(deferred, results)


def papers_upsert_batch(*, records: list[PaperRecord]) -> list[UpsertResult]:
    """Create or merge every record, in record order; call inside a transaction (a savepoint of its own).

    Raises ValidationError, IntegrityError or DataError when a record cannot be written as it is; nothing
    of the batch should then be kept.
    """
    keyed = [_Keyed(index, record, title_key(record.title)) for index, record in enumerate(records)]
    results: list[UpsertResult | None] = [None] * len(records)
    for this_round in _rounds(keyed):
        _write_round(this_round, results)
    return results  # type: ignore[return-value]
