import csv
import datetime
import io
from decimal import Decimal

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from culturalmap.markets.models import EventSales, MarketEvent, SalesEntry
from tests.factories import CulturalMarketFactory, MarketEventFactory, SalesEntryFactory

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def sold(market):
    """Two events: 11 Oct 2022 (179,077) and 29 Sep 2024 (593,247)."""
    SalesEntryFactory(
        event=MarketEventFactory(market=market, held_on=D(2022, 10, 11), vendors_present=80),
        amount=Decimal("179077"),
    )
    SalesEntryFactory(
        event=MarketEventFactory(market=market, held_on=D(2024, 9, 29), vendors_present=231),
        amount=Decimal("593247"),
    )
    return market


def test_a_visitor_reads_a_markets_series_by_event(client, sold):
    response = client.get(f"/api/markets/{sold.code}/revenue/", {"interval": "event"})
    assert response.status_code == 200
    body = response.json()
    assert body["interval"] == "event" and body["scope"]["code"] == sold.code
    assert [(r["period_start"], r["sales"], r["cumulative_sales"], r["vendors"]) for r in body["series"]] == [
        ("2022-10-11", 179077.0, 179077.0, 80.0),
        ("2024-09-29", 593247.0, 772324.0, 231.0),
    ]
    first = body["series"][0]
    assert first["stimulus"] == pytest.approx(179077 * 1.469006, abs=0.01)
    assert first["public_roi"] == pytest.approx(179077 * 1.469006 / 1_000_000, abs=0.0001)


def test_fiscal_year_series_and_date_filters(client, sold):
    body = client.get(f"/api/markets/{sold.code}/revenue/", {"interval": "fiscal_year"}).json()
    rows = body["series"]
    assert [(r["period_start"], r["period_end"], r["label"], r["events"], r["sales"]) for r in rows] == [
        ("2022-10-01", "2023-09-30", "ปีงบประมาณ 2566", 1, 179077.0),
        ("2023-10-01", "2024-09-30", "ปีงบประมาณ 2567", 1, 593247.0),
    ]
    filtered = client.get(
        f"/api/markets/{sold.code}/revenue/", {"interval": "month", "from": "2024-01-01", "to": "2024-12-31"}
    ).json()
    assert [(r["period_start"], r["sales"], r["cumulative_sales"]) for r in filtered["series"]] == [
        ("2024-09-01", 593247.0, 772324.0)
    ]


def test_csv_download_is_utf8_with_bom_and_opens_in_excel(client, sold):
    response = client.get(f"/api/markets/{sold.code}/revenue/", {"interval": "fiscal_year", "format": "csv"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    assert response.content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0]["label"] == "ปีงบประมาณ 2566" and Decimal(rows[0]["sales"]) == Decimal("179077")
    assert "market" not in rows[0]


@pytest.mark.parametrize(
    ("params", "word"),
    [
        ({"interval": "day"}, "interval"),
        ({"from": "29/13/2567"}, "from"),
        ({"to": "soon"}, "to"),
        ({"from": "2024-02-01", "to": "2024-01-01"}, "from"),
    ],
)
def test_bad_parameters_are_a_400_naming_the_parameter(client, sold, params, word):
    response = client.get(f"/api/markets/{sold.code}/revenue/", params)
    assert response.status_code == 400
    assert word in response.json()


def test_an_unknown_format_is_a_400_that_names_the_choices(client, sold):
    response = client.get(f"/api/markets/{sold.code}/revenue/", {"format": "xml"})
    assert response.status_code == 400 and "csv" in response.json()["format"]


def test_unknown_codes_are_404(client, db):
    for url in (
        "/api/markets/CM-NOPE/revenue/",
        "/api/districts/CD-NOPE/revenue/",
        "/api/cultural-cities/CC-NOPE/revenue/",
        "/api/provinces/99/revenue/",
    ):
        assert client.get(url).status_code == 404, url


def test_a_draft_market_is_hidden_from_the_public_but_not_from_curators(client, curator):
    draft = CulturalMarketFactory(status="draft")
    assert client.get(f"/api/markets/{draft.code}/revenue/").status_code == 404
    client.force_login(curator)
    assert client.get(f"/api/markets/{draft.code}/revenue/").status_code == 200


def test_district_city_province_and_nation_series(client, sold):
    SalesEntryFactory(
        event=MarketEventFactory(
            market=CulturalMarketFactory(district=sold.district), held_on=D(2024, 9, 29)
        ),
        amount=Decimal("1000"),
    )
    for url in (
        f"/api/districts/{sold.district.code}/revenue/",
        f"/api/cultural-cities/{sold.district.city.code}/revenue/",
        f"/api/provinces/{sold.province.code}/revenue/",
    ):
        body = client.get(url, {"interval": "fiscal_year"}).json()
        assert sum(r["sales"] for r in body["series"]) == 179077 + 593247 + 1000, url
        assert sum(r["events"] for r in body["series"]) == 3, url
    september = {"interval": "month", "from": "2024-09-01", "to": "2024-09-30"}
    nation = client.get("/api/revenue/", september).json()
    assert nation["scope"]["name_en"] == "Thailand"
    assert nation["series"][0]["events"] >= 2 and nation["series"][0]["sales"] >= 594247


def test_the_series_endpoints_are_in_the_openapi_schema(client, db):
    schema = client.get("/api/schema/", {"format": "json"}).json()
    for path in (
        "/api/markets/{code}/revenue/",
        "/api/districts/{code}/revenue/",
        "/api/cultural-cities/{code}/revenue/",
        "/api/provinces/{code}/revenue/",
        "/api/revenue/",
        "/api/markets/{code}/events/",
        "/api/markets/{code}/sales-uploads/",
        "/api/markets/{code}/sales-uploads/{upload_id}/",
        "/api/markets/{code}/sales-uploads/{upload_id}/commit/",
        "/api/markets/{code}/sales-uploads/{upload_id}/undo/",
        "/api/markets/{code}/events/{held_on}/withdrawal/",
        "/api/markets/{code}/events/{held_on}/move/",
        "/api/markets/{code}/sales-entries/{entry_id}/corrections/",
    ):
        assert path in schema["paths"], path


def test_an_organiser_logs_through_the_api_with_a_token(market, organiser):
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=organiser).key}")
    response = api.post(
        f"/api/markets/{market.code}/events/",
        {
            "held_on": "29/09/2567",
            "vendor_sales": [{"vendor": "ป้าแดง", "amount": "1,200"}, {"vendor": "ลุงมา", "amount": 800}],
            "vendors_present": 2,
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["held_on"] == "2024-09-29" and len(body["entries"]) == 2
    assert EventSales.objects.get(event__market=market).sales == Decimal("2000")
    entry = body["entries"][0]["id"]
    fixed = api.post(
        f"/api/markets/{market.code}/sales-entries/{entry}/corrections/", {"amount": "1300"}, format="json"
    )
    assert fixed.status_code == 201 and fixed.json()["corrects"] == entry
    conflict = api.post(
        f"/api/markets/{market.code}/sales-entries/{entry}/corrections/", {"amount": "1400"}, format="json"
    )
    assert conflict.status_code == 409 and conflict.json()["corrected_by"] == fixed.json()["id"]
    assert EventSales.objects.get(event__market=market).sales == Decimal("2100")
    ledger = api.get(f"/api/markets/{market.code}/sales-entries/", {"held_on": "2024-09-29"}).json()
    assert [e["amount"] for e in ledger] == [1200.0, 800.0, 1300.0]


def test_an_api_retry_with_the_same_idempotency_key_answers_as_the_first_time(market, organiser):
    api = APIClient()
    api.force_authenticate(organiser)
    url, sales = f"/api/markets/{market.code}/events/", {"held_on": "29/09/2567", "total": "๕,๐๐๐"}
    first = api.post(url, sales, format="json", HTTP_IDEMPOTENCY_KEY="a1b2")
    retry = api.post(url, sales, format="json", HTTP_IDEMPOTENCY_KEY="a1b2")
    assert first.status_code == retry.status_code == 201
    assert retry.json() == first.json()
    assert EventSales.objects.get(event__market=market).sales == Decimal("5000")

    other = api.post(url, {**sales, "total": "6000"}, format="json", HTTP_IDEMPOTENCY_KEY="a1b2")
    assert other.status_code == 409 and "รหัสคำขอ" in other.json()["detail"]
    assert SalesEntry.objects.filter(event__market=market).count() == 1
    schema = api.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
    parameters = schema["paths"]["/api/markets/{code}/events/"]["post"]["parameters"]
    assert any(p["name"] == "Idempotency-Key" and p["in"] == "header" for p in parameters)


@pytest.mark.parametrize(
    ("payload", "word"),
    [
        ({"held_on": "2024-09-29", "total": "-5"}, "ติดลบ"),
        ({"held_on": "2024-09-29", "total": "ห้าร้อย"}, "ตัวเลข"),
        ({"held_on": "29/09/67", "total": "5"}, "held_on"),
        ({"held_on": "2099-01-01", "total": "5"}, "ยังไม่มาถึง"),
        ({"held_on": "2020-01-01", "total": "5"}, "ก่อนตลาดเปิด"),
    ],
)
def test_bad_sales_through_the_api_are_400_and_store_nothing(market, organiser, payload, word):
    api = APIClient()
    api.force_authenticate(organiser)
    response = api.post(f"/api/markets/{market.code}/events/", payload, format="json")
    assert response.status_code == 400
    assert word in response.content.decode()
    assert not SalesEntry.objects.filter(event__market=market).exists()


def sheet_file(text: str | bytes, name: str = "sales.csv") -> io.BytesIO:
    upload = io.BytesIO(text.encode() if isinstance(text, str) else text)
    upload.name = name
    return upload


def test_a_sheet_through_the_api_is_a_dry_run_then_a_commit_of_that_preview(market, organiser):
    api = APIClient()
    api.force_authenticate(organiser)
    url = f"/api/markets/{market.code}/sales-uploads/"
    sheet = "วันที่,ยอดขาย\n01/10/2566,1000\n02/10/2566,-1\n"
    dry = api.post(url, {"file": sheet_file(sheet)}, format="multipart")
    assert dry.status_code == 201, dry.content
    body = dry.json()
    assert body["status"] == "preview" and body["refused_count"] == 1
    assert body["refused"][0]["row"] == 3 and "-1" in body["refused"][0]["reason"]
    assert body["plan"]["days"][0]["after"] == "1000.00" and body["days"] == ["2023-10-01"]
    assert not SalesEntry.objects.filter(event__market=market).exists()

    committed = api.post(f"{url}{body['id']}/commit/")
    assert committed.status_code == 200 and committed.json()["status"] == "committed"
    assert EventSales.objects.get(event__market=market).sales == Decimal("1000")
    again = api.post(f"{url}{body['id']}/commit/")
    assert again.status_code == 409 and again.json()["code"] == "not_a_preview"
    history = api.get(url).json()
    assert [(u["id"], u["status"]) for u in history] == [(body["id"], "committed")]

    undone = api.post(f"{url}{body['id']}/undo/")
    assert undone.status_code == 200 and undone.json()["status"] == "undone"
    assert EventSales.objects.get(event__market=market).sales == 0


def test_repeated_rows_through_the_api_are_decided_before_the_commit(market, organiser):
    api = APIClient()
    api.force_authenticate(organiser)
    url = f"/api/markets/{market.code}/sales-uploads/"
    sheet = "date,vendor,amount\n01/10/2566,ป้าแดง,500\n01/10/2566,ป้าแดง,500\n"
    body = api.post(url, {"file": sheet_file(sheet)}, format="multipart").json()
    assert body["plan"]["repeats"][0]["lines"] == [2, 3]
    refused = api.post(f"{url}{body['id']}/commit/")
    assert refused.status_code == 400 and "ยังต้องเลือก" in refused.json()["detail"]
    bad = api.patch(f"{url}{body['id']}/", {"repeats": {"2": "both"}}, format="json")
    assert bad.status_code == 400
    decided = api.patch(f"{url}{body['id']}/", {"repeats": {"2": "one"}}, format="json")
    assert decided.status_code == 200 and decided.json()["plan"]["days"][0]["after"] == "500.00"
    assert api.post(f"{url}{body['id']}/commit/").status_code == 200
    assert EventSales.objects.get(event__market=market).sales == Decimal("500")
    # Decisions can come with the dry run itself.
    with_choice = api.post(
        url, {"file": sheet_file(sheet), "decisions": '{"repeats": {"2": "all"}}'}, format="multipart"
    ).json()
    assert with_choice["plan"]["undecided"] == 0 and with_choice["plan"]["days"][0]["after"] == "1000.00"


def test_a_commit_after_the_ledger_moved_is_a_409_naming_a_fresh_preview(market, organiser):
    api = APIClient()
    api.force_authenticate(organiser)
    url = f"/api/markets/{market.code}/sales-uploads/"
    body = api.post(url, {"file": sheet_file("date,amount\n01/10/2566,1000\n")}, format="multipart").json()
    api.post(f"/api/markets/{market.code}/events/", {"held_on": "2023-10-01", "total": "300"}, format="json")
    stale = api.post(f"{url}{body['id']}/commit/")
    assert stale.status_code == 409 and stale.json()["days"] == ["2023-10-01"]
    fresh = stale.json()["preview"]
    assert api.get(f"{url}{fresh}/").json()["plan"]["days"][0]["before"] == "300.00"
    assert EventSales.objects.get(event__market=market).sales == Decimal("300")
    assert api.post(f"{url}{fresh}/commit/").status_code == 200
    assert EventSales.objects.get(event__market=market).sales == Decimal("1000")


def test_a_file_that_is_no_sheet_is_a_400_saying_what_it_is(market, organiser):
    api = APIClient()
    api.force_authenticate(organiser)
    url = f"/api/markets/{market.code}/sales-uploads/"
    pdf = api.post(url, {"file": sheet_file(b"%PDF-1.4\n...", "sales.pdf")}, format="multipart")
    assert pdf.status_code == 400 and "PDF" in pdf.json()["detail"]
    wrong = api.post(url, {"file": sheet_file("price,when\n1,2\n")}, format="multipart")
    assert wrong.status_code == 400 and "price" in wrong.json()["detail"]
    assert not MarketEvent.objects.filter(market=market).exists()


def test_a_total_logged_again_replaces_the_first_and_says_so(market, organiser):
    api = APIClient()
    api.force_authenticate(organiser)
    url = f"/api/markets/{market.code}/events/"
    first = api.post(url, {"held_on": "29/09/2567", "total": "12,345"}, format="json").json()
    second = api.post(url, {"held_on": "29/09/2567", "total": "15,000"}, format="json")
    assert second.status_code == 201
    assert (
        second.json()["replaced"] == [first["entries"][0]["id"]] and "แทนยอดเดิม" in second.json()["message"]
    )
    assert EventSales.objects.get(event__market=market).sales == Decimal("15000")  # not 27,345


def test_a_day_logged_by_mistake_is_moved_or_withdrawn_through_the_api(market, organiser):
    api = APIClient()
    api.force_authenticate(organiser)
    api.post(
        f"/api/markets/{market.code}/events/",
        {"held_on": "2024-09-29", "vendor_sales": [{"vendor": "ป้าแดง", "amount": "900"}], "visitors": 80},
        format="json",
    )
    moved = api.post(
        f"/api/markets/{market.code}/events/2024-09-29/move/", {"to": "28/09/2567"}, format="json"
    )
    assert moved.status_code == 200, moved.content
    assert moved.json() == {
        "held_on": "2024-09-28",
        "vendors_present": None,
        "visitors": 80,
        "sales": 900.0,
        "withdrawn": False,
        "withdrawn_reason": "",
    }
    series = api.get(f"/api/markets/{market.code}/revenue/", {"interval": "event"}).json()["series"]
    assert [(r["period_start"], r["sales"]) for r in series] == [("2024-09-28", 900.0)]
    gone = api.post(
        f"/api/markets/{market.code}/events/2024-09-28/withdrawal/", {"reason": "ฝนตก งดจัด"}, format="json"
    )
    assert gone.status_code == 200 and gone.json()["withdrawn"] is True and gone.json()["sales"] == 0
    assert api.get(f"/api/markets/{market.code}/revenue/", {"interval": "event"}).json()["series"] == []
    again = api.post(f"/api/markets/{market.code}/events/2024-09-28/withdrawal/")
    assert again.status_code == 409
    nothing = api.post(f"/api/markets/{market.code}/events/2024-09-20/withdrawal/")
    assert nothing.status_code == 404


def test_a_vendor_name_is_corrected_through_the_api(market, organiser):
    api = APIClient()
    api.force_authenticate(organiser)
    logged = api.post(
        f"/api/markets/{market.code}/events/",
        {"held_on": "2024-09-29", "vendor_sales": [{"vendor": "ลุงดำ ผ้าทอ", "amount": "14,245.50"}]},
        format="json",
    ).json()
    entry = logged["entries"][0]["id"]
    renamed = api.post(
        f"/api/markets/{market.code}/sales-entries/{entry}/corrections/",
        {"vendor": "ลุงดำผ้าทอ"},
        format="json",
    )
    assert renamed.status_code == 201
    assert (renamed.json()["vendor"], renamed.json()["amount"]) == ("ลุงดำผ้าทอ", 14245.5)
    assert EventSales.objects.get(event__market=market).sales == Decimal("14245.50")
    missing = api.post(
        f"/api/markets/{market.code}/sales-entries/987654/corrections/", {"amount": "1"}, format="json"
    )
    assert missing.status_code == 404
