from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "culturalmap.search"
    label = "search"
    verbose_name = "Search"
