from django.apps import AppConfig


class MarketsConfig(AppConfig):
    name = "culturalmap.markets"
    label = "markets"
    verbose_name = "Cultural cities, districts and markets"

    def ready(self) -> None:
        from culturalmap.core import records as registry

        from . import records

        registry.register(*records.KINDS)
