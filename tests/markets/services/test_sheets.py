import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from culturalmap.markets.models import EventSales, MarketEvent, SalesEntry
from culturalmap.markets.services import SheetRefused, import_sales_sheet

pytestmark = pytest.mark.django_db

PER_VENDOR = """วันที่,ร้าน,ยอดขาย,จำนวนร้าน,ผู้เข้าชม
29/09/2567,ป้าแดง,"1,200",3,150
29/09/2567,ลุงมา,๘๐๐,3,150
2024-09-29,ร้านผ้าทอ,1500.50,3,150
"""


def sales_on(market, day) -> Decimal:
    return EventSales.objects.get(event__market=market, event__held_on=day).sales


def test_a_per_vendor_sheet_is_stored_with_thai_digits_separators_and_be_dates(market, organiser):
    report = import_sales_sheet(market=market, user=organiser, content=PER_VENDOR.encode())
    assert (report.accepted, report.duplicates, report.rejects) == (3, 0, [])
    day = datetime.date(2024, 9, 29)
    assert sales_on(market, day) == Decimal("3500.50")
    event = MarketEvent.objects.get(market=market, held_on=day)
    assert (event.vendors_present, event.visitors) == (3, 150)


def test_uploading_the_same_sheet_twice_adds_nothing(market, organiser):
    import_sales_sheet(market=market, user=organiser, content=PER_VENDOR.encode())
    again = import_sales_sheet(market=market, user=organiser, content=PER_VENDOR.encode("utf-8-sig"))
    assert (again.accepted, again.duplicates) == (0, 3)
    assert SalesEntry.objects.filter(event__market=market).count() == 3
    assert sales_on(market, datetime.date(2024, 9, 29)) == Decimal("3500.50")


def test_a_sheet_uploaded_again_with_an_amount_fixed_corrects_that_row(market, organiser):
    day = datetime.date(2024, 9, 29)
    import_sales_sheet(market=market, user=organiser, content=PER_VENDOR.encode())
    fixed = PER_VENDOR.replace("ลุงมา,๘๐๐", "ลุงมา,๘๕๐")
    report = import_sales_sheet(market=market, user=organiser, content=fixed.encode())
    assert (report.accepted, report.corrected, report.duplicates) == (1, 1, 2)
    assert sales_on(market, day) == Decimal("3550.50")  # the fix replaces the typo, not added to it
    correction = SalesEntry.objects.get(event__market=market, amount=Decimal("850"))
    assert correction.corrects.amount == Decimal("800") and correction.corrects.vendor == "ลุงมา"

    again = import_sales_sheet(market=market, user=organiser, content=fixed.encode())
    assert (again.accepted, again.corrected, again.duplicates) == (0, 0, 3)
    once_more = import_sales_sheet(
        market=market, user=organiser, content=PER_VENDOR.replace("ลุงมา,๘๐๐", "ลุงมา,900").encode()
    )
    assert (once_more.accepted, once_more.corrected) == (1, 1)
    assert sales_on(market, day) == Decimal("3600.50")
    assert SalesEntry.objects.filter(event__market=market).count() == 5  # the ledger keeps every step


def test_a_sheet_row_never_corrects_sales_logged_by_hand(market, organiser):
    from culturalmap.markets.services import log_event_sales

    day = datetime.date(2024, 9, 29)
    log_event_sales(
        market=market, held_on=day, user=organiser, vendor_sales=[("ลุงมา", "700")], request_key="form-1"
    )
    report = import_sales_sheet(market=market, user=organiser, content=PER_VENDOR.encode())
    assert (report.accepted, report.corrected) == (3, 0)
    assert sales_on(market, day) == Decimal("4200.50")


def test_two_identical_rows_of_one_sheet_both_count_once(market, organiser):
    sheet = b"date,amount\n01/10/2566,100\n01/10/2566,100\n"
    assert import_sales_sheet(market=market, user=organiser, content=sheet).accepted == 2
    assert import_sales_sheet(market=market, user=organiser, content=sheet).duplicates == 2
    assert sales_on(market, datetime.date(2023, 10, 1)) == Decimal("200.00")


def test_bad_rows_are_reported_by_row_and_the_good_ones_kept(market, organiser):
    future = (datetime.date.today() + datetime.timedelta(days=30)).strftime("%d/%m/") + str(
        datetime.date.today().year + 543 + 1
    )
    sheet = (
        "\n".join(
            [
                "วันที่,ยอดขาย",
                "01/10/2566,1000",  # 2 ok
                "02/10/2566,-50",  # 3 negative
                "03/10/66,100",  # 4 two-digit year
                "31/02/2567,100",  # 5 no such day
                "04/10/2566,หนึ่งพัน",  # 6 not a number
                f"{future},100",  # 7 future
                "01/01/2565,100",  # 8 before the market opened (1 Oct 2022)
                "05/10/2566,100,extra",  # 9 wrong number of cells
                "06/10/2566,2000",  # 10 ok
            ]
        )
        + "\n"
    )
    report = import_sales_sheet(market=market, user=organiser, content=sheet.encode())
    assert report.accepted == 2
    assert [r.row for r in report.rejects] == [3, 4, 5, 6, 7, 8, 9]
    reasons = {r.row: r.reason for r in report.rejects}
    assert "ติดลบ" in reasons[3] and "-50" in reasons[3]
    assert "สี่หลัก" in reasons[4]
    assert "ยังไม่มาถึง" in reasons[7]
    assert "ก่อนตลาดเปิด" in reasons[8]
    assert sorted(MarketEvent.objects.filter(market=market).values_list("held_on", flat=True)) == [
        datetime.date(2023, 10, 1),
        datetime.date(2023, 10, 6),
    ]
    assert SalesEntry.objects.filter(event__market=market).count() == 2


def test_a_sheet_in_the_wrong_encoding_is_refused_whole(market, organiser):
    with pytest.raises(SheetRefused, match="UTF-8"):
        import_sales_sheet(market=market, user=organiser, content=PER_VENDOR.encode("cp874"))
    assert not MarketEvent.objects.filter(market=market).exists()


@pytest.mark.parametrize("header", ["date,price", "วันที่,ยอดขาย,สี", "amount,vendor", "date,amount,date"])
def test_a_sheet_with_the_wrong_columns_is_refused_whole(market, organiser, header):
    with pytest.raises(SheetRefused):
        import_sales_sheet(market=market, user=organiser, content=f"{header}\n01/10/2566,100,x\n".encode())
    assert not MarketEvent.objects.filter(market=market).exists()


def test_semicolon_sheets_from_excel_are_read(market, organiser):
    sheet = b"date;amount\n01/10/2566;1.500\n02/10/2566;2,500\n"
    report = import_sales_sheet(market=market, user=organiser, content=sheet)
    # "1.500" is refused (three decimals: a European thousands separator is a guess we don't make).
    assert report.accepted == 1 and [r.row for r in report.rejects] == [2]


def test_only_organisers_of_the_market_may_upload(market, other_organiser):
    with pytest.raises(PermissionDenied):
        import_sales_sheet(market=market, user=other_organiser, content=PER_VENDOR.encode())
    assert not MarketEvent.objects.filter(market=market).exists()


def test_a_fixed_row_replaces_a_hand_correction_of_the_earlier_upload(market, organiser):
    from culturalmap.markets.services import correct_sales_entry

    day = datetime.date(2024, 9, 29)
    import_sales_sheet(market=market, user=organiser, content=PER_VENDOR.encode())
    typo = SalesEntry.objects.get(event__market=market, vendor="ลุงมา")
    correct_sales_entry(entry_id=typo.pk, amount="820", user=organiser)  # fixed by hand first
    report = import_sales_sheet(
        market=market, user=organiser, content=PER_VENDOR.replace("ลุงมา,๘๐๐", "ลุงมา,๘๖๐").encode()
    )
    assert (report.accepted, report.corrected) == (1, 1)
    assert sales_on(market, day) == Decimal("3560.50")  # 1,200 + 860 + 1,500.50: counted once


def test_a_row_with_an_over_long_vendor_name_is_refused_alone(market, organiser):
    sheet = "วันที่,ร้าน,ยอดขาย\n01/10/2566,ป้าแดง,100\n01/10/2566," + "ก" * 201 + ",50\n"
    report = import_sales_sheet(market=market, user=organiser, content=sheet.encode())
    assert report.accepted == 1 and [r.row for r in report.rejects] == [3]
    assert "200" in report.rejects[0].reason


def test_an_impossible_head_count_is_refused_by_row(market, organiser):
    sheet = "วันที่,ยอดขาย,ผู้เข้าชม\n01/10/2566,100,3000000000\n02/10/2566,100,350\n"
    report = import_sales_sheet(market=market, user=organiser, content=sheet.encode())
    assert report.accepted == 1 and report.rejects[0].row == 2 and "มากเกินไป" in report.rejects[0].reason


def test_a_sheet_of_thousands_of_bad_rows_lists_the_first_500(market, organiser):
    sheet = "วันที่,ยอดขาย\n" + "".join(f"01/10/2566,-{n}\n" for n in range(1, 1201))
    report = import_sales_sheet(market=market, user=organiser, content=sheet.encode())
    assert report.refused == 1200 and len(report.rejects) == 500 and report.rejects[0].row == 2


def test_a_season_of_rows_is_stored_day_by_day_in_one_go(market, organiser, django_assert_max_num_queries):
    days = [datetime.date(2023, 10, 1) + datetime.timedelta(days=7 * n) for n in range(40)]
    sheet = "วันที่,ร้าน,ยอดขาย\n" + "".join(
        f"{d:%d/%m}/{d.year + 543},ร้าน {v},{100 + v}\n" for d in days for v in range(25)
    )
    with django_assert_max_num_queries(40 * 12):  # a handful per day, not per row
        report = import_sales_sheet(market=market, user=organiser, content=sheet.encode())
    assert report.accepted == 1000 and len(report.events) == 40
    assert sales_on(market, days[0]) == sum(Decimal(100 + v) for v in range(25))


@pytest.mark.parametrize("visitors", ["²", "①", "٣"])
def test_a_head_count_in_other_digits_is_refused_by_row(market, organiser, visitors):
    sheet = f"วันที่,ยอดขาย,ผู้เข้าชม\n01/10/2566,100,{visitors}\n02/10/2566,100,๓๕๐\n"
    report = import_sales_sheet(market=market, user=organiser, content=sheet.encode())
    assert report.accepted == 1 and [r.row for r in report.rejects] == [2]
    assert "จำนวนเต็มไม่ติดลบ" in report.rejects[0].reason


def test_a_cell_over_the_csv_field_limit_is_refused_by_row_and_the_rest_kept(market, organiser):
    sheet = "วันที่,ร้าน,ยอดขาย\n01/10/2566,ป้าแดง,100\n01/10/2566," + "ก" * 140_000 + ",50\n02/10/2566,ลุงมา,70\n"
    report = import_sales_sheet(market=market, user=organiser, content=sheet.encode())
    assert report.accepted == 2 and [r.row for r in report.rejects] == [3]
    assert "131,072" in report.rejects[0].reason


def test_a_header_over_the_csv_field_limit_refuses_the_sheet_with_the_reason(market, organiser):
    sheet = "วันที่,ยอดขาย," + "x" * 140_000 + "\n01/10/2566,100,\n"
    with pytest.raises(SheetRefused) as info:
        import_sales_sheet(market=market, user=organiser, content=sheet.encode())
    assert "131,072" in str(info.value)
