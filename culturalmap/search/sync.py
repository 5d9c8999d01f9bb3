"""The index follows PostGIS through a durable queue: a change is queued in its own transaction
(PendingIndexChange), and applied after the commit; what fails stays queued and is retried.

- `enqueue` runs inside the writing transaction (culturalmap.core.changes.record_in_transaction),
  so a rolled-back change queues nothing and a committed one is never lost;
- `on_records_changed` runs after the commit and applies the whole queue: a change that failed
  before (a full disk, a read-only index directory) goes in with the next one;
- `retry_when_due` lets a search request apply what is still queued, at most once a minute a process;
- `manage.py apply_search_changes` applies it by hand; a rebuild or catch-up empties it
  (culturalmap.search.index), and `manage.py check` reports a queue that lags (culturalmap.search.checks).
"""

import logging
import time
from collections import defaultdict

from django.db import DatabaseError, transaction
from django.db.models import F

from culturalmap.core import changes

from . import index
from .models import PendingIndexChange

logger = logging.getLogger(__name__)

BATCH = 5_000  # queued changes applied in one index write
RETRY_INTERVAL = 60.0  # seconds between a process's retries from search requests
_last_retry = 0.0


def enqueue(kind: str, ids: list[int]) -> None:
    PendingIndexChange.objects.bulk_create([PendingIndexChange(kind=kind, record_id=pk) for pk in ids])


def on_records_changed(kind: str, ids: list[int]) -> None:
    # A failing index must not fail the write that already committed: PostGIS stays right, the
    # change stays queued, and the next change, search request or command applies it.
    apply_pending()


def apply_pending() -> int:
    """Apply every queued change to the index; returns how many were applied. Changes another
    process is applying are skipped (it has them); on failure they stay queued, the error logged."""
    applied = 0
    while True:
        done = _apply_batch()
        applied += done
        if done < BATCH:
            return applied


def _apply_batch() -> int:
    with transaction.atomic():
        queued = list(PendingIndexChange.objects.select_for_update(skip_locked=True).order_by("id")[:BATCH])
        if not queued:
            return 0
        by_kind: dict[str, set[int]] = defaultdict(set)
        for change in queued:
            by_kind[change.kind].add(change.record_id)
        try:
            written = all(_update(kind, sorted(ids)) for kind, ids in by_kind.items())
        except DatabaseError:
            raise  # the transaction is broken: it rolls back, the changes stay queued
        except Exception as error:
            logger.exception("search index not updated; %s changes stay queued", len(queued))
            PendingIndexChange.objects.filter(pk__in=[c.pk for c in queued]).update(
                attempts=F("attempts") + 1, last_error=f"{type(error).__name__}: {error}"[:2000]
            )
            return 0
        if not written:
            logger.debug("no search index yet: %s changes left to the next rebuild", len(queued))
            return 0
        PendingIndexChange.objects.filter(pk__in=[c.pk for c in queued]).delete()
        return len(queued)


def _update(kind: str, ids: list[int]) -> bool:
    """The records and those that belong to them (a learning city's spaces), re-read into the index."""
    for changed_kind, changed_ids in changes.with_dependents(kind, ids):
        if not index.update_records(changed_kind, changed_ids):
            return False
    return True


def retry_when_due() -> None:
    """From a search request: apply what is still queued, at most once per RETRY_INTERVAL."""
    global _last_retry
    now = time.monotonic()
    if now - _last_retry < RETRY_INTERVAL:
        return
    _last_retry = now
    try:
        if PendingIndexChange.objects.exists():
            apply_pending()
    except DatabaseError:
        logger.exception("queued search-index changes not applied")
