"""One test per general rule added for generalization; every sentence here is invented for the test."""

# These tests read the rules stage alone; tests/claims/test_extraction_decision.py covers the learned stage.
from claims.extraction.kinds import DELTA, RATIO, RELATIVE, SCORE, classify, clause_left, strip_bounds
from claims.extraction.pipeline import rule_claims as extract_claims
from claims.extraction.textscan import lowered_pattern


def _by_value(abstract: str, title: str = "") -> dict:
    return {claim.value: claim for claim in extract_claims(abstract, title)}


def test_explicit_sign_is_a_delta_even_inside_a_list_of_scores():
    claims = _by_value("Zebu lifts the mean reward on the Marsh suite to 61.5% (+4.2%).")
    assert claims[61.5].kind == SCORE
    assert claims[4.2].kind == DELTA


def test_own_ratio_cue_beats_the_list_kind():
    claims = _by_value("Heron beats Crane by 12% while using roughly 3% of the parameters.")
    assert claims[12].kind == DELTA
    assert claims[3].kind == RATIO


def test_improving_the_previous_best_by_is_a_delta():
    claim = _by_value("On the Lark benchmark we beat the prior state of the art by 3.3 BLEU.")[3.3]
    assert claim.kind == DELTA
    assert claim.metric == "BLEU"


def test_previous_best_without_by_stays_a_score():
    assert classify("surpassing the previous best of ", "", "%", "") == SCORE


def test_score_verb_between_outperform_and_of_is_a_score():
    left = clause_left("Osprey outperforms its rivals on naturalness, obtaining a leading MOS of ")
    assert classify(left, " on Quiet-Set.", None, "") == SCORE
    assert classify("Osprey outperforms the baseline by ", "", "%", "") == DELTA


def test_benchmark_written_before_the_metric_is_split_off():
    claims = _by_value(
        "This lifts the Quarry-QA exact match to 71.4% and the Pebble-QA exact match to 64.0%."
    )
    assert (claims[71.4].metric, claims[71.4].benchmark) == ("exact match", "Quarry-QA")
    assert (claims[64.0].metric, claims[64.0].benchmark) == ("exact match", "Pebble-QA")


def test_bare_scores_and_performance_are_no_metric():
    claim = _by_value("Wren reaches scores of 48% on the Thicket benchmark.")[48]
    assert claim.metric is None
    assert claim.benchmark == "Thicket"
    claim = _by_value("Wren gains 6% in performance on the Thicket benchmark.")[6]
    assert claim.metric is None


def test_modified_performance_times_and_speeds_are_metrics():
    assert _by_value("Finch gives a 9% relative improvement in routing performance.")[9].metric == (
        "routing performance"
    )
    assert _by_value("Finch cuts decoding times by a factor of 2.5.")[2.5].metric == "decoding times"
    assert _by_value("The robot reaches walking speeds of 2.1 m/s.")[2.1].metric == "walking speeds"


def test_performance_of_a_system_is_not_a_metric():
    claim = _by_value("Tern reaches 88.2% on Glade, above the human performance of 87.5%.")[87.5]
    assert claim.metric is None


def test_metric_after_in_terms_of():
    claim = _by_value("Kestrel samples 12x faster in terms of wall time than its teacher.")[12]
    assert claim.kind == RATIO
    assert claim.metric == "wall time"


def test_metric_carries_to_a_later_clause_of_the_sentence():
    claims = _by_value("Plover obtains a mean IoU of 0.71 on Dune-Seg, while Sandpiper scored 0.64.")
    assert claims[0.71].metric == "mean IoU"
    assert claims[0.64].metric == "mean IoU"


def test_hardware_is_not_a_benchmark():
    claim = _by_value("Our Gull detector runs at 95 FPS on a T4 GPU.")[95]
    assert claim.benchmark is None


def test_over_a_system_is_not_a_benchmark():
    claim = _by_value("Skua gains a 7% relative gain over Petrel on the Reef benchmark.")[7]
    assert claim.kind == RELATIVE
    assert claim.benchmark == "Reef"
    assert claim.compared_to == "Petrel"


def test_strip_bounds_and_lowered_patterns():
    assert strip_bounds("improves accuracy by up to ") == "improves accuracy by"
    assert strip_bounds("reaches an accuracy of") == "reaches an accuracy of"
    pattern = lowered_pattern(r"\bspeed-?up\b")
    assert pattern.search("a 3x Speed-Up".lower())


def test_metric_named_with_score_resolves_to_the_vocabulary_entry():
    from claims.extraction.vocabulary import lookup_metric

    assert lookup_metric("CIDEr score").name == "CIDEr"
    assert lookup_metric("BLEU scores").name == "BLEU"
    assert lookup_metric("banana score") is None


def test_second_side_of_a_size_with_units_is_not_a_claim():
    values = [
        claim.value
        for claim in extract_claims("The sensor measures under 2mm x 2mm and reaches 31.2 dB PSNR.")
    ]
    assert values == [31.2]


def test_decimal_after_of_followed_by_another_metric_is_a_result():
    claims = _by_value("Ibis beats the prior best FID of 9.87 and IS of 120.5 on the Heath benchmark.")
    assert 9.87 in claims and 120.5 in claims
    assert claims[9.87].metric == "FID"


def test_metric_names_are_not_systems():
    claims = _by_value("We train Avocet. Its FID score of 4.1 on Moor-64 beats the baseline.")
    assert claims[4.1].method != "FID"
    title = "Stork: tiny generators"
    claim = _by_value("The Inception Score (IS) of Stork is 88.5 on Fen-32.", title)[88.5]
    assert claim.method == "Stork"


def test_measured_cost_does_not_take_an_earlier_benchmark():
    claims = _by_value("Our Pika model reaches 51.0% AP on the Tundra benchmark and 140 FPS on an A100.")
    assert claims[51.0].benchmark == "Tundra"
    assert claims[140].benchmark is None


def test_accelerator_names_are_not_benchmarks():
    claim = _by_value("Loon reaches 75% bandwidth efficiency on H100 clusters.")[75]
    assert claim.benchmark is None


def test_counted_collection_of_benchmarks_is_unnamed():
    claim = _by_value("Grebe beats prior work by 5% accuracy on four public Fjord-QA benchmarks.")[5]
    assert claim.benchmark is None


def test_distinctive_benchmark_names_match_in_any_case():
    claim = _by_value("Our recogniser reaches a word error rate of 2.1% on librispeech.")[2.1]
    assert claim.benchmark == "librispeech"
    # Capitalised names that are plain words when lower-cased stay case-sensitive.
    assert _by_value("The agent keeps 91% success rate in habitat transfer.")[91].benchmark is None


def test_lowercase_name_with_digits_before_a_benchmark_noun():
    claim = _by_value("Our tagger reaches 93.4 F1 on the wiki2019 test set.")[93.4]
    assert claim.benchmark == "wiki2019"


def test_benchmark_after_split_of():
    claim = _by_value("Merlin reaches an F1 of 0.88 on the held-out validation split of Quill-NER.")[0.88]
    assert claim.benchmark == "Quill-NER"


def test_measured_cost_after_a_change_verb_takes_the_metric():
    claims = _by_value("Decoding latency falls from 90 ms to 30 ms on one CPU core.")
    assert claims[90].metric == claims[30].metric == "Decoding latency"


def test_a_metric_is_not_a_comparison_target():
    claim = _by_value("Our method improves mIoU by 2.5 points on the Glen benchmark.")[2.5]
    assert claim.compared_to is None
    assert claim.metric == "mIoU"


def test_parallel_changes_share_the_metric():
    claims = _by_value(
        "Versus Quail, Rook gives a 4% relative gain in ranking quality, while achieving a 9% relative gain "
        "over Jay."
    )
    assert claims[4].metric == claims[9].metric == "ranking quality"


def test_listed_measurements_share_the_metric():
    claims = _by_value("The rover reaches driving speeds of 2.4 m/s and 0.9 rad/s on gravel.")
    assert claims[2.4].metric == claims[0.9].metric == "driving speeds"


def test_cost_cutting_verb_covers_a_listed_percent():
    claims = _by_value("Puffin cuts training time by 3x and peak memory usage by 25% compared to Auk.")
    assert claims[3].kind == RATIO
    assert claims[25].kind == RATIO
    assert claims[25].metric == "peak memory usage"


def test_the_closest_comparison_after_the_number_wins():
    claim = _by_value("Smew beats all baselines on Cove, with a 31% relative gain over Teal.")[31]
    assert claim.compared_to == "Teal"


def test_an_aspect_is_not_a_comparison_target():
    claims = extract_claims("Eider cuts tokens by 12%, improving the decoding speed by 12% over Scoter.")
    assert [claim.compared_to for claim in claims][-1] == "Scoter"
    assert all(claim.compared_to != "the decoding speed" for claim in claims)


def test_comparison_targets_may_hold_digits():
    assert _by_value("Our ranker outperforms BM25 by 4.2 points.")[4.2].compared_to == "BM25"
    assert _by_value("It is 2.5x faster than GPT-3.5.")[2.5].compared_to == "GPT-3.5"
    assert _by_value("It reaches 81% accuracy, higher than 78% for Wigeon.")[81].compared_to is None


def test_system_named_in_parentheses_after_our():
    claim = _by_value("On Heath-128, our models (Harrier) achieve an FID of 6.2.")[6.2]
    assert claim.method == "Harrier"


def test_described_system_when_the_paper_names_none():
    claim = _by_value(
        "On the Sedge benchmark, our sparse neural retriever outperforms BM25 by 7% in recall."
    )[7]
    assert claim.method == "sparse neural retriever"
    assert claim.compared_to == "BM25"


def test_points_above_a_system_compare_with_it():
    claim = _by_value("Our Shrike model reaches 70.2% accuracy on Bramble, 1.9 points above Vireo.")[1.9]
    assert claim.kind == DELTA
    assert claim.compared_to == "Vireo"


def test_a_speed_up_in_a_list_does_not_take_the_accuracy_metric():
    claims = _by_value("Our Shrike model reaches 70.2% accuracy on Bramble and runs 2.6x faster.")
    assert claims[70.2].metric == "accuracy"
    assert claims[2.6].metric is None


def test_listed_results_share_the_benchmark_named_after_the_last():
    claims = _by_value(
        "Our screener reaches a recall of 93.5% and a precision of 88.0% on the Marram benchmark."
    )
    assert claims[93.5].benchmark == claims[88.0].benchmark == "Marram"
    claims = _by_value("It reaches a recall of 93.5%, while Dunlin reaches 88.0% on the Marram benchmark.")
    assert claims[93.5].benchmark is None


def test_a_year_before_a_percent_is_not_a_claim():
    assert [
        claim.value for claim in extract_claims("In 2022, 41% of the audited clinics used the Pipit tool.")
    ] == [41]


def test_an_activity_is_not_the_system():
    claim = _by_value("Distillation takes 6 hours, and Inference takes 12 ms per image.")[12]
    assert claim.method is None


def test_starting_with_finds_the_same_matches():
    import re

    import pytest

    from claims.extraction.textscan import first_letters, starting_with

    words = "gains?|boost\\w*|margin"
    plain = re.compile(rf"\b(?:{words})\b")
    fast = starting_with(first_letters(words), rf"\b(?:{words})\b")
    text = "a margin of gains, boosted by a big gain; regains"
    assert [m.span() for m in fast.finditer(text)] == [m.span() for m in plain.finditer(text)]
    with pytest.raises(ValueError):
        lowered_pattern(r"\S+")


def test_a_number_in_parentheses_after_a_system_is_its_score():
    claims = {
        c.value: c
        for c in extract_claims("Ours tops the table at 77% F1, beating Garnet (71%) and Pell-3B (69%).", "")
    }
    assert (claims[71.0].kind, claims[69.0].kind) == ("score", "score")


def test_a_number_in_parentheses_after_a_benchmark_keeps_its_cue():
    claims = {c.value: c for c in extract_claims("QuuxNet improves accuracy on ImageNet (+2.1%).", "")}
    assert claims[2.1].kind == "delta"


def test_a_comparative_verb_right_before_the_number_states_a_score():
    claims = extract_claims("Each variant of Wren keeps a recall exceeding 88%.", "")
    assert [(c.value, c.kind) for c in claims] == [(88.0, "score")]
    by = extract_claims("FooNet exceeds BarNet by 3.1% accuracy.", "")
    assert [(c.value, c.kind) for c in by] == [(3.1, "delta")]


def test_longer_than_is_a_difference():
    claims = extract_claims("Routes planned by FooNet are 35% shorter than the greedy ones.", "")
    assert [(c.value, c.kind) for c in claims] == [(35.0, "delta")]


def test_arrow_between_two_numbers_is_a_before_and_an_after():
    claims = _by_value(r"Tilt lifts exact match on Fernbank by 4.1\% (52.3\% $\to$ 56.4\%).")
    assert [claims[v].kind for v in (4.1, 52.3, 56.4)] == [DELTA, SCORE, SCORE]
    claims = _by_value("Accuracy on Fernbank moves 60.2% → 63.9% with Tilt.")
    assert claims[60.2].kind == claims[63.9].kind == SCORE


def test_a_gain_in_points_carries_to_bare_list_items():
    claims = _by_value(
        "Tilt brings gains of up to 3.4 percentage points in recall, 5.1 in F2, and 2.2 in AUC."
    )
    assert [claims[v].kind for v in (3.4, 5.1, 2.2)] == [DELTA, DELTA, DELTA]
    assert claims[5.1].metric == "F2"


def test_a_gain_in_percent_carries_past_points_in_parentheses():
    claims = _by_value("Tilt beats both rankers by 18% (7.3 points) and 15% (6.6 points), respectively.")
    assert {claims[v].kind for v in (18, 7.3, 15, 6.6)} == {DELTA}


def test_an_own_cue_after_the_number_beats_the_list_kind():
    claims = _by_value("Tilt scores 45.5% on Fernbank, and on Mossy it gives a 2.8% gain.")
    assert claims[45.5].kind == SCORE
    assert claims[2.8].kind == DELTA


def test_a_plus_after_the_number_keeps_its_unit():
    claim = _by_value("Tilt is up to 700+ times faster than the exact solver.")[700]
    assert (claim.unit, claim.kind) == ("x", RATIO)


def test_each_listed_name_with_its_result_in_parentheses_is_a_benchmark():
    claims = _by_value(
        "Zinnia leads in mIoU on the LarkSpur (80.35%), QUX (82.9%), and ThistleV (38.77%) sets."
    )
    assert [claims[v].benchmark for v in (80.35, 82.9, 38.77)] == ["LarkSpur", "QUX", "ThistleV"]


def test_a_name_before_a_task_word_is_the_task_not_the_benchmark():
    claim = _by_value("Zinnia lifts the score to 32.8 mAP in HOI detection on the VCOCO dataset.")[32.8]
    assert claim.benchmark == "VCOCO"


def test_a_metric_repeated_around_an_arrow_is_a_before_and_an_after():
    claims = _by_value("Zinnia gives a clear gain (30.1 mAP $\\rightarrow$ 32.8 mAP) on the Reedbed dataset.")
    assert claims[30.1].kind == claims[32.8].kind == SCORE
    assert claims[32.8].metric == "mAP"


def test_a_unit_before_the_metric_is_not_part_of_its_name():
    claims = _by_value("Zinnia reaches 31.2 mm MPJPE and 33.1 dB PSNR with 85.1 macro F1.")
    assert [claims[v].metric for v in (31.2, 33.1, 85.1)] == ["MPJPE", "PSNR", "macro F1"]


def test_a_metric_in_parentheses_right_after_the_number_is_its_metric():
    claims = _by_value("On the Fen set it reaches 0.902 (CIDEr), 0.733 (METEOR), and 0.705 (ROUGE-L).")
    assert [claims[v].metric for v in (0.902, 0.733, 0.705)] == ["CIDEr", "METEOR", "ROUGE-L"]


def test_what_a_change_is_in_is_a_metric_not_a_benchmark():
    claims = _by_value(
        "Zinnia yields a 0.21 decrease in KLD and a 9.5% increase in fooling ratio on Marsh-7."
    )
    assert (claims[0.21].metric, claims[0.21].benchmark) == ("KLD", "Marsh-7")
    assert claims[9.5].metric == "fooling ratio"


def test_generic_praise_is_no_part_of_a_metric_name():
    claim = _by_value("Zinnia reaches a superior generation quality of 4.1 on Marsh.")[4.1]
    assert claim.metric == "generation quality"


def test_a_masking_ratio_is_a_setting_and_a_share_of_its_own_accuracy_a_ratio():
    claims = _by_value("With a masking ratio of 75%, Zinnia keeps 92.0% of its accuracy.")
    assert 75 not in claims
    assert claims[92.0].kind == RATIO


def test_enumerators_and_latex_layout_are_no_results():
    claims = _by_value("Zinnia serves faster in two ways: 1) it skips idle layers; 2) prune idle heads.")
    assert claims == {}
    claims = _by_value("\\vspace{-0.4cm}Zinnia reaches 81.0% accuracy on Fen-14.")
    assert list(claims) == [81.0]


def test_an_iou_threshold_is_a_setting_but_an_iou_is_a_result():
    claims = _by_value("Zinnia gains as high as 2.2% in mAP at IoU=0.5 and reaches mIoU=46.1% on Fen-14.")
    assert sorted(claims) == [2.2, 46.1]
    assert claims[2.2].kind == DELTA  # "as high as" is a bound; "gains" decides


def test_with_before_a_list_of_gains_sets_nothing():
    claims = _by_value(
        "Zinnia leads on Fen-5 and Reed-20, e.g., with 2.1% and 8.7% absolute improvements in mIoU."
    )
    assert claims[2.1].kind == claims[8.7].kind == DELTA


def test_a_quality_measure_after_the_number_is_no_cost_change():
    claims = _by_value(
        "At the same inference speed, Zinnia surpasses Reed by +6.1% NDS and cuts FLOPs by 35%."
    )
    assert (claims[6.1].kind, claims[35].kind) == (DELTA, RATIO)
    assert _by_value("Against Reed, the inference time per image is shortened by 12%.")[12].kind == RATIO


def test_hardware_vendors_are_no_benchmarks_and_latex_stays_out_of_the_title_method():
    claims = _by_value("Zinnia hits 36.1% AP on Fen-3 at a throughput of 1100 FPS on an NVIDIA Tesla T4 GPU.")
    assert claims[1100].benchmark is None
    claim = _by_value("Trained on Fen-3, it reaches 31.2% AP.", "\\vspace{-1cm}Zinnia-X: Fast Detection")[
        31.2
    ]
    assert claim.method == "Zinnia-X"


def test_latex_emphasis_around_the_number_hides_no_cue():
    for text in (
        "Zinnia obtains an absolute gain of {\\bf 9.1\\%} on Fen-3.",
        "Zinnia obtains a gain of \\textbf{9.1\\%}.",
    ):
        assert _by_value(text)[9.1].kind == DELTA


def test_a_metric_before_the_gain_word_keeps_the_gain():
    claims = _by_value("Zinnia achieves 5.1% AP gains on Fen-3 and 2.2% improvements on Reed-9.")
    assert claims[5.1].kind == claims[2.2].kind == DELTA
    assert _by_value("Zinnia reaches 81.2% while lower-capacity models lag.")[81.2].kind == SCORE


def test_a_share_of_the_state_of_the_art_is_a_ratio_and_a_unit_glued_to_a_name_is_none():
    assert _by_value("Zinnia achieves 69.4% of the weakly-supervised SOTA performance.")[69.4].kind == RATIO
    assert _by_value("We first train teachers on the synthetic set - 250W-LPA to get labels.") == {}


def test_an_acronym_after_a_percentage_is_its_metric_unless_it_names_data_or_hardware():
    claims = _by_value("On Fen-776 Zinnia reaches 83.4% mAP and 95.3% CMC1 with 30% GPU memory savings.")
    assert (claims[83.4].metric, claims[95.3].metric) == ("mAP", "CMC1")
    assert claims[30].metric != "GPU"


def test_a_latex_tilde_joins_a_version_to_its_name_but_not_a_number_to_a_verb():
    claims = _by_value("Against wav2vec~2.0, Zinnia shows~5\\% to~10\\% relative WER reduction.")
    assert sorted(claims) == [5, 10]
    assert claims[5].kind == claims[10].kind == RELATIVE


def test_a_glued_w_is_a_name_and_an_empty_latex_group_hides_no_metric():
    assert list(_by_value("Tests on image (250W and AFLW) sets; the board draws 15 W at peak.")) == [15]
    claims = _by_value("Zinnia achieves 94.8\\%{} UAS and 93.2\\%{} LAS on Fen-3.")
    assert (claims[94.8].metric, claims[93.2].metric) == ("UAS", "LAS")


def test_a_saving_verb_covers_every_cost_in_its_list():
    claims = _by_value("Zinnia saves 11% parameters and 13% computational cost while gaining 2.7% accuracy.")
    assert [claims[v].kind for v in (11, 13, 2.7)] == [RATIO, RATIO, DELTA]


def test_a_dataset_named_with_its_acronym_and_a_spelled_factor_that_names_no_metric():
    claim = _by_value("Zinnia achieves 82.6% accuracy on the hard Rural Road Name Signs (RRNS) dataset.")[
        82.6
    ]
    assert claim.benchmark == "Rural Road Name Signs (RRNS)"
    claim = _by_value("Zinnia is almost two times faster than Reed.")[2]
    assert (claim.kind, claim.metric) == (RATIO, None)


def test_with_before_a_list_of_results_in_a_metric_sets_nothing():
    claims = _by_value("Zinnia sets records on the Reed Commands dataset with 96.8\\% and 95.3\\% accuracy.")
    assert sorted(claims) == [95.3, 96.8]


def test_a_share_of_the_performance_of_another_system_is_a_ratio():
    claims = _by_value(
        "The embeddings recover 41% and 79% of the performance of their supervised counterparts."
    )
    assert claims[41].kind == claims[79].kind == RATIO


def test_from_and_to_around_an_aside_are_a_before_and_an_after():
    claims = _by_value("We improve the AUROC on Fen-9 from 85% (current SOTA) to 96%.")
    assert claims[85].kind == claims[96].kind == SCORE


def test_pretraining_data_and_a_benchmark_version_are_no_benchmark_results():
    claim = _by_value("Using encoders pre-trained on Fen-21k, we improve the AUROC on Reed-9 to 96%.")[96]
    assert claim.benchmark == "Reed-9"
    claims = extract_claims(
        "Zinnia advances ActivityNet 1.3 and THUMOS14 results, with 2.1 mAP gains on ActivityNet."
    )
    assert [c.value for c in claims] == [2.1]


def test_qualifiers_stay_in_a_metric_name_and_praise_does_not():
    claims = _by_value(
        "Zinnia reaches 61.2% zero-shot accuracy, 2.1 GB peak memory and a superior generation quality of 4.1."
    )
    assert [claims[v].metric for v in (61.2, 2.1, 4.1)] == [
        "zero-shot accuracy",
        "peak memory",
        "generation quality",
    ]


def test_slash_chains_of_decimals_are_results_each_sharing_the_unit():
    claims = _by_value("They reach 41.6/45.7/48.2 mAP on Fen-3 with latencies of 2.71/3.81/5.52 ms.")
    assert [claims[v].metric for v in (41.6, 45.7, 48.2)] == ["mAP"] * 3
    assert {claims[v].unit for v in (2.71, 3.81, 5.52)} == {"ms"}
    assert claims[41.6].method is None


def test_a_gain_word_before_a_colon_makes_the_list_gains_and_plural_acronyms_are_metrics():
    claims = _by_value(
        "Zinnia wins by a large margin: \\textbf{4.7\\%} mIoU on Fen-3, \\textbf{15.9\\%} mAP on Reed-9."
    )
    assert claims[4.7].kind == claims[15.9].kind == DELTA
    assert _by_value("Zinnia reaches 45.1 mAPs on Fen-3.")[45.1].metric == "mAPs"


def test_latex_braces_and_signs_around_a_gain_keep_it_a_gain():
    claims = _by_value("Zinnia reaches gains of +\\textit{3.4\\%} on Fen-3 and +\\textit{2.3}\\% on Reed-9.")
    assert (claims[3.4].kind, claims[2.3].kind, claims[2.3].unit) == (DELTA, DELTA, "%")
    claim = _by_value("Zinnia beats baselines by a large margin {of 5.8\\% in area under ROC}.")[5.8]
    assert (claim.kind, claim.benchmark) == (DELTA, None)


def test_beating_the_previous_best_by_a_margin_is_a_gain():
    assert (
        _by_value("It surpasses the previous best result by a large margin of 3% on Fen-3.")[3].kind == DELTA
    )
    assert _by_value("Zinnia surpasses the previous best of 80.1% on Fen-3.")[80.1].kind == SCORE


def test_a_factor_before_a_metric_and_a_reporting_verb_are_not_in_its_name():
    claims = _by_value("Zinnia matches Reed with 118 times fewer parameters. We report EPE reduced by 14.9%.")
    assert (claims[118].metric, claims[14.9].metric) == ("fewer parameters", "EPE")


def test_a_value_in_parentheses_after_its_measure_is_a_score():
    claims = _by_value(
        "Zinnia keeps a much higher precision (19.3%) than Reed and improves accuracy (+2.1%)."
    )
    assert (claims[19.3].kind, claims[2.1].kind) == (SCORE, DELTA)


def test_device_specs_shares_of_them_and_gpu_names_are_no_results():
    claims = _by_value("Zinnia runs at 36.4FPS on a Jetson AGX Orin 64GB, on a single RTX 2080 GPU.")
    assert list(claims) == [36.4] and claims[36.4].benchmark is None
    assert _by_value("Over 88% of them have few instances, and 10% of classes suffice.") == {}


def test_a_list_takes_the_benchmark_named_after_it_before_the_next_result():
    claims = _by_value(
        "We reach accuracies of 92.9%, 90.4% and 85.1% under three walking conditions on Fen-B, "
        "93.3% on Reed-9 and 47.2% on Marsh-2."
    )
    assert [claims[v].benchmark for v in (92.9, 90.4, 85.1, 93.3, 47.2)] == ["Fen-B"] * 3 + [
        "Reed-9",
        "Marsh-2",
    ]


def test_gains_ranging_from_one_number_to_another_are_gains():
    claims = _by_value("It wins by large margins, with accuracy improvements ranging from 9.6% to 31.2%.")
    assert claims[9.6].kind == claims[31.2].kind == DELTA
    claims = _by_value("We obtain a significant improvement, of up to 21% and 27%, on Fen-3 and Reed-9.")
    assert claims[21].kind == claims[27].kind == DELTA


def test_a_version_after_an_acronym_name_is_no_result():
    claims = _by_value("Zinnia wins on two datasets (FooWOZ 2.2 and WOZ 2.0), with a BLEU 0.3 higher.")
    assert list(claims) == [0.3]


def test_a_share_of_a_cost_is_a_ratio_even_after_with():
    assert _by_value("Zinnia beats the best decoder with only 20\\% of computation.")[20].kind == RATIO
    assert (
        _by_value("It reaches 86.9% mIoU with 30% computation of the previous best model.")[30].kind == RATIO
    )


def test_a_system_with_its_result_is_no_setting():
    claims = _by_value("Zinnia gets an error of 17.91% on Fen-100 (best model with 17.35%).")
    assert claims[17.35].kind == SCORE
    assert _by_value("With just 60% of the training data, Zinnia still wins.") == {}


def test_relatively_after_a_gain_makes_it_relative():
    assert _by_value("Zinnia improves the task completion rate by 8.7% relatively.")[8.7].kind == RELATIVE


def test_results_listed_for_names_after_with_and_mask_maps_are_no_settings():
    claims = _by_value("Zinnia leads on Fen-3, Reed-9 and Marsh-2 with 88.5%, 93.1%, 62.4% respectively.")
    assert sorted(claims) == [62.4, 88.5, 93.1]
    claims = _by_value("Our largest model yields 50.9/51.3 mask mAPs on Fen-3.")
    assert sorted(claims) == [50.9, 51.3]


def test_the_number_of_an_area_fold_or_task_is_part_of_a_name():
    claims = _by_value("Its score beats the best by +6.8% on Reed Area 5 and reaches 71.2 F1 on Fen Task 3.")
    assert sorted(claims) == [6.8, 71.2]


def test_a_list_item_inherits_a_kind_whose_cue_followed_the_previous_item():
    claims = _by_value("Zinnia achieves a 14.7% relative improvement on Fen-3 retrieval and 2.4% on Reed-9.")
    assert claims[14.7].kind == claims[2.4].kind == RELATIVE


def test_a_forecast_horizon_is_no_result_and_a_gain_in_accuracy_is_no_cost():
    assert list(_by_value("In the 1 hour ahead prediction, Zinnia beats Reed by up to 4% in MAE.")) == [4]
    claims = _by_value(
        "Zinnia saves 11% parameters and 13% computational cost but gains 0.2% higher accuracy."
    )
    assert claims[0.2].kind == DELTA


def test_a_gain_named_after_in_is_a_gain_and_half_of_the_data_is_no_result():
    assert _by_value("Zinnia beats the baselines, reaching up to 21% in accuracy gain.")[21].kind == DELTA
    assert _by_value("Of the 250 speakers, half of the speakers are children.") == {}
    assert _by_value("Zinnia needs half the training time of Reed.")[0.5].kind == RATIO


def test_a_cost_compared_after_use_or_only_is_a_result_but_a_share_of_data_is_a_setting():
    assert _by_value("Zinnia uses 97% less parameters than Reed.")[97].kind == RATIO
    assert _by_value("Its CPU inference time is only 10% of Reed.")[10].kind == RATIO
    assert list(_by_value("Using only 10% of Fen-3, Zinnia reaches 80.1% accuracy.")) == [80.1]


def test_words_inside_hyphenated_compounds_are_no_kind_cues():
    claims = _by_value(
        "Zinnia gets a 14.7% relative improvement on Fen-3 paragraph-to-video retrieval and 2.4% on Reed-9."
    )
    assert claims[2.4].kind == RELATIVE


def test_two_modifiers_before_the_gain_word_and_saved_computing_are_understood():
    claims = _by_value("Zinnia achieves 16.08, 11.52 and 6.36 average accuracy improvement on Fen-3.")
    assert {claims[v].kind for v in (16.08, 11.52, 6.36)} == {DELTA}
    assert _by_value("Zinnia wins while it saves more than 98% of computing resources.")[98].kind == RATIO


def test_latex_double_dash_ranges_and_units_after_an_emphasis():
    claims = _by_value("Detectors fall to 30--60\\% of the original performance.")
    assert sorted(claims) == [30, 60] and claims[30].unit == "%"
    claims = _by_value(
        "Zinnia beats Reed by \\textbf{21.9} percent on Fen-3 and \\textbf{5.9} points on Reed-9."
    )
    assert (claims[21.9].unit, claims[5.9].unit, claims[5.9].metric) == ("%", "points", None)


def test_outperforming_with_an_accuracy_of_states_scores():
    claims = _by_value(
        "Zinnia outperforms prior techniques with an average accuracy of 87.7% and 46.6%, respectively."
    )
    assert claims[87.7].kind == claims[46.6].kind == SCORE


def test_values_side_by_side_with_vs_are_scores_and_a_training_set_size_is_part_of_its_name():
    claims = _by_value(
        "Zinnia clearly outperforms previous results, \\textbf{79.6\\%} (vs 77.4\\%) on Fen-3."
    )
    assert claims[79.6].kind == claims[77.4].kind == SCORE
    assert list(_by_value("On the LibriSpeech 960h task, Zinnia beats Reed by 15% relative.")) == [15]
