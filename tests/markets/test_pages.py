import datetime
import re
from decimal import Decimal

import pytest
from django.test import Client
from django.utils import timezone

from culturalmap.markets.models import EventSales, SalesEntry
from culturalmap.markets.services import event_sales_log
from tests.factories import CulturalMarketFactory, MarketEventFactory, SalesEntryFactory

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def sold(market):
    SalesEntryFactory(
        event=MarketEventFactory(market=market, held_on=D(2022, 10, 11), vendors_present=80),
        amount=Decimal("179077"),
    )
    SalesEntryFactory(
        event=MarketEventFactory(market=market, held_on=D(2024, 9, 29), vendors_present=231),
        amount=Decimal("593247"),
    )
    return market


def test_the_market_page_shows_figures_in_thai_format_with_be_dates(client, sold):
    response = client.get(sold.get_absolute_url())
    assert response.status_code == 200
    page = response.content.decode()
    assert sold.name_th in page
    assert "772,324" in page  # total sales
    assert "11 ต.ค. 2565" in page and "29 ก.ย. 2567" in page  # first and latest event, BE
    assert "179,077" in page and "593,247" in page
    assert "ปีงบประมาณ 2567" in page


def test_the_market_page_draws_its_charts_as_svg_with_a_table_beside_each(client, sold):
    page = client.get(sold.get_absolute_url()).content.decode()
    charts = re.findall(r'<svg class="chart"[^>]*role="img"[^>]*>.*?</svg>', page, re.S)
    assert len(charts) == 5  # sales by month and fiscal year, cumulative, events held, stimulus by part
    assert all("<title" in svg and "<rect" in svg or "<polyline" in svg for svg in charts)
    assert page.count("<table") >= 4 and "<caption>" in page
    assert "<script" not in page  # readable without JavaScript
    assert f"/api/markets/{sold.code}/revenue/?interval=month&amp;kind=market&amp;format=csv" in page
    # What a screen reader hears of a chart says what its numbers are.
    descs = re.findall(r"<desc[^>]*>(.*?)</desc>", page)
    assert "2 แท่ง (ปีงบประมาณ 2566 – ปีงบประมาณ 2567) · สูงสุด 593,247 บาท" in descs


def test_the_page_of_a_market_without_sales_and_of_an_unknown_market(client, market):
    assert client.get(market.get_absolute_url()).status_code == 200
    assert client.get("/markets/CM-NOPE/").status_code == 404
    assert client.get(CulturalMarketFactory(status="draft").get_absolute_url()).status_code == 404


def test_the_page_in_english_shows_ce_dates(client, sold):
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    page = client.get(sold.get_absolute_url()).content.decode()
    assert "29 Sep 2024" in page


def csrf_client(user) -> Client:
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(user)
    return browser


def token(browser: Client, url: str) -> str:
    browser.get(url)
    return browser.cookies["csrftoken"].value


def test_an_organiser_logs_tonights_event_and_the_chart_moves(sold, organiser):
    browser = csrf_client(organiser)
    dashboard = browser.get("/organiser/")
    assert dashboard.status_code == 302 and dashboard["Location"] == f"/organiser/{sold.code}/"
    url = f"/organiser/{sold.code}/"
    before = browser.get(sold.get_absolute_url()).content.decode()
    today = timezone.localdate()
    refused = browser.post(url, {"action": "log", "held_on": today.strftime("%d/%m/%Y"), "total": "50000"})
    assert refused.status_code == 403  # no CSRF token
    response = browser.post(
        url,
        {
            "action": "log",
            "held_on": f"{today:%d/%m}/{today.year + 543}",
            "total": "๕๐,๐๐๐",
            "vendors_present": "120",
            "csrfmiddlewaretoken": token(browser, url),
        },
    )
    assert response.status_code == 302
    assert EventSales.objects.get(event__market=sold, event__held_on=today).sales == Decimal("50000")
    after = browser.get(sold.get_absolute_url()).content.decode()
    assert "822,324" in after and "822,324" not in before
    assert re.findall(r"<svg.*?</svg>", after, re.S) != re.findall(r"<svg.*?</svg>", before, re.S)


def test_a_form_sent_twice_logs_the_sales_once(sold, organiser):
    browser = csrf_client(organiser)
    url = f"/organiser/{sold.code}/"
    page = browser.get(url).content.decode()
    key = re.search(r'name="request_key" value="(\w+)"', page).group(1)
    sent = {
        "action": "log",
        "held_on": "01/10/2567",
        "total": "12,000",
        "request_key": key,
        "csrfmiddlewaretoken": token(browser, url),
    }
    assert browser.post(url, sent).status_code == 302
    assert "ยอดรวมของวันนั้น 12,000 บาท" in browser.get(url).content.decode()  # the day's total, shown
    assert browser.post(url, sent).status_code == 302  # a double click
    day_sales = EventSales.objects.filter(event__market=sold, event__held_on=datetime.date(2024, 10, 1))
    assert day_sales.get().sales == 12000
    # Back, a changed amount, the same form: refused with the reason, and a new key to send it with.
    changed = browser.post(url, {**sent, "total": "13,000"})
    assert changed.status_code == 400 and "ส่งไปแล้วด้วยยอดอื่น" in changed.content.decode()
    new_key = re.search(r'name="request_key" value="(\w+)"', changed.content.decode()).group(1)
    assert new_key != key
    assert browser.post(url, {**sent, "total": "13,000", "request_key": new_key}).status_code == 302
    # The night's total typed again replaces the first one (it used to be added: 25,000).
    assert day_sales.get().sales == 13000
    assert "แทนยอดเดิม 12,000.00 บาท" in browser.get(url).content.decode()
    # A new blank form carries a new key.
    assert key not in browser.get(url).content.decode()


def test_the_dashboard_shows_the_error_and_stores_nothing_for_a_bad_amount(sold, organiser):
    browser = csrf_client(organiser)
    url = f"/organiser/{sold.code}/"
    response = browser.post(
        url,
        {
            "action": "log",
            "held_on": "01/10/2566",
            "total": "-10",
            "csrfmiddlewaretoken": token(browser, url),
        },
    )
    assert response.status_code == 400
    assert "ติดลบ" in response.content.decode()
    assert SalesEntry.objects.filter(event__market=sold).count() == 2


def test_an_organiser_corrects_an_entry_from_the_dashboard(sold, organiser):
    browser = csrf_client(organiser)
    url = f"/organiser/{sold.code}/"
    entry = SalesEntry.objects.get(event__market=sold, event__held_on=D(2024, 9, 29))
    page = browser.get(url).content.decode()
    assert f'name="entry_id" value="{entry.pk}"' in page
    response = browser.post(
        url,
        {
            "action": "correct",
            "entry_id": entry.pk,
            "amount": "600,000",
            "note": "พิมพ์ผิด",
            "csrfmiddlewaretoken": token(browser, url),
        },
    )
    assert response.status_code == 302
    assert EventSales.objects.get(event=entry.event).sales == Decimal("600000")
    again = browser.post(
        url,
        {
            "action": "correct",
            "entry_id": entry.pk,
            "amount": "1",
            "csrfmiddlewaretoken": token(browser, url),
        },
    )
    assert again.status_code == 400 and "แก้ไขแล้ว" in again.content.decode()
    assert "corrected" in browser.get(url).content.decode()


def test_an_organiser_uploads_a_sheet_sees_the_preview_then_confirms(sold, organiser):
    from django.core.files.uploadedfile import SimpleUploadedFile

    browser = csrf_client(organiser)
    url = f"/organiser/{sold.code}/"
    sheet = "วันที่,ร้าน,ยอดขาย\n01/10/2566,ป้าแดง,1200\n02/10/66,ลุงมา,800\n".encode("cp874")
    response = browser.post(
        url,
        {
            "action": "upload",
            "file": SimpleUploadedFile("ยอดขาย.csv", sheet, "text/csv"),
            "csrfmiddlewaretoken": token(browser, url),
        },
    )
    assert response.status_code == 302 and "/uploads/" in response["Location"]
    preview_url = response["Location"]
    page = browser.get(preview_url).content.decode()
    assert "ยังไม่ได้บันทึกอะไร" in page and "Windows-874" in page
    assert re.search(r'<td class="num"[^>]*>3</td><td[^>]*>[^<]*สี่หลัก', page)  # row 3, the reason
    assert "0.00 → 1,200.00" in page
    assert not SalesEntry.objects.filter(event__held_on=D(2023, 10, 1)).exists()
    confirmed = browser.post(preview_url, {"action": "commit", "csrfmiddlewaretoken": token(browser, url)})
    assert confirmed.status_code == 302
    assert EventSales.objects.get(event__market=sold, event__held_on=D(2023, 10, 1)).sales == 1200
    history = browser.get(f"{url}uploads/").content.decode()
    assert "ยอดขาย.csv" in history and "บันทึกแล้ว" in history
    undone = browser.post(preview_url, {"action": "undo", "csrfmiddlewaretoken": token(browser, url)})
    assert undone.status_code == 302
    assert EventSales.objects.get(event__market=sold, event__held_on=D(2023, 10, 1)).sales == 0
    refused = browser.post(
        url,
        {
            "action": "upload",
            "file": SimpleUploadedFile("photo.png", b"\x89PNG\r\n\x1a\n" + b"\0" * 64),
            "csrfmiddlewaretoken": token(browser, url),
        },
    )
    assert refused.status_code == 400 and "รูปภาพ (PNG)" in refused.content.decode()


def test_an_organiser_withdraws_or_moves_a_day_and_renames_a_vendor_from_the_page(sold, organiser):
    browser = csrf_client(organiser)
    url = f"/organiser/{sold.code}/"
    csrf = token(browser, url)
    moved = browser.post(
        url, {"action": "move", "held_on": "2024-09-29", "to": "28/09/2567", "csrfmiddlewaretoken": csrf}
    )
    assert moved.status_code == 302 and moved["Location"].endswith("?held_on=2024-09-28")
    assert EventSales.objects.get(event__market=sold, event__held_on=D(2024, 9, 28)).sales == 593247
    withdrawn = browser.post(
        url, {"action": "withdraw", "held_on": "2022-10-11", "csrfmiddlewaretoken": csrf}
    )
    assert withdrawn.status_code == 302
    page = browser.get(url).content.decode()
    assert "จัดงานแล้ว 1 ครั้ง" in page and "ยอดขายรวม 593,247 บาท" in page  # withdrawn days are no events
    event_sales_log(market=sold, held_on=D(2024, 9, 28), user=organiser, vendor_sales=[])
    vendor_line = SalesEntryFactory(
        event=MarketEventFactory(market=sold, held_on=D(2024, 9, 1)), vendor="ลุงดำ ผ้าทอ"
    )
    renamed = browser.post(
        url,
        {"action": "correct", "entry_id": vendor_line.pk, "vendor": "ลุงดำผ้าทอ", "csrfmiddlewaretoken": csrf},
    )
    assert renamed.status_code == 302
    assert SalesEntry.objects.get(corrects=vendor_line).vendor == "ลุงดำผ้าทอ"


def test_the_log_form_proposes_last_nights_market_before_six_in_the_morning(sold, organiser, settings):
    from unittest import mock

    browser = csrf_client(organiser)
    small_hours = datetime.datetime(2024, 9, 30, 1, 30, tzinfo=datetime.timezone(datetime.timedelta(hours=7)))
    with mock.patch("django.utils.timezone.now", return_value=small_hours):
        page = browser.get(f"/organiser/{sold.code}/").content.decode()
    assert 'name="held_on" value="29/09/2567"' in page  # still Sunday's market, not Monday


def test_a_curator_picks_a_market_from_the_dashboard(client, curator, sold):
    client.force_login(curator)
    page = client.get("/organiser/").content.decode()
    assert f"/organiser/{sold.code}/" in page


def test_the_page_is_translated_into_english(client, sold):
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    page = client.get(sold.get_absolute_url()).content.decode()
    assert "Key figures" in page and "Sales per fiscal year" in page and "FY 2024 (BE 2567)" in page


def test_vendor_lines_keep_thousands_separators_in_their_amounts(sold, organiser):
    browser = csrf_client(organiser)
    url = f"/organiser/{sold.code}/"
    lines = "ร้านป้าแดง, 1,200\nร้านลุงมี, ๒,๕๐๐.๕๐\nร้านผ้าทอ\t300"
    response = browser.post(
        url,
        {
            "action": "log",
            "held_on": "01/10/2567",
            "vendor_lines": lines,
            "csrfmiddlewaretoken": token(browser, url),
        },
    )
    assert response.status_code == 302
    logged = SalesEntry.objects.filter(event__market=sold, event__held_on=datetime.date(2024, 10, 1))
    assert set(logged.values_list("vendor", "amount")) == {
        ("ร้านผ้าทอ", Decimal("300")),
        ("ร้านป้าแดง", Decimal("1200")),
        ("ร้านลุงมี", Decimal("2500.50")),
    }


@pytest.mark.parametrize(
    ("field", "value", "says"),
    [
        ("vendor_lines", "ก" * 201 + ", 100", "200 ตัวอักษร"),
        ("visitors", "3000000000", "มากเกินไป"),
        ("held_on", "01/01/2600", "1 ม.ค. 2600"),  # the refused date, as the organiser wrote it: Buddhist Era
    ],
)
def test_out_of_range_input_is_a_message_not_a_500(sold, organiser, field, value, says):
    browser = csrf_client(organiser)
    url = f"/organiser/{sold.code}/"
    sent = {
        "action": "log",
        "held_on": "01/10/2567",
        "total": "100",
        field: value,
        "csrfmiddlewaretoken": token(browser, url),
    }
    if field == "vendor_lines":
        sent.pop("total")
    response = browser.post(url, sent)
    assert response.status_code == 400 and says in response.content.decode()
    assert SalesEntry.objects.filter(event__market=sold).count() == 2


def test_an_organiser_finds_and_corrects_an_event_from_long_ago(sold, organiser):
    browser = csrf_client(organiser)
    url = f"/organiser/{sold.code}/"
    for day in range(1, 26):  # 25 newer events push 11 Oct 2022 out of the latest 20
        SalesEntryFactory(
            event=MarketEventFactory(market=sold, held_on=datetime.date(2024, 10, day)), amount=Decimal("100")
        )
    assert "11 ต.ค. 2565" not in browser.get(url).content.decode()
    page = browser.get(url, {"held_on": "11/10/2565"}).content.decode()
    assert "งานวันที่ 11 ต.ค. 2565" in page and "179,077.00" in page and 'name="entry_id"' in page
    assert "ไม่มีงานในวันนั้น" in browser.get(url, {"held_on": "12/10/2565"}).content.decode()
    bad = browser.get(url, {"held_on": "31/02/2567"})
    assert bad.status_code == 400 and "ไม่มีวันที่นี้ในปฏิทิน" in bad.content.decode()

    # Logging a day of long ago leads back to that day's entries.
    logged = browser.post(
        url,
        {
            "action": "log",
            "held_on": "15/10/2565",
            "total": "900",
            "csrfmiddlewaretoken": token(browser, url),
        },
    )
    assert logged["Location"] == f"{url}?held_on=2022-10-15"
    assert "900.00" in browser.get(logged["Location"]).content.decode()


def test_the_organiser_page_names_the_market_in_the_page_language(sold, organiser):
    browser = csrf_client(organiser)
    browser.cookies["django_language"] = "en"
    page = browser.get(f"/organiser/{sold.code}/").content.decode()
    assert f"<h1>Log sales: {sold.name_en}</h1>" in page


def test_an_organiser_creates_and_revokes_their_own_api_token(sold, organiser, user):
    from rest_framework.authtoken.models import Token
    from rest_framework.test import APIClient

    browser = csrf_client(organiser)
    url = "/organiser/token/"
    created = browser.post(url, {"action": "create", "csrfmiddlewaretoken": token(browser, url)})
    key = Token.objects.get(user=organiser).key
    assert created.status_code == 200 and key in created.content.decode()
    assert key not in browser.get(url).content.decode()  # shown once
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert api.get(f"/api/markets/{sold.code}/sales-uploads/").status_code == 200
    browser.post(url, {"action": "revoke", "csrfmiddlewaretoken": token(browser, url)})
    assert not Token.objects.filter(user=organiser).exists()
    revoked = api.get(f"/api/markets/{sold.code}/sales-uploads/")
    assert revoked.status_code in (401, 403) and "token" in revoked.json()["detail"].lower()
    # Someone who organises no market gets no token.
    outsider = csrf_client(user)
    refused = outsider.post(url, {"action": "create", "csrfmiddlewaretoken": token(outsider, url)})
    assert refused.status_code == 403 and not Token.objects.filter(user=user).exists()
