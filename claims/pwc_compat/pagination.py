"""Page shapes of the two compatibility APIs."""

from rest_framework.pagination import PageNumberPagination


class LegacyPagination(PageNumberPagination):
    """paperswithcode.com: `page` and `items_per_page`, answered with count, next, previous, results."""

    page_size = 50
    page_size_query_param = "items_per_page"
    max_page_size = 500


class CliPagination(PageNumberPagination):
    """The pwc CLI's v1 contract: `page` and `page_size` (the CLI asks for at most 100, 500 for areas)."""

    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = 500
