# ruff: noqa: E501  (the earlier SQL kept verbatim, as it ran)
"""Revenue series and vendor statements with a market of 500 vendors × 300 nights and 50 festivals.

Adds, in a transaction that is rolled back (the dev database is left as it was): one market with
500 registered vendors, each selling on each of 300 nights (150,000 ledger lines), and 50 festivals
of 2–5 days in its district and others. Then prints, each beside its baseline measured in the same run:
- the revenue series of that market (interval=event, month) and of the nation (month, week), as
  `revenue_series` reads them now (markets and festivals, the stimulus measured or estimated per
  event), against the same series as read before the series speed work (series_before.py, kept
  verbatim: the rows must be the same, figure for figure) and as the code before issue 16 read them
  (sql/revenue_series.sql of the parent commit, kept here verbatim: sales × multiplier, markets only);
  best of three interleaved rounds of medians, the machine being shared;
- a vendor's statement for a year (the key index), against the same lines found without the index
  (every line of the year's nights, keyed in Python);
- that year's ledger as .xlsx (26,000 lines, XlsxWriter), against the openpyxl write-only workbook
  it replaced (kept here verbatim); both read back, the counted lines and baht must agree.
Targets: one market < 20 ms, the nation < 50 ms, a statement for a year < 100 ms, the .xlsx < 5 s.
"""

import datetime
import io
import os
import statistics
import sys
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "culturalmap.settings.local")
os.environ.setdefault("PYTHAINLP_OFFLINE", "1")

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.utils import timezone  # noqa: E402

from culturalmap.core.thai import format_date  # noqa: E402
from culturalmap.markets import statements, vendors  # noqa: E402
from culturalmap.markets.models import CulturalMarket, EventKind, SalesEntry, Vendor, VendorAlias  # noqa: E402
from culturalmap.markets.selectors import NATION, RevenueScope, _scope_params, revenue_series  # noqa: E402
from scripts.bench.series_before import revenue_series_before  # noqa: E402

VENDORS, NIGHTS, FESTIVALS = 500, 300, 50

# The series as the code before issue 16 computed it (markets only, stimulus = sales × multiplier).
BEFORE_SQL = """
WITH scope_markets AS (
  SELECT m.id, m.code, m.stimulus_multiplier, m.public_funding
  FROM markets_culturalmarket m JOIN markets_culturaldistrict d ON d.id = m.district_id
  WHERE (%(market_id)s::bigint IS NULL OR m.id = %(market_id)s::bigint)
    AND (%(district_id)s::bigint IS NULL OR m.district_id = %(district_id)s::bigint)
    AND (%(city_id)s::bigint IS NULL OR d.city_id = %(city_id)s::bigint)
    AND (%(province_id)s::bigint IS NULL OR m.province_id = %(province_id)s::bigint)
    AND (%(include_unpublished)s OR m.status = 'published')
),
funding AS (SELECT nullif(sum(public_funding), 0) AS public_funding FROM scope_markets),
scoped_events AS (
  SELECT e.id, e.held_on, e.vendors_present, e.visitors, sm.code AS market,
         coalesce(s.sales, 0) AS sales, coalesce(s.sales, 0) * sm.stimulus_multiplier AS stimulus
  FROM markets_marketevent e JOIN scope_markets sm ON sm.id = e.market_id
  LEFT JOIN markets_eventsales s ON s.event_id = e.id
  WHERE e.withdrawn_at IS NULL
),
prior AS (SELECT 0 AS sales, 0 AS stimulus),
in_range AS (SELECT *, {period_start} AS period_start FROM scoped_events),
periods AS ({periods}),
per_period AS (
  SELECT p.period_start, p.period_end, p.market, count(r.id) AS events, coalesce(sum(r.sales), 0) AS sales,
         coalesce(sum(r.stimulus), 0) AS stimulus, round(avg(r.vendors_present), 1) AS vendors,
         sum(r.visitors) AS visitors
  FROM periods p LEFT JOIN in_range r ON {join}
  GROUP BY p.period_start, p.period_end, p.market, p.event_id
)
SELECT period_start, period_end, market, events, sales, stimulus, vendors, visitors,
       (SELECT sales FROM prior) + sum(sales) OVER w AS cumulative_sales,
       (SELECT stimulus FROM prior) + sum(stimulus) OVER w AS cumulative_stimulus,
       round(avg(sales) OVER (w ROWS BETWEEN 2 PRECEDING AND CURRENT ROW), 2) AS moving_average,
       round((sales - lag(sales) OVER w) / nullif(lag(sales) OVER w, 0), 4) AS growth,
       round(((SELECT stimulus FROM prior) + sum(stimulus) OVER w) / (SELECT public_funding FROM funding), 4)
FROM per_period WINDOW w AS (ORDER BY period_start, market) ORDER BY period_start, market
"""
BEFORE_PERIODS = {
    "event": (
        "held_on",
        "SELECT held_on AS period_start, held_on AS period_end, market, id AS event_id FROM in_range",
    ),
    "month": (
        "date_trunc('month', held_on)::date",
        "SELECT g::date AS period_start, (g + interval '1 month' - interval '1 day')::date AS period_end, "
        "NULL::text AS market, NULL::bigint AS event_id FROM generate_series((SELECT min(period_start) "
        "FROM in_range)::timestamp, (SELECT max(period_start) FROM in_range)::timestamp, interval '1 month') AS g",
    ),
    "week": (
        "date_trunc('week', held_on)::date",
        "SELECT g::date AS period_start, (g + interval '1 week' - interval '1 day')::date AS period_end, "
        "NULL::text AS market, NULL::bigint AS event_id FROM generate_series((SELECT min(period_start) "
        "FROM in_range)::timestamp, (SELECT max(period_start) FROM in_range)::timestamp, interval '1 week') AS g",
    ),
}


def before(scope, interval):
    period_start, periods = BEFORE_PERIODS[interval]
    join = "r.id = p.event_id" if interval == "event" else "r.period_start = p.period_start"
    sql = BEFORE_SQL.format(period_start=period_start, periods=periods, join=join)

    def run():
        with connection.cursor() as cursor:
            cursor.execute(sql, _scope_params(scope, False))
            return cursor.fetchall()

    return run


def median_ms(fn, repeat: int = 15) -> float:
    fn()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def report(name: str, target_ms: float, ours, baseline, baseline_name: str) -> None:
    now, then = median_ms(ours), median_ms(baseline, 7)
    verdict = "OK" if now < target_ms else "OVER TARGET"
    print(
        f"{name:<46} {now:8.2f} ms (target < {target_ms:.0f} ms, {verdict}) | {baseline_name} {then:8.2f} ms"
        f" | ratio {now / then:5.2f}"
    )


def _backend_ticks() -> int | None:
    """CPU clock ticks the database backend of this connection has used (its /proc stat: the bench
    and PostgreSQL on one machine), or None where it cannot be read."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return int(fields[11]) + int(fields[12])  # utime + stime


def cpu_ms(fn, repeat: int = 30) -> str:
    """CPU time per call, this process and the database backend together: what the load of a shared
    machine does not inflate as much as it does wall time."""
    fn()
    ticks, start = _backend_ticks(), time.process_time()
    for _ in range(repeat):
        fn()
    client = (time.process_time() - start) / repeat * 1000
    after = _backend_ticks()
    if ticks is None or after is None:
        return f"{client:6.2f} ms (this process)"
    return f"{client + (after - ticks) / os.sysconf('SC_CLK_TCK') / repeat * 1000:6.2f} ms"


def report_series(name: str, target_ms: float, scope: RevenueScope, interval: str) -> None:
    """The series now, beside the same series as read before the series speed work (its rows must be
    the same, figure for figure) and as before issue 16."""
    ours = lambda: revenue_series(scope=scope, interval=interval, kind="all")  # noqa: E731
    speedwork = lambda: revenue_series_before(scope=scope, interval=interval, kind="all")  # noqa: E731
    rows, earlier = ours(), speedwork()
    assert [list(r.items()) for r in rows] == [list(r.items()) for r in earlier], "the series changed"
    assert [[str(v) for v in r.values()] for r in rows] == [[str(v) for v in r.values()] for r in earlier]
    timings = []
    for _round in range(3):  # interleaved: the machine is shared, its load comes and goes
        timings.append((median_ms(ours), median_ms(speedwork, 9), median_ms(before(scope, interval), 5)))
    now, then, issue16 = (min(t[i] for t in timings) for i in range(3))
    verdict = "OK" if now < target_ms else "OVER TARGET"
    print(
        f"{name:<46} {now:8.2f} ms (target < {target_ms:.0f} ms, {verdict}, {len(rows)} rows, the same) | "
        f"before the speed work {then:8.2f} ms, ratio {now / then:5.2f} | before issue 16 {issue16:8.2f} ms"
    )
    cpu_now, cpu_then = cpu_ms(ours), cpu_ms(speedwork)
    print(f"{'':<46} CPU per call (bench + database): now {cpu_now}, before the speed work {cpu_then}")


def load(market: CulturalMarket) -> Vendor:
    """500 vendors each selling on each of 300 nights; 50 festivals of 2–5 days in districts."""
    user = get_user_model().objects.create(username=f"bench-economy-{time.time_ns()}")
    names = [f"ผู้ค้าทดสอบ {n:03d} ร้านขนม" for n in range(VENDORS)]
    created = Vendor.objects.bulk_create([Vendor(market=market, name=name) for name in names])
    VendorAlias.objects.bulk_create(
        [
            VendorAlias(vendor=v, market=market, name=v.name, key=vendors.vendor_key(v.name), source="name")
            for v in created
        ]
    )
    with connection.cursor() as cursor:
        cursor.execute(
            """INSERT INTO markets_marketevent (market_id, held_on, vendors_present, visitors, note, created_at,
                                                kind, name_th, name_en, host, network_name, manager_name)
               SELECT %s, DATE '2014-01-04' + 7 * n, %s, 2000, 'bench', now(), 'market', '', '', '', '', ''
               FROM generate_series(0, %s - 1) AS n RETURNING id""",
            [market.pk, VENDORS, NIGHTS],
        )
        events = [row[0] for row in cursor.fetchall()]
        cursor.execute(
            """INSERT INTO markets_salesentry (event_id, amount, vendor, note, recorded_at, kind, recorded_by_id)
               SELECT e, 500 + (v * 37 + e) %% 4000, 'ผู้ค้าทดสอบ ' || lpad(v::text, 3, '0') || ' ร้านขนม', '', now(),
                      'sale', %s
               FROM unnest(%s::bigint[]) AS e CROSS JOIN generate_series(0, %s - 1) AS v""",
            [user.pk, events, VENDORS],
        )
        cursor.execute(
            """INSERT INTO markets_marketevent (district_id, held_on, ends_on, visitors, note, created_at, kind,
                                                name_th, name_en, host, network_name, manager_name)
               SELECT d.id, DATE '2014-02-01' + 40 * n, DATE '2014-02-01' + 40 * n + 1 + n %% 4, 9000, 'bench',
                      now(), 'festival', 'เทศกาลทดสอบ ' || n, '', 'network', 'เครือข่ายทดสอบ', ''
               FROM generate_series(0, %s - 1) AS n
               JOIN LATERAL (SELECT id FROM markets_culturaldistrict ORDER BY id OFFSET n %% 10 LIMIT 1) d ON true
               RETURNING id""",
            [FESTIVALS],
        )
        festivals = [row[0] for row in cursor.fetchall()]
        cursor.execute(
            """INSERT INTO markets_salesentry (event_id, amount, vendor, note, recorded_at, kind)
               SELECT e, 1500000, '', '', now(), 'sale' FROM unnest(%s::bigint[]) AS e""",
            [festivals],
        )
        cursor.execute("ANALYZE markets_salesentry; ANALYZE markets_marketevent; ANALYZE markets_eventsales")
    return created[VENDORS // 2]


def ledger_workbook_openpyxl(
    market: CulturalMarket, date_from: datetime.date | None = None, date_to: datetime.date | None = None
) -> bytes:
    """The ledger workbook as it was written before (openpyxl's write-only mode, a styled cell per
    amount), kept verbatim as the .xlsx baseline."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    owner = statements._keys_by_vendor(market)
    names = dict(Vendor.objects.filter(market=market).values_list("pk", "name"))
    entries = SalesEntry.objects.filter(event__market=market)
    if date_from:
        entries = entries.filter(event__held_on__gte=date_from)
    if date_to:
        entries = entries.filter(event__held_on__lte=date_to)
    rows = (
        entries.annotate(key=statements.VendorKey("vendor"))
        .order_by("event__held_on", "id")
        .values_list(
            "event__held_on",
            "event__ends_on",
            "event__kind",
            "event__name_th",
            "id",
            "vendor",
            "key",
            "amount",
            "corrected_by",
            "event__withdrawn_at",
            "kind",
            "corrects_id",
            "recorded_by__username",
            "recorded_at",
            "upload_id",
            "note",
        )
    )
    book = Workbook(write_only=True)
    sheet = book.create_sheet(title="บัญชียอดขาย")
    bold = Font(bold=True)

    sheet.append(
        [
            f"{market.name_th} · บัญชียอดขาย · {format_date(date_from, 'th') or 'เริ่มต้น'} – "
            f"{format_date(date_to, 'th') or 'ล่าสุด'}"
        ]
    )
    header = []
    for title in statements.LEDGER_HEADERS:
        cell = WriteOnlyCell(sheet, value=title)
        cell.font = bold
        header.append(cell)
    sheet.append(header)
    for (
        held_on,
        ends_on,
        kind,
        festival,
        pk,
        vendor,
        key,
        amount,
        corrected_by,
        withdrawn,
        entry_kind,
        corrects,
        who,
        at,
        upload,
        note,
    ) in rows:
        money = WriteOnlyCell(sheet, value=amount)
        money.number_format = "#,##0.00"
        counts = corrected_by is None and withdrawn is None
        sheet.append(
            [
                statements._be(held_on),
                statements._be(ends_on),
                festival if kind == EventKind.FESTIVAL else "ตลาดนัด",
                pk,
                vendor or "ยอดรวมของงาน",
                names.get(owner.get(key), "") if vendor else "",
                money,
                "นับ" if counts else "ไม่นับ",
                statements._KINDS_TH.get(entry_kind, entry_kind),
                corrects or "",
                who or "",
                timezone.localtime(at).replace(tzinfo=None) if at else "",
                upload or "",
                note,
            ]
        )
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def statement_without_index(market, vendor, start, end):
    keys = set(VendorAlias.objects.filter(vendor=vendor).values_list("key", flat=True))

    def run():
        lines = SalesEntry.objects.filter(
            event__market=market, event__held_on__range=(start, end), corrected_by__isnull=True
        ).values_list("vendor", "amount")
        return sum(amount for name, amount in lines if vendors.vendor_key(name) in keys)

    return run


def counted_total(book: bytes) -> tuple[int, Decimal]:
    """Lines and baht the workbook counts (column H "นับ"), read back with openpyxl."""
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(book), read_only=True).active
    lines = [row for row in sheet.iter_rows(min_row=3, values_only=True) if row[7] == "นับ"]
    return len(lines), sum((Decimal(str(row[6])) for row in lines), Decimal(0))


def reanalyse() -> None:
    """ANALYZE again after the rollback: the row counts it wrote inside the transaction (pg_class) are
    not rolled back, and would leave the planner expecting the bench's rows (a parallel scan of a
    ledger a tenth its size, 6x slower, in the next run)."""
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE markets_salesentry; ANALYZE markets_marketevent; ANALYZE markets_eventsales")


def main() -> None:
    market = CulturalMarket.objects.order_by("id").first()
    if market is None:
        sys.exit("No markets in the dev database: run `manage.py load_demo` first.")
    with transaction.atomic():
        start = time.perf_counter()
        vendor = load(market)
        print(
            f"loaded {VENDORS} vendors × {NIGHTS} nights ({VENDORS * NIGHTS:,} lines) and {FESTIVALS} festivals "
            f"into {market.name_th} in {time.perf_counter() - start:.1f} s; ledger {SalesEntry.objects.count():,} lines"
        )
        one = RevenueScope("market", market.pk)
        for interval in ("event", "month"):
            report_series(f"one market, interval={interval}", 20, one, interval)
        for interval in ("month", "week"):
            report_series(f"nation (markets and festivals), interval={interval}", 50, NATION, interval)
        year = (datetime.date(2015, 1, 1), datetime.date(2015, 12, 31))
        statement = statements.vendor_statement(market, vendor, *year)
        assert (
            statement.events in (52, 53)
            and statement.total == statement_without_index(market, vendor, *year)()
        )
        report(
            f"a vendor's statement for a year ({statement.events} nights)",
            100,
            lambda: statements.vendor_statement(market, vendor, *year),
            statement_without_index(market, vendor, *year),
            "lines keyed in Python",
        )
        timed = {}
        for name, write in (("openpyxl", ledger_workbook_openpyxl), ("ours", statements.ledger_workbook)):
            start = time.perf_counter()
            timed[name] = (write(market, *year), time.perf_counter() - start)
        counted = {name: counted_total(book) for name, (book, _s) in timed.items()}
        assert counted["ours"] == counted["openpyxl"], counted
        (ours, now), (_then_book, then) = timed["ours"], timed["openpyxl"]
        verdict = "OK" if now < 5 else "OVER TARGET"
        print(
            f"the ledger of that year as .xlsx ({52 * VENDORS:,} lines, {len(ours) // 1024} KB) {now:8.2f} s "
            f"(target < 5 s, {verdict}) | openpyxl write-only {then:6.2f} s | ratio {now / then:5.2f} "
            f"(the same {counted['ours'][0]:,} lines counted, {counted['ours'][1]:,.2f} baht)"
        )
        transaction.set_rollback(True)
    reanalyse()
    print(f"machine: {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}; rolled back")


if __name__ == "__main__":
    main()
