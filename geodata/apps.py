from django.apps import AppConfig


class GeodataConfig(AppConfig):
    name = "geodata"
    verbose_name = "Geography"

    def ready(self) -> None:
        from culturalmap.core import changes

        from .tiles import cache

        # Committed record changes refresh the tiles that show them.
        changes.listen(cache.records_changed)
