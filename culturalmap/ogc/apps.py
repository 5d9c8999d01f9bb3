from django.apps import AppConfig


class OgcConfig(AppConfig):
    name = "culturalmap.ogc"
    label = "ogc"
    verbose_name = "OGC API"
