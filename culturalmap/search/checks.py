"""`manage.py check` says when this node's search index lags the database: changes in the feed it has
not taken in for longer than LAG_TOLERANCE (the index could not be written, no follower), or no index."""

from django.core.checks import Warning, register
from django.db import DatabaseError
from django.utils import timezone

LAG_TOLERANCE_SECONDS = 60


@register()
def search_index_follows_the_database(app_configs=None, **kwargs) -> list[Warning]:
    from . import feed, index

    problems = []
    try:
        behind = feed.lag(feed.node_name())
    except DatabaseError:  # no database yet, or not migrated: nothing to compare
        return []
    if behind is not None and behind.oldest is not None:
        seconds = (timezone.now() - behind.oldest).total_seconds()
        if seconds > LAG_TOLERANCE_SECONDS:
            error = f" The last try failed: {behind.last_error}" if behind.last_error else ""
            problems.append(
                Warning(
                    f"The search index lags the database: {behind.changes:,} change(s) are not in it yet, "
                    f"the oldest for {seconds / 60:.0f} minute(s).{error}",
                    hint="Look for the error in the log (culturalmap.search.sync), then run "
                    "`manage.py apply_search_changes` (or `manage.py rebuild_search_index`); on an app "
                    "node, see that `manage.py follow_changes` runs.",
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
