"""The vendor register: names matched to vendors (exactly, by a recorded spelling, or by a fuzzy
suggestion the organiser confirms), merges and splits that never change a total, a vendor's statement,
the ledger as .xlsx, and who may see vendors at all."""

import datetime
import io
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from openpyxl import load_workbook

from culturalmap.core.exceptions import Conflict
from culturalmap.markets import statements, vendors
from culturalmap.markets.models import EventSales
from culturalmap.markets.services import event_sales_log

pytestmark = pytest.mark.django_db
D = datetime.date


def log(market, organiser, day, lines):
    return event_sales_log(market=market, user=organiser, held_on=day, vendor_sales=lines)


@pytest.fixture
def register(market, organiser):
    lung_dam = vendors.vendor_register(
        market=market,
        user=organiser,
        name="ลุงดำ ผ้าทอ",
        aliases=["ร้านผ้าทอลุงดำ"],
        goods="ผ้าทอมือ",
        joined_on=D(2022, 10, 1),
    )
    pa_daeng = vendors.vendor_register(market=market, user=organiser, name="ป้าแดง ขนมครก", goods="ขนมครก")
    return lung_dam, pa_daeng


@pytest.fixture
def nights(market, organiser, register):
    log(market, organiser, D(2023, 10, 7), [("ลุงดำ ผ้าทอ", "1,200"), ("ป้าแดง ขนมครก", "800")])
    log(market, organiser, D(2023, 10, 14), [("ลุงดำผ้าทอ", "900"), ("ป้าแดง ขนมคก", "650")])
    log(market, organiser, D(2023, 10, 21), [("ร้านผ้าทอลุงดำ", "1,000"), ("ยายเนียม ข้าวยำ", "400")])
    return register


@pytest.mark.parametrize(
    "name",
    [
        "ลุงดำ ผ้าทอ",
        "ลุงดำ  ผ้าทอ",
        "ลุงดำ-ผ้าทอ",
        "LUNG Dam.",
        "น้ำพริก",
        "น\u0e4d\u0e32พริก",
        "ป้า\u200bแดง",
        "a\u00a0b",
        "ป้าแดง\u3000ขนมครก\u2003",
        "x\x85y\x1cz",
        "(ร้าน) ป้าแดง!",
    ],
)
def test_the_key_is_the_same_in_python_and_in_the_database(name):
    with connection.cursor() as cursor:
        cursor.execute("SELECT markets_vendor_key(%s)", [name])
        assert cursor.fetchone()[0] == vendors.vendor_key(name)


def test_a_name_is_matched_exactly_by_a_spelling_or_suggested(market, register):
    lung_dam, pa_daeng = register
    found = vendors.match_names(
        market, ["ลุงดำ ผ้าทอ", "ลุงดำผ้าทอ", "ร้านผ้าทอลุงดำ", "ป้าแดง ขนมคก", "ยายเนียม ข้าวยำ"]
    )
    assert (found["ลุงดำ ผ้าทอ"].how, found["ลุงดำ ผ้าทอ"].vendor_id) == ("exact", lung_dam.pk)
    assert (found["ลุงดำผ้าทอ"].how, found["ลุงดำผ้าทอ"].vendor_id) == ("alias", lung_dam.pk)
    assert (found["ร้านผ้าทอลุงดำ"].how, found["ร้านผ้าทอลุงดำ"].vendor_id) == ("alias", lung_dam.pk)
    typo = found["ป้าแดง ขนมคก"]
    assert (typo.how, typo.vendor_id) == ("suggested", pa_daeng.pk) and typo.score >= vendors.SUGGEST_AT
    assert found["ยายเนียม ข้าวยำ"].how == "none"


def test_the_register_adds_up_each_vendors_lines_and_lists_names_it_does_not_know(market, nights):
    lung_dam, pa_daeng = nights
    rows = {row.vendor.pk: row for row in statements.register(market)}
    assert (rows[lung_dam.pk].sales, rows[lung_dam.pk].events) == (Decimal("3100"), 3)
    assert rows[pa_daeng.pk].sales == Decimal("800")  # the typo is not theirs until confirmed
    unmatched = {u.name: u for u in statements.unmatched_names(market)}
    assert set(unmatched) == {"ป้าแดง ขนมคก", "ยายเนียม ข้าวยำ"}
    assert unmatched["ป้าแดง ขนมคก"].match.vendor_id == pa_daeng.pk


def test_confirming_a_suggestion_makes_every_line_so_written_theirs(market, organiser, nights):
    _lung_dam, pa_daeng = nights
    vendors.vendor_spelling_confirm(market=market, vendor_id=pa_daeng.pk, name="ป้าแดง ขนมคก", user=organiser)
    rows = {row.vendor.pk: row for row in statements.register(market)}
    assert rows[pa_daeng.pk].sales == Decimal("1450")
    assert [u.name for u in statements.unmatched_names(market)] == ["ยายเนียม ข้าวยำ"]
    with pytest.raises(ValidationError, match="ป้าแดง ขนมครก"):  # one spelling, one vendor
        vendors.vendor_register(market=market, user=organiser, name="ป้าแดง  ขนมคก")


def test_a_merge_and_its_split_never_change_a_total(market, organiser, nights):
    lung_dam, _pa_daeng = nights
    yai = vendors.vendor_register(market=market, user=organiser, name="ยายเนียม ข้าวยำ")
    before = sum(EventSales.objects.values_list("sales", flat=True))

    def by_vendor():
        return {row.vendor.pk: row.sales for row in statements.register(market)}

    merge = vendors.vendor_merge(market=market, merged_id=yai.pk, into_id=lung_dam.pk, user=organiser)
    assert by_vendor()[lung_dam.pk] == Decimal("3500") and by_vendor()[yai.pk] == 0
    assert sum(EventSales.objects.values_list("sales", flat=True)) == before
    yai.refresh_from_db()
    assert yai.merged_into == lung_dam and not yai.active
    with pytest.raises(Conflict):
        vendors.vendor_merge(market=market, merged_id=yai.pk, into_id=lung_dam.pk, user=organiser)

    vendors.vendor_merge_split(market=market, merge_id=merge.pk, user=organiser)
    assert by_vendor()[lung_dam.pk] == Decimal("3100") and by_vendor()[yai.pk] == Decimal("400")
    assert sum(EventSales.objects.values_list("sales", flat=True)) == before
    yai.refresh_from_db()
    assert yai.merged_into is None and yai.active


def test_a_renamed_vendor_keeps_its_earlier_lines(market, organiser, nights):
    lung_dam, _ = nights
    vendors.vendor_update(market=market, vendor_id=lung_dam.pk, user=organiser, name="ลุงดำ ผ้าทอบ้านหลุก")
    statement = statements.vendor_statement(market, lung_dam, D(2023, 10, 1), D(2023, 10, 31))
    assert statement.total == Decimal("3100") and statement.events == 3
    assert "ลุงดำ ผ้าทอ" in statement.spellings


def test_a_statement_for_a_period_counts_corrections_as_they_stand(market, organiser, nights):
    lung_dam, _ = nights
    entry = next(e for e in log(market, organiser, D(2023, 11, 4), [("ลุงดำ ผ้าทอ", "700")])[1])
    from culturalmap.markets.services import sales_entry_correct

    sales_entry_correct(entry_id=entry.pk, amount="750", user=organiser)
    statement = statements.vendor_statement(market, lung_dam, D(2023, 10, 10), D(2023, 11, 30))
    assert [(line.held_on, line.amount) for line in statement.lines] == [
        (D(2023, 10, 14), Decimal("900")),
        (D(2023, 10, 21), Decimal("1000")),
        (D(2023, 11, 4), Decimal("750")),
    ]
    assert statement.total == Decimal("2650")


def test_vendor_counts_per_event_come_from_the_register(market, nights):
    events = list(market.events.order_by("held_on"))
    counts = statements.event_vendor_counts(market, events)
    assert [(counts[e.pk]["registered"], counts[e.pk]["unmatched"]) for e in events] == [
        (2, 0),
        (1, 1),
        (1, 1),
    ]


def test_someone_elses_market_register_is_refused(market, other_organiser):
    with pytest.raises(PermissionDenied):
        vendors.vendor_register(market=market, user=other_organiser, name="ป้าแดง")


# --- pages ---------------------------------------------------------------------------------------


def pages(market, vendor):
    base = f"/organiser/{market.code}"
    return [
        f"{base}/vendors/",
        f"{base}/vendors/{vendor.pk}/",
        f"{base}/vendors/{vendor.pk}/statement/",
        f"{base}/ledger.xlsx",
    ]


@pytest.mark.parametrize("role, status", [("other_organiser", 403), ("organiser", 200), ("curator", 200)])
def test_vendor_pages_only_for_the_markets_organisers_and_curators(
    client, request, market, nights, role, status
):
    client.force_login(request.getfixturevalue(role))
    for url in pages(market, nights[0]):
        assert client.get(url).status_code == status, url


def test_anonymous_visitors_are_sent_to_sign_in_and_see_no_vendor(client, market, nights):
    for url in pages(market, nights[0]):
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert "ลุงดำ" not in client.get(market.get_absolute_url()).content.decode()
    assert "ลุงดำ" not in client.get(f"/api/markets/{market.code}/revenue/?interval=event").content.decode()


def test_the_printable_statement_in_buddhist_era_and_thai_numbers(client, organiser, market, nights):
    client.force_login(organiser)
    url = (
        f"/organiser/{market.code}/vendors/{nights[0].pk}/statement/?date_from=01/10/2566&date_to=31/10/2566"
    )
    page = client.get(url).content.decode()
    assert "1 ต.ค. 2566 – 31 ต.ค. 2566" in page and "3,100.00" in page and "รวม 3 ครั้ง" in page
    assert "markets/print.js" in page and "<script>" not in page  # the print button from a static file
    assert "@media print" in Path("culturalmap/markets/static/markets/markets.css").read_text()


def test_the_register_page_offers_the_suggestion_and_a_confirm_posts_it(client, organiser, market, nights):
    client.force_login(organiser)
    page = client.get(f"/organiser/{market.code}/vendors/").content.decode()
    assert "ป้าแดง ขนมคก" in page and "คล้าย ป้าแดง ขนมครก" in page
    response = client.post(
        f"/organiser/{market.code}/vendors/",
        {"action": "confirm", "name": "ป้าแดง ขนมคก", "vendor": nights[1].pk},
    )
    assert response.status_code == 302
    assert "คล้าย ป้าแดง ขนมครก" not in client.get(f"/organiser/{market.code}/vendors/").content.decode()


def test_the_ledger_workbook_has_thai_headers_be_dates_and_every_entry(client, organiser, market, nights):
    client.force_login(organiser)
    response = client.get(f"/organiser/{market.code}/ledger.xlsx?date_from=2023-10-01&date_to=2023-10-31")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[1][:7] == (
        "วันที่ (พ.ศ.)",
        "ถึงวันที่",
        "งาน",
        "รายการ #",
        "ผู้ค้า (ตามที่บันทึก)",
        "ผู้ค้าในทะเบียน",
        "ยอด (บาท)",
    )
    lines = rows[2:]
    assert len(lines) == 6 and lines[0][0] == "07/10/2566"
    assert {(line[4], line[5]) for line in lines} >= {
        ("ลุงดำผ้าทอ", "ลุงดำ ผ้าทอ"),
        ("ป้าแดง ขนมคก", None),
    }  # no vendor yet: an empty cell
    assert sum(Decimal(str(line[6])) for line in lines if line[7] == "นับ") == Decimal("4950")


def test_the_ledger_workbook_keeps_typed_names_as_text(client, organiser, market, nights):
    # A name that looks like a formula stays text (no formula runs when the file is opened), and a
    # control character pasted into a name does not stop the export.
    log(market, organiser, D(2023, 10, 28), [("=1+2", "300"), ("ป้า\x1cแดง", "200")])
    client.force_login(organiser)
    response = client.get(f"/organiser/{market.code}/ledger.xlsx?date_from=2023-10-28&date_to=2023-10-28")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    cells = {row[4].value: row for row in sheet.iter_rows(min_row=3)}
    assert cells["=1+2"][4].data_type == "s" and cells["=1+2"][6].value == 300
    assert cells["=1+2"][6].number_format == "#,##0.00"
    assert len(cells) == 2


def test_the_log_form_and_the_sheet_preview_name_what_the_register_does_not_know(
    client, organiser, market, register
):
    client.force_login(organiser)
    url = f"/organiser/{market.code}/"
    page = client.get(url).content.decode()
    key = page.split('name="request_key" value="')[1].split('"')[0]
    response = client.post(
        url,
        {
            "action": "log",
            "held_on": "04/11/2566",
            "vendor_lines": "ป้าแดง ขนมคก, 500\nลุงดำ ผ้าทอ, 700",
            "request_key": key,
        },
        follow=True,
    )
    text = response.content.decode()
    assert "ชื่อที่ยังไม่อยู่ในทะเบียนผู้ค้า: ป้าแดง ขนมคก (คล้าย ป้าแดง ขนมครก)" in text
    assert "ผู้ค้าในทะเบียน 1 ราย (คนในพื้นที่ 1)" in text  # the night's vendors, from the register

    sheet = io.BytesIO("วันที่,ร้าน,ยอดขาย\n11/11/2566,ลุงดำผ้าทอ,900\n11/11/2566,ยายเนียม ข้าวยำ,300\n".encode())
    sheet.name = "season.csv"
    response = client.post(url, {"action": "upload", "file": sheet}, follow=True)
    text = response.content.decode()
    assert "ชื่อที่ตรงกับทะเบียน 1 ชื่อ" in text and "ยายเนียม ข้าวยำ" in text
