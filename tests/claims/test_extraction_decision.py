"""The learned decision stage: proposals, features, the weights file and its use. Sentences are invented."""

import json

from claims.extraction import extract_claims
from claims.extraction.decision import decide
from claims.extraction.features import proposal_features
from claims.extraction.metric_choice import metric_candidates
from claims.extraction.model import MODEL_PATH, DecisionModel, load_model
from claims.extraction.pipeline import propose_claims, rule_claims
from claims.extraction.proposal import NON_CLAIM, RULES


def test_proposals_keep_the_numbers_the_rules_turned_down():
    proposals = propose_claims(
        "Finch reaches 91.4% accuracy on Reedset after training on 300M images in 2021."
    )
    by_value = {p.claim.value: p.origin for p in proposals}
    assert by_value[91.4] == RULES
    assert by_value[2021.0] == NON_CLAIM
    assert [p.claim.value_start for p in proposals] == sorted(p.claim.value_start for p in proposals)


def test_without_a_model_the_rules_decide():
    text = "Finch reaches 91.4% accuracy on Reedset, 2.1 points above Gull."
    assert decide(propose_claims(text), None) == rule_claims(text)


def test_features_name_the_words_around_the_number():
    (proposal,) = [
        p for p in propose_claims("Wren improves recall by 4.2 points on Moorbank.") if p.claim.value == 4.2
    ]
    features = proposal_features(proposal)
    assert "L1=by" in features and "R1=points" not in features  # "points" is the unit, not a word after
    assert f"origin={RULES}" in features and "unit=points" in features


def test_metric_candidates_include_every_span_and_none():
    (claim,) = rule_claims("Heron gets 71.3 mIoU, and its BLEU stays flat.")
    texts = [c.text for c in metric_candidates(claim, "None")]
    assert "mIoU" in texts and "BLEU" in texts and texts[-1] is None
    assert sum("rule_pick" in c.features for c in metric_candidates(claim, "None")) == 1


def test_shipped_model_loads_and_round_trips():
    model = load_model()
    assert isinstance(model, DecisionModel)
    assert 0 < model.threshold < 1
    data = json.loads(MODEL_PATH.read_text())
    assert DecisionModel.from_dict(data).to_dict() == model.to_dict()


def test_confidence_is_a_probability_and_ranks_a_clear_claim_above_a_vague_one():
    clear = extract_claims("Our Osprey model achieves 88.1% top-1 accuracy on ImageNet.")
    vague = extract_claims("Results improve by 3 on some tasks.")
    assert clear and all(0 <= c.confidence <= 1 for c in clear + vague)
    assert all(clear[0].confidence > c.confidence for c in vague)


def test_years_and_counts_stay_out():
    claims = extract_claims("In 2019 we collected 12 datasets with 300 annotators across 5 countries.")
    assert claims == []


def test_benchmark_candidates_reach_back_to_earlier_sentences():
    from claims.extraction.benchmark_choice import benchmark_candidates, earlier_names

    text = "We test on the Moorbank benchmark. Training then takes 38 minutes."
    (proposal,) = [p for p in propose_claims(text) if p.claim.value == 38.0]
    assert proposal.earlier_sentences == ("We test on the Moorbank benchmark.",)
    assert earlier_names(proposal.earlier_sentences) == ("Moorbank",)
    candidates = benchmark_candidates(proposal.claim, "other", proposal.earlier_sentences)
    assert [c.text for c in candidates] == ["Moorbank", None]
    assert "earlier" in candidates[0].features


def test_metric_candidates_mark_parentheses_and_list_order():
    (claim, second) = rule_claims("Tern scores 0.61 (BLEU) and 0.72 (chrF) on Moorbank.")[:2]
    by_text = {c.text: c.features for c in metric_candidates(second, "None")}
    assert "parenthesised*after" in by_text["chrF"]
    listed = rule_claims("Tern gets 0.91, 0.88 and 0.79 in F1, EM and BLEU, respectively.")
    third = {c.text: c.features for c in metric_candidates(listed[2], "None")}
    assert "aligned*respectively" in third["BLEU"] and "aligned*respectively" not in third["F1"]


def test_a_list_of_numbers_aligns_only_with_names_written_next_to_it():
    from claims.extraction.benchmark_choice import benchmark_candidates

    text = "Tern wins on Fen-776, reaching 83.4% mAP and 95.3% CMC1, and on Fen-Wild with 88.1% mAP and 94.6% CMC1."
    (proposal,) = [p for p in propose_claims(text) if p.claim.value == 88.1]
    by_text = {c.text: c.features for c in benchmark_candidates(proposal.claim, "%", ())}
    assert "aligned" not in by_text["Fen-776"]
    (proposal,) = [
        p for p in propose_claims("Tern reaches 81.2 and 77.5 on Fen-3 and Reed-9.") if p.claim.value == 77.5
    ]
    by_text = {c.text: c.features for c in benchmark_candidates(proposal.claim, "None", ())}
    assert "aligned" in by_text["Reed-9"] and "aligned" not in by_text["Fen-3"]


def test_the_margin_protects_a_name_the_rules_picked_but_not_their_none():
    from claims.extraction.span_choice import Candidate, choose

    candidates = [Candidate("Velm", ("a",)), Candidate("Quarrow", ("b",)), Candidate(None, ("none",))]
    probability = {("a",): 0.5, ("b",): 0.8, ("none",): 0.3}.__getitem__
    assert choose(candidates, probability, "Velm", margin=0.6) == ("Velm", 0.5)
    assert choose(candidates, probability, "Velm", margin=0.2) == ("Quarrow", 0.8)
    assert choose(candidates, probability, None, margin=0.6) == ("Quarrow", 0.8)


def test_a_sentence_pointing_back_to_a_data_set_marks_the_earlier_candidates():
    from claims.extraction.benchmark_choice import benchmark_candidates
    from claims.extraction.features import unit_bucket

    abstract = (
        "We release the Velmset corpus. Zarn obtains an accuracy of 81.25% on the test set of our database."
    )
    proposal = next(p for p in propose_claims(abstract, "") if p.claim.value == 81.25)
    candidates = benchmark_candidates(
        proposal.claim, unit_bucket(proposal.claim.unit), proposal.earlier_sentences
    )
    earlier = next(c for c in candidates if c.text == "Velmset")
    assert "earlier*points_back" in earlier.features
    none = next(c for c in candidates if c.text is None)
    assert "none*points_back" in none.features
