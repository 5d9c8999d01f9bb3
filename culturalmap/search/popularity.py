"""View counts: every public record page's views, counted without storing who viewed.

A view is one statement, `INSERT … SELECT … ON CONFLICT DO UPDATE SET views = views + 1` on a narrow
counter table (never the record's own row: that would rewrite a wide row, fire its triggers and announce
a change to search and tiles), committed without waiting for the disk (`synchronous_commit = off`: a
crash may lose the last fraction of a second of views, never a record). The SELECT reads the kind's
public queryset, so a page that is not a public record (a draft, a mistyped code) counts nothing.
Nothing about the visitor is read or kept: no address, no cookie, no time; robots (by their user agent)
and link prefetches are not counted. scripts/bench/bench_search.py measures a view's cost.

Search ranks by the views (counted here plus those a record came with: RecordSignals.views_before),
read once every REFRESH_SECONDS per process.
"""

import re
import threading
import time

from django.db import connection, transaction

from culturalmap.core import records

from .models import RecordViews

REFRESH_SECONDS = 60.0
# Crawlers, link previews, monitors and scripts: their visits are not people looking.
ROBOTS = re.compile(
    r"bot|crawl|spider|slurp|archiver|facebookexternalhit|embedly|preview|monitor|pingdom|uptime|"
    r"lighthouse|headless|phantomjs|python|curl|wget|httpie|libwww|okhttp|java/|go-http|axios|node-fetch|"
    r"scrapy|feedfetcher|mediapartners|whatsapp|telegram|discord|skype|semrush|ahrefs|yandex|baidu",
    re.IGNORECASE,
)


def is_robot(user_agent: str) -> bool:
    return not user_agent.strip() or bool(ROBOTS.search(user_agent))


def record_viewed(*, kind: str, code: str) -> bool:
    """Count one view of a public record's page; False (nothing counted) when it is not public."""
    record_kind = records.get(kind)
    public = record_kind.public().filter(code=code).values("pk")
    sql, params = public.query.sql_with_params()
    table = RecordViews._meta.db_table
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL synchronous_commit TO OFF")
        cursor.execute(
            f"INSERT INTO {table} (kind, record_id, views) SELECT %s, r.id, 1 FROM ({sql}) AS r(id) "
            f"ON CONFLICT (kind, record_id) DO UPDATE SET views = {table}.views + 1",
            [kind, *params],
        )
        return cursor.rowcount > 0


def views_of(kind: str, record_id: int) -> int:
    """The views counted here of one record."""
    found = RecordViews.objects.filter(kind=kind, record_id=record_id).values_list("views", flat=True)
    return next(iter(found), 0)


_lock = threading.Lock()
_snapshot: tuple[float, dict[str, int]] = (0.0, {})


def counted_views(*, max_age: float = REFRESH_SECONDS) -> tuple[float, dict[str, int]]:
    """(when read, {"<kind>:<id>": views}) as counted here, read again when older than `max_age`."""
    global _snapshot
    read_at, views = _snapshot
    now = time.monotonic()
    if now - read_at < max_age and read_at:
        return _snapshot
    with _lock:
        if _snapshot[0] == read_at:
            rows = RecordViews.objects.values_list("kind", "record_id", "views")
            _snapshot = (now, {f"{kind}:{record_id}": count for kind, record_id, count in rows})
    return _snapshot


def forget_counted_views() -> None:
    """Read the counts afresh on the next search (tests, the bench)."""
    global _snapshot
    _snapshot = (0.0, {})


# --- which page is which record ---------------------------------------------------------------------

_pages: tuple[int, list[tuple[re.Pattern, str]]] | None = None


def record_page(path: str) -> tuple[str, str] | None:
    """(kind, code) when the path is a record's page (/assets/CA-…/), from the registry's URLs."""
    global _pages
    if _pages is None or _pages[0] != records.version():
        patterns = []
        for kind in records.kinds():
            before, _, after = kind.url_template.partition("{code}")
            patterns.append(
                (re.compile(f"^{re.escape(before)}(?P<code>[^/]+){re.escape(after)}$"), kind.code)
            )
        _pages = (records.version(), patterns)
    for pattern, kind in _pages[1]:
        found = pattern.match(path)
        if found:
            return kind, found.group("code")
    return None
