"""An old Excel (.xls) sheet goes through preview and commit like any other file."""

import datetime
from decimal import Decimal
from pathlib import Path

import pytest

from culturalmap.markets.models import SalesEntry
from culturalmap.markets.selectors import RevenueScope, revenue_summary
from culturalmap.markets.uploads import sales_sheet_preview, sales_upload_commit
from tests.markets.sheets import live_lines, sales_on

pytestmark = pytest.mark.django_db
XLS = Path(__file__).parents[1] / "files" / "sales-excel97.xls"


def test_an_excel_97_sheet_is_previewed_then_committed_to_the_satang(market, organiser):
    preview = sales_sheet_preview(
        market=market, user=organiser, content=XLS.read_bytes(), file_name="ยอดขาย.xls"
    )
    assert preview.file_format == "Excel 97–2003 .xls" and preview.sheet_name == "ยอดขาย ก.ย. 2567"
    days = {day["day"]: day for day in preview.plan["days"]}
    assert (days["2024-09-01"]["after"], days["2024-09-08"]["after"]) == ("16245.50", "2450.25")
    assert preview.plan["totals"]["after"] == "18695.75"  # the sheet's own sum row, not counted again
    assert not SalesEntry.objects.filter(event__market=market).exists()

    sales_upload_commit(upload_id=preview.pk, user=organiser)
    assert sales_on(market, datetime.date(2024, 9, 1)) == Decimal("16245.50")
    assert sales_on(market, datetime.date(2024, 9, 8)) == Decimal("2450.25")
    assert ("ยายเนียม ข้าวยำ", Decimal("800.00")) in live_lines(market, datetime.date(2024, 9, 1))
    summary = revenue_summary(scope=RevenueScope("market", market.pk), include_unpublished=True)
    assert (summary["events"], summary["sales"]) == (2, Decimal("18695.75"))
