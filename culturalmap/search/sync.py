"""The index follows PostGIS: after a commit, the changed records are re-read and re-indexed.

Hooked on `culturalmap.core.changes`, which runs listeners only once the writing transaction
has committed, so a rolled-back change never reaches the index.
"""

import logging

from culturalmap.core import records

from . import index

logger = logging.getLogger(__name__)


def on_records_changed(kind: str, ids: list[int]) -> None:
    # A failing index must not fail the write that already committed: PostGIS stays right,
    # and `rebuild_search_index` (or the next change of the record) puts the index right.
    try:
        if not index.update_records(kind, ids):
            logger.debug("no search index yet: %s %s left to the next rebuild", kind, ids)
    except Exception:
        logger.exception("search index not updated for %s %s", kind, ids)


def on_thesaurus_changed(changed: list[tuple[str, str]] | None) -> None:
    """A curator's tag re-indexes its record; a changed concept re-tags every record that it touches."""
    try:
        if changed is None:
            index.refresh_thesaurus()
            return
        by_kind: dict[str, list[str]] = {}
        for kind, code in changed:
            by_kind.setdefault(kind, []).append(code)
        for kind, codes in by_kind.items():
            ids = (
                records.get(kind)
                .model_class._default_manager.filter(code__in=codes)
                .values_list("pk", flat=True)
            )
            index.update_records(kind, list(ids))
    except Exception:
        logger.exception("search index not updated after a thesaurus change (%s)", changed or "concepts")
