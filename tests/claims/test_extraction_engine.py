import pytest

from claims.extraction import EXTRACTOR_NAME, EXTRACTOR_VERSION, ExtractedClaim, extract_claims
from claims.extraction.pipeline import rule_claims


def _only(abstract: str, title: str = "") -> ExtractedClaim:
    claims = extract_claims(abstract, title)
    assert len(claims) == 1, claims
    return claims[0]


def test_api_constants():
    assert EXTRACTOR_NAME == "rules"
    assert EXTRACTOR_VERSION


def test_score_with_metric_benchmark_and_offsets():
    abstract = (
        "We study parsers. Our Quokka parser reaches 87.3% labeled accuracy on the Treebank-X benchmark."
    )
    claim = _only(abstract)
    assert (claim.value, claim.unit, claim.kind) == (87.3, "%", "score")
    assert claim.metric == "labeled accuracy"
    assert claim.benchmark == "Treebank-X"
    assert claim.method == "Quokka"
    assert abstract[claim.evidence_start : claim.evidence_end] == claim.evidence
    assert abstract[claim.value_start : claim.value_end] == claim.value_text == "87.3%"
    assert 0 < claim.confidence <= 1


def test_to_dict_has_contract_fields():
    claim = _only("Our system obtains 71.0 BLEU on the FooBar test set.")
    data = claim.to_dict()
    for key in (
        "value",
        "unit",
        "kind",
        "metric",
        "benchmark",
        "method",
        "compared_to",
        "evidence",
        "setting",
        "evidence_start",
        "evidence_end",
        "value_text",
        "value_start",
        "value_end",
        "confidence",
    ):
        assert key in data
    assert data["metric"] == "BLEU"


@pytest.mark.parametrize(
    ("sentence", "kind", "unit"),
    [
        ("Our planner improves the success rate by 6.5% over the greedy baseline.", "delta", "%"),
        ("The tuned variant yields a 12% relative improvement in recall.", "relative_delta", "%"),
        ("Our kernel is 3.1x faster than the reference kernel.", "ratio", "x"),
        ("The new scheduler reduces memory usage by 35% compared to the default scheduler.", "ratio", "%"),
        ("It beats the previous system by four points in accuracy.", "delta", "points"),
        ("The compact student retains 95% of the teacher's accuracy.", "ratio", "%"),
        ("Our agent attains a win rate of 64% against scripted bots.", "score", "%"),
        ("It lowers the word error rate by 2.2 points on the HarborSpeech corpus.", "delta", "points"),
    ],
)
def test_kinds(sentence, kind, unit):
    claim = _only(sentence)
    assert (claim.kind, claim.unit) == (kind, unit)


def test_from_to_gives_two_scores_and_the_start_belongs_to_the_baseline():
    claims = extract_claims("Our Lynx method raises top-1 accuracy on ZooSet from 61.2% to 70.4%.")
    assert [(c.value, c.kind) for c in claims] == [(61.2, "score"), (70.4, "score")]
    assert claims[0].method is None and claims[1].method == "Lynx"
    assert {c.benchmark for c in claims} == {"ZooSet"}
    assert {c.metric for c in claims} == {"top-1 accuracy"}


def test_range_gives_one_claim_per_end():
    claims = extract_claims("Across tasks, the method improves F1 by 3.5%-8.0% over the strongest baseline.")
    assert [(c.value, c.kind) for c in claims] == [(3.5, "delta"), (8.0, "delta")]
    assert all(c.compared_to == "the strongest baseline" for c in claims)


def test_bounds_take_the_bound():
    claims = extract_claims("Our tool is at least 5x faster and reaches up to 97.5% precision.")
    assert [(c.value, c.kind) for c in claims] == [(5.0, "ratio"), (97.5, "score")]


def test_list_items_inherit_kind_and_get_their_own_benchmarks():
    claims = extract_claims(
        "Otter improves over Seal by 4.1% on AlphaQA, 2.7% on BetaQA and 1.5% on GammaQA."
    )
    assert [(c.value, c.kind, c.benchmark) for c in claims] == [
        (4.1, "delta", "AlphaQA"),
        (2.7, "delta", "BetaQA"),
        (1.5, "delta", "GammaQA"),
    ]
    assert {c.compared_to for c in claims} == {"Seal"}


def test_vs_pair_and_human_baseline():
    claims = extract_claims(
        "On the PuzzleBench leaderboard our model scores 88.0% vs. 85.5% for human performance."
    )
    assert [(c.value, c.kind) for c in claims] == [(88.0, "score"), (85.5, "score")]
    assert claims[1].method == "human performance"


def test_bare_numbers_need_a_metric():
    claims = extract_claims(
        "We evaluate 12 tasks. The model achieves an FID of 4.21 and an Inception score of 8.9."
    )
    assert [(c.value, c.metric) for c in claims] == [(4.21, "FID"), (8.9, "Inception score")]


def test_measured_cost_is_a_score_with_its_unit():
    # The rules' reading; the decision model, fitted on few measured costs, may still turn this one down.
    (claim,) = rule_claims("Training the full model takes only 48 GPU hours.")
    assert (claim.value, claim.unit, claim.kind) == (48.0, "GPU hours", "score")


def test_latex_percent_and_error_bar():
    claims = extract_claims("Our estimator attains an AUC of $0.912 \\pm 0.011$ on held-out patients.")
    assert [(c.value, c.metric) for c in claims] == [(0.912, "AUC")]


def test_non_claims_give_nothing():
    abstract = (
        "We pretrain a 7B model on 2T tokens in 2023 with a 15% masking ratio. "
        "It supports 40 languages and uses 4-bit weights (see Table 2)."
    )
    assert extract_claims(abstract) == []


def test_title_prefix_names_the_method():
    claim = _only("It improves accuracy by 2.0% over prior work.", title="Heron: Fast Things for Everyone")
    assert claim.method == "Heron"
    assert claim.compared_to == "prior work"


def test_we_propose_names_the_method_and_setting_is_detected():
    abstract = (
        "We propose Falcon-Lite, a compact detector. "
        "In the zero-shot setting, our approach achieves 41.2 AP on the RiverDet dataset."
    )
    claim = _only(abstract)
    assert claim.method == "Falcon-Lite"
    assert claim.setting == "zero-shot"
    assert (claim.metric, claim.benchmark) == ("AP", "RiverDet")


def test_context_carries_to_a_continuing_sentence():
    abstract = (
        "Our parser improves labeled accuracy by 3.0% over two strong baselines on the Quill dataset. "
        "Moreover, it outperforms them by 1.2% in the low-resource case."
    )
    claims = extract_claims(abstract)
    assert [c.value for c in claims] == [3.0, 1.2]
    assert claims[1].metric == "labeled accuracy"
    assert claims[1].benchmark == "Quill"


def test_a_benchmark_named_right_before_its_score_with_benchmark_at_between():
    claims = {
        claim.value: claim
        for claim in extract_claims(
            "Vintor sets a new best on the popular Cityscapes benchmark at 79.31% mIoU and does well on "
            "the PASCAL VOC2012 benchmark at 83.07% mIoU.",
            "",
        )
    }
    assert claims[79.31].benchmark == "Cityscapes"
    assert claims[83.07].benchmark == "PASCAL VOC2012"
