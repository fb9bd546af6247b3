"""Families of errors unseen abstracts show, each with a sentence written for the test, through the whole engine."""

from claims.extraction import extract_claims


def _claims(text: str) -> dict[float, object]:
    return {claim.value: claim for claim in extract_claims(text, "")}


def test_a_delta_in_parentheses_after_a_score():
    claims = _claims("Our model pushes accuracy to 88.1 (+2.4 absolute) on SST-2.")
    assert (claims[88.1].kind, claims[88.1].metric) == ("score", "accuracy")
    assert (claims[2.4].kind, claims[2.4].metric, claims[2.4].benchmark) == ("delta", "accuracy", "SST-2")


def test_slash_paired_results_are_two_claims():
    claims = _claims("BarASR obtains 1.9/4.1 WER on LibriSpeech.")
    assert sorted(claims) == [1.9, 4.1]
    assert {claim.metric for claim in claims.values()} == {"WER"}


def test_slash_paired_benchmarks_go_one_to_each_result():
    claims = _claims("UniX achieves 82.9%/84.8% top-1 accuracy on K400/K600.")
    assert (claims[82.9].benchmark, claims[84.8].benchmark) == ("K400", "K600")


def test_a_metric_named_after_a_bare_number():
    claims = _claims("It reaches 42.1 mIoU on ADE20K and 3.8 FID on FFHQ.")
    assert (claims[42.1].metric, claims[42.1].benchmark) == ("mIoU", "ADE20K")
    assert (claims[3.8].metric, claims[3.8].benchmark) == ("FID", "FFHQ")


def test_paired_metrics_share_the_trailing_benchmark():
    claims = _claims("QuuxDet achieves 51.0 box AP and 44.2 mask AP on COCO test-dev.")
    assert (claims[51.0].metric, claims[44.2].metric) == ("box AP", "mask AP")
    assert claims[51.0].benchmark == claims[44.2].benchmark == "COCO"
    assert claims[51.0].split == claims[44.2].split == "test-dev"


def test_a_benchmark_inside_a_compound():
    claim = _claims("ZapNLI attains a MultiNLI accuracy of 86.7%.")[86.7]
    assert (claim.metric, claim.benchmark) == ("accuracy", "MultiNLI")


def test_a_share_of_another_system_is_a_ratio():
    claim = _claims("The student keeps 96% of the teacher's accuracy.")[96.0]
    assert claim.kind == "ratio" and claim.compared_to == "the teacher"


def test_a_relative_reduction_keeps_its_metric():
    claim = _claims("The method yields a 17% relative WER reduction over the baseline.")[17.0]
    assert (claim.kind, claim.metric, claim.compared_to) == ("relative_delta", "WER", "the baseline")


def test_amounts_of_data_are_settings_not_results():
    claims = _claims("With 10 minutes of labeled audio and 960 hours of unlabeled speech, it adapts quickly.")
    assert claims == {}


def test_latex_non_breaking_space_before_a_unit():
    (claim,) = extract_claims("The separator reaches 11.1~dB SI-SDR on Echoset.", "")
    assert (claim.value, claim.unit) == (11.1, "dB")


def test_a_coefficient_is_a_metric_but_a_decay_coefficient_is_a_setting():
    from claims.extraction.pipeline import rule_claims

    (claim,) = rule_claims("Tern obtains a dice coefficient of 0.871 on PolypSet.")
    assert claim.metric == "dice coefficient"
    assert [c.metric for c in rule_claims("We set a decay coefficient of 0.9.")] in ([], [None])


def test_an_error_reduction_in_percent_is_a_delta():
    claim = _claims("We show a 51% error reduction over previous work on TypeNet.")[51.0]
    assert claim.kind == "delta" and claim.metric == "error"


def test_the_metric_a_verb_improves_is_not_what_the_number_is_compared_to():
    claim = _claims(
        "Zarn beats the baselines, improving task completion rate by 6.1% relatively on the test set."
    )[6.1]
    assert claim.metric == "task completion rate" and claim.compared_to != "task completion rate"


def test_the_best_previous_systems_value_is_its_score():
    claim = _claims("Zarn gets a mAP of 0.431 on AudioSet, outperforming the best previous system of 0.388.")[
        0.388
    ]
    assert claim.kind == "score"


def test_a_slash_joined_list_of_metrics_aligns_with_respectively():
    from claims.extraction.lists import align_metric_lists
    from claims.extraction.metric_choice import sentence_metrics
    from claims.extraction.pipeline import rule_claims

    sentence = "Zarn achieves CIDEr / SPICE / BLEU-4 scores of 113.1, 20.9 and 35.2, respectively."
    aligned = align_metric_lists(sentence, rule_claims(sentence, ""), list(sentence_metrics(sentence)))
    assert [claim.metric for claim in aligned] == ["CIDEr", "SPICE", "BLEU-4 scores"]


def test_with_percentages_followed_by_an_absolute_metric_gain_are_results():
    claims = _claims("Zarn sets new bests with 6.1% and 5.2% absolute AP gains on A2D Sentences and J-HMDB.")
    assert claims[6.1].kind == claims[5.2].kind == "delta"


def test_a_list_item_after_in_terms_of_and_up_to_keeps_the_lists_kind():
    claims = _claims(
        "Zarn offers an improvement of up to 11.2% in terms of segmental edit distance and up to 14.3% in terms "
        "of segmental F1 score."
    )
    assert claims[11.2].kind == claims[14.3].kind == "delta"
    assert claims[11.2].metric == "segmental edit distance"


def test_a_score_followed_by_its_gain_in_parentheses_even_with_a_spaced_plus():
    claims = _claims("Zarn shows improved accuracy on ImageNet 78.1% (+2.2%) and on Velm 61.3% (+ 1.4%).")
    assert [claims[v].kind for v in (78.1, 2.2, 61.3, 1.4)] == ["score", "delta", "score", "delta"]


def test_an_adjective_lower_before_yielding_a_score_is_no_gain():
    claims = _claims(
        "Zarn mixes detail at high resolution with features from lower resolution, yielding an accuracy of "
        "66.1% mean intersection over union on Cityscapes."
    )
    assert claims[66.1].kind == "score"


def test_a_gain_noun_after_a_list_of_results_makes_each_a_delta():
    claims = _claims(
        "That is 1.7% Velm accuracy, 1.2% Quarrow mAP, and 2.4% Zentra mIoU improvement over Swin-T."
    )
    assert [claims[v].kind for v in (1.7, 1.2, 2.4)] == ["delta"] * 3


def test_using_only_a_share_of_a_cost_is_a_ratio():
    claims = _claims("Zarn reaches 85.1% accuracy, better than Swin-L while using only 13% parameters.")
    assert claims[13.0].kind == "ratio" and claims[85.1].kind == "score"


def test_cost_words_in_a_later_phrase_do_not_make_a_quality_result_a_ratio():
    claims = _claims("Zarn reaches over 93% coverage with reduced verification time.")
    assert claims[93.0].kind == "score"
    claims = _claims("The Zarn approach beat the baseline by 17.1%, and adding RL accelerated convergence.")
    assert claims[17.1].kind == "delta"
    assert _claims("Zarn reduces latency by 30%, with no loss.")[30.0].kind == "ratio"


def test_a_level_reached_below_a_bound_and_a_share_of_cases_are_scores():
    assert _claims("Ablating 3% of the heads can reduce attack success rates below 9%.")[9.0].kind == "score"
    assert _claims("Pre-alignment beats post-alignment in over 80% of tasks.")[80.0].kind == "score"
    assert _claims("Zarn beats Foo by under 2%.")[2.0].kind == "delta"


def test_a_gain_in_parentheses_after_a_gain_noun_or_a_comparative():
    assert (
        _claims("Zarn yields improvements in task performance (up to 3.9% on common benchmarks).")[3.9].kind
        == "delta"
    )
    assert (
        _claims("Listeners had fewer (at least 7.15%) transcription errors with Zarn.")[7.15].kind == "delta"
    )
    claims = _claims("Zarn reaches higher accuracy (81.2%) than Foo (79.1%).")
    assert claims[81.2].kind == claims[79.1].kind == "score"


def test_from_a_reported_value_with_an_aside_to_another_is_a_transition():
    claims = _claims(
        "Zarn improves test F1 from the reported 71.2% (using a pretrained neural model) to 83.4%."
    )
    assert claims[71.2].kind == claims[83.4].kind == "score"


def test_a_later_result_on_the_same_benchmark_in_the_same_unit_keeps_its_metric():
    claims = extract_claims(
        "Zarn achieves 86.1% top-1 accuracy on ILSVRC-2012. On small data, Zarn attains 74.2% on ILSVRC-2012 "
        "and a 3.1x speed-up on CIFAR-10.",
        "",
    )
    by_value = {claim.value: claim for claim in claims}
    assert by_value[74.2].metric == "top-1 accuracy"
    assert by_value[3.1].metric is None
