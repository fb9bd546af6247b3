from django.apps import AppConfig


class ClaimsConfig(AppConfig):
    name = "claims"
    verbose_name = "Benchmarks, metrics and claims"

    def ready(self) -> None:
        from claims.services.name_cache import connect_signals

        connect_signals()
