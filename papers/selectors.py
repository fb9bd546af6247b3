"""Read papers and import runs for the API and the export: the querysets, with what they need joined."""

from django.db.models import F, Prefetch, QuerySet

from claims.selectors.claims import claim_list_of_paper
from papers.models import ImportRun, Paper


def paper_list() -> QuerySet[Paper]:
    # Rejected claims are kept for provenance but never counted: the stored count leaves them out.
    return Paper.objects.annotate(claim_count=F("live_claim_count")).order_by("-published", "-id")


def paper_detail() -> QuerySet[Paper]:
    return paper_list().prefetch_related(Prefetch("claims", queryset=claim_list_of_paper()))


def import_run_list() -> QuerySet[ImportRun]:
    return ImportRun.objects.select_related("started_by")
