"""The programme report's figures (FACTS.md) come out of the demo catalogue through the selectors
and the API: the series are computed from the ledger, not stored."""

import datetime
from decimal import Decimal

import pytest

from culturalmap.demo.models import DemoCatalogue
from culturalmap.markets.models import CulturalDistrict, CulturalMarket
from culturalmap.markets.selectors import (
    NATION,
    RevenueScope,
    event_sales_drift,
    revenue_series,
    revenue_summary,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_catalogue")]


@pytest.fixture
def thung_song():
    return CulturalMarket.objects.get(name_th="ตลาดชุมชนทางทุ่งสง")


@pytest.fixture
def lampang_landscape():
    """The Mueang Lampang community cultural landscape: a district of three markets."""
    return CulturalDistrict.objects.get(name_th__contains="ภูมิทัศน์วัฒนธรรมชุมชนเมืองลำปาง")


def test_thung_song_311_events_and_164_138_385_baht(thung_song, client):
    summary = revenue_summary(scope=RevenueScope("market", thung_song.pk))
    assert (summary["events"], summary["sales"]) == (311, Decimal("164138385"))
    assert summary["latest_event"]["held_on"] == datetime.date(2024, 9, 15)
    series = client.get(f"/api/markets/{thung_song.code}/revenue/", {"interval": "event"}).json()["series"]
    assert len(series) == 311
    assert series[-1]["cumulative_sales"] == 164138385


def test_lampang_288_events_from_179_077_to_593_247(lampang_landscape, client):
    summary = revenue_summary(scope=RevenueScope("district", lampang_landscape.pk))
    assert (summary["events"], summary["sales"]) == (288, Decimal("118738556"))
    first, latest = summary["first_event"], summary["latest_event"]
    assert (first["held_on"], first["sales"]) == (datetime.date(2022, 10, 11), Decimal("179077"))
    assert (latest["held_on"], latest["sales"]) == (datetime.date(2024, 9, 29), Decimal("593247"))
    # Economic stimulus = direct sales × the configured multiplier (6 decimals): 174,426,939 baht.
    assert abs(summary["stimulus"] - Decimal("174426939")) < 100
    body = client.get(f"/api/districts/{lampang_landscape.code}/revenue/", {"interval": "fiscal_year"}).json()
    assert sum(row["events"] for row in body["series"]) == 288
    assert body["series"][-1]["cumulative_sales"] == 118738556
    assert body["series"][-1]["label"] == "ปีงบประมาณ 2567"


def test_the_district_page_shows_the_report_s_lampang_figures(lampang_landscape, client):
    html = client.get(lampang_landscape.get_absolute_url()).content.decode()
    for figure in ("288", "118,738,556", "179,077", "593,247", "174,426,9"):  # stimulus to the baht: ±100
        assert figure in html, figure
    assert "11 ต.ค. 2565" in html and "29 ก.ย. 2567" in html  # Buddhist-Era dates
    assert html.count("<svg") >= 4  # sales by month and fiscal year, cumulative, events held
    client.cookies["django_language"] = "en"
    english = client.get(lampang_landscape.get_absolute_url()).content.decode()
    assert "Direct sales by vendors (baht)" in english and "29 Sep 2024" in english


def test_the_city_page_adds_up_its_districts(client):
    city = CulturalDistrict.objects.get(name_th__contains="ภูมิทัศน์วัฒนธรรมชุมชนเมืองลำปาง").city
    summary = revenue_summary(scope=RevenueScope("city", city.pk))
    html = client.get(city.get_absolute_url()).content.decode()
    assert f"{summary['sales']:,.0f}" in html and f"{summary['events']:,}" in html
    assert summary["events"] >= 288


@pytest.fixture
def others():
    """Sales and events of markets that are not the demo's (left by other tests, say)."""
    demo_codes = DemoCatalogue.objects.get().codes["market"]
    events = sales = 0
    for market in CulturalMarket.objects.exclude(code__in=demo_codes):
        summary = revenue_summary(scope=RevenueScope("market", market.pk))
        events, sales = events + summary["events"], sales + summary["sales"]
    return events, sales


def test_the_nation_1_321_events_and_819_902_531_baht(client, others):
    other_events, other_sales = others
    summary = revenue_summary(scope=NATION)
    assert (summary["events"] - other_events, summary["sales"] - other_sales) == (1321, Decimal("819902531"))
    monthly = revenue_series(scope=NATION, interval="month")
    assert sum(row["events"] for row in monthly) - other_events == 1321
    assert monthly[-1]["cumulative_sales"] - other_sales == Decimal("819902531")
    body = client.get("/api/revenue/", {"interval": "quarter"}).json()
    assert Decimal(str(body["series"][-1]["cumulative_sales"])) - other_sales == Decimal("819902531")


def test_the_summary_table_agrees_with_the_demo_ledger():
    assert event_sales_drift() == []


# --- the cultural economy beyond the nightly ledger (issue 16) -------------------------------------


def test_lampang_stimulus_is_built_from_its_measured_parts(lampang_landscape, client):
    summary = revenue_summary(scope=RevenueScope("district", lampang_landscape.pk))
    parts = summary["stimulus_parts"]
    assert summary["stimulus"] == Decimal("174426939.00")  # exact: surveyed, not multiplied
    assert parts["direct"] == Decimal("118738556.00") == summary["sales"]
    assert parts["direct"] + parts["chain"] + parts["employment"] == Decimal("174426939.00")
    assert parts["estimated"] == 0 and parts["chain"] > 0 and parts["employment"] > 0
    years = revenue_series(scope=RevenueScope("district", lampang_landscape.pk), interval="fiscal_year")
    assert sum(row["stimulus"] for row in years) == Decimal("174426939.00")
    html = client.get(lampang_landscape.get_absolute_url()).content.decode()
    assert "174,426,939" in html and "ห่วงโซ่การผลิต (สำรวจ)" in html
    assert "ณ 1 ต.ค. 2567 · ที่มา: รายงานประจำปี 2567" in html  # the report's figure, dated and sourced


def test_thung_song_keeps_a_register_of_231_local_vendors(thung_song, client, curator):
    from culturalmap.markets import statements
    from culturalmap.markets.models import SalesEntry, Vendor

    assert Vendor.objects.filter(market=thung_song, is_local=True, active=True).count() == 231
    season = (datetime.date(2023, 10, 1), datetime.date(2024, 9, 30))
    rows = statements.register(thung_song, *season)
    unmatched = statements.unmatched_names(thung_song, *season)
    logged = SalesEntry.objects.filter(
        event__market=thung_song, event__held_on__range=season, corrected_by__isnull=True
    ).exclude(vendor="")
    # Every baht of the season's vendor lines is some vendor's or a name still to confirm: no more, no less.
    assert sum(r.sales for r in rows) + sum(u.sales for u in unmatched) == sum(e.amount for e in logged)
    assert [u.name for u in unmatched] == ["ป้าแดง ขนมคก"] and unmatched[0].match.vendor_name == "ป้าแดง ขนมครก"
    client.force_login(curator)
    page = client.get(f"/organiser/{thung_song.code}/vendors/").content.decode()
    assert "ผู้ค้าที่ยังขายอยู่ 231 ราย · เป็นคนในพื้นที่ 231 ราย" in page
    public = client.get(thung_song.get_absolute_url()).content.decode()
    assert "มากกว่า 231" in public and "ณ 15 ก.ย. 2567" in public


def test_chiang_rai_sroi_1_to_3_96_with_its_source(client):
    from culturalmap.markets.models import CulturalCity

    city = CulturalCity.objects.get(name_th="เชียงราย ภูมิทัศน์แห่งตำนาน")
    page = client.get(city.get_absolute_url()).content.decode()
    assert "SROI 1 : 3.96" in page and "ณ 30 ก.ย. 2567" in page


def test_the_rajabhat_networks_festivals_in_18_districts_stay_apart_from_the_markets(client, others):
    from culturalmap.markets.models import MarketEvent

    network = MarketEvent.objects.filter(kind="festival", host="network")
    assert network.values("district").distinct().count() == 18
    assert all(f.days == 3 for f in network)
    other_events, _other_sales = others
    assert revenue_summary(scope=NATION)["events"] - other_events == 1321  # the markets' figure stays exact
    together = revenue_summary(scope=NATION, kind="all")
    assert (
        together["festivals"] >= 21
        and together["events"] == revenue_summary(scope=NATION)["events"] + together["festivals"]
    )


def test_products_and_entrepreneurs_as_the_reports_count_them(client):
    from culturalmap.economy.models import CulturalEnterprise, CulturalProduct

    demo = DemoCatalogue.objects.get().codes
    products = CulturalProduct.objects.filter(code__in=demo["product"])
    assert products.filter(strand="civil_society").count() == 420
    assert products.filter(strand="university").count() == 196
    enterprises = CulturalEnterprise.objects.filter(code__in=demo["enterprise"])
    assert enterprises.filter(strand="university").count() == 1031
    pattani = enterprises.filter(district__name_en="Pattani Cultural Park district", category="textiles")
    assert pattani.count() == 12
    page = client.get("/cultural-products/").content.decode()
    for figure in ("420", "196", "1,031", "368", "มากกว่า 6,000"):
        assert figure in page, figure
    assert "ณ 30 ก.ย. 2566 · ที่มา: ภาพรวมแผนงานทุนวัฒนธรรม 2563–2566" in page
