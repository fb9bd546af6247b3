"""Re-extraction replaces only the engine's own claims, whatever their provenance."""

import pytest

from claims.models import Claim
from claims.services.extraction import papers_extract
from tests.claims.factories import ClaimFactory
from tests.papers.factories import PaperFactory

pytestmark = pytest.mark.django_db

ARCHIVE = Claim.Provenance.PWC_ARCHIVE


def test_re_extraction_keeps_archive_and_curator_claims_untouched():
    paper = PaperFactory(abstract="Our detector reaches 48.2 box AP on COCO.")
    archived = ClaimFactory(paper=paper, value=47.0, provenance=ARCHIVE, status=Claim.Status.VERIFIED)
    entered = ClaimFactory(paper=paper, value=46.0, provenance=Claim.Provenance.CURATOR)
    ClaimFactory(paper=paper, value=12.0)  # an engine claim from an older version, replaced

    totals = papers_extract(paper_ids=[paper.pk])

    assert totals.claims_replaced == 1
    archived.refresh_from_db()
    entered.refresh_from_db()
    assert (archived.value, archived.status, archived.provenance) == (47.0, "verified", "pwc_archive")
    assert entered.value == 46.0
    engine = Claim.objects.get(paper=paper, provenance=Claim.Provenance.EXTRACTED)
    assert engine.value == 48.2 and engine.extractor == "rules" and engine.extractor_version
