from decimal import Decimal

import pytest
from django.db import IntegrityError, InternalError, transaction

from culturalmap.markets.models import SalesEntry
from tests.factories import SalesEntryFactory

pytestmark = pytest.mark.django_db


def test_a_sales_entry_cannot_be_edited_in_place():
    entry = SalesEntryFactory()
    with pytest.raises((IntegrityError, InternalError)), transaction.atomic():
        SalesEntry.objects.filter(pk=entry.pk).update(amount=Decimal("1"))
    assert SalesEntry.objects.get(pk=entry.pk).amount == Decimal("25048")


def test_a_sales_entry_cannot_be_deleted():
    entry = SalesEntryFactory()
    with pytest.raises((IntegrityError, InternalError)), transaction.atomic():
        SalesEntry.objects.filter(pk=entry.pk).delete()
    assert SalesEntry.objects.filter(pk=entry.pk).exists()


def test_an_entry_can_be_corrected_only_once():
    entry = SalesEntryFactory()
    SalesEntryFactory(event=entry.event, corrects=entry, amount=Decimal("30000"))
    with pytest.raises(IntegrityError), transaction.atomic():
        SalesEntryFactory(event=entry.event, corrects=entry, amount=Decimal("31000"))


def test_a_negative_amount_is_refused_by_the_database():
    with pytest.raises(IntegrityError), transaction.atomic():
        SalesEntryFactory(amount=Decimal("-1"))
