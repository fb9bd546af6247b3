"""Read claims: the list the API filters, with paper, benchmark, metric and curator joined."""

from django.db.models import QuerySet

from claims.models import Claim


def claim_list_of_paper() -> QuerySet[Claim]:
    """Claims shown inside a paper: the paper itself is already at hand."""
    return Claim.objects.select_related("benchmark", "metric", "curated_by")


def claim_list() -> QuerySet[Claim]:
    # The paper's abstract and author list are long and not shown next to a claim.
    return (
        claim_list_of_paper()
        .select_related("paper")
        .defer("paper__abstract", "paper__authors", "paper__sources")
    )
