"""Read papers and import runs for the API and the export: the querysets, with what they need joined."""

from django.db.models import Count, Prefetch, Q, QuerySet

from claims.selectors.claims import claim_list_of_paper
from papers.models import ImportRun, Paper

# Rejected claims are kept for provenance but never counted as what a paper reports.
_LIVE_CLAIMS = ~Q(claims__status="rejected")


def paper_list() -> QuerySet[Paper]:
    # Aggregating queries drop Meta.ordering, so the order is restated for stable pages.
    return Paper.objects.annotate(claim_count=Count("claims", filter=_LIVE_CLAIMS)).order_by(
        "-published", "-id"
    )


def paper_detail() -> QuerySet[Paper]:
    return paper_list().prefetch_related(Prefetch("claims", queryset=claim_list_of_paper()))


def import_run_list() -> QuerySet[ImportRun]:
    return ImportRun.objects.select_related("started_by")
