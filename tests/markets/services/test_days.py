"""Real nights: a total typed again replaces the first, wrong days are moved or withdrawn, the
market night runs past midnight."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from culturalmap.core.exceptions import Conflict, RecordNotFound
from culturalmap.markets.models import EventSales, MarketEvent, SalesEntry
from culturalmap.markets.selectors import RevenueScope, market_night, revenue_series, revenue_summary
from culturalmap.markets.services import (
    event_sales_log,
    market_event_move,
    market_event_withdraw,
    sales_entry_correct,
)

pytestmark = pytest.mark.django_db
DAY = datetime.date(2024, 9, 29)
BANGKOK = datetime.timezone(datetime.timedelta(hours=7))


def sales(market, day) -> Decimal:
    return EventSales.objects.get(event__market=market, event__held_on=day).sales


def events_held(market) -> int:
    return revenue_summary(scope=RevenueScope("market", market.pk), include_unpublished=True)["events"]


def test_a_nights_total_entered_again_replaces_the_earlier_one(market, organiser):
    _event, (first,) = event_sales_log(market=market, held_on=DAY, user=organiser, total="12,345")
    _event, (second,) = event_sales_log(market=market, held_on=DAY, user=organiser, total="15,000")
    assert second.corrects == first and second.kind == "correction"
    assert sales(market, DAY) == Decimal("15000")  # not 27,345
    assert SalesEntry.objects.filter(event__market=market).count() == 2  # both kept in the ledger


def test_vendor_lines_still_add_to_the_night(market, organiser):
    event_sales_log(market=market, held_on=DAY, user=organiser, vendor_sales=[("ป้าแดง", "500")])
    event_sales_log(market=market, held_on=DAY, user=organiser, vendor_sales=[("ลุงมา", "700")])
    assert sales(market, DAY) == Decimal("1200")


@pytest.mark.parametrize(
    ("now", "night"),
    [
        (datetime.datetime(2024, 9, 30, 1, 30, tzinfo=BANGKOK), datetime.date(2024, 9, 29)),
        (datetime.datetime(2024, 9, 30, 5, 59, tzinfo=BANGKOK), datetime.date(2024, 9, 29)),
        (datetime.datetime(2024, 9, 30, 6, 0, tzinfo=BANGKOK), datetime.date(2024, 9, 30)),
        (datetime.datetime(2024, 9, 29, 20, 0, tzinfo=BANGKOK), datetime.date(2024, 9, 29)),
        (
            datetime.datetime(2024, 9, 29, 18, 30, tzinfo=datetime.UTC),
            datetime.date(2024, 9, 29),
        ),  # 01:30 in Bangkok
    ],
)
def test_the_market_night_runs_until_six_in_the_morning_in_bangkok(now, night):
    assert market_night(now) == night


def test_a_day_logged_by_mistake_is_withdrawn_and_no_longer_counts_as_held(market, organiser):
    event_sales_log(
        market=market, held_on=DAY, user=organiser, vendor_sales=[("ป้าแดง", "500"), ("ลุงมา", "700")]
    )
    event_sales_log(market=market, held_on=DAY - datetime.timedelta(days=7), user=organiser, total="900")
    assert events_held(market) == 2
    market_event_withdraw(market=market, held_on=DAY, user=organiser, reason="บันทึกผิดตลาด")
    event = MarketEvent.objects.get(market=market, held_on=DAY)
    assert event.withdrawn_at is not None and event.withdrawn_reason == "บันทึกผิดตลาด"
    assert sales(market, DAY) == 0 and events_held(market) == 1
    series = revenue_series(
        scope=RevenueScope("market", market.pk), interval="month", include_unpublished=True
    )
    assert [r["events"] for r in series] == [1] and series[0]["sales"] == Decimal("900")
    assert SalesEntry.objects.filter(event=event, kind="reversal").count() == 2
    with pytest.raises(Conflict):
        market_event_withdraw(market=market, held_on=DAY, user=organiser)
    # Logging on it again reopens it.
    event_sales_log(market=market, held_on=DAY, user=organiser, vendor_sales=[("ป้าแดง", "650")])
    assert events_held(market) == 2 and sales(market, DAY) == Decimal("650")


def test_correcting_to_zero_alone_still_counts_a_night_held_withdrawing_does_not(market, organiser):
    _event, (entry,) = event_sales_log(market=market, held_on=DAY, user=organiser, total="5000")
    sales_entry_correct(entry_id=entry.pk, amount="0", user=organiser)
    assert events_held(market) == 1  # a night with no sales is still a night held
    market_event_withdraw(market=market, held_on=DAY, user=organiser)
    assert events_held(market) == 0


def test_a_day_is_moved_to_the_right_date_with_its_lines_and_head_counts(market, organiser):
    wrong, right = DAY, DAY - datetime.timedelta(days=1)
    event_sales_log(
        market=market,
        held_on=wrong,
        user=organiser,
        vendor_sales=[("ป้าแดง", "500"), ("ลุงมา", "700")],
        visitors=300,
    )
    target = market_event_move(market=market, held_on=wrong, to=right, user=organiser, reason="พิมพ์วันผิด")
    assert target.held_on == right and target.visitors == 300
    assert sales(market, right) == Decimal("1200") and sales(market, wrong) == 0
    assert MarketEvent.objects.get(market=market, held_on=wrong).withdrawn_at is not None
    series = revenue_series(
        scope=RevenueScope("market", market.pk), interval="event", include_unpublished=True
    )
    assert [(r["period_start"], r["sales"]) for r in series] == [(right, Decimal("1200"))]


def test_a_move_that_would_mix_totals_and_vendor_lines_is_refused(market, organiser):
    event_sales_log(market=market, held_on=DAY, user=organiser, vendor_sales=[("ป้าแดง", "500")])
    other = DAY - datetime.timedelta(days=7)
    event_sales_log(market=market, held_on=other, user=organiser, total="900")
    with pytest.raises(ValidationError, match="ยอดรวม"):
        market_event_move(market=market, held_on=DAY, to=other, user=organiser)
    assert sales(market, DAY) == Decimal("500") and sales(market, other) == Decimal("900")
    with pytest.raises(RecordNotFound):
        market_event_move(market=market, held_on=DAY - datetime.timedelta(days=1), to=DAY, user=organiser)
    with pytest.raises(ValidationError, match="ยังไม่มาถึง"):
        market_event_move(
            market=market, held_on=DAY, to=datetime.date.today() + datetime.timedelta(2), user=organiser
        )


def test_a_vendor_name_is_corrected_and_the_amount_kept(market, organiser):
    _event, (entry,) = event_sales_log(
        market=market, held_on=DAY, user=organiser, vendor_sales=[("ลุงดำ ผ้าทอ", "14,245.50")]
    )
    fix = sales_entry_correct(entry_id=entry.pk, vendor="ลุงดำผ้าทอ", user=organiser)
    assert (fix.vendor, fix.amount, fix.corrects) == ("ลุงดำผ้าทอ", Decimal("14245.50"), entry)
    assert sales(market, DAY) == Decimal("14245.50")
    with pytest.raises(ValidationError):
        sales_entry_correct(entry_id=fix.pk, vendor="", user=organiser)  # a vendor line keeps a name
