"""`ordering=` with the row id as the last key, so rows of equal value keep one order from page to page."""

from rest_framework.filters import OrderingFilter

TIEBREAKERS = {"id", "pk"}


class StableOrderingFilter(OrderingFilter):
    """DRF's OrderingFilter, but `ordering=value` is `value, id`.

    Without the id the database orders ties as it likes, and a walk by page numbers may show a row twice
    and another never; the cursor pages (tracker/api/cursor.py) break ties by id the same way.
    """

    def get_ordering(self, request, queryset, view):
        ordering = super().get_ordering(request, queryset, view)
        if not ordering or any(isinstance(t, str) and t.lstrip("-") in TIEBREAKERS for t in ordering):
            return ordering
        return [*ordering, "id"]
