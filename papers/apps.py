from django.apps import AppConfig


class PapersConfig(AppConfig):
    name = "papers"
    verbose_name = "Papers and imports"

    def ready(self) -> None:
        import tracker.checks  # noqa: F401  (registers the system checks)
