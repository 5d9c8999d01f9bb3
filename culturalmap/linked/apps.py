from django.apps import AppConfig


class LinkedConfig(AppConfig):
    name = "culturalmap.linked"
    label = "linked"
    verbose_name = "Linked data"
