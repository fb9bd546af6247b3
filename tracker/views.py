import logging
import sys

from django.core.exceptions import RequestDataTooBig
from django.db import InterfaceError, OperationalError
from django.http import JsonResponse
from django.views.decorators.cache import never_cache

from tracker.api.exceptions import DATABASE_DOWN, RETRY_AFTER_SECONDS
from tracker.health import database_check, dependencies_check

logger = logging.getLogger(__name__)


@never_cache
def health(request):
    """Liveness and database reachability, for load balancers and compose health checks."""
    database = database_check()
    status = 200 if database == "ok" else 503
    return JsonResponse({"status": "ok" if status == 200 else "error", "database": database}, status=status)


@never_cache
def healthz(request):
    """Each dependency's state: 200 while the database and cache answer, 503 otherwise.

    A broker that is down leaves reads working, so it makes the answer "degraded", still 200.
    """
    checks = dependencies_check()
    down = {name for name, check in checks.items() if check["status"] == "unreachable"}
    if down & {"database", "cache"}:
        overall, status = "error", 503
    elif down:
        overall, status = "degraded", 200
    else:
        overall, status = "ok", 200
    return JsonResponse({"status": overall, "checks": checks}, status=status)


def server_error(request):
    """Django's last resort (handler500), as JSON: 503 when the database is down, 500 otherwise.

    Never shows the error itself: it is in the log.
    """
    exc = sys.exc_info()[1]
    if isinstance(exc, OperationalError | InterfaceError):
        response = JsonResponse({"detail": DATABASE_DOWN}, status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
    return JsonResponse({"detail": "Internal server error; it has been logged."}, status=500)


def not_found(request, exception=None):
    """handler404, as JSON: an API client never gets an HTML page."""
    return JsonResponse({"detail": "Not found."}, status=404)


def bad_request(request, exception=None):
    """handler400, as JSON; a body over DATA_UPLOAD_MAX_MEMORY_SIZE is a 413, as HTTP means it."""
    if isinstance(exception, RequestDataTooBig):
        return JsonResponse({"detail": "The request body is too large."}, status=413)
    return JsonResponse({"detail": "Bad request."}, status=400)
