import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from culturalmap.core.exceptions import Conflict
from culturalmap.markets.models import EventSales, MarketEvent, SalesEntry
from culturalmap.markets.services import event_sales_log, market_event_open
from tests.markets.conftest import saved_user

pytestmark = pytest.mark.django_db
DAY = datetime.date(2024, 9, 29)


def event_sales(event) -> Decimal:
    return EventSales.objects.get(event=event).sales


def test_an_organiser_logs_an_event_total_with_head_counts(market, organiser):
    event, entries = event_sales_log(
        market=market, held_on=DAY, user=organiser, total="593,247", vendors_present="231", visitors=4000
    )
    assert [e.amount for e in entries] == [Decimal("593247.00")]
    assert entries[0].recorded_by == organiser and entries[0].vendor == ""
    event.refresh_from_db()
    assert (event.vendors_present, event.visitors) == (231, 4000)
    assert event_sales(event) == Decimal("593247.00")


def test_sales_per_vendor_add_up_for_the_event(market, organiser):
    event, entries = event_sales_log(
        market=market,
        held_on=DAY,
        user=organiser,
        vendor_sales=[("ป้าแดง ขนมจีน", "1,200"), ("ลุงมา", "๘๐๐.๕๐")],
    )
    assert [(e.vendor, e.amount) for e in entries] == [
        ("ป้าแดง ขนมจีน", Decimal("1200.00")),
        ("ลุงมา", Decimal("800.50")),
    ]
    assert event_sales(event) == Decimal("2000.50")


def test_opening_the_same_day_twice_gives_the_same_event(market, organiser):
    first = market_event_open(market=market, held_on=DAY, user=organiser)
    again = market_event_open(market=market, held_on=DAY, user=organiser, visitors=120)
    assert first.pk == again.pk
    assert MarketEvent.objects.filter(market=market, held_on=DAY).count() == 1
    assert MarketEvent.objects.get(pk=first.pk).visitors == 120


@pytest.mark.parametrize("amount", ["-1", "ห้าร้อย", "12,34", "1.234", ""])
def test_bad_amounts_store_nothing(market, organiser, amount):
    event_sales_log(market=market, held_on=DAY, user=organiser, total="100")
    with pytest.raises(ValidationError):
        event_sales_log(
            market=market,
            held_on=DAY,
            user=organiser,
            vendor_sales=[("ร้านดี", "50"), ("ร้านเสีย", amount)] if amount else [("", "5")],
        )
    assert SalesEntry.objects.filter(event__market=market).count() == 1
    assert event_sales(MarketEvent.objects.get(market=market)) == Decimal("100.00")


def test_a_date_in_the_future_is_refused(market, organiser):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    with pytest.raises(ValidationError, match="ยังไม่มาถึง"):
        event_sales_log(market=market, held_on=tomorrow, user=organiser, total="100")
    assert not MarketEvent.objects.filter(market=market).exists()


def test_a_date_before_the_market_opened_is_refused(market, organiser):
    with pytest.raises(ValidationError, match="ก่อนตลาดเปิด"):
        event_sales_log(
            market=market, held_on=market.opened_on - datetime.timedelta(days=1), user=organiser, total="100"
        )
    assert not MarketEvent.objects.filter(market=market).exists()


def test_a_total_and_vendor_lines_together_are_refused(market, organiser):
    with pytest.raises(ValidationError):
        event_sales_log(market=market, held_on=DAY, user=organiser, total="100", vendor_sales=[("ร้าน", "5")])
    assert not SalesEntry.objects.exists()


def test_per_vendor_sales_cannot_be_added_to_an_event_logged_as_a_total(market, organiser):
    event, _entries = event_sales_log(market=market, held_on=DAY, user=organiser, total="1000")
    with pytest.raises(ValidationError, match="ยอดรวม"):
        event_sales_log(market=market, held_on=DAY, user=organiser, vendor_sales=[("ร้าน", "5")])
    assert event_sales(event) == Decimal("1000.00")


def test_an_organiser_of_another_market_gets_permission_denied(market, other_organiser):
    with pytest.raises(PermissionDenied):
        event_sales_log(market=market, held_on=DAY, user=other_organiser, total="100")
    assert not MarketEvent.objects.filter(market=market).exists()


def test_a_curator_may_log_for_any_market(market, curator):
    _event, entries = event_sales_log(market=market, held_on=DAY, user=curator, total="100")
    assert entries[0].recorded_by == curator


# A retry of the same request (a lost answer, a double click) logs the sales once -----------------


def test_a_retry_with_the_same_request_key_logs_nothing_more(market, organiser):
    lines = [("ป้าแดง", "1,200"), ("ลุงมา", "800")]
    event, first = event_sales_log(
        market=market,
        held_on=DAY,
        user=organiser,
        vendor_sales=lines,
        vendors_present=2,
        request_key="phone-7f3a",
    )
    again_event, again = event_sales_log(
        market=market,
        held_on=DAY,
        user=organiser,
        vendor_sales=lines,
        vendors_present=2,
        request_key="phone-7f3a",
    )
    assert again_event == event and [e.pk for e in again] == [e.pk for e in first]
    assert SalesEntry.objects.filter(event=event).count() == 2
    assert event_sales(event) == Decimal("2000")
    # Without a key, or with a new one, the same figures are new sales.
    event_sales_log(market=market, held_on=DAY, user=organiser, vendor_sales=lines, request_key="phone-7f3b")
    assert event_sales(event) == Decimal("4000")


def test_a_request_key_reused_for_other_sales_is_refused_and_stores_nothing(market, organiser):
    event, _ = event_sales_log(market=market, held_on=DAY, user=organiser, total="500", request_key="k1")
    week_before = DAY - datetime.timedelta(days=7)
    for changed in (dict(held_on=DAY, total="501"), dict(held_on=week_before, total="500")):
        with pytest.raises(Conflict, match="รหัสคำขอ"):
            event_sales_log(market=market, user=organiser, request_key="k1", **changed)
    assert SalesEntry.objects.filter(event__market=market).count() == 1
    assert event_sales(event) == Decimal("500")


def test_request_keys_belong_to_their_organiser(market, organiser):
    other = saved_user()
    market.organisers.add(other)
    event_sales_log(market=market, held_on=DAY, user=organiser, total="500", request_key="same")
    event_sales_log(market=market, held_on=DAY, user=other, total="300", request_key="same")
    assert SalesEntry.objects.filter(event__market=market).count() == 2


def test_a_request_key_longer_than_100_characters_is_refused(market, organiser):
    with pytest.raises(ValidationError, match="100"):
        event_sales_log(market=market, held_on=DAY, user=organiser, total="5", request_key="k" * 101)
