from rest_framework.pagination import PageNumberPagination


class StandardPagination(PageNumberPagination):
    """Page numbers with a `page_size` parameter; CSV downloads may ask for much larger pages."""

    page_size_query_param = "page_size"
    max_page_size = 500
    max_csv_page_size = 10_000

    def get_page_size(self, request):
        renderer = getattr(request, "accepted_renderer", None)
        if renderer is not None and renderer.format == "csv":
            self.max_page_size = self.max_csv_page_size
        return super().get_page_size(request)
