"""Reads on the vendor register: who the register holds with their sales, the names in the ledger
that no vendor has yet, a vendor's history and statement for a period, vendors per event, and the
ledger as an .xlsx workbook with Thai headers. Organisers' and curators' pages only: vendors are
people (the views check who asks)."""

import datetime
import io
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import CharField, Count, F, Func, Max, QuerySet, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from culturalmap.core.thai import BE_OFFSET, format_date

from .models import CulturalMarket, EventKind, MarketEvent, SalesEntry, Vendor, VendorAlias, VendorMerge
from .vendors import NameMatch, match_names


class VendorKey(Func):
    """markets_vendor_key(vendor): the spelling's key, computed (and indexed) by the database."""

    function = "markets_vendor_key"
    output_field = CharField()


def live_vendor_lines(
    market: CulturalMarket, date_from: datetime.date | None = None, date_to: datetime.date | None = None
) -> QuerySet[SalesEntry]:
    """The market's vendor lines that count (nothing corrects them, money in them, the day held), with
    their key; the market's nights and the festivals it held."""
    lines = SalesEntry.objects.filter(
        event__market=market, event__withdrawn_at__isnull=True, corrected_by__isnull=True, amount__gt=0
    ).exclude(vendor="")
    if date_from:
        lines = lines.filter(event__held_on__gte=date_from)
    if date_to:
        lines = lines.filter(event__held_on__lte=date_to)
    return lines.annotate(key=VendorKey("vendor"))


def _keys_by_vendor(market: CulturalMarket) -> dict[str, int]:
    """Every recorded spelling's key, and the vendor (merges followed) it belongs to."""
    return dict(VendorAlias.objects.filter(market=market).values_list("key", "vendor_id"))


@dataclass
class RegisterRow:
    vendor: Vendor
    aliases: list[VendorAlias] = field(default_factory=list)
    sales: Decimal = Decimal(0)
    events: int = 0
    last_day: datetime.date | None = None


def register(
    market: CulturalMarket, date_from: datetime.date | None = None, date_to: datetime.date | None = None
) -> list[RegisterRow]:
    """The register (merged entries last), each vendor with its spellings and its sales in the period."""
    rows = {
        v.pk: RegisterRow(v)
        for v in Vendor.objects.filter(market=market)
        .select_related("merged_into")
        .order_by(F("merged_into").asc(nulls_first=True), "name", "id")
    }
    for alias in VendorAlias.objects.filter(market=market).order_by("id"):
        rows[alias.vendor_id].aliases.append(alias)
    owner = _keys_by_vendor(market)
    per_key = (
        live_vendor_lines(market, date_from, date_to)
        .values("key")
        .annotate(
            sales=Sum("amount"),
            events=Count("event", distinct=True),
            last=Max("event__held_on"),
        )
    )
    for item in per_key:
        vendor_id = owner.get(item["key"])
        if vendor_id is not None:
            row = rows[vendor_id]
            row.sales += item["sales"]
            row.events += item[
                "events"
            ]  # one vendor, several spellings on one day: rare, and counted per spelling
            row.last_day = max(filter(None, [row.last_day, item["last"]]), default=None)
    return list(rows.values())


@dataclass
class UnmatchedName:
    name: str
    lines: int
    sales: Decimal
    match: NameMatch


def unmatched_names(
    market: CulturalMarket,
    date_from: datetime.date | None = None,
    date_to: datetime.date | None = None,
    limit: int = 200,
) -> list[UnmatchedName]:
    """Names in the period's ledger that no vendor of the register has, most lines first, with a
    suggestion: with the register's rows of the same period they account for every baht."""
    owned = set(_keys_by_vendor(market))
    found: dict[str, list] = {}
    for name, key, lines, sales in (
        live_vendor_lines(market, date_from, date_to)
        .values("vendor", "key")
        .annotate(lines=Count("id"), sales=Sum("amount"))
        .values_list("vendor", "key", "lines", "sales")
    ):
        if key in owned:
            continue
        found[name] = [lines, sales]
    names = sorted(found, key=lambda n: (-found[n][0], n))[:limit]
    matches = match_names(market, names)
    return [UnmatchedName(n, found[n][0], found[n][1], matches[n]) for n in names]


@dataclass
class StatementLine:
    held_on: datetime.date
    ends_on: datetime.date | None
    event: str
    written_as: str
    amount: Decimal


@dataclass
class Statement:
    market: CulturalMarket
    vendor: Vendor
    date_from: datetime.date
    date_to: datetime.date
    lines: list[StatementLine]
    total: Decimal
    events: int
    spellings: list[str]


def vendor_statement(
    market: CulturalMarket, vendor: Vendor, date_from: datetime.date, date_to: datetime.date
) -> Statement:
    """What a vendor sold at the market (its nights and the festivals it held) from one day to
    another, event by event, as the ledger counts it now."""
    spellings = list(VendorAlias.objects.filter(vendor=vendor).values_list("name", "key"))
    keys = [key for _name, key in spellings]
    rows = (
        live_vendor_lines(market, date_from, date_to)
        .filter(key__in=keys)
        .order_by("event__held_on", "id")
        .values_list("event__held_on", "event__ends_on", "event__kind", "event__name_th", "vendor", "amount")
    )
    lines = []
    for held_on, ends_on, kind, name, written, amount in rows:
        event = name if kind == EventKind.FESTIVAL else _("ตลาดนัด")
        lines.append(StatementLine(held_on, ends_on, event, written, amount))
    return Statement(
        market=market,
        vendor=vendor,
        date_from=date_from,
        date_to=date_to,
        lines=lines,
        total=sum((line.amount for line in lines), Decimal(0)),
        events=len({line.held_on for line in lines}),
        spellings=[name for name, _key in spellings],
    )


def vendor_merges(market: CulturalMarket) -> QuerySet[VendorMerge]:
    return VendorMerge.objects.filter(market=market).select_related("merged", "into", "merged_by")


def event_vendor_counts(market: CulturalMarket, events: list[MarketEvent]) -> dict[int, dict]:
    """Per event: the register's vendors among its lines (and how many are local), and the names
    that no vendor of the register has yet."""
    owner = _keys_by_vendor(market)
    local = set(Vendor.objects.filter(market=market, is_local=True).values_list("pk", flat=True))
    seen: dict[int, dict] = defaultdict(lambda: {"vendors": set(), "unmatched": set()})
    for event_id, key in (
        SalesEntry.objects.filter(event__in=events, corrected_by__isnull=True, amount__gt=0)
        .exclude(vendor="")
        .annotate(key=VendorKey("vendor"))
        .values_list("event_id", "key")
    ):
        if key in owner:
            seen[event_id]["vendors"].add(owner[key])
        else:
            seen[event_id]["unmatched"].add(key)
    return {
        event_id: {
            "registered": len(found["vendors"]),
            "local": len(found["vendors"] & local),
            "unmatched": len(found["unmatched"]),
        }
        for event_id, found in seen.items()
    }


# --- the ledger as a workbook ----------------------------------------------------------------------

LEDGER_HEADERS = [
    "วันที่ (พ.ศ.)",
    "ถึงวันที่",
    "งาน",
    "รายการ #",
    "ผู้ค้า (ตามที่บันทึก)",
    "ผู้ค้าในทะเบียน",
    "ยอด (บาท)",
    "นับในยอด",
    "ประเภทรายการ",
    "แก้ไขรายการ #",
    "บันทึกโดย",
    "เวลาที่บันทึก",
    "การอัปโหลด #",
    "หมายเหตุ",
]
_KINDS_TH = {"": "ข้อมูลเดิม", "sale": "ขาย", "correction": "แก้ไข", "reversal": "เอาออก", "undo": "ยกเลิกอัปโหลด"}


def _be(day: datetime.date | None) -> str:
    return f"{day.day:02d}/{day.month:02d}/{day.year + BE_OFFSET}" if day else ""


def _ledger_rows(market: CulturalMarket, date_from: datetime.date | None, date_to: datetime.date | None):
    entries = SalesEntry.objects.filter(event__market=market)
    if date_from:
        entries = entries.filter(event__held_on__gte=date_from)
    if date_to:
        entries = entries.filter(event__held_on__lte=date_to)
    return (
        entries.annotate(key=VendorKey("vendor"))
        .order_by("event__held_on", "id")
        .values_list(
            "event__held_on",
            "event__ends_on",
            "event__kind",
            "event__name_th",
            "id",
            "vendor",
            "key",
            "amount",
            "corrected_by",
            "event__withdrawn_at",
            "kind",
            "corrects_id",
            "recorded_by__username",
            "recorded_at",
            "upload_id",
            "note",
        )
    )


def ledger_workbook(
    market: CulturalMarket, date_from: datetime.date | None = None, date_to: datetime.date | None = None
) -> bytes:
    """Every entry of the market's ledger in the period (corrected ones too, marked as not counted),
    oldest first, under Thai headers; dates in the Buddhist Era, amounts as numbers (#,##0.00).

    XlsxWriter in constant-memory mode: each row goes to the file as it is written, each format
    is one object made once, every cell is written by its type (text is always text: a vendor
    typed "=1+2" is no formula), and empty cells are not written at all. openpyxl's write-only mode
    spent ~25 µs a cell binding and styling it (a busy year: 364,000 cells)."""
    import xlsxwriter

    owner = _keys_by_vendor(market)
    names = dict(Vendor.objects.filter(market=market).values_list("pk", "name"))
    tz = timezone.get_current_timezone()
    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"constant_memory": True})
    sheet = book.add_worksheet("บัญชียอดขาย")
    money = book.add_format({"num_format": "#,##0.00"})
    moment = book.add_format({"num_format": "yyyy-mm-dd h:mm:ss"})
    sheet.write_string(
        0,
        0,
        f"{market.name_th} · บัญชียอดขาย · {format_date(date_from, 'th') or 'เริ่มต้น'} – "
        f"{format_date(date_to, 'th') or 'ล่าสุด'}",
    )
    sheet.write_row(1, 0, LEDGER_HEADERS, book.add_format({"bold": True}))
    text, number = sheet.write_string, sheet.write_number
    for row, line in enumerate(_ledger_rows(market, date_from, date_to), start=2):
        held_on, ends_on, kind, festival, pk, vendor, key, amount = line[:8]
        corrected_by, withdrawn, entry_kind, corrects, who, at, upload, note = line[8:]
        text(row, 0, _be(held_on))
        if ends_on:
            text(row, 1, _be(ends_on))
        text(row, 2, festival if kind == EventKind.FESTIVAL else "ตลาดนัด")
        number(row, 3, pk)
        text(row, 4, vendor or "ยอดรวมของงาน")
        if vendor and (registered := names.get(owner.get(key))):
            text(row, 5, registered)
        number(row, 6, amount, money)
        text(row, 7, "นับ" if corrected_by is None and withdrawn is None else "ไม่นับ")
        text(row, 8, _KINDS_TH.get(entry_kind, entry_kind))
        if corrects:
            number(row, 9, corrects)
        if who:
            text(row, 10, who)
        if at:
            sheet.write_datetime(row, 11, at.astimezone(tz).replace(tzinfo=None), moment)
        if upload:
            number(row, 12, upload)
        if note:
            text(row, 13, note)
    book.close()
    return out.getvalue()
