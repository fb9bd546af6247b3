"""API errors beyond DRF's own, and the handler that answers every failure as JSON.

Whatever goes wrong, an API client gets a JSON body with `detail` (and `code`), never an HTML page,
a traceback, a server path or a database host.
"""

import logging

from django.core.exceptions import RequestDataTooBig
from django.db import InterfaceError, OperationalError
from rest_framework import status
from rest_framework.exceptions import APIException
from rest_framework.views import exception_handler

logger = logging.getLogger(__name__)

DATABASE_DOWN = "The database is unreachable; try again shortly."
RETRY_AFTER_SECONDS = 30


class ServiceUnavailable(APIException):
    status_code = status.HTTP_503_SERVICE_UNAVAILABLE
    default_detail = "A service this request needs is unreachable; try again shortly."
    default_code = "service_unavailable"


class PayloadTooLarge(APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_detail = "The request body is too large."
    default_code = "payload_too_large"


class Conflict(APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = "Someone else changed this first."
    default_code = "conflict"


def api_exception_handler(exc, context):
    """DRF's handler, plus 503 for an unreachable database and 413 for an over-large body."""
    if isinstance(exc, OperationalError | InterfaceError):
        logger.error("Database unreachable: %s", exc)
        exc = ServiceUnavailable(DATABASE_DOWN)
    elif isinstance(exc, RequestDataTooBig):
        exc = PayloadTooLarge()
    response = exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, ServiceUnavailable):
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response
