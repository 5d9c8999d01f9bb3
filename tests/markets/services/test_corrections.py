import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, InternalError, transaction

from culturalmap.core.exceptions import Conflict, RecordNotFound
from culturalmap.markets.models import EventSales, SalesEntry
from culturalmap.markets.services import event_sales_log, sales_entry_correct
from tests.factories import CulturalMarketFactory, MarketEventFactory, SalesEntryFactory

pytestmark = pytest.mark.django_db
DAY = datetime.date(2024, 9, 29)


@pytest.fixture
def logged(market, organiser):
    _event, entries = event_sales_log(
        market=market, held_on=DAY, user=organiser, vendor_sales=[("ร้านหนึ่ง", "1000"), ("ร้านสอง", "500")]
    )
    return entries


def test_a_correction_is_a_new_entry_and_replaces_the_amount(logged, organiser):
    first, second = logged
    fix = sales_entry_correct(entry_id=first.pk, amount="1,100", user=organiser, note="นับผิด")
    assert (fix.corrects, fix.vendor, fix.amount, fix.recorded_by) == (
        first,
        "ร้านหนึ่ง",
        Decimal("1100.00"),
        organiser,
    )
    assert SalesEntry.objects.get(pk=first.pk).amount == Decimal("1000.00")  # history kept
    assert EventSales.objects.get(event=first.event).sales == Decimal("1600.00")


def test_a_correction_can_itself_be_corrected(logged, organiser):
    first, _second = logged
    fix = sales_entry_correct(entry_id=first.pk, amount="1100", user=organiser)
    sales_entry_correct(entry_id=fix.pk, amount="0", user=organiser)
    assert EventSales.objects.get(event=first.event).sales == Decimal("500.00")


def test_correcting_an_entry_already_corrected_is_a_conflict(logged, organiser):
    first, _second = logged
    fix = sales_entry_correct(entry_id=first.pk, amount="1100", user=organiser)
    with pytest.raises(Conflict) as conflict:
        sales_entry_correct(entry_id=first.pk, amount="1200", user=organiser)
    assert conflict.value.extra["corrected_by"] == fix.pk
    assert EventSales.objects.get(event=first.event).sales == Decimal("1600.00")


def test_a_negative_correction_is_refused(logged, organiser):
    with pytest.raises(ValidationError):
        sales_entry_correct(entry_id=logged[0].pk, amount="-5", user=organiser)
    assert not SalesEntry.objects.filter(corrects__isnull=False).exists()


def test_an_entry_of_another_markets_event_is_refused(logged, curator):
    other = CulturalMarketFactory()
    with pytest.raises(ValidationError, match="ตลาดอื่น"):
        sales_entry_correct(entry_id=logged[0].pk, amount="5", user=curator, market=other)
    assert not SalesEntry.objects.filter(corrects__isnull=False).exists()


def test_only_the_markets_organisers_may_correct(logged, other_organiser, user):
    for someone in (other_organiser, user):
        with pytest.raises(PermissionDenied):
            sales_entry_correct(entry_id=logged[0].pk, amount="5", user=someone)
    assert not SalesEntry.objects.filter(corrects__isnull=False).exists()


def test_an_unknown_entry_is_a_clear_error(organiser):
    with pytest.raises(RecordNotFound, match="ไม่พบ"):
        sales_entry_correct(entry_id=987654321, amount="5", user=organiser)


def test_the_database_refuses_a_correction_pointing_into_another_event():
    entry = SalesEntryFactory()
    elsewhere = MarketEventFactory(market=entry.event.market)
    with pytest.raises((IntegrityError, InternalError)), transaction.atomic():
        SalesEntry.objects.create(event=elsewhere, amount=Decimal("1"), corrects=entry)
