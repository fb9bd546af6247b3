"""Page shapes of the two compatibility APIs. A bad page number or size is a 400, never a silent default."""

from rest_framework.pagination import PageNumberPagination

from claims.pwc_compat.params import page_number, page_size


class _StrictPagination(PageNumberPagination):
    def get_page_size(self, request):
        raw = request.query_params.get(self.page_size_query_param)
        return page_size(
            raw, name=self.page_size_query_param, default=self.page_size, maximum=self.max_page_size
        )

    def get_page_number(self, request, paginator):
        return page_number(request.query_params.get(self.page_query_param), name=self.page_query_param)


class LegacyPagination(_StrictPagination):
    """paperswithcode.com: `page` and `items_per_page`, answered with count, next, previous, results."""

    page_size = 50
    page_size_query_param = "items_per_page"
    max_page_size = 500


class CliPagination(_StrictPagination):
    """The pwc CLI's v1 contract: `page` and `page_size` (the CLI asks for at most 100, 500 for areas)."""

    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = 500
