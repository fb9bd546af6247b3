"""The name resolver stays warm across chunks, forgets safely, and leaderboards are bumped once per call."""

import pytest

from claims.extraction import extract_claims
from claims.models import Benchmark, Claim
from claims.services import extraction, name_cache
from claims.services.catalog import benchmark_merge, benchmark_resolve
from tests.papers.factories import PaperFactory

pytestmark = pytest.mark.django_db

ABSTRACT = "Our detector reaches {value} box AP on COCO and {value}% accuracy on ImageNet."


@pytest.fixture(autouse=True)
def _fresh_process_names():
    name_cache.process_names_clear()
    yield
    name_cache.process_names_clear()


@pytest.fixture
def resolutions(monkeypatch):
    """Names the extraction asked the catalog for (each one queries the database)."""
    asked: list[str] = []
    original = dict(name_cache.NameResolver._RESOLVERS)

    def spy(kind):
        def resolve(*, name):
            asked.append(name)
            return original[kind](name=name)

        return resolve

    monkeypatch.setattr(name_cache.NameResolver, "_RESOLVERS", {kind: spy(kind) for kind in original})
    return asked


def _papers(count, start=0):
    return [PaperFactory(abstract=ABSTRACT.format(value=40 + n)).pk for n in range(start, start + count)]


@pytest.mark.django_db(transaction=True)
def test_names_resolved_in_one_chunk_are_reused_by_the_next_chunks_and_tasks(resolutions, monkeypatch):
    # Real commits: each chunk's names reach the process when its transaction commits.
    monkeypatch.setattr(extraction, "PAPERS_PER_TRANSACTION", 2)
    extraction.papers_extract(paper_ids=_papers(6))
    first_call = list(resolutions)
    extraction.papers_extract(paper_ids=_papers(4, start=6))

    assert sorted(first_call) == sorted(set(first_call)) and "COCO" in first_call
    assert resolutions == first_call  # nothing asked again: not in later chunks, not in the next call
    assert Claim.objects.filter(benchmark__name="COCO").count() == 10


def test_a_rolled_back_chunk_leaves_no_id_in_the_process(resolutions, monkeypatch):
    # The test's transaction never commits, so what the chunk resolved must not be kept.
    extraction.papers_extract(paper_ids=_papers(1))
    asked = len(resolutions)
    extraction.papers_extract(paper_ids=_papers(1, start=1))
    assert len(resolutions) == 2 * asked > 0


def test_after_a_merge_deletes_a_benchmark_its_names_are_resolved_again(
    resolutions, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        extraction.papers_extract(paper_ids=_papers(1))
        coco = Benchmark.objects.get(name="COCO")
        target = benchmark_resolve(name="Common Objects Benchmark")
        benchmark_merge(source=coco, target=target)
    asked = len(resolutions)
    with django_capture_on_commit_callbacks(execute=True):
        extraction.papers_extract(paper_ids=_papers(1, start=1))

    assert "COCO" in resolutions[asked:]
    newest = Claim.objects.order_by("-pk").filter(benchmark_text="COCO").first()
    assert newest.benchmark == target


def test_a_call_over_many_chunks_bumps_each_leaderboard_once(monkeypatch, django_capture_on_commit_callbacks):
    monkeypatch.setattr(extraction, "PAPERS_PER_TRANSACTION", 1)
    bumps: list[tuple] = []
    monkeypatch.setattr(extraction, "leaderboard_cache_invalidate", lambda *ids: bumps.append(ids))
    with django_capture_on_commit_callbacks(execute=True):
        totals = extraction.papers_extract(paper_ids=_papers(5))

    assert totals.papers == 5 and totals.claims_created >= 5
    assert len(bumps) == 1
    assert set(bumps[0]) == set(Claim.objects.values_list("benchmark_id", flat=True))


def test_the_count_hook_sees_every_claim_removed_and_created(monkeypatch):
    calls = []
    monkeypatch.setattr(
        extraction, "claims_replaced", lambda **kwargs: calls.append({k: list(v) for k, v in kwargs.items()})
    )
    ids = _papers(2)
    extraction.papers_extract(paper_ids=ids)
    first = {claim.pk for claim in Claim.objects.all()}
    extraction.papers_extract(paper_ids=ids)

    assert len(calls) == 2
    assert calls[0]["removed"] == [] and len(calls[0]["created"]) == len(first)
    assert {claim.pk for claim in calls[1]["removed"]} == first
    assert {claim.pk for claim in calls[1]["created"]} == set(Claim.objects.values_list("pk", flat=True))


def test_a_measure_at_a_cut_off_is_a_metric_whether_or_not_the_vocabulary_knows_it():
    from claims.extraction.entities import find_metrics

    sentence = "Zarn gets a Rank@1 of 41.0%, 12.3 HitRate@7 and 0.41 mAP@0.5:0.95; write to team@zarn.org."
    assert {"Rank@1", "HitRate@7", "mAP@0.5:0.95"} <= {span.text for span in find_metrics(sentence)}
    assert not any("zarn.org" in span.text for span in find_metrics(sentence))


def test_a_size_suffix_before_the_verb_is_no_method():
    claims = extract_claims(
        "Our Zarn models with a size of 41.2M and of 77.1M achieve 81.4% and 82.9% top-1 accuracy on ImageNet.",
        "",
    )
    assert {claim.method for claim in claims if claim.value in (81.4, 82.9)} == {"Zarn"}


def test_a_result_verb_in_the_past_is_no_part_of_the_metric_name():
    claims = extract_claims(
        "Against a baseline, we increased F1 scores from 71.2 to 79.4 on the two corpora.", ""
    )
    assert {claim.metric for claim in claims} == {"F1 scores"}


def test_a_quality_metric_named_before_a_speed_is_not_the_speeds_metric():
    claims = {claim.value: claim for claim in extract_claims("Zarn-S reaches 41.5% AP at 512 FPS.", "")}
    assert claims[41.5].metric == "AP"
    assert claims[512.0].metric is None


def test_the_end_of_a_metric_name_is_not_what_the_number_is_compared_to():
    claims = {
        claim.value: claim
        for claim in extract_claims(
            "Zarn improves the Intersection over Union (IoU) by 4.4%. It beats LoNet by 2.1% IoU.", ""
        )
    }
    assert claims[4.4].compared_to is None and claims[4.4].metric == "IoU"
    assert claims[2.1].compared_to == "LoNet"


def test_latex_font_commands_before_a_title_prefix_are_no_part_of_the_method_name():
    from claims.extraction.methods import own_method

    assert own_method("We study things.", r"\LARGE \bf ZARNET: Improving Things") == "ZARNET"


def test_the_data_a_model_was_trained_on_is_not_the_benchmark():
    claims = extract_claims(
        "On the Velm-7 benchmark, we lift the AUROC from 81% to 93% using encoders pre-trained on ImageNet-21k.",
        "",
    )
    assert {claim.benchmark for claim in claims} == {"Velm-7"}


def test_a_capital_after_a_hyphen_and_such_are_no_method_names():
    claims = extract_claims(
        "Our version on object re-ID surpasses prior algorithms by 11.7% on Market-1501.", ""
    )
    assert claims[0].method is None
    from claims.extraction.methods import subject_before

    assert not subject_before("Such achievement significantly exceeds the previous best by")


def test_face_and_person_recognition_metrics_are_known():
    claims = extract_claims(
        "Zarn improves the best prior result by 11% on UND-X1 in terms of Rank-1 identification. "
        "A 60% relative decrease of Half Total Error Rate (HTER) is achieved on CASIA.",
        "",
    )
    assert [claim.metric for claim in claims] == ["Rank-1", "Half Total Error Rate"]


def test_a_version_after_a_benchmark_name_is_part_of_it_unless_a_metric_follows():
    from claims.extraction.entities import find_benchmarks

    assert [
        b.text for b in find_benchmarks("Zarn lifts Smatch from 70.1 to 79.3 on AMR 2.0, and 1.2 on AMR.")
    ] == [
        "AMR 2.0",
        "AMR",
    ]
    assert [b.text for b in find_benchmarks("Zarn gets 3 on AMR 2.1 F1 now.")] == ["AMR"]


def test_a_device_is_no_method():
    claims = extract_claims(
        "Zarn-l gets 50.1 mAP on COCO and 71.2 FPS on Tesla V100, yielding a gain of +1.4 AP over prior work.",
        "",
    )
    assert all(claim.method != "Tesla V100" for claim in claims)


def test_a_term_with_a_capital_set_equal_to_a_number_is_a_metric():
    from claims.extraction.entities import find_metrics

    names = {span.text for span in find_metrics("It gives EER = 0.74% and t-DCF = 0.0211 over n = 40 runs.")}
    assert "t-DCF" in names and "n" not in names


def test_a_threshold_is_a_setting_and_names_no_metric():
    claims = {
        claim.value: claim
        for claim in extract_claims(
            "Zarn gets a 61.3% mAP with the 0.5 IoU threshold on ScanNetV2, 1.4% higher than the best prior work.",
            "",
        )
    }
    assert 0.5 not in claims
    assert claims[1.4].metric != "IoU"


def test_a_data_set_named_by_the_title_is_not_the_method():
    claims = extract_claims(
        "The approach obtains an accuracy of 81.25% on the test set of our RWF-2000 database.",
        "RWF-2000: An Open Video Database",
    )
    assert claims[0].benchmark == "RWF-2000" and claims[0].method is None


def test_a_benchmark_of_the_sentence_is_no_method():
    claims = extract_claims(
        "It leads on LivingQ and SocialQ, improving F1 by 1.3 and 0.6 F1 respectively.", ""
    )
    assert all(claim.method not in ("LivingQ", "SocialQ") for claim in claims)


def test_a_comparison_target_ends_before_such_as():
    claims = extract_claims(
        "Compared to published models such as FooNet, Zarn shows a 5% relative WER reduction.", ""
    )
    assert claims[0].compared_to == "published models"


def test_a_bare_lm_is_no_method():
    claims = extract_claims(
        "Their combination with an improved LM reaches a new record, 5.2% WER on SWB.", ""
    )
    assert claims[0].method != "LM"


def test_a_sentence_opening_on_a_name_names_its_benchmark():
    claims = extract_claims(
        "On Velm-2-hop, relative to the strongest baseline, Zarn achieves +31.2 EM@1.", ""
    )
    assert claims[0].benchmark == "Velm-2-hop"


def test_a_name_set_beside_the_noun_that_says_it_is_a_benchmark():
    from claims.extraction.entities import find_benchmarks

    sentence = (
        "We test Zarn on two benchmarks: VelmQA, a grounded QA benchmark over tax data, where it gains 6.1%; "
        "and QuarQA, a search QA benchmark."
    )
    assert [b.text for b in find_benchmarks(sentence)] == ["VelmQA", "QuarQA"]
    assert [b.text for b in find_benchmarks("We adapt it to a hard reasoning task, NLVR, and gain 22%.")] == [
        "NLVR"
    ]
    assert find_benchmarks("Zarn, a new model, gets 3%. We use KBs, a store, and KGs.") == []
