from django.apps import AppConfig


class AssetsConfig(AppConfig):
    name = "culturalmap.assets"
    label = "assets"
    verbose_name = "Cultural assets"

    def ready(self) -> None:
        from culturalmap.core import records as registry

        from . import records

        registry.register(records.ASSET)
