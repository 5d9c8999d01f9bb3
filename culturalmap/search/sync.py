"""The index follows PostGIS: after a commit, the changed records are re-read and re-indexed.

Hooked on `culturalmap.core.changes`, which runs listeners only once the writing transaction
has committed, so a rolled-back change never reaches the index.
"""

import logging

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
