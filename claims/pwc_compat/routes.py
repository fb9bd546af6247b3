"""URL patterns that answer with or without the trailing slash (the clients differ), without a redirect."""

import re

from django.urls import re_path

_SEGMENT = re.compile(r"<(\w+)>")


def route(pattern: str, view, name: str):
    """`papers/<paper_id>/results` matches `papers/7/results` and `papers/7/results/`."""
    regex = _SEGMENT.sub(lambda m: rf"(?P<{m.group(1)}>[^/]+)", pattern.rstrip("/"))
    return re_path(rf"^{regex}/?$" if regex else r"^$", view.as_view(), name=name)
