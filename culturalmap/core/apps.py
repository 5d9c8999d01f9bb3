from django.apps import AppConfig


class CoreConfig(AppConfig):
    """The shared kernel. The domains register their record kinds (culturalmap.core.records) from
    their own ready(); registering a kind connects its change notifications."""

    name = "culturalmap.core"
    label = "core"
    verbose_name = "Core"
