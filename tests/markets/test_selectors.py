"""The revenue series on a small ledger whose figures are worked out by hand below."""

import datetime
from decimal import Decimal

import pytest

from culturalmap.markets.selectors import (
    NATION,
    RevenueScope,
    event_sales_drift,
    revenue_series,
    revenue_summary,
)
from tests.factories import (
    CulturalDistrictFactory,
    CulturalMarketFactory,
    MarketEventFactory,
    SalesEntryFactory,
    province,
)

pytestmark = pytest.mark.django_db
D = datetime.date


def sale(event, amount, **kwargs):
    return SalesEntryFactory(event=event, amount=Decimal(amount), **kwargs)


@pytest.fixture
def ledger():
    """Market A (×1.5, 10,000 baht public funding) in Lampang; B (×1) in another city, in Nakhon Si
    Thammarat; C is a draft. A's sales: 30 Sep 2023: 1,000 · 1 Oct 2023: 2,000 + 500 corrected to 700
    · 15 Oct 2023: 300 · 10 Jan 2024: 400. B: 2 Oct 2023: 5,000. C: 3 Oct 2023: 99,999."""
    a = CulturalMarketFactory(stimulus_multiplier=Decimal("1.5"), public_funding=Decimal("10000"))
    b = CulturalMarketFactory(
        stimulus_multiplier=Decimal("1"),
        province=province("80"),
        district=CulturalDistrictFactory(province=province("80")),
    )
    c = CulturalMarketFactory(status="draft", district=a.district)
    sale(MarketEventFactory(market=a, held_on=D(2023, 9, 30), vendors_present=10), "1000")
    oct1 = MarketEventFactory(market=a, held_on=D(2023, 10, 1), vendors_present=20)
    sale(oct1, "2000")
    sale(oct1, "700", corrects=sale(oct1, "500"))
    sale(MarketEventFactory(market=a, held_on=D(2023, 10, 15)), "300")
    sale(MarketEventFactory(market=a, held_on=D(2024, 1, 10)), "400")
    sale(MarketEventFactory(market=b, held_on=D(2023, 10, 2)), "5000")
    sale(MarketEventFactory(market=c, held_on=D(2023, 10, 3)), "99999")
    return a, b, c


def column(rows, name):
    return [row[name] for row in rows]


def test_monthly_series_of_a_market(ledger):
    a, _b, _c = ledger
    rows = revenue_series(scope=RevenueScope("market", a.pk), interval="month")
    assert column(rows, "period_start") == [
        D(2023, 9, 1),
        D(2023, 10, 1),
        D(2023, 11, 1),
        D(2023, 12, 1),
        D(2024, 1, 1),
    ]
    assert column(rows, "period_end")[:2] == [D(2023, 9, 30), D(2023, 10, 31)]
    assert column(rows, "events") == [1, 2, 0, 0, 1]
    assert column(rows, "sales") == [1000, 3000, 0, 0, 400]
    assert column(rows, "stimulus") == [1500, 4500, 0, 0, 600]
    assert column(rows, "cumulative_sales") == [1000, 4000, 4000, 4000, 4400]
    assert column(rows, "public_roi") == [
        Decimal("0.15"),
        Decimal("0.6"),
        Decimal("0.6"),
        Decimal("0.6"),
        Decimal("0.66"),
    ]
    assert column(rows, "moving_average") == [1000, 2000, Decimal("1333.33"), 1000, Decimal("133.33")]
    assert column(rows, "growth") == [None, 2, -1, None, None]
    assert column(rows, "vendors")[:2] == [10, 20]  # 15 Oct has no head count: the average ignores it
    assert rows[0]["label"] == "ก.ย. 66"


def test_fiscal_years_run_october_to_september_and_carry_their_be_name(ledger):
    a, _b, _c = ledger
    rows = revenue_series(scope=RevenueScope("market", a.pk), interval="fiscal_year")
    assert [(r["period_start"], r["period_end"], r["label"], r["events"], r["sales"]) for r in rows] == [
        (D(2022, 10, 1), D(2023, 9, 30), "ปีงบประมาณ 2566", 1, 1000),
        (D(2023, 10, 1), D(2024, 9, 30), "ปีงบประมาณ 2567", 3, 3400),
    ]


def test_weeks_start_on_monday_and_quarters_on_their_first_day(ledger):
    a, _b, _c = ledger
    weeks = revenue_series(scope=RevenueScope("market", a.pk), interval="week")
    # Sat 30 Sep and Sun 1 Oct 2023 share the week of Monday 25 Sep.
    assert (weeks[0]["period_start"], weeks[0]["period_end"], weeks[0]["sales"]) == (
        D(2023, 9, 25),
        D(2023, 10, 1),
        3700,
    )
    assert sum(column(weeks, "sales")) == 4400 and all(r["period_start"].weekday() == 0 for r in weeks)
    quarters = revenue_series(scope=RevenueScope("market", a.pk), interval="quarter")
    assert [(r["period_start"], r["sales"]) for r in quarters] == [
        (D(2023, 7, 1), 1000),
        (D(2023, 10, 1), 3000),
        (D(2024, 1, 1), 400),
    ]


def test_one_row_per_event_in_date_order(ledger):
    a, _b, _c = ledger
    rows = revenue_series(scope=RevenueScope("market", a.pk), interval="event")
    assert column(rows, "period_start") == [D(2023, 9, 30), D(2023, 10, 1), D(2023, 10, 15), D(2024, 1, 10)]
    assert column(rows, "sales") == [1000, 2700, 300, 400]
    assert column(rows, "cumulative_sales") == [1000, 3700, 4000, 4400]
    assert set(column(rows, "market")) == {a.code}


def test_a_date_range_keeps_the_cumulative_figures_of_what_came_before(ledger):
    a, _b, _c = ledger
    rows = revenue_series(
        scope=RevenueScope("market", a.pk),
        interval="month",
        date_from=D(2023, 10, 1),
        date_to=D(2023, 12, 31),
    )
    assert [(r["period_start"], r["sales"], r["cumulative_sales"]) for r in rows] == [
        (D(2023, 10, 1), 3000, 4000)
    ]


def test_district_city_and_province_series_add_up_their_published_markets(ledger):
    a, b, _c = ledger
    for scope in (
        RevenueScope("district", a.district_id),
        RevenueScope("city", a.district.city_id),
        RevenueScope("province", a.province_id),
    ):
        rows = revenue_series(scope=scope, interval="fiscal_year")
        assert column(rows, "sales") == [1000, 3400], scope  # the draft market C is left out
    rows = revenue_series(scope=RevenueScope("province", b.province_id), interval="month")
    assert column(rows, "sales") == [5000]
    with_drafts = revenue_series(
        scope=RevenueScope("district", a.district_id), interval="fiscal_year", include_unpublished=True
    )
    assert column(with_drafts, "sales") == [1000, 3400 + 99999]


def test_the_nation_adds_every_published_market(ledger):
    before_total = sum(r["sales"] for r in revenue_series(scope=NATION, interval="month"))
    rows = revenue_series(scope=NATION, interval="month", date_from=D(2023, 10, 1), date_to=D(2023, 10, 31))
    assert (rows[0]["events"], rows[0]["sales"], rows[0]["stimulus"]) == (3, 8000, 9500)
    assert before_total >= 9400


def test_a_summary_over_several_markets_names_them_and_gives_no_growth_between_them(ledger):
    a, b, _c = ledger
    d = CulturalMarketFactory(district=a.district)  # A's district: first event A's, latest D's
    sale(MarketEventFactory(market=d, held_on=D(2024, 2, 1)), "900")
    summary = revenue_summary(scope=RevenueScope("district", a.district_id))
    assert summary["first_event"]["market_name_th"] == a.name_th
    assert summary["latest_event"]["market_name_th"] == d.name_th
    assert summary["growth"] is None  # 1,000 → 900 compares two markets: not a growth


def test_summary_gives_first_and_latest_event_and_growth(ledger):
    a, _b, _c = ledger
    summary = revenue_summary(scope=RevenueScope("market", a.pk))
    assert (summary["events"], summary["sales"], summary["stimulus"]) == (4, 4400, 6600)
    assert (summary["first_event"]["held_on"], summary["first_event"]["sales"]) == (D(2023, 9, 30), 1000)
    assert (summary["latest_event"]["held_on"], summary["latest_event"]["sales"]) == (D(2024, 1, 10), 400)
    assert summary["growth"] == Decimal("-0.6")
    assert summary["public_roi"] == Decimal("0.66")
    assert summary["vendors"] == 15


def test_the_summary_table_agrees_with_the_ledger(ledger):
    assert event_sales_drift() == []
    a, _b, _c = ledger
    for interval in ("event", "month", "fiscal_year"):
        fast = revenue_series(scope=NATION, interval=interval, include_unpublished=True)
        slow = revenue_series(scope=NATION, interval=interval, include_unpublished=True, from_ledger=True)
        assert fast == slow
