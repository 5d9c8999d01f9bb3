from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "culturalmap.demo"
    label = "demo"
    verbose_name = "Demo catalogue"
