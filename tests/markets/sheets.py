"""Sales sheets as organisers' programs write them, for the tests: CSV in Thai Excel's encodings,
.xlsx by openpyxl, and upload helpers (preview, decide, commit)."""

import datetime
import io
from decimal import Decimal

from culturalmap.markets.models import EventSales, MarketEvent
from culturalmap.markets.uploads import sales_sheet_preview, sales_upload_commit, sales_upload_decide


def csv_text(rows: list[list[object]]) -> str:
    return "".join(",".join(f'"{c}"' if "," in str(c) else str(c) for c in row) + "\r\n" for row in rows)


def xlsx_bytes(rows: list[list[object]], *, title_rows: list[list[object]] = (), sheets: int = 1) -> bytes:
    """A workbook as an organiser keeps it: a report title above the header, real Excel dates."""
    from openpyxl import Workbook

    book = Workbook()
    book.active.title = "สรุป"
    book.active.append(["สรุปยอดขายทั้งฤดูกาล"])
    for n in range(sheets - 1):
        book.create_sheet(f"หมายเหตุ {n}").append(["ไม่มีตาราง"])
    sheet = book.create_sheet("ยอดขาย")
    for row in [*title_rows, *rows]:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def upload(market, user, content: bytes | str, name: str = "sheet.csv", decisions: dict | None = None):
    """Preview, decide if asked, then commit: what an organiser does in three clicks."""
    if isinstance(content, str):
        content = content.encode()
    preview = sales_sheet_preview(market=market, user=user, content=content, file_name=name)
    if decisions:
        preview = sales_upload_decide(upload_id=preview.pk, user=user, decisions=decisions)
    return sales_upload_commit(upload_id=preview.pk, user=user)


def sales_on(market, day: datetime.date) -> Decimal:
    return EventSales.objects.get(event__market=market, event__held_on=day).sales


def live_lines(market, day: datetime.date) -> list[tuple[str, Decimal]]:
    event = MarketEvent.objects.get(market=market, held_on=day)
    return sorted(
        (e.vendor, e.amount) for e in event.sales_entries.filter(corrected_by__isnull=True) if e.amount
    )
