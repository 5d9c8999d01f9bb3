from django.apps import AppConfig


class LearningCityConfig(AppConfig):
    name = "learningcity"
    verbose_name = "Learning cities"

    def ready(self) -> None:
        from culturalmap.core import records as registry

        from . import records

        registry.register(*records.KINDS)
