"""A limit on how many requests do one heavy thing at once, across every server process.

`database_slot("images", slots=2, ...)` takes one of two PostgreSQL advisory locks named after
"images": gunicorn's workers are separate processes, so a lock in one Python process would limit
nothing. The locks are transaction-level (`pg_try_advisory_xact_lock`): PostgreSQL releases them when
the transaction ends, whatever happens to the process (and they work behind a transaction-pooling
pgbouncer). When no slot frees up within `wait` seconds the caller gets Unavailable, a 503 with
Retry-After, instead of a worker held waiting: uploads can never occupy every worker.
"""

import time
import zlib
from collections.abc import Iterator
from contextlib import contextmanager

from django.db import connection, transaction

from .exceptions import Unavailable

POLL_SECONDS = 0.1


def _lock_key(name: str) -> int:
    """A stable signed 32-bit key for the name (advisory locks are keyed by two int4s)."""
    return zlib.crc32(f"culturalmap:{name}".encode()) - 2**31


@contextmanager
def database_slot(
    name: str, *, slots: int, wait: float, message: str, retry_after: int, code: str = ""
) -> Iterator[int]:
    """Hold one of `slots` slots named `name` for the block; yields the slot's number. Unavailable
    (`message`, `retry_after`) when all stay taken for `wait` seconds."""
    key = _lock_key(name)
    deadline = time.monotonic() + wait
    with transaction.atomic():  # the locks last as long as this (or the caller's) transaction
        with connection.cursor() as cursor:
            slot = _take(cursor, key, slots)
            while slot is None:
                if time.monotonic() >= deadline:
                    raise Unavailable(message, retry_after=retry_after, code=code)
                time.sleep(POLL_SECONDS)
                slot = _take(cursor, key, slots)
        yield slot


def _take(cursor, key: int, slots: int) -> int | None:
    for slot in range(slots):
        cursor.execute("SELECT pg_try_advisory_xact_lock(%s, %s)", [key, slot])
        if cursor.fetchone()[0]:
            return slot
    return None
