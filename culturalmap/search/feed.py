"""The change feed in PostgreSQL: which records changed, for every node's search index to follow.

- `record` writes the changed records into the feed (RecordChange) inside the writing transaction,
  so the feed holds exactly the committed changes; a trigger NOTIFYs `CHANNEL` at the commit.
- Each node keeps its own place (IndexCursor, one row per node): the snapshot of its last read. A read
  takes the rows whose transaction committed after that snapshot and by this one (as PgQ does), not
  the rows numbered past the last one seen: a transaction that took its numbers early and commits late
  would be skipped by a reader going by numbers. So a node reads each committed change once, in
  whatever order transactions commit, and a node that was down reads everything since it stopped.
- The cursor row is locked while its node applies a window: one process of a node at a time.
- `prune` drops the rows every node has read; a node not heard of for STALE_NODE loses its place
  and compares its whole index with PostGIS when it comes back.
"""

import logging
import select
import socket
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import timedelta
from hashlib import blake2b

import psycopg2
from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import F
from django.utils import timezone

from .models import IndexCursor, RecordChange

logger = logging.getLogger(__name__)

CHANNEL = "culturalmap_record_changes"
KEEP = timedelta(hours=1)  # rows kept after every node has read them (to look at)
STALE_NODE = timedelta(days=7)  # a node not heard of for this long loses its place
PRUNE_INTERVAL = 600.0  # seconds between a process's prunes
_last_prune = 0.0


def node_name() -> str:
    """This node's name in the feed: CULTURALMAP_NODE, else the host and its index's folder."""
    if settings.SEARCH_NODE:
        return settings.SEARCH_NODE
    folder = blake2b(str(settings.SEARCH_INDEX_DIR).encode(), digest_size=6).hexdigest()
    return f"{socket.gethostname()}:{folder}"


def _cursor():
    # The feed is read and written on the primary only: a standby has no NOTIFY and may lag.
    return connections[DEFAULT_DB_ALIAS].cursor()


def record(kind: str, ids: list[int]) -> None:
    """Inside the writing transaction (culturalmap.core.changes.record_in_transaction)."""
    RecordChange.objects.using(DEFAULT_DB_ALIAS).bulk_create(
        [RecordChange(kind=kind, record_id=pk) for pk in ids]
    )


# What has committed now, as a snapshot's text. pg_current_snapshot() counts the reading transaction
# itself as visible (its own writes) even when a later transaction holds a higher number; a feed row
# it writes after the read would then look read already. Its own number is put among the running.
COMMITTED_NOW = (
    "SELECT CASE WHEN x IS NULL OR x >= pg_snapshot_xmax(s) THEN s::text"
    " ELSE least(pg_snapshot_xmin(s), x)::text || ':' || pg_snapshot_xmax(s)::text || ':'"
    " || array_to_string(ARRAY(SELECT v FROM (SELECT pg_snapshot_xip(s) AS v UNION SELECT x) u"
    " ORDER BY v), ',') END"
    " FROM (SELECT pg_current_snapshot() AS s, pg_current_xact_id_if_assigned() AS x) now_"
)


def current_snapshot() -> str:
    with _cursor() as cursor:
        cursor.execute(COMMITTED_NOW)
        return cursor.fetchone()[0]


@dataclass
class Window:
    """What committed since the node's last read: records by kind, and the snapshot read at."""

    snapshot: str
    changes: dict[str, set[int]] = field(default_factory=dict)
    rows: int = 0


def lock_position(node: str) -> str:
    """The node's snapshot ('' when it has none), its cursor row locked until the transaction ends:
    a second process of the same node waits here. Call inside a transaction."""
    with _cursor() as cursor:
        cursor.execute(
            "INSERT INTO search_indexcursor (node, snapshot, updated_at, attempts, last_error)"
            " VALUES (%s, '', now(), 0, '') ON CONFLICT (node) DO NOTHING",
            [node],
        )
        cursor.execute("SELECT snapshot FROM search_indexcursor WHERE node = %s FOR UPDATE", [node])
        return cursor.fetchone()[0]


def read_since(snapshot: str) -> Window:
    """The changes committed after `snapshot` and visible now, with the snapshot of now."""
    with _cursor() as cursor:
        cursor.execute(
            "SELECT now_.s, f.kind, f.record_id, count(f.id) OVER ()"
            f" FROM ({COMMITTED_NOW}) now_(s)"
            " LEFT JOIN search_recordchange f"
            "   ON f.xid >= pg_snapshot_xmin(%(since)s::pg_snapshot)"
            "  AND NOT pg_visible_in_snapshot(f.xid, %(since)s::pg_snapshot)",
            {"since": snapshot},
        )
        rows = cursor.fetchall()
    window = Window(snapshot=rows[0][0], rows=rows[0][3])
    by_kind: dict[str, set[int]] = defaultdict(set)
    for _now, kind, record_id, _count in rows:
        if kind is not None:
            by_kind[kind].add(record_id)
    window.changes = dict(by_kind)
    return window


def advance(node: str, snapshot: str) -> None:
    """The node has applied everything committed by `snapshot`."""
    IndexCursor.objects.using(DEFAULT_DB_ALIAS).update_or_create(
        node=node,
        defaults={"snapshot": snapshot, "updated_at": timezone.now(), "attempts": 0, "last_error": ""},
    )


def failed(node: str, error: BaseException) -> None:
    """The node could not write its index: its place stays, the error is kept for `manage.py check`."""
    IndexCursor.objects.using(DEFAULT_DB_ALIAS).filter(node=node).update(
        attempts=F("attempts") + 1,
        last_error=f"{type(error).__name__}: {error}"[:2000],
        updated_at=timezone.now(),
    )


@dataclass(frozen=True)
class Lag:
    changes: int  # feed rows the node has not read
    oldest: object  # when the oldest of them was written (None: none)
    attempts: int
    last_error: str


def lag(node: str) -> Lag | None:
    """What the node has not taken in yet; None when it has no place in the feed (no index yet)."""
    cursor_row = IndexCursor.objects.using(DEFAULT_DB_ALIAS).filter(node=node).first()
    if cursor_row is None or not cursor_row.snapshot:
        return None
    with _cursor() as cursor:
        cursor.execute(
            "SELECT count(*), min(created_at) FROM search_recordchange"
            " WHERE xid >= pg_snapshot_xmin(%(since)s::pg_snapshot)"
            " AND NOT pg_visible_in_snapshot(xid, %(since)s::pg_snapshot)",
            {"since": cursor_row.snapshot},
        )
        count, oldest = cursor.fetchone()
    return Lag(count, oldest, cursor_row.attempts, cursor_row.last_error)


def prune() -> int:
    """Forget the nodes not heard of for STALE_NODE, then the rows every remaining node has read (and
    older than KEEP); returns how many rows went."""
    now = timezone.now()
    IndexCursor.objects.using(DEFAULT_DB_ALIAS).filter(updated_at__lt=now - STALE_NODE).delete()
    with _cursor() as cursor:
        # A node without a snapshot compares its whole index: it needs no row. Rows below every
        # snapshot's xmin are of transactions that ended before each node's last read.
        cursor.execute(
            "DELETE FROM search_recordchange WHERE created_at < %s AND xid < coalesce("
            " (SELECT min(pg_snapshot_xmin(snapshot::pg_snapshot)) FROM search_indexcursor"
            "  WHERE snapshot <> ''), pg_snapshot_xmin(pg_current_snapshot()))",
            [now - KEEP],
        )
        return cursor.rowcount


def prune_when_due() -> None:
    global _last_prune
    if time.monotonic() - _last_prune >= PRUNE_INTERVAL:
        _last_prune = time.monotonic()
        prune()


@contextmanager
def listening() -> Iterator[Callable[[float], bool]]:
    """A connection of its own LISTENing on the feed's channel (to the primary: a standby sends no
    notifications); yields `wait(timeout)`, True when a commit was announced meanwhile."""
    params = connections[DEFAULT_DB_ALIAS].get_connection_params()
    conn = psycopg2.connect(**params)
    try:
        conn.autocommit = True
        with conn.cursor() as cursor:
            cursor.execute(f"LISTEN {CHANNEL}")

        def wait(timeout: float) -> bool:
            if not conn.notifies and select.select([conn], [], [], timeout) == ([], [], []):
                return False
            conn.poll()
            woken = bool(conn.notifies)
            conn.notifies.clear()
            return woken

        yield wait
    finally:
        conn.close()
