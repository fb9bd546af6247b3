"""The engine as ordered stages over one record per sentence.

    sentences -> numbers -> filters -> rules (kinds, entities, methods) -> decision -> lists -> claims

Each stage reads what the stages before it wrote on the sentence records and writes its own field, so a
new stage goes in one place: STAGES. The rules propose; the learned decision stage disposes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from .benchmark_choice import sentence_benchmarks
from .claim import ExtractedClaim
from .decision import decide
from .engine import Context, has_number, read_sentence, unruled
from .entities import overlaps_any
from .filters import is_non_claim
from .lists import RESPECTIVELY, align_lists, align_metric_lists
from .methods import own_method
from .metric_choice import sentence_metrics
from .model import load_model
from .numbers import Mention, find_mentions
from .proposal import NON_CLAIM, RULES, Proposal
from .sentences import split_sentences

_EARLIER_SENTENCES = 3  # how far back a claim may look for its benchmark


@dataclass(slots=True)
class SentenceRecord:
    index: int
    start: int
    end: int
    text: str
    mentions: list[Mention] = field(default_factory=list)  # numbers: every number with its unit
    kept: list[Mention] = field(default_factory=list)  # filters: the mentions that may be results
    proposals: list[Proposal] = field(default_factory=list)  # rules: candidate claims, kept or turned down
    claims: list[ExtractedClaim] = field(default_factory=list)  # decision: the claims


@dataclass(slots=True)
class Document:
    abstract: str
    title: str
    sentences: list[SentenceRecord] = field(default_factory=list)

    @property
    def proposals(self) -> list[Proposal]:
        found = [item for record in self.sentences for item in record.proposals]
        return sorted(found, key=lambda item: (item.claim.value_start, item.origin != RULES))

    @property
    def claims(self) -> list[ExtractedClaim]:
        return [claim for record in self.sentences for claim in record.claims]


def split_stage(doc: Document) -> None:
    doc.sentences = [
        SentenceRecord(index, start, end, doc.abstract[start:end])
        for index, (start, end) in enumerate(split_sentences(doc.abstract))
    ]


def numbers_stage(doc: Document) -> None:
    for record in doc.sentences:
        if has_number(record.text):
            record.mentions = find_mentions(record.text)


def filters_stage(doc: Document) -> None:
    """Years, counts, sizes, references, settings... stay as proposals of their own for the decision stage."""
    for record in doc.sentences:
        for mention in record.mentions:
            if is_non_claim(record.text, mention):
                record.proposals.append(unruled(doc.abstract, record.start, record.text, mention, NON_CLAIM))
            else:
                record.kept.append(mention)


def rules_stage(doc: Document) -> None:
    paper_method = own_method(doc.abstract, doc.title)
    context = Context()
    count = len(doc.sentences)
    for record in doc.sentences:
        dropped: list[Proposal] = []
        found = read_sentence(
            doc.abstract, record.start, record.end, record.kept, paper_method, context, dropped
        )
        record.proposals = [*(Proposal(claim, RULES) for claim in found), *record.proposals, *dropped]
        earlier = tuple(
            s.text for s in reversed(doc.sentences[max(0, record.index - _EARLIER_SENTENCES) : record.index])
        )
        for item in record.proposals:
            item.sentence_index, item.sentence_count, item.earlier_sentences = record.index, count, earlier


def decision_stage(doc: Document) -> None:
    model = load_model()
    for record in doc.sentences:
        if record.proposals:
            ordered = sorted(
                record.proposals, key=lambda item: (item.claim.value_start, item.origin != RULES)
            )
            record.claims = decide(ordered, model)


def lists_stage(doc: Document) -> None:
    """ "respectively" is syntax: the decision model reads each claim alone, so a list's benchmarks are
    realigned after it, and its metrics when they are written as a list of their own."""
    for record in doc.sentences:
        if len(record.claims) > 1 and any(word in record.text for word in RESPECTIVELY):
            metrics = sentence_metrics(record.text)
            benchmarks = [
                span for span in sentence_benchmarks(record.text) if not overlaps_any(span, metrics)
            ]
            record.claims = align_lists(record.text, record.claims, benchmarks, metrics=False)
            if "respectively" in record.text:
                record.claims = align_metric_lists(record.text, record.claims, list(metrics))


Stage = Callable[[Document], None]
PROPOSING: tuple[Stage, ...] = (split_stage, numbers_stage, filters_stage, rules_stage)
STAGES: tuple[Stage, ...] = (*PROPOSING, decision_stage, lists_stage)


def run(abstract: str, title: str = "", stages: tuple[Stage, ...] = STAGES) -> Document:
    doc = Document(abstract, title)
    for stage in stages:
        stage(doc)
    return doc


def extract_claims(abstract: str, title: str = "") -> list[ExtractedClaim]:
    """Every benchmark claim in abstract, in reading order."""
    return run(abstract, title).claims


def propose_claims(abstract: str, title: str = "") -> list[Proposal]:
    """Every number the rules read as a claim, and every one they turned down, in reading order."""
    return run(abstract, title, PROPOSING).proposals


def rule_claims(abstract: str, title: str = "") -> list[ExtractedClaim]:
    """The rules' own claims, without the decision model."""
    return [item.claim for item in propose_claims(abstract, title) if item.origin == RULES]
