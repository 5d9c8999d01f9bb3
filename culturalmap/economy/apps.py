from django.apps import AppConfig


class EconomyConfig(AppConfig):
    name = "culturalmap.economy"
    label = "economy"
    verbose_name = "Cultural products and enterprises"

    def ready(self) -> None:
        from culturalmap.core import records as registry

        from . import records

        registry.register(*records.KINDS)
