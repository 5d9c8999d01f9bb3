from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "culturalmap.search"
    label = "search"
    verbose_name = "Search"

    def ready(self) -> None:
        from culturalmap.core import changes
        from culturalmap.thesaurus import changes as thesaurus_changes

        from . import (
            checks,  # noqa: F401  (registers the index-lag check)
            feed,
            sync,
        )

        changes.record_in_transaction(feed.record)
        changes.listen(sync.on_records_changed)
        thesaurus_changes.listen(sync.on_thesaurus_changed)
