import pytest

from claims.models import Claim
from claims.services.curation import claim_verify
from claims.services.extraction import papers_extract, stale_paper_ids
from tests.papers.factories import PaperFactory

pytestmark = pytest.mark.django_db


def test_papers_extract_replaces_only_uncurated_claims_across_a_chunk(django_user_model):
    first = PaperFactory(abstract="Our detector reaches 48.2 box AP on COCO.")
    second = PaperFactory(abstract="Our tagger reaches 97.1% accuracy on the CoNLL-2003 test set.")
    totals = papers_extract(paper_ids=[first.pk, second.pk, 987654])
    assert (totals.papers, totals.claims_created, totals.missing) == (2, 2, 1)
    kept = Claim.objects.get(paper=first)
    claim_verify(claim=kept, user=django_user_model.objects.create(username="cura"))

    again = papers_extract(paper_ids=[first.pk, second.pk])

    assert (again.claims_replaced, again.curated_kept, again.claims_created) == (1, 1, 1)
    assert Claim.objects.filter(paper=first).get() == kept
    assert Claim.objects.filter(paper=second).count() == 1
    assert stale_paper_ids() == []


def test_extracted_claims_are_linked_to_benchmark_and_metric_rows():
    paper = PaperFactory(abstract="On MS-COCO, our captioner obtains a CIDEr score of 131.5.")
    papers_extract(paper_ids=[paper.pk])
    claim = Claim.objects.get(paper=paper)
    assert claim.benchmark.name == "COCO"
    assert claim.metric.name == "CIDEr"
    assert claim.extractor == "rules" and claim.extractor_version
    assert paper.abstract[claim.value_start : claim.value_end].startswith("131.5")
