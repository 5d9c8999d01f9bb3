"""Reads on the standby: the database router, which requests read from the standby, and its health.

Only when settings name a `replica` database (a streaming hot standby; culturalmap.settings.base,
from CULTURALMAP_REPLICA_PORT): otherwise every query goes to `default`, as on one machine.

- A request that only reads (GET, HEAD, OPTIONS) reads from the standby; a write, everything inside a
  transaction, and every query outside a request (commands, the search-feed follower) go to the
  primary (`default`).
- Read-your-writes: after a write the browser is pinned to the primary for READ_YOUR_WRITES_SECONDS
  (a cookie), longer than the standby may lag; a client that signs with a token (an organiser's
  script, which reads back what it logged) always reads from the primary.
- The standby is used while it answers and lags less than REPLICA_MAX_LAG seconds, as each process
  checks at most every REPLICA_CHECK_INTERVAL seconds (`standby`); a request that failed on the
  standby (it went down, or a query was cancelled by its replay) is answered again from the primary.
"""

import logging
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections

logger = logging.getLogger(__name__)

REPLICA = "replica"
SAFE_METHODS = ("GET", "HEAD", "OPTIONS")
PIN_COOKIE = "culturalmap_primary_until"

_reads: ContextVar[str] = ContextVar("culturalmap_reads", default=DEFAULT_DB_ALIAS)


def replica_configured() -> bool:
    return REPLICA in settings.DATABASES


@contextmanager
def reads_from(alias: str) -> Iterator[None]:
    """Within the block, reads outside a transaction go to `alias`."""
    token = _reads.set(alias)
    try:
        yield
    finally:
        _reads.reset(token)


def read_alias() -> str:
    """Where a read goes now: the standby only when the request reads from it and no transaction is
    open on the primary (a read inside one must see that transaction's writes)."""
    alias = _reads.get()
    if alias != DEFAULT_DB_ALIAS and connections[DEFAULT_DB_ALIAS].in_atomic_block:
        return DEFAULT_DB_ALIAS
    return alias


def read_connection():
    """The connection for raw-SQL reads (the tiles): the router's choice for the ORM's reads."""
    return connections[read_alias()]


class PrimaryReplicaRouter:
    """Django's router: reads where `read_alias` says, writes and migrations on the primary."""

    def db_for_read(self, model, **hints) -> str:
        return read_alias()

    def db_for_write(self, model, **hints) -> str:
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints) -> bool:
        return True  # the same data on both

    def allow_migrate(self, db, app_label, **hints) -> bool:
        return db == DEFAULT_DB_ALIAS  # the standby replays the primary's schema


# The standby's health ------------------------------------------------------------------------------


@dataclass(frozen=True)
class StandbyState:
    usable: bool
    lag: float | None  # seconds behind the primary; None when it did not answer
    reason: str
    checked_at: float


class Standby:
    """This process's view of the standby, checked at most once per REPLICA_CHECK_INTERVAL."""

    def __init__(self):
        self._lock = threading.Lock()
        self.state = StandbyState(False, None, "not checked yet", float("-inf"))

    def usable(self) -> bool:
        if time.monotonic() - self.state.checked_at >= settings.REPLICA_CHECK_INTERVAL:
            with self._lock:
                if time.monotonic() - self.state.checked_at >= settings.REPLICA_CHECK_INTERVAL:
                    self.state = self.check()
        return self.state.usable

    def check(self) -> StandbyState:
        try:
            lag, state = replication_lag()
        except DatabaseError as error:
            connections[REPLICA].close()  # reconnect on the next check
            return self._down(f"{type(error).__name__}: {error}".strip())
        except NotAStandby as error:
            return self._down(str(error))
        if lag > settings.REPLICA_MAX_LAG:
            return StandbyState(False, lag, f"lags {lag:.1f} s", time.monotonic())
        return StandbyState(True, lag, state, time.monotonic())

    def mark_down(self, reason: str) -> None:
        """A request just failed on it: the primary until the next check."""
        self.state = self._down(reason)

    def _down(self, reason: str) -> StandbyState:
        if self.state.usable:
            logger.warning("reads moved to the primary: the standby %s", reason)
        return StandbyState(False, None, reason, time.monotonic())


standby = Standby()


class NotAStandby(Exception):
    """The replica connection reaches a server that is neither in recovery nor the primary itself."""


# Which server a connection reaches: through pgbouncer, the address and port are the server's own.
SERVER_IDENTITY = "inet_server_addr(), inet_server_port(), pg_postmaster_start_time(), current_database()"


def replication_lag() -> tuple[float, str]:
    """Seconds the standby is behind, and its state: 0 when it has replayed everything the primary
    had written when asked; else the age of the last transaction it replayed (an overestimate after a
    quiet spell, which only sends reads to the primary a little sooner).

    A replica out of recovery is safe to read only when it is the primary itself (the standby was
    promoted and pgbouncer now points at it); any other such server may hold a diverged history (a
    promoted standby beside a primary still running): NotAStandby."""
    with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
        cursor.execute(f"SELECT pg_current_wal_lsn(), {SERVER_IDENTITY}")
        primary_lsn, *primary = cursor.fetchone()
    with connections[REPLICA].cursor() as cursor:
        cursor.execute(
            "SELECT pg_is_in_recovery(), pg_last_wal_replay_lsn() >= %s::pg_lsn,"
            " extract(epoch FROM clock_timestamp() - pg_last_xact_replay_timestamp()),"
            f" {SERVER_IDENTITY}",
            [primary_lsn],
        )
        in_recovery, caught_up, age, *replica = cursor.fetchone()
    if not in_recovery:
        if replica != primary:
            raise NotAStandby("is not in recovery and is not the primary: its history may differ")
        return 0.0, "the primary itself (promoted, or no standby)"
    if caught_up:
        return 0.0, "streaming"
    return (float(age) if age is not None else float("inf")), "streaming"


# Requests ------------------------------------------------------------------------------------------


def _pinned(request) -> bool:
    try:
        return float(request.COOKIES.get(PIN_COOKIE, "0")) > time.time()
    except ValueError:
        return False


def request_read_alias(request) -> str:
    """The database a request reads from (before any transaction)."""
    if (
        not replica_configured()
        or request.method not in SAFE_METHODS
        or "Authorization" in request.headers
        or _pinned(request)
        or not standby.usable()
    ):
        return DEFAULT_DB_ALIAS
    return REPLICA


def _failed_on_standby(response) -> bool:
    # Django sets errors_occurred on a connection whose query or connect failed (reset when the next
    # request starts): a 5xx with it set is the standby's doing, not the view's.
    return response.status_code >= 500 and connections[REPLICA].errors_occurred


class ReadsOnStandbyMiddleware:
    """Sends a request's reads to the standby or the primary (`request_read_alias`); a read answered
    with an error because of the standby is answered again from the primary; a write pins the
    writer's next reads to the primary. Placed before everything that reads the database."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        alias = request_read_alias(request)
        with reads_from(alias):
            response = self.get_response(request)
        if alias == REPLICA and _failed_on_standby(response):
            standby.mark_down("failed a request")
            connections[REPLICA].close()
            with reads_from(DEFAULT_DB_ALIAS):
                response = self.get_response(request)
        if request.method not in SAFE_METHODS:
            seconds = settings.READ_YOUR_WRITES_SECONDS
            response.set_cookie(
                PIN_COOKIE,
                f"{time.time() + seconds:.3f}",
                max_age=seconds,
                httponly=True,
                samesite="Lax",
                secure=settings.SESSION_COOKIE_SECURE,
            )
        return response
