"""Writes on markets: open an event, log its sales, correct an entry, upload a sales sheet.

Every write checks on the server that the user organises the market (or is a curator), and every
figure lands in the append-only ledger (SalesEntry); the per-event summary follows by trigger.
"""

import csv
import datetime
import hashlib
import io
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import groupby

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from culturalmap.core.parsers import CsvRowError, csv_rows
from culturalmap.core.permissions import is_curator
from culturalmap.core.thai import ThaiInputError, format_date, parse_amount, parse_count, parse_date

from .models import CulturalMarket, MarketEvent, SalesEntry
from .selectors import SQL_DIR


class CorrectionConflict(Exception):
    """Someone corrected this entry first: the caller should correct the newer entry instead."""

    def __init__(self, message: str, *, corrected_by: SalesEntry | None = None):
        super().__init__(message)
        self.message = message
        self.corrected_by = corrected_by


class SheetRefused(ValidationError):
    """The whole sheet is unreadable (columns, encoding): nothing from it was stored."""


def can_log_sales(user, market: CulturalMarket) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    # The organiser check first: it is the common case, and one query.
    return market.organisers.filter(pk=user.pk).exists() or is_curator(user)


def _require_organiser(user, market: CulturalMarket) -> None:
    if not can_log_sales(user, market):
        raise PermissionDenied(_("คุณไม่ได้เป็นผู้จัดตลาดนี้"))


def check_event_date(market: CulturalMarket, held_on: datetime.date) -> None:
    language = get_language() or "th"  # dates as the organiser reads them: Buddhist Era in Thai
    if held_on > timezone.localdate():
        raise ValidationError(
            _("วันที่ %(date)s ยังไม่มาถึง") % {"date": format_date(held_on, language)}, code="future"
        )
    if held_on < market.opened_on:
        raise ValidationError(
            _("วันที่ %(date)s ก่อนตลาดเปิด (%(opened)s)")
            % {"date": format_date(held_on, language), "opened": format_date(market.opened_on, language)},
            code="before_opening",
        )


VENDOR_NAME_MAX_LENGTH = 200  # SalesEntry.vendor


def _clean_vendor(name: str | None) -> str:
    clean = " ".join((name or "").split())
    if len(clean) > VENDOR_NAME_MAX_LENGTH:
        raise ValidationError(
            _("ชื่อร้านยาวเกิน %(n)s ตัวอักษร: %(name)s…") % {"n": VENDOR_NAME_MAX_LENGTH, "name": clean[:40]},
            code="vendor",
        )
    return clean


def _amount(value: object) -> Decimal:
    try:
        return parse_amount(value)
    except ThaiInputError as exc:
        raise ValidationError(str(exc), code="amount") from exc


def _count(value: object) -> int | None:
    try:
        return parse_count(value)
    except ThaiInputError as exc:
        raise ValidationError(str(exc), code="count") from exc


def _apply_counts(event: MarketEvent, vendors_present: int | None, visitors: int | None, note: str) -> None:
    changed = []
    if vendors_present is not None and event.vendors_present != vendors_present:
        event.vendors_present, changed = vendors_present, [*changed, "vendors_present"]
    if visitors is not None and event.visitors != visitors:
        event.visitors, changed = visitors, [*changed, "visitors"]
    if note and event.note != note:
        event.note, changed = note, [*changed, "note"]
    if changed:
        event.save(update_fields=changed)


def _locked_event(market: CulturalMarket, held_on: datetime.date, user) -> MarketEvent:
    """The day's event, created on first use, locked until commit.

    The lock serialises writers of one event (so the totals-or-vendors rule holds under
    concurrency). NO KEY: the ledger's foreign-key checks, deferred to commit, take KEY SHARE on
    this row and must not wait for it (they would deadlock against a corrector).
    """
    check_event_date(market, held_on)
    events = MarketEvent.objects.select_for_update(no_key=True)
    event = events.filter(market=market, held_on=held_on).first()
    if event is None:
        try:
            with transaction.atomic():
                event = MarketEvent.objects.create(market=market, held_on=held_on, created_by=user)
        except IntegrityError:  # another organiser opened it at the same moment
            event = events.get(market=market, held_on=held_on)
    return event


@transaction.atomic
def open_market_event(
    *,
    market: CulturalMarket,
    held_on: datetime.date,
    user,
    vendors_present: object = None,
    visitors: object = None,
    note: str = "",
) -> MarketEvent:
    """The market's event on that day, created on first use (one per market and day)."""
    _require_organiser(user, market)
    event = _locked_event(market, held_on, user)
    _apply_counts(event, _count(vendors_present), _count(visitors), note.strip())
    return event


def _kind_conflict(*, per_vendor: bool, has_total: bool, has_vendors: bool) -> str | None:
    """An event's sales are either totals or per vendor: mixing them would count the money twice.
    The reason a new entry may not be added, given what the event already counts; None if it may."""
    if per_vendor and has_total:
        return _("งานนี้บันทึกเป็นยอดรวมแล้ว: แก้ไขยอดรวมแทนการเพิ่มยอดรายร้าน")
    if not per_vendor and has_vendors:
        return _("งานนี้บันทึกเป็นยอดรายร้านแล้ว: เพิ่มยอดรายร้านแทนยอดรวม")
    return None


def _check_entry_kind(event: MarketEvent, *, per_vendor: bool) -> None:
    live = SalesEntry.objects.filter(event=event, corrected_by__isnull=True).exclude(amount=0)
    reason = _kind_conflict(
        per_vendor=per_vendor,
        has_total=live.filter(vendor="").exists(),
        has_vendors=live.exclude(vendor="").exists(),
    )
    if reason:
        raise ValidationError(reason, code="mixed")


class RequestKeyReused(Exception):
    """The request key was already used for different sales: the caller must send a new key."""

    def __init__(self):
        super().__init__(_("รหัสคำขอนี้ใช้บันทึกยอดขายอื่นไปแล้ว: ส่งคำขอใหม่ด้วยรหัสใหม่"))


REQUEST_KEY_MAX_LENGTH = 100


def _request_key_prefix(*, user, market: CulturalMarket, request_key: str) -> str:
    """The source_key prefix of the entries logged under one organiser's request key (each entry
    adds its line number), hashed so any client string fits the column."""
    digest = hashlib.blake2b(f"{user.pk}\x1f{market.pk}\x1f{request_key}".encode(), digest_size=20)
    return f"req:{digest.hexdigest()}:"


def _replayed(event: MarketEvent, prefix: str, lines: list[tuple[str, Decimal]]) -> list[SalesEntry] | None:
    """The entries an earlier request with this key logged, if there was one. The same key with
    other sales (another day, vendor or amount) is refused rather than guessed at."""
    first = SalesEntry.objects.filter(source_key=f"{prefix}0").only("event_id").first()  # the unique index
    if first is None:
        return None
    earlier = sorted(
        SalesEntry.objects.filter(event_id=first.event_id, source_key__startswith=prefix),
        key=lambda e: int(e.source_key.rsplit(":", 1)[1]),
    )
    same = all(e.event_id == event.pk for e in earlier) and [(e.vendor, e.amount) for e in earlier] == lines
    if not same:
        raise RequestKeyReused
    return earlier


@transaction.atomic
def log_event_sales(
    *,
    market: CulturalMarket,
    held_on: datetime.date,
    user,
    total: object = None,
    vendor_sales: Sequence[tuple[str, object]] = (),
    vendors_present: object = None,
    visitors: object = None,
    note: str = "",
    request_key: str = "",
) -> tuple[MarketEvent, list[SalesEntry]]:
    """Log an event's sales: one total, or one line per vendor, plus head counts when known.

    `request_key` (a client's Idempotency-Key, a form's token) makes a retry safe: the same key with
    the same sales returns what the first request logged and logs nothing more."""
    _require_organiser(user, market)
    if total not in (None, "") and vendor_sales:
        raise ValidationError(_("ใส่ยอดรวมหรือยอดรายร้านอย่างใดอย่างหนึ่ง"), code="total_and_vendors")
    lines: list[tuple[str, Decimal]] = []
    if total not in (None, ""):
        lines.append(("", _amount(total)))
    for vendor, amount in vendor_sales:
        name = _clean_vendor(vendor)
        if not name:
            raise ValidationError(_("ยอดรายร้านต้องมีชื่อร้าน"), code="vendor")
        lines.append((name, _amount(amount)))
    counts = _count(vendors_present), _count(visitors)
    if len(request_key) > REQUEST_KEY_MAX_LENGTH:
        raise ValidationError(
            _("รหัสคำขอยาวเกิน %(n)s ตัวอักษร") % {"n": REQUEST_KEY_MAX_LENGTH}, code="request_key"
        )
    event = _locked_event(market, held_on, user)  # a retry waits here for the first request to commit
    prefix = _request_key_prefix(user=user, market=market, request_key=request_key) if request_key else None
    if prefix and lines:
        earlier = _replayed(event, prefix, lines)
        if earlier is not None:
            return event, earlier
    _apply_counts(event, *counts, note.strip())
    if not lines:
        return event, []
    _check_entry_kind(event, per_vendor=bool(lines[0][0]))
    new = [
        SalesEntry(
            event=event,
            amount=amount,
            vendor=vendor,
            recorded_by=user,
            source_key=f"{prefix}{line}" if prefix else None,
        )
        for line, (vendor, amount) in enumerate(lines)
    ]
    try:
        with transaction.atomic():
            entries = SalesEntry.objects.bulk_create(new)
    except IntegrityError as exc:
        if prefix is None:
            raise
        raise RequestKeyReused from exc  # the same key, at the same moment, for another day's event
    return event, entries


@transaction.atomic
def correct_sales_entry(
    *, entry_id: int, amount: object, user, note: str = "", market: CulturalMarket | None = None
) -> SalesEntry:
    """Replace an entry's amount by a new entry that points at it; the old one stops counting."""
    new_amount = _amount(amount)
    try:
        entry = (
            SalesEntry.objects.select_for_update(of=("self",))
            .select_related("event__market")
            .get(pk=entry_id)
        )
    except SalesEntry.DoesNotExist as exc:
        raise ValidationError(_("ไม่พบรายการขาย %(id)s") % {"id": entry_id}, code="not_found") from exc
    _require_organiser(user, entry.event.market)
    if market is not None and entry.event.market_id != market.pk:
        raise ValidationError(_("รายการขาย %(id)s เป็นของงานตลาดอื่น") % {"id": entry_id}, code="other_market")
    newer = SalesEntry.objects.filter(corrects=entry).first()
    if newer is not None:
        raise CorrectionConflict(
            _("รายการ %(id)s ถูกแก้ไขแล้วโดยรายการ %(newer)s: แก้ไขรายการล่าสุดแทน")
            % {"id": entry.pk, "newer": newer.pk},
            corrected_by=newer,
        )
    try:
        with transaction.atomic():
            return SalesEntry.objects.create(
                event=entry.event,
                amount=new_amount,
                vendor=entry.vendor,
                corrects=entry,
                note=note.strip()[:500],
                recorded_by=user,
            )
    except IntegrityError as exc:  # another corrector won between our check and our insert
        raise CorrectionConflict(_("รายการ %(id)s เพิ่งถูกแก้ไขโดยผู้อื่น") % {"id": entry.pk}) from exc


# --- sales sheets -------------------------------------------------------------------------------

SHEET_COLUMNS: dict[str, tuple[str, ...]] = {
    "date": ("date", "held_on", "วันที่", "วันที่จัดงาน"),
    "amount": ("amount", "sales", "ยอดขาย", "ยอดขาย (บาท)", "ยอดขาย(บาท)", "รายได้"),
    "vendor": ("vendor", "ร้าน", "ชื่อร้าน", "ผู้ค้า", "ร้านค้า"),
    "vendors_present": ("vendors_present", "vendors", "จำนวนร้าน", "จำนวนร้านค้า"),
    "visitors": ("visitors", "ผู้เข้าชม", "จำนวนผู้เข้าชม", "ผู้มาเที่ยว"),
    "note": ("note", "หมายเหตุ"),
}
REQUIRED_COLUMNS = ("date", "amount")
MAX_SHEET_ROWS = 50_000
MAX_REJECTS_LISTED = 500  # a report people can read; the count says how many more
_ALIASES = {
    " ".join(alias.casefold().split()): column
    for column, aliases in SHEET_COLUMNS.items()
    for alias in aliases
}


@dataclass
class SheetReject:
    row: int
    reason: str


@dataclass
class SheetReport:
    accepted: int = 0  # rows stored, the corrections among them included
    corrected: int = 0  # rows that replaced an earlier upload's amount for the same vendor and day
    duplicates: int = 0
    refused: int = 0  # every refused row; `rejects` lists the first MAX_REJECTS_LISTED of them
    rejects: list[SheetReject] = field(default_factory=list)
    events: set[datetime.date] = field(default_factory=set)

    def refuse(self, row: int, reason: str) -> None:
        self.refused += 1
        if len(self.rejects) < MAX_REJECTS_LISTED:
            self.rejects.append(SheetReject(row, reason))


def _sheet_rows(content: bytes) -> tuple[list[str], Iterable[tuple[int, list[str] | CsvRowError]]]:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise SheetRefused(
            _('ไฟล์ไม่ได้เข้ารหัส UTF-8 (ตำแหน่งไบต์ %(pos)s): บันทึกจาก Excel เป็น "CSV UTF-8" แล้วอัปโหลดใหม่')
            % {"pos": exc.start},
            code="encoding",
        ) from exc
    if "\x00" in text:
        raise SheetRefused(_("ไฟล์นี้ไม่ใช่ CSV (พบข้อมูลไบนารี)"), code="encoding")
    first_line = text.split("\n", 1)[0]
    delimiter = max((",", ";", "\t"), key=first_line.count)
    reader = csv_rows(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    try:
        _line, header = next(reader)
    except StopIteration as exc:
        raise SheetRefused(_("ไฟล์ว่าง"), code="empty") from exc
    if isinstance(header, CsvRowError):
        raise SheetRefused(_("หัวตาราง: %(reason)s") % {"reason": header.reason}, code="columns")
    columns = []
    unknown = []
    for cell in header:
        key = " ".join(cell.casefold().split())
        if key in _ALIASES:
            columns.append(_ALIASES[key])
        elif key:
            unknown.append(cell.strip())
        else:
            columns.append("")
    missing = [c for c in REQUIRED_COLUMNS if c not in columns]
    duplicated = [c for c, n in Counter(c for c in columns if c).items() if n > 1]
    if unknown or missing or duplicated:
        parts = []
        if missing:
            parts.append(_("ขาดคอลัมน์: %(cols)s") % {"cols": ", ".join(missing)})
        if unknown:
            parts.append(_("คอลัมน์ที่ไม่รู้จัก: %(cols)s") % {"cols": ", ".join(unknown)})
        if duplicated:
            parts.append(_("คอลัมน์ซ้ำ: %(cols)s") % {"cols": ", ".join(duplicated)})
        expected = ", ".join(
            f"{c} ({next(a for a in aliases if not a.isascii())})" for c, aliases in SHEET_COLUMNS.items()
        )
        raise SheetRefused(
            "; ".join(parts) + ". " + _("คอลัมน์ที่ใช้ได้: %(cols)s") % {"cols": expected}, code="columns"
        )

    return columns, reader


def sheet_source_key(
    market: CulturalMarket, held_on: datetime.date, vendor: str, amount: Decimal, occurrence: int
) -> str:
    """Same market, day, vendor and amount (and nth such row of the sheet) → same key: a sheet
    uploaded twice adds nothing, while two genuinely identical rows of one sheet both count."""
    content = f"{market.code}|{held_on.isoformat()}|{vendor.casefold()}|{amount:.2f}|{occurrence}"
    return hashlib.sha256(content.encode()).hexdigest()


@dataclass(frozen=True)
class _SheetRow:
    held_on: datetime.date
    line: int
    vendor: str
    amount: Decimal
    vendors_present: int | None
    visitors: int | None
    note: str
    key: str


@transaction.atomic
def import_sales_sheet(*, market: CulturalMarket, user, content: bytes) -> SheetReport:
    """Store every valid row of a CSV sales sheet (one row per vendor or per event) and report the rest.

    Rows are independent: a refused row stores nothing and costs no other row its place. Each day's
    rows are stored together (one event lock, one insert), so a season's sheet takes seconds.
    """
    _require_organiser(user, market)
    columns, rows = _sheet_rows(content)
    report = SheetReport()
    seen: Counter[tuple] = Counter()
    parsed: list[_SheetRow] = []
    for line, cells in rows:
        if isinstance(cells, CsvRowError):  # a cell over csv.field_size_limit()
            report.refuse(line, cells.reason)
            continue
        if not any(c.strip() for c in cells):
            continue
        if line > MAX_SHEET_ROWS + 1:
            report.refuse(line, _("แผ่นงานยาวเกิน %(n)s แถว: แบ่งไฟล์แล้วอัปโหลดส่วนที่เหลือ") % {"n": MAX_SHEET_ROWS})
            break
        if len(cells) != len(columns):
            report.refuse(
                line, _("มี %(got)s ช่อง แต่หัวตารางมี %(want)s ช่อง") % {"got": len(cells), "want": len(columns)}
            )
            continue
        row = {col: cell.strip() for col, cell in zip(columns, cells, strict=True) if col}
        try:
            held_on = parse_date(row["date"])
            amount = parse_amount(row["amount"])
            counts = parse_count(row.get("vendors_present")), parse_count(row.get("visitors"))
            vendor = _clean_vendor(row.get("vendor"))
        except ThaiInputError as exc:
            report.refuse(line, str(exc))
            continue
        except ValidationError as exc:
            report.refuse(line, " ".join(exc.messages))
            continue
        seen[(held_on, vendor.casefold(), amount)] += 1
        key = sheet_source_key(market, held_on, vendor, amount, seen[(held_on, vendor.casefold(), amount)])
        parsed.append(_SheetRow(held_on, line, vendor, amount, *counts, row.get("note", "")[:500], key))
    sheet_keys = {row.key for row in parsed}
    # Day by day in date order: concurrent uploads then lock events in the same order (no deadlock).
    parsed.sort(key=lambda row: (row.held_on, row.line))
    for held_on, day in groupby(parsed, key=lambda row: row.held_on):
        _store_sheet_day(
            market=market, user=user, held_on=held_on, rows=list(day), sheet_keys=sheet_keys, report=report
        )
    report.rejects.sort(key=lambda reject: reject.row)
    return report


def _store_sheet_day(
    *,
    market: CulturalMarket,
    user,
    held_on: datetime.date,
    rows: list[_SheetRow],
    sheet_keys: set[str],
    report: SheetReport,
) -> None:
    """One day's rows of a sheet: one event lock, one read of what the event holds, one insert."""
    try:
        with transaction.atomic():
            event = _locked_event(market, held_on, user)
    except ValidationError as exc:  # a day still to come, or before the market opened
        for row in rows:
            report.refuse(row.line, " ".join(exc.messages))
        return
    entries = list(SalesEntry.objects.filter(event=event))  # an event holds a few hundred at most
    known = {entry.source_key for entry in entries}
    edited = _edited_rows(entries, sheet_keys)
    corrected = {entry.corrects_id for entry in entries}
    live = [entry for entry in entries if entry.pk not in corrected and entry.amount]
    has_total, has_vendors = any(not e.vendor for e in live), any(e.vendor for e in live)
    new: list[SalesEntry] = []
    for row in rows:
        if row.key in known:
            report.duplicates += 1
            continue
        reason = _kind_conflict(per_vendor=bool(row.vendor), has_total=has_total, has_vendors=has_vendors)
        if reason:
            report.refuse(row.line, reason)
            continue
        if row.amount:
            has_total, has_vendors = has_total or not row.vendor, has_vendors or bool(row.vendor)
        earlier = edited.get(row.vendor.casefold())
        corrects = earlier.pop(0) if earlier else None
        new.append(
            SalesEntry(
                event=event,
                amount=row.amount,
                vendor=row.vendor,
                note=row.note,
                source_key=row.key,
                recorded_by=user,
                corrects=corrects,
            )
        )
    _apply_counts(
        event, _last_known(row.vendors_present for row in rows), _last_known(row.visitors for row in rows), ""
    )
    try:
        with transaction.atomic():
            SalesEntry.objects.bulk_create(new)
    except IntegrityError:  # the same sheet uploaded by someone else at this very moment: theirs stands
        report.duplicates += len(new)
        return
    report.accepted += len(new)
    report.corrected += sum(entry.corrects_id is not None for entry in new)
    if new:
        report.events.add(held_on)


def _last_known(values: Iterable[int | None]) -> int | None:
    known = [value for value in values if value is not None]
    return known[-1] if known else None


def _edited_rows(entries: list[SalesEntry], sheet_keys: set[str]) -> dict[str, list[SalesEntry]]:
    """Per vendor (casefolded): what earlier uploads' rows for this event have become (the live end of
    each correction chain, hand corrections included) where this sheet no longer has that row. A row
    of this sheet for the same vendor and day replaces that figure instead of adding to it."""
    correction_of = {entry.corrects_id: entry for entry in entries if entry.corrects_id}
    edited: dict[str, list[SalesEntry]] = {}
    for entry in sorted(entries, key=lambda e: e.pk):
        from_sheet = bool(entry.source_key) and not entry.source_key.startswith("req:")
        if not from_sheet or entry.corrects_id or entry.source_key in sheet_keys:
            continue
        head = entry
        while head.pk in correction_of:
            head = correction_of[head.pk]
        if head.source_key not in sheet_keys:
            edited.setdefault(entry.vendor.casefold(), []).append(head)
    return edited


@transaction.atomic
def rebuild_event_sales() -> int:
    """Recompute the per-event summary from the ledger (after a repair that went around the trigger,
    e.g. removing a demo ledger); returns the number of events summarised. Logging waits meanwhile."""
    ledger_sql = (SQL_DIR / "event_sales_from_ledger.sql").read_text()
    with connection.cursor() as cursor:
        # Writers of the ledger wait until the summary is whole again.
        cursor.execute("LOCK TABLE markets_salesentry IN SHARE ROW EXCLUSIVE MODE")
        cursor.execute("DELETE FROM markets_eventsales")
        cursor.execute(f"INSERT INTO markets_eventsales (event_id, sales, entries) {ledger_sql}")
        return cursor.rowcount
