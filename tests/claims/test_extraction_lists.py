"""Results written as lists, each with a sentence written for the test: benchmarks coordinated with a known
one, "respectively" alignment and a metric named once for the list (in the rules' reading)."""

from claims.extraction import extract_claims
from claims.extraction.entities import find_benchmarks
from claims.extraction.lists import align_lists
from claims.extraction.pipeline import rule_claims
from claims.extraction.span_choice import list_order, number_list


def _claims(text: str) -> dict[float, object]:
    return {claim.value: claim for claim in extract_claims(text, "")}


def test_names_listed_with_a_known_benchmark_are_benchmarks():
    names = [span.text for span in find_benchmarks("We test on ImageNet, QuolBench-7 and ZXV.")]
    assert names == ["ImageNet", "QuolBench-7", "ZXV"]


def test_a_list_member_is_not_a_version_a_model_or_a_slash_pair():
    assert [s.text for s in find_benchmarks("For Something-Something V1 and V2 we report top-1.")] == [
        "Something-Something V1"
    ]
    assert "ResNet-50" not in [
        s.text for s in find_benchmarks("Results on ImageNet and ResNet-50 backbones.")
    ]
    assert [s.text for s in find_benchmarks("It reaches 82.9%/84.8% on Kinetics-400/Kinetics-600.")] == [
        "Kinetics-400/Kinetics-600"
    ]


def test_a_method_that_a_system_is_based_on_is_no_benchmark():
    assert find_benchmarks("We present FooDet, a detector based on BarNet-X.") == []


def test_number_lists_and_a_numbers_place_in_its_list():
    sentence = "It scores 0.91, 0.88, and 0.79 on A-1, B-2 and C-3, respectively, at 12 FPS."
    lists = [number_list(sentence, sentence.index(text)) for text in ("0.91", "0.79", "12")]
    assert lists[0] == lists[1] and len(lists[0]) == 3
    assert lists[2] is None
    claims = {claim.value: claim for claim in extract_claims(sentence, "")}
    assert list_order(claims[0.88]) == (1, 3)


def test_a_list_with_the_metric_repeated_after_each_number_is_one_list():
    sentence = "Frobnet gets 76.6% mAP, 97.0% mAP, and 90.5% mAP on DOTA, UCAS-AOD and HRSC, respectively."
    assert len(number_list(sentence, sentence.index("97.0")) or []) == 3
    claims = _claims(sentence)
    assert [claims[v].benchmark for v in (76.6, 97.0, 90.5)] == ["DOTA", "UCAS-AOD", "HRSC"]


def test_respectively_gives_each_number_its_own_benchmark():
    claims = _claims(
        "Our net obtains AUCs of 0.9716, 0.9751, and 0.9781 on DRIVE, QX-DB2, and STARE, respectively."
    )
    assert [claims[v].benchmark for v in (0.9716, 0.9751, 0.9781)] == ["DRIVE", "QX-DB2", "STARE"]


def test_a_metric_named_once_belongs_to_every_number_of_the_list():
    claims = {
        claim.value: claim
        for claim in rule_claims(
            "We obtain 81.41, 80.46, and 90.2 F1 scores on ACE2004, ACE2005, and NNE, respectively.", ""
        )
    }
    assert {claims[v].metric for v in (81.41, 80.46, 90.2)} == {"F1 scores"}
    assert [claims[v].benchmark for v in (81.41, 80.46, 90.2)] == ["ACE2004", "ACE2005", "NNE"]


def test_without_respectively_the_benchmarks_are_not_realigned():
    claims = _claims(
        "Zeta reaches 71.2% accuracy on MMLU, while 64.0% and 60.1% of answers on GSM8K and SVAMP are kept."
    )
    assert claims[71.2].benchmark == "MMLU"


def test_align_lists_leaves_single_numbers_alone():
    claims = extract_claims("Quux reaches 71.2% accuracy on MMLU.", "")
    assert align_lists(claims[0].evidence, claims, []) == claims


def test_a_percentage_followed_by_its_metric_after_at_is_a_result_not_a_setting():
    claims = _claims("Our model sets the state of the art on the Cityscapes benchmark at 83.1% mIoU.")
    assert (claims[83.1].metric, claims[83.1].benchmark) == ("mIoU", "Cityscapes")


def test_a_capitalised_name_listed_with_a_benchmark_is_one_too():
    claims = _claims(
        "We reach accuracy of 96.1% and 93.2% on Cornell and Quailridge grasping datasets, respectively."
    )
    assert (claims[96.1].benchmark, claims[93.2].benchmark) == ("Cornell", "Quailridge")


def test_a_long_name_before_a_capitalised_cue_word_is_a_benchmark():
    names = [
        s.text for s in find_benchmarks("It reaches 88.0% on the Northern Plover Language Inference Dataset.")
    ]
    assert names == ["Northern Plover Language Inference"]
    assert [s.text for s in find_benchmarks("It is tested on the Wrenfield Facial Action database.")] == [
        "Wrenfield Facial Action"
    ]


def test_respectively_holds_through_the_decision_stage():
    from claims.extraction.pipeline import STAGES, decision_stage, lists_stage

    assert STAGES.index(lists_stage) == STAGES.index(decision_stage) + 1
    claims = _claims("We obtain 81.41, 80.46, and 90.2 F1 scores on ACE2004, ACE2005, and NNE, respectively.")
    assert [claims[v].benchmark for v in (81.41, 80.46, 90.2)] == ["ACE2004", "ACE2005", "NNE"]


def test_metric_names_are_not_the_benchmarks_a_list_is_aligned_to():
    claims = _claims("In the routing task, FooNet improves by 30.5% and 12.7% in MAE and MSE, respectively.")
    assert claims[30.5].benchmark is None and claims[12.7].benchmark is None
