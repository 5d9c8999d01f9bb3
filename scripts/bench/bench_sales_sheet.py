"""A season's sales sheet, corrected and uploaded again: preview and commit of 10,000 rows over 100 days.

The organiser's path: a sheet of 100 days × 100 vendors is uploaded (preview, commit), then fixed in
Excel (amounts fixed, vendors renamed, rows removed, rows moved to another day, rows added) and
uploaded again. Target: the corrected sheet's preview and its commit each under 3 s. Also timed: the
same corrected sheet as an .xlsx workbook and as a Thai Windows (cp874) CSV.

Baseline, measured in the same run: the corrected rows applied one at a time through the services
(per row: find the vendor's line, then `sales_entry_correct` or `event_sales_log`; removed rows
reversed one by one), as a row-by-row importer or an organiser at the form would, on 5 days.

The rows go to the busiest demo market on days it was not held, by a throw-away organiser; at the
end (also after a failure) they are removed again, the ledger's append-only guard lifted for that
one DELETE inside the cleanup transaction.
"""

import datetime
import io
import os
import random
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
from django.db.models import Count  # noqa: E402
from django.utils import timezone  # noqa: E402

from culturalmap.markets.models import CulturalMarket, EventSales, MarketEvent, SalesEntry, SalesUpload  # noqa: E402
from culturalmap.markets.selectors import event_sales_drift  # noqa: E402
from culturalmap.markets.services import event_sales_log, market_event_withdraw, sales_entry_correct  # noqa: E402
from culturalmap.markets.uploads import sales_sheet_preview, sales_upload_commit  # noqa: E402

DAYS, VENDORS = 100, 100  # 10,000 rows
BASELINE_DAYS = 5
TARGET_SECONDS = 3.0
USERNAME = "bench-sales-sheet"


def free_days(market: CulturalMarket, n: int) -> list[datetime.date]:
    day, days = timezone.localdate(), []
    taken = set(MarketEvent.objects.filter(market=market).values_list("held_on", flat=True))
    while len(days) < n:
        if day < market.opened_on:
            sys.exit("not enough free days")
        if day not in taken:
            days.append(day)
        day -= datetime.timedelta(days=1)
    return sorted(days)


def season(days: list[datetime.date]) -> list[tuple[datetime.date, str, Decimal]]:
    rng = random.Random(10)
    return [
        (d, f"ร้าน {v:03d} ผ้าทอ", Decimal(rng.randrange(10_000, 2_000_000)) / 100)
        for d in days
        for v in range(VENDORS)
    ]


def corrected(rows: list[tuple], days: list[datetime.date]) -> list[tuple]:
    """What an organiser fixes in Excel: 10 % amounts, 5 % names (spacing), 2 % rows deleted,
    1 % moved to the next day, and 1 % new rows."""
    rng = random.Random(11)
    fixed = []
    for day, vendor, amount in rows:
        roll = rng.random()
        if roll < 0.10:
            fixed.append((day, vendor, amount + Decimal("12.50")))
        elif roll < 0.15:
            fixed.append((day, vendor.replace(" ผ้าทอ", "ผ้าทอ"), amount))
        elif roll < 0.17:
            continue
        elif roll < 0.18 and day != days[-1]:
            fixed.append((days[days.index(day) + 1], vendor + " (ย้าย)", amount))
        else:
            fixed.append((day, vendor, amount))
    fixed += [(rng.choice(days), f"ร้านใหม่ {n}", Decimal(500 + n)) for n in range(len(rows) // 100)]
    return fixed


def csv_bytes(rows, encoding: str = "utf-8") -> bytes:
    text = "รายงานยอดขายทั้งฤดูกาล\r\nวันที่,ร้าน,ยอดขาย\r\n" + "".join(
        f'{d:%d/%m}/{d.year + 543},{v},"{a:,.2f}"\r\n' for d, v, a in rows
    )
    return text.encode(encoding)


def xlsx_bytes(rows) -> bytes:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet("ยอดขาย")
    sheet.append(["รายงานยอดขายทั้งฤดูกาล"])
    sheet.append(["วันที่", "ร้าน", "ยอดขาย"])
    for d, v, a in rows:
        sheet.append([d, v, float(a)])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def timed(call):
    start = time.perf_counter()
    result = call()
    return result, time.perf_counter() - start


def baseline(market, user, original, fixed, days) -> float:
    """Rows per second: the corrected rows of BASELINE_DAYS days applied one call per row."""
    chosen = set(days)
    for day in days:  # the original rows, stored first (not timed)
        event_sales_log(
            market=market, held_on=day, user=user, vendor_sales=[(v, a) for d, v, a in original if d == day]
        )
    rows = [row for row in fixed if row[0] in chosen]
    start = time.perf_counter()
    for day, vendor, amount in rows:
        with transaction.atomic():
            line = SalesEntry.objects.filter(
                event__market=market, event__held_on=day, vendor=vendor, corrected_by__isnull=True
            ).first()
            if line is None:
                event_sales_log(market=market, held_on=day, user=user, vendor_sales=[(vendor, amount)])
            elif line.amount != amount:
                sales_entry_correct(entry_id=line.pk, amount=amount, user=user)
    wanted = {(d, v) for d, v, _a in rows}
    for line in SalesEntry.objects.filter(
        event__market=market, event__held_on__in=days, corrected_by__isnull=True
    ).select_related("event"):
        if (line.event.held_on, line.vendor) not in wanted and line.amount:
            sales_entry_correct(entry_id=line.pk, amount="0", user=user)
    return len(rows) / (time.perf_counter() - start)


def clean_up() -> None:
    """Remove everything the bench organiser wrote (also what an interrupted run left behind): the
    events it opened on free days, their entries, its uploads, the organiser."""
    user = get_user_model().objects.filter(username=USERNAME).first()
    if user is None:
        return
    with transaction.atomic(), connection.cursor() as cursor:
        events = list(MarketEvent.objects.filter(created_by=user).values_list("id", flat=True))
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute("ALTER TABLE markets_salesentry DISABLE TRIGGER markets_salesentry_append_only")
        cursor.execute(
            "DELETE FROM markets_salesentry WHERE event_id = ANY(%s) OR recorded_by_id = %s",
            [events, user.pk],
        )
        cursor.execute("ALTER TABLE markets_salesentry ENABLE TRIGGER markets_salesentry_append_only")
        cursor.execute("DELETE FROM markets_eventsales WHERE event_id = ANY(%s)", [events])
        cursor.execute("DELETE FROM markets_marketevent WHERE id = ANY(%s)", [events])
        SalesUpload.objects.filter(uploaded_by=user).update(supersedes=None)
        SalesUpload.objects.filter(uploaded_by=user).delete()
        user.delete()


def main() -> None:
    market = CulturalMarket.objects.annotate(n=Count("events")).order_by("-n").first()
    if market is None:
        sys.exit("No markets in the dev database: run `manage.py load_demo` first.")
    clean_up()  # what an interrupted run may have left
    before = SalesEntry.objects.count()
    all_days = free_days(market, DAYS + BASELINE_DAYS)
    days, baseline_days = all_days[BASELINE_DAYS:], all_days[:BASELINE_DAYS]
    original = season(days)
    fixed = corrected(original, days)
    try:
        user = get_user_model().objects.create_user(USERNAME, password="bench-pass-123")
        market.organisers.add(user)

        first, first_preview = timed(
            lambda: sales_sheet_preview(
                market=market, user=user, content=csv_bytes(original), file_name="season.csv"
            )
        )
        _done, first_commit = timed(lambda: sales_upload_commit(upload_id=first.pk, user=user))

        content = csv_bytes(fixed)
        preview, preview_seconds = timed(
            lambda: sales_sheet_preview(
                market=market, user=user, content=content, file_name="season-fixed.csv"
            )
        )
        totals = preview.plan["totals"]
        committed, commit_seconds = timed(lambda: sales_upload_commit(upload_id=preview.pk, user=user))
        expected = {}
        for d, _v, a in fixed:
            expected[d] = expected.get(d, Decimal(0)) + a
        stored = dict(
            EventSales.objects.filter(event__market=market, event__held_on__in=days).values_list(
                "event__held_on", "sales"
            )
        )
        exact = all(stored.get(d, Decimal(0)) == expected.get(d, Decimal(0)) for d in days)

        xlsx = xlsx_bytes(fixed)
        xlsx_preview, xlsx_seconds = timed(
            lambda: sales_sheet_preview(market=market, user=user, content=xlsx, file_name="season-fixed.xlsx")
        )
        cp874_preview, cp874_seconds = timed(
            lambda: sales_sheet_preview(
                market=market, user=user, content=csv_bytes(fixed, "cp874"), file_name="season-fixed.csv"
            )
        )
        same = (
            xlsx_preview.plan["totals"]["days_changed"] == cp874_preview.plan["totals"]["days_changed"] == 0
        )

        baseline_rate = baseline(
            market,
            user,
            [r for r in season(baseline_days)],
            corrected(season(baseline_days), baseline_days),
            baseline_days,
        )
        for day in baseline_days:
            market_event_withdraw(market=market, held_on=day, user=user)
        drift = event_sales_drift()
        written = SalesEntry.objects.count() - before
    finally:
        clean_up()

    rows = len(fixed)
    preview_rate, commit_rate = rows / preview_seconds, rows / commit_seconds
    verdict = lambda s: "OK" if s < TARGET_SECONDS else "OVER TARGET"  # noqa: E731
    print(
        f"market {market.name_th}: {DAYS} free days, sheet of {len(original):,} rows, corrected to {rows:,}"
    )
    print(f"first upload: preview {first_preview:.2f} s, commit {first_commit:.2f} s")
    print(
        f"corrected sheet: +{totals['added']:,} added, {totals['changed']:,} changed (amounts, names), "
        f"{totals['removed']:,} removed, {totals['unchanged']:,} unchanged; "
        f"{committed.result['entries']:,} ledger entries written"
    )
    print(
        f"  preview (CSV UTF-8)  {preview_seconds:5.2f} s  {preview_rate:9,.0f} rows/s  "
        f"(target < {TARGET_SECONDS:.0f} s, {verdict(preview_seconds)})"
    )
    print(
        f"  commit               {commit_seconds:5.2f} s  {commit_rate:9,.0f} rows/s  "
        f"(target < {TARGET_SECONDS:.0f} s, {verdict(commit_seconds)})"
    )
    print(f"  preview as .xlsx     {xlsx_seconds:5.2f} s  {rows / xlsx_seconds:9,.0f} rows/s")
    print(f"  preview as cp874 CSV {cp874_seconds:5.2f} s  {rows / cp874_seconds:9,.0f} rows/s")
    print(
        f"baseline: the corrected rows one service call each {baseline_rate:9,.0f} rows/s "
        f"(preview {preview_rate / baseline_rate:.0f}x, commit {commit_rate / baseline_rate:.0f}x, "
        f"preview + commit {rows / (preview_seconds + commit_seconds) / baseline_rate:.0f}x faster)"
    )
    print(
        f"the days equal the corrected sheet to the satang: {'yes' if exact else 'NO'}; "
        f"the same sheet as .xlsx and cp874 changes nothing more: {'yes' if same else 'NO'}; "
        f"summary drift: {'none' if not drift else drift[:3]}"
    )
    print(f"machine: {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}")
    print(
        f"cleaned up: {written:,} entries written and removed; ledger back to {SalesEntry.objects.count():,}"
    )


if __name__ == "__main__":
    main()
