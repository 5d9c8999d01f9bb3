from django.apps import AppConfig


class OpenDataConfig(AppConfig):
    name = "culturalmap.opendata"
    label = "opendata"
    verbose_name = "Open data"
