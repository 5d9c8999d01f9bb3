"""A sheet states the days it covers: preview, commit, corrections of every kind, undo."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from culturalmap.core.exceptions import Conflict
from culturalmap.markets.models import MarketEvent, SalesEntry, SalesUpload
from culturalmap.markets.selectors import RevenueScope, event_sales_drift, revenue_series, revenue_summary
from culturalmap.markets.services import event_sales_log, sales_entry_correct
from culturalmap.markets.uploads import (
    sales_sheet_preview,
    sales_upload_commit,
    sales_upload_decide,
    sales_upload_undo,
)
from tests.markets.sheets import live_lines, sales_on, upload

pytestmark = pytest.mark.django_db
D1, D2, D3 = datetime.date(2024, 9, 1), datetime.date(2024, 9, 8), datetime.date(2024, 9, 15)

SEASON = """วันที่,ร้าน,ยอดขาย,จำนวนร้าน,ผู้เข้าชม
01/09/2567,ลุงดำ ผ้าทอ,"14,245.50",3,150
01/09/2567,ป้าแดง,"1,200",3,150
01/09/2567,ลุงมา,๘๐๐,3,150
08/09/2567,ลุงดำ ผ้าทอ,9000,2,90
08/09/2567,ป้าแดง,1500,2,90
15/09/2567,ป้าแดง,700,1,40
"""


def per_event(market) -> list[tuple[datetime.date, Decimal]]:
    rows = revenue_series(scope=RevenueScope("market", market.pk), interval="event", include_unpublished=True)
    return [(row["period_start"], row["sales"]) for row in rows]


def test_a_preview_stores_nothing_and_says_what_the_commit_will_do(market, organiser):
    preview = sales_sheet_preview(
        market=market, user=organiser, content=SEASON.encode(), file_name="ฤดูกาล.csv"
    )
    assert not SalesEntry.objects.filter(event__market=market).exists()
    assert not MarketEvent.objects.filter(market=market).exists()
    assert preview.status == "preview" and preview.file_format.startswith("CSV UTF-8")
    assert len(preview.checksum) == 64 and preview.file_name == "ฤดูกาล.csv"
    days = {day["day"]: day for day in preview.plan["days"]}
    assert days["2024-09-01"]["before"] == "0.00" and days["2024-09-01"]["after"] == "16245.50"
    assert days["2024-09-01"]["added_count"] == 3 and days["2024-09-01"]["new_event"]
    assert preview.plan["totals"]["after"] == "27445.50" and preview.plan["undecided"] == 0

    committed = sales_upload_commit(upload_id=preview.pk, user=organiser)
    assert committed.status == "committed" and committed.uploaded_by == organiser
    assert sales_on(market, D1) == Decimal("16245.50")
    entries = SalesEntry.objects.filter(event__market=market)
    assert entries.count() == 6 and all(e.upload_id == preview.pk and e.kind == "sale" for e in entries)
    event = MarketEvent.objects.get(market=market, held_on=D1)
    assert (event.vendors_present, event.visitors) == (3, 150)


def test_a_corrected_sheet_states_each_day_exactly_vendor_by_vendor(market, organiser):
    first = upload(market, organiser, SEASON)
    corrected = (
        SEASON.replace("01/09/2567,ลุงดำ ผ้าทอ", "01/09/2567,ลุงดำผ้าทอ")  # renamed
        .replace("01/09/2567,ลุงมา,๘๐๐", "01/09/2567,ลุงมา,850")  # amount fixed
        .replace("08/09/2567,ป้าแดง,1500,2,90\n", "")  # a row removed
        .replace("15/09/2567,ป้าแดง,700", "08/09/2567,ป้าแดงขนม,700")  # moved to another day (and renamed)
    )
    preview = sales_sheet_preview(
        market=market, user=organiser, content=corrected.encode(), file_name="แก้.csv"
    )
    days = {day["day"]: day for day in preview.plan["days"]}
    assert days["2024-09-01"]["changed_count"] == 2 and days["2024-09-01"]["after"] == "16295.50"
    rename = next(c for c in days["2024-09-01"]["changed"] if c[2] == "ลุงดำ ผ้าทอ")
    assert rename[4] == "ลุงดำผ้าทอ" and rename[3] == rename[5] == "14245.50"
    assert days["2024-09-08"]["removed_count"] == 1 and days["2024-09-08"]["added_count"] == 1
    # 15 Sep has no row left: an earlier upload stated it, so the organiser is asked about it.
    assert [d["day"] for d in preview.plan["dropped"]] == ["2024-09-15"] and preview.plan["undecided"] == 1
    with pytest.raises(ValidationError, match="ยังต้องเลือก"):
        sales_upload_commit(upload_id=preview.pk, user=organiser)

    preview = sales_upload_decide(
        upload_id=preview.pk, user=organiser, decisions={"dropped": {"2024-09-15": "withdraw"}}
    )
    second = sales_upload_commit(upload_id=preview.pk, user=organiser)
    assert live_lines(market, D1) == [
        ("ป้าแดง", Decimal("1200")),
        ("ลุงดำผ้าทอ", Decimal("14245.50")),  # counted once, under its new name
        ("ลุงมา", Decimal("850")),
    ]
    assert live_lines(market, D2) == [("ป้าแดงขนม", Decimal("700")), ("ลุงดำ ผ้าทอ", Decimal("9000"))]
    assert MarketEvent.objects.get(market=market, held_on=D3).withdrawn_at is not None
    # The revenue series equals the corrected sheet to the satang, and 15 Sep is no event held.
    assert per_event(market) == [(D1, Decimal("16295.50")), (D2, Decimal("9700"))]
    assert revenue_summary(scope=RevenueScope("market", market.pk), include_unpublished=True)["events"] == 2
    # Append-only: every change is an entry naming the second upload; the first's rows are all kept.
    assert SalesEntry.objects.filter(upload=first).count() == 6
    kinds = sorted(SalesEntry.objects.filter(upload=second).values_list("kind", flat=True))
    assert kinds == ["correction", "correction", "reversal", "reversal", "sale"]
    assert event_sales_drift() == []

    again = upload(market, organiser, corrected, decisions={"dropped": {}})
    assert again.result["entries"] == 0 and again.plan["totals"]["changed"] == 0  # the same sheet: nothing


def test_the_same_sheet_twice_changes_nothing(market, organiser):
    upload(market, organiser, SEASON)
    again = sales_sheet_preview(
        market=market, user=organiser, content=SEASON.encode("utf-8-sig"), file_name="a.csv"
    )
    assert again.plan["totals"]["unchanged"] == 6 and again.plan["totals"]["days_changed"] == 0
    sales_upload_commit(upload_id=again.pk, user=organiser)
    assert SalesEntry.objects.filter(event__market=market).count() == 6
    assert sales_on(market, D1) == Decimal("16245.50")


def test_days_the_sheet_does_not_cover_are_untouched(market, organiser):
    other_day = datetime.date(2024, 8, 25)
    event_sales_log(market=market, held_on=other_day, user=organiser, total="5000")
    upload(market, organiser, SEASON)
    assert sales_on(market, other_day) == Decimal("5000")


def test_a_covered_day_logged_by_hand_is_replaced_by_the_sheet_and_the_preview_says_so(market, organiser):
    event_sales_log(market=market, held_on=D3, user=organiser, total="30000")
    preview = sales_sheet_preview(market=market, user=organiser, content=SEASON.encode(), file_name="s.csv")
    day = next(d for d in preview.plan["days"] if d["day"] == "2024-09-15")
    assert day["before"] == "30000.00" and day["after"] == "700.00"
    assert day["removed"][0][1:] == ["", "30000.00", f"user:{organiser.username}"]
    sales_upload_commit(upload_id=preview.pk, user=organiser)
    assert sales_on(market, D3) == Decimal("700")  # not 30,700: the money is never counted twice


def test_repeated_rows_are_named_and_the_organiser_decides(market, organiser):
    sheet = "date,vendor,amount\n01/09/2567,ป้าแดง,1200\n01/09/2567,ลุงมา,800\n01/09/2567,ป้าแดง,1200\n"
    preview = sales_sheet_preview(market=market, user=organiser, content=sheet.encode(), file_name="s.csv")
    assert preview.plan["repeats"] == [
        {
            "first": 2,
            "day": "2024-09-01",
            "vendor": "ป้าแดง",
            "amount": "1200.00",
            "lines": [2, 4],
            "decision": None,
            "counted_twice": "1200.00",
        }
    ]
    with pytest.raises(ValidationError, match="ยังต้องเลือก"):
        sales_upload_commit(upload_id=preview.pk, user=organiser)
    assert not SalesEntry.objects.exists()
    with pytest.raises(ValidationError, match="99"):
        sales_upload_decide(upload_id=preview.pk, user=organiser, decisions={"repeats": {"99": "one"}})
    sales_upload_decide(upload_id=preview.pk, user=organiser, decisions={"repeats": {"2": "one"}})
    sales_upload_commit(upload_id=preview.pk, user=organiser)
    assert sales_on(market, D1) == Decimal("2000")
    # Kept both (two real sales), on a later upload of the same sheet.
    upload(market, organiser, sheet, decisions={"repeats": {"2": "all"}})
    assert sales_on(market, D1) == Decimal("3200")


def test_a_day_with_a_refused_row_is_held_back_whole(market, organiser):
    upload(market, organiser, SEASON)
    broken = SEASON.replace("01/09/2567,ลุงมา,๘๐๐", "01/09/2567,ลุงมา,แปดร้อย").replace(
        "08/09/2567,ป้าแดง,1500", "08/09/2567,ป้าแดง,1600"
    )
    preview = sales_sheet_preview(market=market, user=organiser, content=broken.encode(), file_name="s.csv")
    assert preview.refused == [[4, "ยอดขายไม่ใช่ตัวเลข: แปดร้อย"]]
    assert preview.plan["held_back"] == ["2024-09-01"]
    assert preview.plan["dropped"] == []  # a held-back day is in the sheet: not "no longer in it"
    sales_upload_commit(upload_id=preview.pk, user=organiser)
    assert sales_on(market, D1) == Decimal("16245.50")  # ลุงมา's 800 not dropped for a typo
    assert sales_on(market, D2) == Decimal("10600")


def test_bad_rows_are_reported_by_row_and_reason(market, organiser):
    future = datetime.date.today() + datetime.timedelta(days=400)
    sheet = "\n".join(
        [
            "วันที่,ยอดขาย",
            "01/10/2566,1000",  # 2 ok
            "02/10/2566,-50",  # 3 negative
            "03/10/66,100",  # 4 two-digit year
            "31/02/2567,100",  # 5 no such day
            "04/10/2566,หนึ่งพัน",  # 6 not a number
            f"{future:%d/%m}/{future.year + 543},100",  # 7 future
            "01/01/2565,100",  # 8 before the market opened (1 Oct 2022)
            "05/10/2566,100,extra",  # 9 more cells than the header
            "06/10/2566,2000",  # 10 ok
        ]
    )
    preview = sales_sheet_preview(market=market, user=organiser, content=sheet.encode(), file_name="s.csv")
    reasons = dict(preview.refused)
    assert sorted(reasons) == [3, 4, 5, 6, 7, 8, 9]
    assert "ติดลบ" in reasons[3] and "-50" in reasons[3] and "สี่หลัก" in reasons[4]
    assert "ยังไม่มาถึง" in reasons[7] and "ก่อนตลาดเปิด" in reasons[8] and "ช่อง" in reasons[9]
    sales_upload_commit(upload_id=preview.pk, user=organiser)
    assert sorted(MarketEvent.objects.filter(market=market).values_list("held_on", flat=True)) == [
        datetime.date(2023, 10, 1),
        datetime.date(2023, 10, 6),
    ]


def test_a_total_row_among_vendor_rows_is_not_counted_twice(market, organiser):
    sheet = "วันที่,ร้าน,ยอดขาย\n01/09/2567,ป้าแดง,1200\n01/09/2567,ลุงมา,800\n01/09/2567,,2000\nรวม,,2000\n"
    preview = sales_sheet_preview(market=market, user=organiser, content=sheet.encode(), file_name="s.csv")
    assert [row for row, _reason in preview.skipped] == [4, 5] and preview.refused == []
    sales_upload_commit(upload_id=preview.pk, user=organiser)
    assert sales_on(market, D1) == Decimal("2000")


def test_a_commit_after_the_ledger_moved_is_refused_with_a_fresh_preview(market, organiser):
    preview = sales_sheet_preview(market=market, user=organiser, content=SEASON.encode(), file_name="s.csv")
    event_sales_log(market=market, held_on=D1, user=organiser, vendor_sales=[("ร้านใหม่", "300")])
    with pytest.raises(Conflict) as refused:
        sales_upload_commit(upload_id=preview.pk, user=organiser)
    assert refused.value.code == "ledger_changed" and refused.value.extra["days"] == ["2024-09-01"]
    fresh = SalesUpload.objects.get(pk=refused.value.extra["preview"])
    assert SalesUpload.objects.get(pk=preview.pk).status == "superseded"
    assert SalesEntry.objects.filter(upload__isnull=False).count() == 0  # nothing of the sheet stored
    day = next(d for d in fresh.plan["days"] if d["day"] == "2024-09-01")
    assert day["removed"][0][1] == "ร้านใหม่"  # the fresh preview shows what the sheet now replaces
    with pytest.raises(Conflict, match=f"#{fresh.pk}"):
        sales_upload_commit(upload_id=preview.pk, user=organiser)
    sales_upload_commit(upload_id=fresh.pk, user=organiser)
    assert sales_on(market, D1) == Decimal("16245.50")


def test_an_upload_is_undone_by_entries_and_days_it_opened_are_no_events(market, organiser):
    first = upload(market, organiser, SEASON)
    second = upload(market, organiser, SEASON.replace('ป้าแดง,"1,200"', "ป้าแดง,1300"))
    assert sales_on(market, D1) == Decimal("16345.50")
    with pytest.raises(Conflict, match="แก้ไขหลังจากนั้น"):
        sales_upload_undo(upload_id=first.pk, user=organiser)  # the second rests on the first's line
    sales_upload_undo(upload_id=second.pk, user=organiser)
    assert sales_on(market, D1) == Decimal("16245.50")
    sales_upload_undo(upload_id=first.pk, user=organiser)
    assert per_event(market) == []  # the days the first upload opened are no events held any more
    assert SalesEntry.objects.filter(event__market=market).count() == 6 + 1 + 1 + 6  # nothing deleted
    assert SalesUpload.objects.get(pk=first.pk).status == "undone" and event_sales_drift() == []
    with pytest.raises(Conflict):
        sales_upload_undo(upload_id=first.pk, user=organiser)


def test_a_hand_correction_of_an_uploaded_line_blocks_its_undo_until_that_is_reverted(market, organiser):
    first = upload(market, organiser, SEASON)
    line = SalesEntry.objects.get(upload=first, vendor="ลุงมา")
    sales_entry_correct(entry_id=line.pk, amount="820", user=organiser)
    with pytest.raises(Conflict):
        sales_upload_undo(upload_id=first.pk, user=organiser)
    assert sales_on(market, D1) == Decimal("16265.50")


def test_only_the_markets_organisers_may_preview_commit_or_undo(market, organiser, other_organiser):
    with pytest.raises(PermissionDenied):
        sales_sheet_preview(market=market, user=other_organiser, content=SEASON.encode(), file_name="s.csv")
    preview = sales_sheet_preview(market=market, user=organiser, content=SEASON.encode(), file_name="s.csv")
    with pytest.raises(PermissionDenied):
        sales_upload_commit(upload_id=preview.pk, user=other_organiser)
    sales_upload_commit(upload_id=preview.pk, user=organiser)
    with pytest.raises(PermissionDenied):
        sales_upload_undo(upload_id=preview.pk, user=other_organiser)
    assert SalesUpload.objects.get(pk=preview.pk).status == "committed"


def test_a_season_is_previewed_and_committed_in_a_few_queries_per_day(
    market, organiser, django_assert_max_num_queries
):
    days = [datetime.date(2023, 10, 1) + datetime.timedelta(days=7 * n) for n in range(40)]
    sheet = "วันที่,ร้าน,ยอดขาย\n" + "".join(
        f"{d:%d/%m}/{d.year + 543},ร้าน {v},{100 + v}\n" for d in days for v in range(25)
    )
    with django_assert_max_num_queries(20):
        preview = sales_sheet_preview(
            market=market, user=organiser, content=sheet.encode(), file_name="s.csv"
        )
    with django_assert_max_num_queries(40 * 6 + 30):  # the day-by-day event locks, one insert
        sales_upload_commit(upload_id=preview.pk, user=organiser)
    assert SalesEntry.objects.filter(event__market=market).count() == 1000
    assert sales_on(market, days[0]) == sum(Decimal(100 + v) for v in range(25))
