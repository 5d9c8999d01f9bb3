from django.apps import AppConfig


class MarketsConfig(AppConfig):
    name = "culturalmap.markets"
    label = "markets"
    verbose_name = "Cultural cities, districts and markets"
