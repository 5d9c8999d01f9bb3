"""`manage.py check` says when the search index lags the database: changes queued for longer than
LAG_TOLERANCE (the index could not be written), or no index at all."""

from django.core.checks import Warning, register
from django.db import DatabaseError
from django.utils import timezone

LAG_TOLERANCE_SECONDS = 60


@register()
def search_index_follows_the_database(app_configs=None, **kwargs) -> list[Warning]:
    from . import index
    from .models import PendingIndexChange

    problems = []
    try:
        queued = PendingIndexChange.objects.order_by("created_at")
        oldest = queued.values_list("created_at", flat=True).first()
        count = queued.count() if oldest else 0
    except DatabaseError:  # no database yet, or not migrated: nothing to compare
        return []
    if oldest is not None and (timezone.now() - oldest).total_seconds() > LAG_TOLERANCE_SECONDS:
        minutes = (timezone.now() - oldest).total_seconds() / 60
        problems.append(
            Warning(
                f"The search index lags the database: {count:,} changed record(s) are not in it yet, "
                f"the oldest for {minutes:.0f} minute(s).",
                hint="Look for the error in the log (culturalmap.search.sync), then run "
                "`manage.py apply_search_changes` (or `manage.py rebuild_search_index`).",
                id="search.W001",
            )
        )
    try:
        index.current_build()
    except index.IndexMissing:
        problems.append(
            Warning(
                f"There is no search index at {index.index_path()}: search answers 503.",
                hint="Run `manage.py rebuild_search_index`.",
                id="search.W002",
            )
        )
    return problems
