from django.apps import AppConfig


class AssetsConfig(AppConfig):
    name = "culturalmap.assets"
    label = "assets"
    verbose_name = "Cultural assets"
