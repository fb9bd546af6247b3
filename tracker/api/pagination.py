from django.core.paginator import Paginator
from rest_framework.exceptions import ValidationError
from rest_framework.filters import OrderingFilter
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response
from rest_framework.utils.urls import replace_query_param

from tracker.api.cursor import CursorError, keyset_page

# A queryset annotated with this (a COUNT(*) OVER () window) carries its total on every row.
WINDOW_TOTAL = "window_total"


class WindowCountPaginator(Paginator):
    """Reads the total from the page's own rows when the queryset carries it, sparing a COUNT query.

    A full-text search reads every match to rank them anyway; counting them again would read them twice.
    """

    # Deeper pages are counted first, as usual: an absurd page number is a 404, not an offset out of range.
    max_direct_page = 100_000

    def page(self, number):
        if (
            WINDOW_TOTAL not in getattr(self.object_list, "query", None).annotations
            or not str(number).isdigit()
            or int(number) > self.max_direct_page
        ):
            return super().page(number)
        number = int(number)
        bottom = (number - 1) * self.per_page
        rows = list(self.object_list[bottom : bottom + self.per_page])
        if rows:
            self.__dict__["count"] = getattr(rows[0], WINDOW_TOTAL)
            return self._get_page(rows, self.validate_number(number), self)
        return super().page(number)


class StandardPagination(PageNumberPagination):
    """Page numbers with a `page_size` parameter, up to 10,000 rows a page (JSON or CSV); or, opted into
    with `cursor`, keyset pages that skip the count (tracker/api/cursor.py).

    A page size over the cap is a 400 naming the cap, never silently cut; `page` must be a whole number
    of at least 1 (or "last"), and a page past the end is a 404.
    """

    page_size_query_param = "page_size"
    cursor_query_param = "cursor"
    max_page_size = 10_000
    django_paginator_class = WindowCountPaginator
    next_cursor = None
    by_cursor = False

    def paginate_queryset(self, queryset, request, view=None):
        cursor = request.query_params.get(self.cursor_query_param)
        if cursor is None:
            return super().paginate_queryset(queryset, request, view)
        if self.page_query_param in request.query_params:
            raise CursorError(f"Give `{self.page_query_param}` or `{self.cursor_query_param}`, not both.")
        self._refuse_unknown_ordering(queryset, request, view)
        self.request = request
        rows, self.next_cursor = keyset_page(queryset, cursor, self.get_page_size(request))
        self.by_cursor = True
        return rows

    @staticmethod
    def _refuse_unknown_ordering(queryset, request, view) -> None:
        # Page numbers quietly skip an ordering the list does not allow; a cursor must know its order.
        raw = request.query_params.get(OrderingFilter.ordering_param)
        if not raw or view is None:
            return
        terms = [term.strip() for term in raw.split(",") if term.strip()]
        ordering = OrderingFilter()
        if terms and ordering.remove_invalid_fields(queryset, terms, view, request) != terms:
            allowed = ", ".join(
                name for name, _ in ordering.get_valid_fields(queryset, view, {"request": request})
            )
            raise CursorError(
                f"`cursor` follows only these orderings (each may start with '-'): {allowed}.",
                param=OrderingFilter.ordering_param,
            )

    def get_paginated_response(self, data):
        if not self.by_cursor:
            return super().get_paginated_response(data)
        return Response({"next": self.get_next_link(), "previous": None, "results": data})

    def get_next_link(self):
        if not self.by_cursor:
            return super().get_next_link()
        if self.next_cursor is None:
            return None
        return replace_query_param(
            self.request.build_absolute_uri(), self.cursor_query_param, self.next_cursor
        )

    def get_paginated_response_schema(self, schema):
        response = super().get_paginated_response_schema(schema)
        response["required"] = ["next", "results"]
        response["properties"]["count"]["description"] = (
            "Rows in the whole list; absent in a page by `cursor`."
        )
        response["properties"]["next"]["description"] = (
            "The next page (with `cursor`, a cursor URL); null on the last page."
        )
        response["properties"]["previous"]["description"] = "The page before; always null by `cursor`."
        return response

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            parameter["schema"]["minimum"] = 1
            if parameter["name"] == self.page_size_query_param:
                parameter["schema"]["maximum"] = self.max_page_size
                parameter["description"] = (
                    f"Rows per page, 1 to {self.max_page_size} (default {self.page_size}); more is a 400."
                )
            else:
                parameter["description"] = "Page number, from 1; a page past the last is a 404."
        cursor = {
            "name": self.cursor_query_param,
            "required": False,
            "in": "query",
            "description": (
                "Keyset pages, without a count: send it empty for the first page, then follow `next`. "
                "Not with `page`; an ordering by a computed value, or a cursor that is not one the list "
                "gave (or was made for another `ordering`), is a 400."
            ),
            "schema": {"type": "string"},
        }
        return [*parameters, cursor]

    def get_page_size(self, request):
        raw = request.query_params.get(self.page_size_query_param)
        if raw is None:
            return self.page_size
        if not raw.isdigit() or not 1 <= int(raw) <= self.max_page_size:
            raise ValidationError(
                {
                    self.page_size_query_param: [
                        f"Give a whole number from 1 to {self.max_page_size}; for more rows, follow `next`."
                    ]
                }
            )
        return int(raw)

    def get_page_number(self, request, paginator):
        raw = request.query_params.get(self.page_query_param, 1)
        if raw in self.last_page_strings:
            return raw
        if not str(raw).isdigit() or int(raw) < 1:
            raise ValidationError({self.page_query_param: ["Give a whole number of at least 1, or 'last'."]})
        return int(raw)
