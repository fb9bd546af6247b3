from django.apps import AppConfig


class WebConfig(AppConfig):
    """The pages package: templates and the stylesheet live under it."""

    name = "tracker.web"
    label = "web"
    verbose_name = "Pages"
