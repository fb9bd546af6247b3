"""Splits and subsets kept on claims, on sentences written for these tests."""

from claims.extraction import extract_claims
from claims.extraction.splits import find_splits, normalize_split, split_from_name


def found(text: str) -> list[tuple[float, str | None, str | None]]:
    return [(claim.value, claim.benchmark, claim.split) for claim in extract_claims(text, "")]


def test_split_written_after_the_benchmark_is_kept_apart_from_its_name():
    assert found("Our detector reaches 55.1 box AP on COCO test-dev and 54.3 AP on COCO val2017.") == [
        (55.1, "COCO", "test-dev"),
        (54.3, "COCO", "val2017"),
    ]


def test_paired_splits_follow_the_order_of_the_numbers():
    text = "The recognizer obtains 2.3% and 5.2% WER on the test-clean and test-other sets of LibriSpeech."
    assert found(text) == [(2.3, "LibriSpeech", "test-clean"), (5.2, "LibriSpeech", "test-other")]


def test_split_named_near_the_number_and_resolutions():
    assert found("On LibriSpeech, our model obtains a WER of 2.0% on the test-clean split.") == [
        (2.0, "LibriSpeech", "test-clean")
    ]
    assert found("The sampler achieves an FID of 2.3 on ImageNet 256x256.") == [(2.3, "ImageNet", "256x256")]
    assert found("We reach 81.2 mIoU on Cityscapes val.") == [(81.2, "Cityscapes", "val")]


def test_a_plain_test_set_is_the_standard_evaluation_and_gives_no_split():
    assert found("Our parser reaches 95.1 F1 on the Penn Treebank test set.") == [
        (95.1, "Penn Treebank", None)
    ]
    assert found("The devices reach 91.0% accuracy on CIFAR-10.") == [(91.0, "CIFAR-10", None)]


def test_split_helpers():
    assert split_from_name("Quarry 2019 (Test-Dev)") == ("Quarry 2019", "test-dev")
    assert split_from_name("Quarry 2019") == ("Quarry 2019", None)
    assert normalize_split("validation") == "val"
    assert normalize_split("512 × 512") == "512x512"
    assert [split for _, _, split in find_splits("the testA and test-B parts; we test a model")] == [
        "testA",
        "testB",
    ]


def test_a_benchmark_named_with_test_is_the_benchmark_itself():
    found_claims = found("Our road parser gets 68.2% mIoU on Cityscapes test set and 61.9% mIoU on CamVid.")
    assert [(value, benchmark, split) for value, benchmark, split in found_claims] == [
        (68.2, "Cityscapes", None),
        (61.9, "CamVid", None),
    ]
