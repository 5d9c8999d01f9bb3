from decimal import Decimal

import pytest
from django.db import connection

from culturalmap.markets.models import EventSales
from culturalmap.markets.selectors import event_sales_drift
from culturalmap.markets.services import event_sales_rebuild, sales_entry_correct
from tests.factories import MarketEventFactory, SalesEntryFactory

pytestmark = pytest.mark.django_db


def test_a_summary_gone_wrong_is_found_and_rebuilt_from_the_ledger(curator):
    event = MarketEventFactory()
    first = SalesEntryFactory(event=event, amount=Decimal("100"))
    SalesEntryFactory(event=event, amount=Decimal("50"))
    sales_entry_correct(entry_id=first.pk, amount="120", user=curator)
    assert EventSales.objects.get(event=event).sales == Decimal("170")
    with connection.cursor() as cursor:  # a repair that went around the trigger
        cursor.execute("UPDATE markets_eventsales SET sales = 1 WHERE event_id = %s", [event.pk])
    drift = event_sales_drift()
    assert [(d["event_id"], d["ledger_sales"], d["summary_sales"]) for d in drift] == [
        (event.pk, Decimal("170"), Decimal("1"))
    ]
    assert event_sales_rebuild() >= 1
    assert event_sales_drift() == []
    assert EventSales.objects.get(event=event).entries == 2
