from django.apps import AppConfig


class ThesaurusConfig(AppConfig):
    """The heritage thesaurus: the field's concepts with Thai, English and romanised labels."""

    name = "culturalmap.thesaurus"
    label = "thesaurus"
    verbose_name = "Thesaurus"

    def ready(self) -> None:
        from . import changes

        changes.connect()
