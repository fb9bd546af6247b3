"""Paper search: PostgreSQL full-text search over a stored, GIN-indexed vector; substring match elsewhere.

On PostgreSQL `papers_paper.search_vector` (migration 0006) holds the title (weight A) and the abstract
(weight B); a query is read with `websearch_to_tsquery` (words, "quoted phrases", OR, -excluded) and the
matches come best first (ts_rank, then newest). SQLite, used by the demo, has no such index: there the
search is a case-insensitive substring match on title or abstract, in the list's usual order.
"""

from django.db import connection
from django.db.models import BooleanField, Count, FloatField, Q, QuerySet, Window
from django.db.models.expressions import RawSQL

from papers.models import Paper
from tracker.api.pagination import WINDOW_TOTAL

CONFIG = "english"
_QUERY = f"websearch_to_tsquery('{CONFIG}'::regconfig, %s)"


def paper_search(queryset: QuerySet[Paper], text: str) -> QuerySet[Paper]:
    if connection.vendor != "postgresql":
        return queryset.filter(Q(title__icontains=text) | Q(abstract__icontains=text))
    table = Paper._meta.db_table
    matches = RawSQL(f'"{table}"."search_vector" @@ {_QUERY}', [text], output_field=BooleanField())
    rank = RawSQL(f'ts_rank("{table}"."search_vector", {_QUERY})', [text], output_field=FloatField())
    # Ranking reads every match; the page's rows carry the total, so no second pass counts them.
    ranked = queryset.filter(matches).annotate(search_rank=rank, **{WINDOW_TOTAL: Window(Count("id"))})
    return ranked.order_by("-search_rank", "-published", "-id")
