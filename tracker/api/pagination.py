from django.core.paginator import Paginator
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import PageNumberPagination

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
    """Page numbers with a `page_size` parameter, up to 10,000 rows a page (JSON or CSV).

    A page size over the cap is a 400 naming the cap, never silently cut; `page` must be a whole number
    of at least 1 (or "last"), and a page past the end is a 404.
    """

    page_size_query_param = "page_size"
    max_page_size = 10_000
    django_paginator_class = WindowCountPaginator

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
        return parameters

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
