"""Festivals: events of several days, held by a district's community, a market or a university
network, in the same ledger; counted once, on their first day; shown apart from or with the markets."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from culturalmap.markets.festivals import festival_log
from culturalmap.markets.models import EventKind
from culturalmap.markets.selectors import RevenueScope, revenue_series, revenue_summary
from culturalmap.markets.services import event_sales_log
from tests.factories import CulturalMarketFactory

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def three_days(market, organiser):
    """Thung Song's local goods festival: 31 Jan – 2 Feb 2024, across a month's end."""
    event_sales_log(market=market, user=organiser, held_on=D(2024, 1, 27), total="100,000")
    event, _entries = festival_log(
        district=market.district,
        user=organiser,
        name_th="งานเทศกาลของดีทุ่งสง",
        held_on=D(2024, 1, 31),
        ends_on=D(2024, 2, 2),
        host="network",
        network_name="เครือข่ายมหาวิทยาลัยราชภัฏ",
        manager_name="นางสาวพรทิพย์ ศรีสุข",
        total="๒,๔๐๐,๐๐๐",
        visitors="18,500",
    )
    return event


def test_a_three_day_festival_is_one_event_of_the_district(market, three_days):
    assert three_days.kind == EventKind.FESTIVAL and three_days.market is None
    assert (three_days.days, three_days.visitors) == (3, 18500)
    district = RevenueScope("district", market.district_id)
    assert revenue_summary(scope=district, kind="festival")["events"] == 1
    together = revenue_summary(scope=district, kind="all")
    assert (together["events"], together["festivals"], together["sales"]) == (2, 1, Decimal("2500000"))
    # Market nights alone: the festival is not in the market's figures, nor in its own scope.
    assert revenue_summary(scope=district)["sales"] == Decimal("100000")
    assert revenue_summary(scope=RevenueScope("market", market.pk), kind="all")["events"] == 1


def test_it_counts_in_the_period_of_its_first_day_with_all_its_sales(market, three_days):
    months = revenue_series(scope=RevenueScope("district", market.district_id), interval="month", kind="all")
    assert [(r["period_start"], r["events"], r["festivals"], r["sales"]) for r in months] == [
        (D(2024, 1, 1), 2, 1, Decimal("2500000")),
    ]
    events = revenue_series(
        scope=RevenueScope("district", market.district_id), interval="event", kind="festival"
    )
    assert [(r["period_start"], r["period_end"], r["kind"], r["market"]) for r in events] == [
        (D(2024, 1, 31), D(2024, 2, 2), "festival", None)
    ]


def test_logging_the_same_festival_again_replaces_its_total(market, organiser, three_days):
    again, entries = festival_log(
        district=market.district,
        user=organiser,
        name_th="งานเทศกาลของดีทุ่งสง",
        held_on=D(2024, 1, 31),
        ends_on=D(2024, 2, 2),
        host="network",
        network_name="เครือข่ายมหาวิทยาลัยราชภัฏ",
        total="2,450,000",
    )
    assert again.pk == three_days.pk and entries[0].corrects_id is not None
    assert revenue_summary(scope=RevenueScope("district", market.district_id), kind="festival")[
        "sales"
    ] == Decimal("2450000")


def test_a_market_held_festival_is_in_the_markets_figures_when_asked(market, organiser):
    festival_log(
        district=market.district,
        user=organiser,
        name_th="ยี่เป็งกาดกองต้า",
        held_on=D(2023, 11, 26),
        ends_on=D(2023, 11, 28),
        host="market",
        market=market,
        total="600000",
    )
    scope = RevenueScope("market", market.pk)
    assert revenue_summary(scope=scope)["events"] == 0
    assert revenue_summary(scope=scope, kind="festival")["sales"] == Decimal("600000")


@pytest.mark.parametrize(
    "change, field",
    [
        ({"ends_on": D(2024, 1, 30)}, "ends_on"),  # ends before it starts
        ({"ends_on": D(2024, 3, 15)}, "ends_on"),  # longer than a month
        ({"host": "market"}, "market"),  # a market's festival without the market
        ({"host": "network", "network_name": ""}, "network_name"),
        ({"name_th": "  "}, "name_th"),
        ({"ends_on": D(2999, 1, 1)}, "ends_on"),  # not over yet
    ],
)
def test_bad_festivals_are_refused_with_the_field_and_reason(market, organiser, change, field):
    values = {
        "name_th": "งานบุญ",
        "held_on": D(2024, 1, 31),
        "ends_on": D(2024, 2, 2),
        "host": "district",
        **change,
    }
    with pytest.raises(ValidationError) as refused:
        festival_log(district=market.district, user=organiser, total="1000", **values)
    assert field in refused.value.message_dict


def test_a_market_of_another_district_cannot_hold_it(market, organiser):
    other = CulturalMarketFactory()
    with pytest.raises(ValidationError) as refused:
        festival_log(
            district=market.district,
            user=organiser,
            name_th="งานบุญ",
            held_on=D(2024, 1, 31),
            host="market",
            market=other,
            total="1000",
        )
    assert "market" in refused.value.message_dict


def test_only_organisers_of_the_districts_markets_log_its_festivals(market, other_organiser):
    with pytest.raises(PermissionDenied):
        festival_log(district=market.district, user=other_organiser, name_th="งานบุญ", held_on=D(2024, 1, 31))


def test_the_api_and_the_dashboard_show_markets_festivals_or_both(client, market, three_days):
    url = f"/api/districts/{market.district.code}/revenue/"
    assert sum(r["events"] for r in client.get(url).json()["series"]) == 1
    body = client.get(url, {"kind": "all", "interval": "fiscal_year"}).json()
    assert body["kind"] == "all" and body["series"][-1]["festivals"] == 1
    assert client.get(url, {"kind": "fair"}).status_code == 400
    csv = client.get(url, {"kind": "festival", "interval": "event", "format": "csv"}).content.decode()
    assert "festival" in csv.splitlines()[1] and "2400000" in csv
    page = client.get(market.district.get_absolute_url() + "?kind=all").content.decode()
    assert 'aria-current="true">ตลาดและเทศกาล' in page and "งานเทศกาลของดีทุ่งสง" in page
    assert "31 ม.ค. 2567 – 2 ก.พ. 2567 (3 วัน)" in page
    assert "นางสาวพรทิพย์" not in page  # the festival manager is a person: organisers' pages only
    assert "ในช่วงเวลาของวันแรกของงาน" in page  # the rule, stated


def test_an_organiser_logs_a_three_day_festival_on_the_page(client, organiser, market):
    client.force_login(organiser)
    url = f"/organiser/{market.code}/festivals/"
    response = client.post(
        url,
        {
            "name_th": "งานแห่เทียนพรรษา",
            "held_on": "20/07/2567",
            "ends_on": "22/07/2567",
            "host": "market",
            "market": market.pk,
            "manager_name": "นายสมชาย ทองคำ",
            "vendor_lines": "ลุงดำ, 1,200\nป้าแดง, 800",
            "visitors": "๕,๐๐๐",
        },
    )
    assert response.status_code == 302
    page = client.get(url).content.decode()
    assert "บันทึกงาน งานแห่เทียนพรรษา 20 ก.ค. 2567 – 22 ก.ค. 2567 (3 วัน) แล้ว" in page
    assert "2,000.00" in page and "นายสมชาย ทองคำ" in page
    bad = client.post(
        url, {"name_th": "งาน", "held_on": "22/07/2567", "ends_on": "20/07/2567", "host": "district"}
    )
    assert bad.status_code == 400 and "ก่อนวันแรก" in bad.content.decode()
