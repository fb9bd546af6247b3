"""Each stage of the engine on sentences written for the test."""

from claims.extraction.pipeline import (
    PROPOSING,
    STAGES,
    Document,
    decision_stage,
    filters_stage,
    numbers_stage,
    rules_stage,
    run,
    split_stage,
)
from claims.extraction.proposal import BARE, NON_CLAIM, RULES

TEXT = (
    "We present Plover, a parser for ReedBank. "
    "Plover reaches 93.2 F1 on ReedBank, 1.7 points above Gull. "
    "It was trained in 2022 on 40K sentences."
)


def _through(*stages) -> Document:
    doc = Document(TEXT, "Plover: a parser")
    for stage in stages:
        stage(doc)
    return doc


def test_split_stage_keeps_spans_into_the_abstract():
    doc = _through(split_stage)
    assert [r.text for r in doc.sentences][1] == "Plover reaches 93.2 F1 on ReedBank, 1.7 points above Gull."
    assert all(TEXT[r.start : r.end] == r.text for r in doc.sentences)


def test_numbers_stage_finds_numbers_and_units_only_where_there_are_digits():
    doc = _through(split_stage, numbers_stage)
    assert doc.sentences[0].mentions == []
    assert [(m.value, m.unit) for m in doc.sentences[1].mentions] == [(93.2, None), (1.7, "points")]


def test_filters_stage_sets_years_and_sizes_aside_as_proposals():
    doc = _through(split_stage, numbers_stage, filters_stage)
    last = doc.sentences[2]
    assert last.kept == []
    assert sorted(p.claim.value for p in last.proposals) == [40.0, 2022.0]
    assert {p.origin for p in last.proposals} == {NON_CLAIM}


def test_rules_stage_reads_kinds_and_entities_and_remembers_earlier_sentences():
    doc = _through(*PROPOSING)
    by_value = {p.claim.value: p for p in doc.proposals}
    assert by_value[93.2].origin == RULES and by_value[93.2].claim.kind == "score"
    assert (by_value[1.7].claim.kind, by_value[1.7].claim.compared_to) == ("delta", "Gull")
    assert by_value[93.2].earlier_sentences == ("We present Plover, a parser for ReedBank.",)
    assert {p.origin for p in doc.proposals} <= {RULES, BARE, NON_CLAIM}


def test_decision_stage_keeps_results_and_drops_the_rest():
    doc = _through(*PROPOSING)
    decision_stage(doc)
    assert [(c.value, c.kind) for c in doc.claims] == [(93.2, "score"), (1.7, "delta")]
    assert doc.claims[0].benchmark == "ReedBank" and doc.claims[0].method == "Plover"


def test_run_is_the_stages_in_order():
    assert STAGES[: len(PROPOSING)] == PROPOSING
    assert run(TEXT, "Plover: a parser").claims == _through(*STAGES).claims
    assert rules_stage in PROPOSING and decision_stage not in PROPOSING


def test_word_lists_are_data_and_their_regexes_follow_them():
    import re

    from claims.extraction.words import alternation, initials, word_list, word_set

    assert "accuracy" in word_set("metric_heads") and "the" in word_set("stop_words")
    pattern = re.compile(rf"\b(?:{alternation('metric_heads')})\b")
    assert pattern.search("peak memory usage fell").group() == "memory usage"  # the longest word wins
    assert re.fullmatch(alternation("cost_words"), "GPU  hours")  # a space matches any white space
    assert set(initials("cost_words")) == {word[0] for word in word_list("cost_words")}
