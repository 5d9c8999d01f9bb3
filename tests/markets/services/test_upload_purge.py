"""Previews nobody committed are purged after a day; what the ledger's history needs stays."""

import datetime
import io
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from culturalmap.core.exceptions import Conflict, RecordNotFound
from culturalmap.markets.models import SalesUpload
from culturalmap.markets.services import event_sales_log
from culturalmap.markets.uploads import (
    sales_sheet_preview,
    sales_upload_commit,
    sales_upload_discard,
    sales_upload_undo,
    sales_uploads_purge,
)
from tests.factories import CulturalMarketFactory
from tests.markets.sheets import sales_on

pytestmark = pytest.mark.django_db
D1 = datetime.date(2024, 9, 1)
SHEET = 'วันที่,ร้าน,ยอดขาย\n01/09/2567,ลุงดำ ผ้าทอ,"1,500"\n01/09/2567,ป้าแดง,700\n'
OTHER_SHEET = "วันที่,ร้าน,ยอดขาย\n08/09/2567,ป้าแดง,300\n"


def preview(market, user, text=SHEET):
    return sales_sheet_preview(market=market, user=user, content=text.encode(), file_name="ยอด.csv")


def age(*uploads, hours: float) -> None:
    SalesUpload.objects.filter(pk__in=[u.pk for u in uploads]).update(
        uploaded_at=timezone.now() - datetime.timedelta(hours=hours)
    )


def exists(upload) -> bool:
    return SalesUpload.objects.filter(pk=upload.pk).exists()


def test_stale_previews_go_and_the_ledgers_history_stays(market, organiser):
    committed = sales_upload_commit(upload_id=preview(market, organiser).pk, user=organiser)
    undone = sales_upload_commit(upload_id=preview(market, organiser, OTHER_SHEET).pk, user=organiser)
    sales_upload_undo(upload_id=undone.pk, user=organiser)
    waiting = preview(market, organiser, OTHER_SHEET)
    discarded = sales_upload_discard(upload_id=preview(market, organiser, OTHER_SHEET).pk, user=organiser)
    recent = preview(market, organiser, OTHER_SHEET)
    age(committed, undone, waiting, discarded, hours=30)
    age(recent, hours=2)

    assert sales_uploads_purge() == 2
    assert not exists(waiting) and not exists(discarded)
    assert exists(committed) and exists(undone) and exists(recent)
    assert sales_on(market, D1) == Decimal("2200")  # the ledger does not notice
    with pytest.raises(RecordNotFound):  # committing a purged preview says it is not there
        sales_upload_commit(upload_id=waiting.pk, user=organiser)


def test_a_superseded_preview_stays_while_the_upload_that_superseded_it_does(market, organiser):
    first = preview(market, organiser)
    event_sales_log(market=market, user=organiser, held_on=D1, total=Decimal("999"))  # the ledger moves
    with pytest.raises(Conflict):
        sales_upload_commit(upload_id=first.pk, user=organiser)
    fresh = SalesUpload.objects.get(supersedes=first)
    assert fresh.status == "preview"
    sales_upload_commit(upload_id=fresh.pk, user=organiser)
    age(first, fresh, hours=48)
    assert sales_uploads_purge() == 0 and exists(first)  # the committed upload names it

    # A chain nobody committed goes whole: the superseded preview and the waiting one after it.
    second = preview(market, organiser, OTHER_SHEET)
    event_sales_log(market=market, user=organiser, held_on=datetime.date(2024, 9, 8), total=Decimal("5"))
    with pytest.raises(Conflict):
        sales_upload_commit(upload_id=second.pk, user=organiser)
    again = SalesUpload.objects.get(supersedes=second)
    age(second, again, hours=48)
    assert sales_uploads_purge() == 2 and not exists(second) and not exists(again) and exists(first)


def test_a_new_preview_purges_its_markets_stale_previews_only(market, organiser):
    old = preview(market, organiser)
    other_market = CulturalMarketFactory()
    other_market.organisers.add(organiser)
    elsewhere = preview(other_market, organiser)
    age(old, elsewhere, hours=25)

    new = preview(market, organiser, OTHER_SHEET)
    assert not exists(old) and exists(new) and exists(elsewhere)


def test_the_command_purges_every_market_and_says_how_many(market, organiser):
    stale = [preview(market, organiser), preview(market, organiser, OTHER_SHEET)]
    age(*stale, hours=3)
    out = io.StringIO()
    call_command("purge_sales_previews", "--hours", "24", stdout=out)
    # 3 hours old: kept
    assert "purged 0 uncommitted previews" in out.getvalue() and all(exists(u) for u in stale)
    call_command("purge_sales_previews", "--hours", "2", stdout=out)
    assert "purged 2 uncommitted previews" in out.getvalue() and not any(exists(u) for u in stale)
    with pytest.raises(CommandError):
        call_command("purge_sales_previews", "--hours", "0")
    with pytest.raises(CommandError):
        call_command("purge_sales_previews", "--market", "no-such-market")
