"""A leaderboard ranked in SQL: the best claim of each (paper, method), ranked, one page at a time.

The same order as the Python ranking (scores.better_first): the better value first, then verified claims,
then earlier papers (undated last), then older claims; equal values share a rank (1, 2, 2, 4). Window
functions work on PostgreSQL and SQLite alike, so the demo and production rank the same way.
"""

from django.db import connection
from django.db.models import Case, F, IntegerField, QuerySet, Value, When
from django.db.models.functions import Lower, Replace, Trim

from claims.models import Claim


def method_key(field: str = "method"):
    """The method name folded as the Python ranking folds it: case, outer spaces, runs of inner spaces."""
    expression = F(field)
    for _ in range(3):  # collapses runs of up to eight spaces
        expression = Replace(expression, Value("  "), Value(" "))
    return Lower(Trim(expression))


_ORDER = "r_value, r_unverified, r_undated, r_published, r_id"

_RANKED_SQL = f"""
SELECT r_id, r_rank, r_total FROM (
    SELECT r_id, r_value, r_unverified, r_undated, r_published,
           RANK() OVER (ORDER BY r_value) AS r_rank, COUNT(*) OVER () AS r_total
    FROM (
        SELECT candidates.*, ROW_NUMBER() OVER (PARTITION BY r_paper, r_key ORDER BY {_ORDER}) AS r_nth
        FROM ({{candidates}}) candidates
    ) best
    WHERE r_nth = 1
) ranked
ORDER BY {_ORDER}
LIMIT %s OFFSET %s
"""

_COUNT_SQL = """
SELECT COUNT(*) FROM (
    SELECT ROW_NUMBER() OVER (PARTITION BY r_paper, r_key ORDER BY r_id) AS r_nth FROM ({candidates}) candidates
) best WHERE r_nth = 1
"""


def _candidates(claims: QuerySet[Claim], *, higher_is_better: bool) -> tuple[str, tuple]:
    sign = -1.0 if higher_is_better else 1.0
    columns = claims.order_by().values(
        r_id=F("id"),
        r_paper=F("paper_id"),
        r_key=method_key(),
        r_value=F("value") * Value(sign),
        r_unverified=Case(
            When(status=Claim.Status.VERIFIED, then=Value(0)), default=Value(1), output_field=IntegerField()
        ),
        r_undated=Case(
            When(paper__published__isnull=True, then=Value(1)), default=Value(0), output_field=IntegerField()
        ),
        r_published=F("paper__published"),
    )
    return columns.query.sql_with_params()


def ranked_page(
    claims: QuerySet[Claim], *, higher_is_better: bool, offset: int, limit: int
) -> tuple[list[tuple[int, int]], int]:
    """(claim id, rank) of the page's rows, best first, and how many rows the whole board has."""
    sql, params = _candidates(claims, higher_is_better=higher_is_better)
    with connection.cursor() as cursor:
        cursor.execute(_RANKED_SQL.format(candidates=sql), (*params, limit, offset))
        rows = cursor.fetchall()
        if rows:
            return [(claim_id, rank) for claim_id, rank, _ in rows], rows[0][2]
        cursor.execute(_COUNT_SQL.format(candidates=sql), params)
        return [], cursor.fetchone()[0]
