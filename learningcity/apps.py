from django.apps import AppConfig


class LearningCityConfig(AppConfig):
    name = "learningcity"
    verbose_name = "Learning cities"
