from django.apps import AppConfig


class MapsConfig(AppConfig):
    name = "culturalmap.maps"
    label = "maps"
    verbose_name = "Map"

    def ready(self) -> None:
        from culturalmap.core import changes

        from .tiles import cache

        # Committed record changes refresh the tiles that show them.
        changes.listen(cache.records_changed)
