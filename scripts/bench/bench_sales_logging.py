"""Sales entries logged per second through the API (token auth, JSON), beside the service alone.

An organiser's client posts one vendor's sale per request to /api/markets/<code>/events/ (Django's
test client: the whole request cycle, each request its own committed transaction as in production,
without a network). The baseline is `event_sales_log` called directly, same entries. Target: at
least 100 entries per second through the API.

The entries go to the busiest demo market on a day it was not held, by a throw-away organiser; at
the end (also after a failure) they are removed again: the ledger's append-only guard is lifted
for that one DELETE inside the cleanup transaction, which other sessions never see.
(A single rolled-back transaction would be the easier cleanup, but thousands of savepoints in one
transaction overflow PostgreSQL's sub-transaction cache and measure that instead.)
"""

import datetime
import os
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "culturalmap.settings.local")
os.environ.setdefault("PYTHAINLP_OFFLINE", "1")

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402
from django.utils import timezone  # noqa: E402
from rest_framework.authtoken.models import Token  # noqa: E402
from rest_framework.test import APIClient  # noqa: E402

from culturalmap.markets.models import CulturalMarket, MarketEvent, SalesEntry, SalesUpload  # noqa: E402
from culturalmap.markets.selectors import event_sales_drift  # noqa: E402
from culturalmap.markets.services import event_sales_log  # noqa: E402
from culturalmap.markets.uploads import sales_sheet_preview, sales_upload_commit  # noqa: E402

ENTRIES = 1000
TARGET = 100  # entries per second
PER_REQUEST = 20  # vendors' lines in one request, for the third measure
CLIENTS = 4  # concurrent clients, for the second measure
USERNAME = "bench-sales-logging"
SHEET_DAYS, SHEET_VENDORS = 100, 100  # the sheet measure: 10,000 rows
BASELINE_DAYS = 5  # rows stored one call each, for the sheet's baseline


def free_days(market: CulturalMarket, n: int) -> list[datetime.date]:
    """The n latest days the market was not held on."""
    day, days = timezone.localdate(), []
    taken = set(MarketEvent.objects.filter(market=market).values_list("held_on", flat=True))
    while len(days) < n:
        if day < market.opened_on:
            sys.exit("not enough free days to log on")
        if day not in taken:
            days.append(day)
        day -= datetime.timedelta(days=1)
    return days


def clean_up(market: CulturalMarket, days: list[datetime.date]) -> None:
    with transaction.atomic(), connection.cursor() as cursor:
        events = MarketEvent.objects.filter(market=market, held_on__in=days)
        events = list(events.values_list("id", flat=True))
        if events:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # no pending trigger events at ALTER TABLE
            cursor.execute("ALTER TABLE markets_salesentry DISABLE TRIGGER markets_salesentry_append_only")
            cursor.execute("DELETE FROM markets_salesentry WHERE event_id = ANY(%s)", [events])
            cursor.execute("ALTER TABLE markets_salesentry ENABLE TRIGGER markets_salesentry_append_only")
            cursor.execute("DELETE FROM markets_eventsales WHERE event_id = ANY(%s)", [events])
            cursor.execute("DELETE FROM markets_marketevent WHERE id = ANY(%s)", [events])
        SalesUpload.objects.filter(uploaded_by__username=USERNAME).delete()
        get_user_model().objects.filter(username=USERNAME).delete()


def _post(client: APIClient, url: str, day: datetime.date, lines: list[dict], what: str, **headers) -> None:
    response = client.post(url, {"held_on": day.isoformat(), "vendor_sales": lines}, format="json", **headers)
    if response.status_code != 201:
        sys.exit(f"{what} failed: {response.status_code} {response.content[:300]!r}")


def one_sale_per_request(client: APIClient, url: str, day: datetime.date) -> float:
    start = time.perf_counter()
    for i in range(ENTRIES):
        _post(client, url, day, [{"vendor": f"ร้านทดสอบ {i}", "amount": "1,250.50"}], f"request {i}")
    return ENTRIES / (time.perf_counter() - start)


def each_sent_twice(client: APIClient, url: str, day: datetime.date) -> tuple[float, int]:
    """Retry-safe logging: each request carries an Idempotency-Key and is sent twice, as a phone on a
    flaky network would; the repeats must log nothing. Requests per second, entries logged."""
    before = SalesEntry.objects.count()
    start = time.perf_counter()
    for i in range(ENTRIES // 2):
        for _attempt in range(2):
            line = [{"vendor": f"ร้านส่งซ้ำ {i}", "amount": "75"}]
            _post(client, url, day, line, f"keyed request {i}", HTTP_IDEMPOTENCY_KEY=f"bench-{day}-{i}")
    return ENTRIES // 2 * 2 / (time.perf_counter() - start), SalesEntry.objects.count() - before


def phones_at_once(client: APIClient, url: str, day: datetime.date) -> float:
    """Several organisers' phones at once (each thread its own client and connection)."""
    failures: list[int] = []

    def phone(number: int) -> None:
        try:
            own = APIClient()
            own.credentials(HTTP_AUTHORIZATION=client._credentials["HTTP_AUTHORIZATION"])
            for i in range(ENTRIES // CLIENTS):
                line = [{"vendor": f"ร้านพร้อมกัน {number}-{i}", "amount": "640"}]
                reply = own.post(url, {"held_on": day.isoformat(), "vendor_sales": line}, format="json")
                if reply.status_code != 201:
                    failures.append(reply.status_code)
        finally:
            connection.close()

    phones = [threading.Thread(target=phone, args=(n,)) for n in range(CLIENTS)]
    start = time.perf_counter()
    for thread in phones:
        thread.start()
    for thread in phones:
        thread.join()
    if failures:
        sys.exit(f"{len(failures)} concurrent requests failed: {failures[:5]}")
    return ENTRIES // CLIENTS * CLIENTS / (time.perf_counter() - start)


def whole_evenings(client: APIClient, url: str, day: datetime.date) -> float:
    """How an organiser logs a whole evening at once: one request with every vendor's line."""
    start = time.perf_counter()
    for i in range(ENTRIES // PER_REQUEST):
        lines = [{"vendor": f"ร้านชุด {i}-{n}", "amount": "980"} for n in range(PER_REQUEST)]
        _post(client, url, day, lines, f"batch {i}")
    return ENTRIES // PER_REQUEST * PER_REQUEST / (time.perf_counter() - start)


def service_calls(market: CulturalMarket, organiser, day: datetime.date) -> float:
    start = time.perf_counter()
    for i in range(ENTRIES):
        event_sales_log(
            market=market, held_on=day, user=organiser, vendor_sales=[(f"ร้านตรง {i}", "1,250.50")]
        )
    return ENTRIES / (time.perf_counter() - start)


def sheet_against_rows(market: CulturalMarket, organiser, sheet_days, baseline_days) -> tuple[float, float]:
    """A season's sales sheet: SHEET_DAYS days × SHEET_VENDORS vendors in one upload, against the
    same kind of rows stored one service call each. Seconds for the sheet, rows per second one by one."""
    sheet = "วันที่,ร้าน,ยอดขาย,จำนวนร้าน\n" + "".join(
        f"{d:%d/%m}/{d.year + 543},ร้านแผ่นงาน {v},{100 + v},{SHEET_VENDORS}\n"
        for d in sheet_days
        for v in range(SHEET_VENDORS)
    )
    start = time.perf_counter()
    preview = sales_sheet_preview(market=market, user=organiser, content=sheet.encode(), file_name="s.csv")
    report = sales_upload_commit(upload_id=preview.pk, user=organiser)
    sheet_seconds = time.perf_counter() - start
    if report.result["entries"] != SHEET_DAYS * SHEET_VENDORS:
        sys.exit(f"sheet: {report.result['entries']} rows stored, refused {report.refused[:3]}")
    start = time.perf_counter()
    for d in baseline_days:
        for v in range(SHEET_VENDORS):
            event_sales_log(
                market=market, held_on=d, user=organiser, vendor_sales=[(f"ร้านทีละแถว {v}", "100")]
            )
    return sheet_seconds, BASELINE_DAYS * SHEET_VENDORS / (time.perf_counter() - start)


def main() -> None:
    setup_test_environment()  # the test client's "testserver" host is allowed
    market = CulturalMarket.objects.annotate(n=Count("events")).order_by("-n").first()
    if market is None:
        sys.exit("No markets in the dev database: run `manage.py load_demo` first.")
    before = SalesEntry.objects.count()
    days = free_days(market, 1 + SHEET_DAYS + BASELINE_DAYS)
    day, sheet_days, baseline_days = days[0], days[1 : 1 + SHEET_DAYS], days[1 + SHEET_DAYS :]
    try:
        organiser = get_user_model().objects.create_user(USERNAME, password="bench-pass-123")
        market.organisers.add(organiser)
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=organiser).key}")
        url = f"/api/markets/{market.code}/events/"
        api_rate = one_sale_per_request(client, url, day)
        keyed_rate, keyed_logged = each_sent_twice(client, url, day)
        concurrent_rate = phones_at_once(client, url, day)
        batch_rate = whole_evenings(client, url, day)
        service_rate = service_calls(market, organiser, day)
        sheet_seconds, row_rate = sheet_against_rows(market, organiser, sheet_days, baseline_days)
        logged = SalesEntry.objects.count() - before
        drift = event_sales_drift()
    finally:
        clean_up(market, days)

    verdict = "OK" if api_rate >= TARGET else "UNDER TARGET"
    print(
        f"market {market.name_th}, {len(days)} free days from {day}: {logged:,} entries logged, committed"
        f"{'' if not drift else f', SUMMARY DRIFT {drift[:3]}'}"
    )
    print(
        f"through the API (token auth, JSON)     {api_rate:8.1f} entries/s (target >= {TARGET}/s, {verdict})"
    )
    print(f"through the API, {CLIENTS} clients at once       {concurrent_rate:8.1f} entries/s")
    print(f"through the API, {PER_REQUEST} vendors per request {batch_rate:8.1f} entries/s")
    print(
        f"with an Idempotency-Key, each sent twice {keyed_rate:8.1f} requests/s "
        f"({keyed_logged:,} entries logged for {ENTRIES // 2:,} sales)"
    )
    print(
        f"baseline: the service called directly {service_rate:8.1f} entries/s "
        f"(API overhead {service_rate / api_rate:.2f}x)"
    )
    sheet_rate = SHEET_DAYS * SHEET_VENDORS / sheet_seconds
    print(
        f"a sales sheet of {SHEET_DAYS * SHEET_VENDORS:,} rows ({SHEET_DAYS} days): {sheet_seconds:.2f} s, "
        f"{sheet_rate:,.0f} rows/s; one service call per row {row_rate:,.0f} rows/s "
        f"({sheet_rate / row_rate:.1f}x)"
    )
    print(f"machine: {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f} during the run")
    print(f"cleaned up: ledger back to {SalesEntry.objects.count():,} entries (was {before:,})")


if __name__ == "__main__":
    main()
