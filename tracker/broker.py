"""The task broker as a dependency: which errors mean it is unreachable, and whether it answers now."""

import kombu.exceptions
import redis.exceptions
from django.conf import settings

# What sending a task raises when the broker is down (kombu wraps most of them, not all).
BROKER_ERRORS = (kombu.exceptions.OperationalError, redis.exceptions.RedisError, ConnectionError, OSError)


class TaskQueueUnavailable(Exception):
    """The broker did not take the task; nothing was started."""

    default_message = "The task queue is unreachable, so the work was not started; try again shortly."

    def __init__(self, message: str | None = None) -> None:
        super().__init__(message or self.default_message)


def broker_check(timeout: float = 2.0) -> str:
    """ "ok", "disabled" (tasks run in-process) or "unreachable"."""
    if settings.CELERY_TASK_ALWAYS_EAGER or not settings.CELERY_BROKER_URL:
        return "disabled"
    from tracker.celery import app

    try:
        with app.connection_for_write() as connection:
            connection.ensure_connection(max_retries=1, timeout=timeout)
    except BROKER_ERRORS:
        return "unreachable"
    return "ok"
