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
