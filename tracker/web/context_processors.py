from tracker.api.permissions import user_is_curator


def curator(request) -> dict:
    """is_curator for the navigation; a callable, so pages that never ask run no query."""
    return {"is_curator": lambda: user_is_curator(request.user)}
