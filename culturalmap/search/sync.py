"""The index follows PostGIS through the change feed (culturalmap.search.feed): a change is written
into the feed in its own transaction, and each node applies the feed to its own index from its own
place in it; what fails to apply stays ahead of the node's place and is retried.

- `feed.record` runs inside the writing transaction (culturalmap.core.changes.record_in_transaction),
  so a rolled-back change leaves nothing and a committed one is never lost;
- `on_records_changed` runs after the commit in the process that wrote: this node's index has the
  change when the request answers (on one machine, the only path);
- `follow` (`manage.py follow_changes`, beside each app node) wakes on the feed's NOTIFY and applies
  what other nodes committed, within a second or two; started after a stop, it catches up first;
- `retry_when_due` lets a search request apply what is still pending, at most once a minute a process;
- `manage.py apply_search_changes` applies it by hand; `manage.py check` reports a node that lags
  (culturalmap.search.checks).
"""

import logging
import threading
import time
from collections import defaultdict

from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections, transaction

from culturalmap.core import changes, records

from . import feed, index

logger = logging.getLogger(__name__)

RETRY_INTERVAL = 60.0  # seconds between a process's retries from search requests
FOLLOW_POLL = 10.0  # seconds between a follower's looks at the feed when no NOTIFY came
_last_retry = 0.0


def on_records_changed(kind: str, ids: list[int]) -> None:
    # A failing index must not fail the write that already committed: PostGIS stays right, the
    # change stays ahead of this node's place, and the next change, search request or command applies it.
    apply_pending()


def apply_pending(node: str | None = None) -> int:
    """Apply to this node's index what committed since its place in the feed; returns how many feed
    rows (or, the first time, index documents) that was. Another process of the node applying at the
    same moment is waited for. On failure the place stays and the error is logged and kept."""
    node = node or feed.node_name()
    with transaction.atomic(using=DEFAULT_DB_ALIAS):
        since = feed.lock_position(node)
        if not since:
            return _whole_index()
        window = feed.read_since(since)
        try:
            written = all(_update(kind, sorted(ids)) for kind, ids in window.changes.items())
        except DatabaseError:
            raise  # the transaction is broken: it rolls back, the node's place stays
        except Exception as error:
            logger.exception("search index not updated; %s changes stay ahead of node %s", window.rows, node)
            feed.failed(node, error)
            return 0
        if not written:
            logger.debug("no search index yet: %s changes left to the next rebuild", window.rows)
            return 0
        feed.advance(node, window.snapshot)
    feed.prune_when_due()
    return window.rows


def _whole_index() -> int:
    """A node with no place in the feed yet (new, or away too long): its index compared with PostGIS
    whole, which also gives it its place (culturalmap.search.index.catch_up)."""
    try:
        index.current_build()
    except index.IndexMissing:
        return 0  # the rebuild will read everything
    return index.catch_up()


def _update(kind: str, ids: list[int]) -> bool:
    """The records and those that belong to them (a learning city's spaces), re-read into the index."""
    for changed_kind, changed_ids in changes.with_dependents(kind, ids):
        if not index.update_records(changed_kind, changed_ids):
            return False
    return True


def retry_when_due() -> None:
    """From a search request: apply what is still pending, at most once per RETRY_INTERVAL."""
    global _last_retry
    now = time.monotonic()
    if now - _last_retry < RETRY_INTERVAL:
        return
    _last_retry = now
    try:
        apply_pending()
    except DatabaseError:
        logger.exception("pending search-index changes not applied")


def follow(stop: threading.Event, *, poll: float = FOLLOW_POLL) -> None:
    """Keep this node's index on the feed until `stop` is set: apply on every NOTIFY, and every `poll`
    seconds anyway (a missed notification, a heartbeat for the node's place). Rides out the primary
    going away: it reconnects, and catches up from its place when back."""
    backoff = 1.0
    while not stop.is_set():
        try:
            with feed.listening() as wait:
                applied = apply_pending()
                logger.info("following the change feed as %s (%s caught up)", feed.node_name(), applied)
                backoff, last = 1.0, time.monotonic()
                while not stop.is_set():
                    # Short waits, so a stop is honoured within a second.
                    if wait(1.0) or time.monotonic() - last >= poll:
                        apply_pending()
                        last = time.monotonic()
        except Exception:  # the database away, or anything else: never leave the node behind for good
            logger.warning("change feed not followed; trying again in %.0f s", backoff, exc_info=True)
            connections.close_all()
            stop.wait(backoff)
            backoff = min(backoff * 2, 30.0)


def on_thesaurus_changed(changed: list[tuple[str, str]] | None) -> None:
    """After a committed thesaurus change: a curator's tag goes into the change feed for its record,
    like any change (every node re-reads it); a changed concept re-tags every record it touches in
    this node's index."""
    try:
        if changed is None:
            index.refresh_thesaurus()
            return
        by_kind: dict[str, list[str]] = defaultdict(list)
        for kind, code in changed:
            by_kind[kind].append(code)
        for kind, codes in by_kind.items():
            manager = records.get(kind).model_class._default_manager
            feed.record(kind, list(manager.filter(code__in=codes).values_list("pk", flat=True)))
        apply_pending()
    except Exception:
        logger.exception("search index not updated after a thesaurus change (%s)", changed or "concepts")
