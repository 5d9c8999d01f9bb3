"""Revenue series speed on the demo catalogue, then with 1,000,000 more sales entries.

Prints, for each case, the median time of the series read from the per-event summary (EventSales,
kept in step by the ledger's trigger) beside the baseline measured in the same run: the same series
with every event's sales re-derived from the ledger (an anti-join on corrections, then a sum).
Targets: a market's series < 20 ms, the national monthly series < 50 ms, the national series with
1,000,000 entries < 200 ms. The million entries are inserted in a transaction that is rolled back:
the dev database is left as it was.
"""

import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "culturalmap.settings.local")
os.environ.setdefault("PYTHAINLP_OFFLINE", "1")

import django  # noqa: E402

django.setup()

from django.db import connection, transaction  # noqa: E402
from django.db.models import Count  # noqa: E402

from culturalmap.markets.models import CulturalMarket, SalesEntry  # noqa: E402
from culturalmap.markets.selectors import NATION, RevenueScope, revenue_series  # noqa: E402

ENTRIES = 1_000_000
EXTRA_EVENTS = 20_000  # the million entries are spread over these and the demo's events
CORRECTED_EVERY = 20  # one new entry in 20 is later corrected


def median_ms(fn, repeat: int = 15) -> float:
    fn()  # warm the plan and the cache
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def report(name: str, target_ms: float, fast, slow, repeat: int = 15) -> None:
    ours, baseline = median_ms(fast, repeat), median_ms(slow, max(3, repeat // 3))
    verdict = "OK" if ours < target_ms else "OVER TARGET"
    print(
        f"{name:<52} {ours:8.2f} ms (target < {target_ms:.0f} ms, {verdict}) | "
        f"baseline from the ledger {baseline:9.2f} ms | {baseline / ours:6.1f}x faster"
    )


def series(scope, interval, from_ledger=False):
    return lambda: revenue_series(scope=scope, interval=interval, from_ledger=from_ledger)


def load_a_million() -> None:
    """Synthetic events for every market (days before the demo's), then a million entries over all
    events in one INSERT (the statement trigger adds them up), then corrections of one in 20."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT id FROM markets_culturalmarket")
        markets = [row[0] for row in cursor.fetchall()]
        per_market = EXTRA_EVENTS // len(markets) + 1
        cursor.execute(
            """
            INSERT INTO markets_marketevent (market_id, held_on, vendors_present, visitors, note, created_at)
            SELECT m.id, DATE '2019-12-31' - d, 20 + (d %% 80), NULL, 'bench', now()
            FROM markets_culturalmarket m CROSS JOIN generate_series(1, %s) AS d
            ON CONFLICT DO NOTHING
        """,
            [per_market],
        )
        cursor.execute("SELECT max(id) FROM markets_salesentry")
        first_new = (cursor.fetchone()[0] or 0) + 1
        cursor.execute(
            """
            WITH events AS (SELECT array_agg(id ORDER BY id) AS ids, count(*) AS n FROM markets_marketevent)
            INSERT INTO markets_salesentry (event_id, amount, vendor, note, recorded_at)
            SELECT ids[1 + (i %% n)], round((random() * 5000)::numeric, 2), 'ร้าน ' || (i %% 997), '', now()
            FROM events CROSS JOIN generate_series(1, %s) AS i
        """,
            [ENTRIES],
        )
        cursor.execute(
            """
            INSERT INTO markets_salesentry (event_id, amount, vendor, note, corrects_id, recorded_at)
            SELECT event_id, round(amount * 0.9, 2), vendor, 'bench correction', id, now()
            FROM markets_salesentry WHERE id >= %s AND id %% %s = 0
        """,
            [first_new, CORRECTED_EVERY],
        )
        cursor.execute("ANALYZE markets_salesentry; ANALYZE markets_marketevent; ANALYZE markets_eventsales")


def reanalyse() -> None:
    """ANALYZE again after the rollback: the row counts it wrote inside the transaction (pg_class) are
    not rolled back, and would leave the planner expecting the bench's rows (a parallel scan of a
    ledger a tenth its size, 6x slower, in the next run)."""
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE markets_salesentry; ANALYZE markets_marketevent; ANALYZE markets_eventsales")


def main() -> None:
    if not SalesEntry.objects.exists():
        sys.exit("No sales ledger in the dev database: run `manage.py load_demo` first.")
    busiest = CulturalMarket.objects.annotate(n=Count("events")).order_by("-n").first()
    market = RevenueScope("market", busiest.pk)
    print(
        f"demo ledger: {SalesEntry.objects.count():,} entries; busiest market {busiest.name_th} "
        f"({busiest.n} events)"
    )
    report("one market, interval=event", 20, series(market, "event"), series(market, "event", True))
    report("one market, interval=month", 20, series(market, "month"), series(market, "month", True))
    report(
        "one market, interval=fiscal_year",
        20,
        series(market, "fiscal_year"),
        series(market, "fiscal_year", True),
    )
    report("nation, interval=month", 50, series(NATION, "month"), series(NATION, "month", True))
    report("nation, interval=week", 50, series(NATION, "week"), series(NATION, "week", True))

    with transaction.atomic():
        start = time.perf_counter()
        load_a_million()
        loaded = time.perf_counter() - start
        total = SalesEntry.objects.count()
        print(
            f"loaded {ENTRIES:,} entries (+ corrections, {EXTRA_EVENTS:,} extra events) in {loaded:.1f} s; "
            f"ledger now {total:,} entries"
        )
        report(
            f"nation with {total / 1e6:.2f}M entries, interval=month",
            200,
            series(NATION, "month"),
            series(NATION, "month", True),
            repeat=9,
        )
        report(
            f"nation with {total / 1e6:.2f}M entries, interval=fiscal_year",
            200,
            series(NATION, "fiscal_year"),
            series(NATION, "fiscal_year", True),
            repeat=9,
        )
        report(
            f"one market with {total / 1e6:.2f}M entries, interval=month",
            20,
            series(market, "month"),
            series(market, "month", True),
            repeat=9,
        )
        transaction.set_rollback(True)
    reanalyse()
    print(f"machine: {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f} during the run")
    print(f"rolled back: ledger back to {SalesEntry.objects.count():,} entries")


if __name__ == "__main__":
    main()
