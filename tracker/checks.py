"""System checks for settings that depend on each other."""

from django.conf import settings
from django.core.checks import Tags, Warning, register


@register(Tags.compatibility)
def task_settings_check(app_configs, **kwargs):
    problems = []
    if not settings.DEBUG and not settings.CELERY_BROKER_URL:
        problems.append(
            Warning(
                "No CELERY_BROKER_URL: imports and extraction run inside web requests.",
                hint="Set CELERY_BROKER_URL to a Redis URL and run a worker.",
                id="tracker.W001",
            )
        )
    if settings.CELERY_BROKER_URL and settings.CELERY_TASK_ALWAYS_EAGER:
        problems.append(
            Warning(
                "CELERY_BROKER_URL is set but CELERY_TASK_ALWAYS_EAGER is on: the broker is never used.",
                id="tracker.W002",
            )
        )
    return problems
