from tracker.api.permissions import user_is_curator


def request_is_curator(request) -> bool:
    """Whether the signed-in user curates, asked of the database once per request."""
    if not hasattr(request, "_is_curator"):
        request._is_curator = user_is_curator(request.user)
    return request._is_curator


def curator(request) -> dict:
    """is_curator for the navigation; a callable, so pages that never ask run no query."""
    return {"is_curator": lambda: request_is_curator(request)}
