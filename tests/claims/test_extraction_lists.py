"""Results written as lists, each with a sentence invented for the test (made-up systems and benchmarks,
besides a few well-known benchmark names the vocabulary holds): benchmarks coordinated with a known one,
"respectively" alignment and a metric named once for the list."""

from claims.extraction import extract_claims
from claims.extraction.entities import Span, find_benchmarks
from claims.extraction.lists import align_lists
from claims.extraction.pipeline import STAGES, decision_stage, lists_stage, rule_claims
from claims.extraction.span_choice import list_order, number_list, position_features


def _claims(text: str) -> dict[float, object]:
    return {claim.value: claim for claim in extract_claims(text, "")}


def _names(sentence: str) -> list[str]:
    return [span.text for span in find_benchmarks(sentence)]


def test_names_listed_with_a_known_benchmark_are_benchmarks():
    assert _names("We test on ImageNet, QuolBench-7 and ZXV.") == ["ImageNet", "QuolBench-7", "ZXV"]


def test_a_capitalised_word_listed_with_a_benchmark_is_one_too():
    assert _names("Tried on ImageNet and Marrowfield, the model holds up.") == ["ImageNet", "Marrowfield"]


def test_a_list_member_is_not_a_version_a_model_or_a_slash_pair():
    assert _names("Results on Pebble-Sort V1 and V2 show gains.") == ["Pebble-Sort V1"]
    assert "ResNet-50" not in _names("Results on ImageNet and ResNet-50 backbones.")
    assert _names("It reaches 70.2%/71.9% on Wobble-400/Wobble-700.") == ["Wobble-400/Wobble-700"]


def test_two_names_need_and_or_or_to_be_a_list():
    assert _names("Tested on QuarryQA, FooNet reaches 71.3% accuracy.") == ["QuarryQA"]


def test_a_method_that_a_system_is_based_on_is_no_benchmark():
    assert _names("We present FooDet, a detector based on BarNet-X.") == []


def test_a_long_name_before_a_capitalised_cue_word_is_a_benchmark():
    assert _names("It reaches 88.0% on the Northern Plover Language Inference Dataset.") == [
        "Northern Plover Language Inference"
    ]
    assert _names("It is tested on the Wrenfield Facial Action database.") == ["Wrenfield Facial Action"]


def test_number_lists_and_a_numbers_place_in_its_list():
    sentence = "It scores 0.91, 0.88, and 0.79 on A-1, B-2 and C-3, respectively, at 12 FPS."
    lists = [number_list(sentence, sentence.index(text)) for text in ("0.91", "0.79", "12")]
    assert lists[0] == lists[1] and len(lists[0]) == 3
    assert lists[2] is None
    assert list_order(_claims(sentence)[0.88]) == (1, 3)


def test_a_list_with_the_metric_repeated_after_each_number_is_one_list():
    sentence = "Frobnet gets 61.5% mAP, 88.0% mAP, and 73.4% mAP on QX-Air, Ternby-3 and ZMV, respectively."
    assert len(number_list(sentence, sentence.index("88.0")) or []) == 3
    claims = _claims(sentence)
    assert [claims[v].benchmark for v in (61.5, 88.0, 73.4)] == ["QX-Air", "Ternby-3", "ZMV"]


def test_respectively_gives_each_number_its_own_benchmark():
    claims = _claims("Gains hold: 0.912, 0.874, and 0.905 AUC on ImageNet, QX-DB2, and PQR, respectively.")
    assert [claims[v].benchmark for v in (0.912, 0.874, 0.905)] == ["ImageNet", "QX-DB2", "PQR"]


def test_a_metric_named_once_belongs_to_every_number_of_the_list():
    sentence = "Scores of 61.2, 58.9, and 70.4 F1 come on SQuAD, Hollin-QA, and TMQ, respectively."
    claims = {claim.value: claim for claim in rule_claims(sentence, "")}
    assert {claims[v].metric for v in (61.2, 58.9, 70.4)} == {"F1"}
    assert [claims[v].benchmark for v in (61.2, 58.9, 70.4)] == ["SQuAD", "Hollin-QA", "TMQ"]


def test_respectively_holds_through_the_decision_stage():
    assert STAGES.index(lists_stage) == STAGES.index(decision_stage) + 1
    claims = _claims("Scores of 61.2, 58.9, and 70.4 F1 come on SQuAD, Hollin-QA, and TMQ, respectively.")
    assert [claims[v].benchmark for v in (61.2, 58.9, 70.4)] == ["SQuAD", "Hollin-QA", "TMQ"]


def test_metric_names_are_not_the_benchmarks_a_list_is_aligned_to():
    claims = _claims("In the routing task, FooNet improves by 30.5% and 12.7% in MAE and MSE, respectively.")
    assert claims[30.5].benchmark is None and claims[12.7].benchmark is None


def test_without_respectively_the_benchmarks_are_not_realigned():
    claims = _claims(
        "Zeta reaches 71.2% accuracy on MMLU, while 64.0% and 60.1% of answers on GSM8K and QQR are kept."
    )
    assert claims[71.2].benchmark == "MMLU"


def test_align_lists_leaves_single_numbers_alone():
    claims = extract_claims("Quux reaches 71.2% accuracy on MMLU.", "")
    assert align_lists(claims[0].evidence, claims, []) == claims


def test_a_percentage_followed_by_its_metric_after_at_is_a_result_not_a_setting():
    claims = _claims("Tested on the Ternby-3 benchmark, BarNet lands at 64.2% mIoU.")
    assert (claims[64.2].metric, claims[64.2].benchmark) == ("mIoU", "Ternby-3")


def test_respectively_pairs_each_number_with_a_metric_written_as_a_list_after_them():
    claims = _claims(
        "On Fen-3, Tern beats Reed by 12.7%, 13.6% and 24.8% in MAE, RMSE and MAPE, respectively."
    )
    assert claims[12.7].metric == "MAE" and claims[13.6].metric == "RMSE"
    claims = _claims("Tern improves AUC, F1 and recall by 1.2%, 3.4% and 5.6%, respectively.")
    assert claims[5.6].metric == "recall"


def test_a_metric_after_a_list_of_numbers_holds_for_every_number_through_the_decision_stage():
    claims = _claims(
        "Across corpora, Qorvo reaches 64.7, 66.2, and 81.9 F1 scores on PL-04, PL-05, and Zentra."
    )
    assert {claims[v].metric for v in (64.7, 66.2, 81.9)} == {"F1 scores"}


def test_a_list_is_no_clause_boundary_for_the_metric_model():
    sentence = "It gets 64.7, 66.2, and 81.9 F1 scores."
    claim = next(claim for claim in rule_claims(sentence, "") if claim.value == 64.7)
    start = sentence.index("F1")
    features = position_features(claim, Span(start, start + len("F1 scores"), "F1 scores"), "none")
    assert "across_list*after" in features and "dist=after:list" in features
    assert not any(feature.startswith("between:") for feature in features)


def test_numbers_in_latex_emphasis_are_listed_like_plain_ones():
    claims = _claims(
        r"Zarn beats prior work by \textbf{12.4\%} and \textbf{6.3\%} on Halo-2200 and QMSX benchmarks."
    )
    assert [claims[v].benchmark for v in (12.4, 6.3)] == ["Halo-2200", "QMSX"]


def test_a_unit_after_a_list_in_latex_emphasis_holds_for_every_number():
    claims = _claims(
        r"Zarn only costs \textbf{0.7} and \textbf{3} GPU hours on CIFAR-10 and ImageNet, respectively."
    )
    assert {claims[v].unit for v in (0.7, 3.0)} == {"GPU hours"}


def test_and_before_the_last_of_a_list_of_benchmarks_ends_no_clause():
    claims = _claims(
        "Zarn leads by 6.1%, 5.7%, and 2.6% when tested with the VOC07, VOC12, and Quarrow-20K datasets."
    )
    assert [claims[v].benchmark for v in (6.1, 5.7, 2.6)] == ["VOC07", "VOC12", "Quarrow-20K"]
