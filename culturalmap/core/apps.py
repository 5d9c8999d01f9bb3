from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "culturalmap.core"
    label = "core"
    verbose_name = "Core"

    def ready(self) -> None:
        from . import changes

        changes.connect_model_signals()
