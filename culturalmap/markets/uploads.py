"""Writes: sales sheet uploads. A sheet states the days it covers.

`sales_sheet_preview` reads the file and stores a preview (nothing in the ledger): per day what the
upload will do, rows refused with their row number and reason, repeated rows and days no longer in
the sheet, for the organiser to decide on (`sales_upload_decide`). `sales_upload_commit` stores that
preview: every day the sheet covers then holds exactly its rows, vendor by vendor, the differences
written as correction and reversal entries naming the upload. It is refused (409, with a fresh
preview) when the ledger of those days moved after the preview. `sales_upload_undo` reverses an
upload later, by entries again.

Which days a sheet covers: every day with at least one row in it. A day with a refused row is held
back (left as it is) until the row is fixed: applying the rest would drop that row's vendor. A day
that an earlier upload covered, where that upload shares a day with this sheet, and that this
sheet no longer has, is a "day no longer in the sheet": the organiser withdraws it or keeps it.
"""

import datetime
import hashlib
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from culturalmap.core.exceptions import Conflict, RecordNotFound
from culturalmap.core.thai import format_date

from .day_plan import DayPlan, LedgerLine, PlannedRow, plan_day
from .models import CulturalMarket, MarketEvent, SalesEntry, SalesUpload
from .services import (
    apply_counts,
    check_event_date,
    live_lines,
    lock_events,
    reopen,
    require_organiser,
    reversal,
    withdraw,
)
from .sheet_files import MAX_LISTED, SalesSheet, SheetRow, read_sales_sheet

Kind = SalesEntry.Kind
Status = SalesUpload.Status
MAX_SHEET_BYTES = 5 * 1024 * 1024
DETAILS_PER_DAY = 200  # rows named per day and change in the stored plan; the counts are whole
KEEP_ALL, KEEP_ONE = "all", "one"
WITHDRAW, KEEP = "withdraw", "keep"


def _iso(day: datetime.date) -> str:
    return day.isoformat()


def _money(amount: Decimal) -> str:
    return f"{amount:.2f}"


def _day_label(day: datetime.date) -> str:
    return format_date(day, get_language() or "th")


# --- reading the sheet into the preview ----------------------------------------------------------


def _market_checks(market: CulturalMarket, sheet: SalesSheet) -> list[SheetRow]:
    """Rows the market can hold: not a day still to come or before it opened; and per day either
    per-vendor rows or totals (a total row among vendor rows equal to their sum is the sheet's own
    sum: skipped; any other is refused, as counting both would count the money twice)."""
    kept: list[SheetRow] = []
    refusals: dict[datetime.date, str | None] = {}
    for row in sheet.rows:
        if row.held_on not in refusals:
            try:
                check_event_date(market, row.held_on)
                refusals[row.held_on] = None
            except ValidationError as exc:
                refusals[row.held_on] = " ".join(exc.messages)
        if refusals[row.held_on]:
            sheet.refuse(row.line, refusals[row.held_on], row.held_on)
        else:
            kept.append(row)
    by_day: dict[datetime.date, list[SheetRow]] = defaultdict(list)
    for row in kept:
        by_day[row.held_on].append(row)
    rows = []
    for day_rows in by_day.values():
        vendors = [row for row in day_rows if row.vendor]
        vendor_sum = sum((row.amount for row in vendors), Decimal(0))
        for row in day_rows:
            if row.vendor or not vendors:
                rows.append(row)
            elif row.amount == vendor_sum:
                sheet.skipped.append((row.line, _("แถวยอดรวมของวัน (ไม่มีชื่อร้าน) เท่ากับผลรวมรายร้าน: ไม่นับซ้ำ")))
            else:
                sheet.refuse(
                    row.line,
                    _("วันนี้มีทั้งยอดรายร้านและยอดที่ไม่มีชื่อร้าน: ใส่ชื่อร้าน หรือลบแถวนี้ถ้าเป็นยอดรวม"),
                    row.held_on,
                )
    rows.sort(key=lambda row: row.line)
    return rows


def _row_json(row: SheetRow) -> list:
    return [
        row.line,
        _iso(row.held_on),
        row.vendor,
        _money(row.amount),
        row.vendors_present,
        row.visitors,
        row.note,
    ]


def _row_from_json(data: list) -> SheetRow:
    line, day, vendor, amount, vendors_present, visitors, note = data
    return SheetRow(
        line, datetime.date.fromisoformat(day), vendor, Decimal(amount), vendors_present, visitors, note
    )


@transaction.atomic
def sales_sheet_preview(
    *, market: CulturalMarket, user, content: bytes, file_name: str = "", decisions: dict | None = None
) -> SalesUpload:
    """Read a sheet (CSV in any encoding Thai Excel writes, .xlsx, .ods) and store what uploading it
    would do, without touching the ledger. A file that is no sales sheet is refused whole."""
    require_organiser(user, market)
    if len(content) > MAX_SHEET_BYTES:
        raise ValidationError(
            _("ไฟล์ใหญ่เกิน %(n)s MB: แบ่งเป็นหลายไฟล์") % {"n": MAX_SHEET_BYTES // 1024 // 1024}, code="too_large"
        )
    sheet = read_sales_sheet(content, file_name)
    rows = _market_checks(market, sheet)
    upload = SalesUpload(
        market=market,
        uploaded_by=user,
        file_name=(file_name or "sheet")[-255:],
        checksum=hashlib.sha256(content).hexdigest(),
        file_format=sheet.file_format,
        sheet_name=sheet.sheet_name[:255],
        header_row=sheet.header_row,
        rows=[_row_json(row) for row in rows],
        refused=[list(r) for r in sorted(sheet.refused)[:MAX_LISTED]],
        refused_count=sheet.refused_count,
        skipped=[list(r) for r in sorted(sheet.skipped)[:MAX_LISTED]],
        decisions={"repeats": {}, "dropped": {}, "held_back": sorted(_iso(d) for d in sheet.refused_days)},
    )
    _check_decisions(upload, decisions or {}, strict=False)
    plan = _plan(upload, _events(market, upload), rows)
    upload.plan, upload.ledger_mark, upload.days = plan.summary, plan.mark, plan.covered
    upload.save()
    sales_uploads_purge(market=market)  # the market's previews older than a day, nobody committed
    return upload


# --- the plan ------------------------------------------------------------------------------------


@dataclass
class _Plan:
    summary: dict  # what the preview shows (JSON)
    mark: dict  # per day the ledger's last entry and withdrawn state: a commit needs the same
    covered: list[datetime.date]
    days: list[DayPlan]
    withdrawals: list[DayPlan]
    rows_by_day: dict[datetime.date, list[SheetRow]]


def _repeats(rows: list[SheetRow]) -> list[list[SheetRow]]:
    groups: dict[tuple, list[SheetRow]] = defaultdict(list)
    for row in rows:
        groups[(row.held_on, row.vendor.casefold(), row.amount)].append(row)
    return [group for group in groups.values() if len(group) > 1]


def _covered_days(upload: SalesUpload) -> tuple[list[datetime.date], set[datetime.date]]:
    held_back = {datetime.date.fromisoformat(d) for d in upload.decisions.get("held_back", [])}
    in_sheet = {datetime.date.fromisoformat(row[1]) for row in upload.rows}
    return sorted(in_sheet - held_back), held_back


def _candidates(upload: SalesUpload, covered: list[datetime.date], held_back: set) -> set[datetime.date]:
    """Days no longer in the sheet: covered by an earlier upload in effect that shares a day with
    this sheet, and absent from this one."""
    if not covered:
        return set()
    earlier = SalesUpload.objects.filter(
        market=upload.market, status=Status.COMMITTED, days__overlap=covered
    ).values_list("days", flat=True)
    return {day for days in earlier for day in days} - set(covered) - held_back


def _events(market: CulturalMarket, upload: SalesUpload) -> dict[datetime.date, MarketEvent]:
    covered, held_back = _covered_days(upload)
    days = set(covered) | _candidates(upload, covered, held_back)
    return {e.held_on: e for e in MarketEvent.objects.filter(market=market, held_on__in=days)}


def _live_ledger(
    events: dict[datetime.date, MarketEvent],
) -> tuple[dict[int, list[LedgerLine]], dict[int, int]]:
    """The days' live lines by event, and each event's last entry id (the ledger's mark)."""
    live: dict[int, list[LedgerLine]] = defaultdict(list)
    # Plain values, not model instances: a season's days hold tens of thousands of lines.
    for pk, event_id, vendor, amount, upload_id, who in (
        SalesEntry.objects.filter(event__in=list(events.values()), corrected_by__isnull=True)
        .order_by("id")
        .values_list("id", "event_id", "vendor", "amount", "upload_id", "recorded_by__username")
    ):
        source = f"upload:{upload_id}" if upload_id else (f"user:{who}" if who else "")
        live[event_id].append(LedgerLine(pk, vendor, amount, source))
    last_entry = dict(
        SalesEntry.objects.filter(event__in=list(events.values()))
        .values("event_id")
        .annotate(last=Max("id"))
        .values_list("event_id", "last")
    )
    return live, last_entry


def _repeat_groups(rows: list[SheetRow], decisions: dict) -> tuple[set[int], list[dict]]:
    """Repeated rows, all kept until the organiser keeps one: the lines dropped and the preview's groups."""
    dropped_lines: set[int] = set()
    repeats_json = []
    for group in _repeats(rows):
        first = group[0]
        decision = decisions.get("repeats", {}).get(str(first.line))
        if decision == KEEP_ONE:
            dropped_lines.update(row.line for row in group[1:])
        repeats_json.append(
            {
                "first": first.line,
                "day": _iso(first.held_on),
                "vendor": first.vendor,
                "amount": _money(first.amount),
                "lines": [row.line for row in group],
                "decision": decision,
                "counted_twice": _money(first.amount * (len(group) - 1)),
            }
        )
    return dropped_lines, repeats_json


@dataclass
class _Ledger:
    """The ledger of the upload's days as the plan reads it."""

    events: dict[datetime.date, MarketEvent]
    live: dict[int, list[LedgerLine]]
    last_entry: dict[int, int]

    def existing(self, day: datetime.date) -> MarketEvent | None:
        event = self.events.get(day)
        return None if event is None or getattr(event, "created_now", False) else event

    def lines(self, day: datetime.date) -> list[LedgerLine]:
        event = self.existing(day)
        return self.live[event.pk] if event else []

    def mark(self, day: datetime.date) -> list:
        event = self.existing(day)
        return [self.last_entry.get(event.pk, 0), event.withdrawn_at is not None] if event else [0, False]

    def day_json(self, plan: DayPlan, withdrawn: bool = False) -> dict:
        event = self.existing(plan.held_on)
        return {
            "day": _iso(plan.held_on),
            "before": _money(plan.before),
            "after": _money(plan.after),
            "unchanged": plan.unchanged,
            "added_count": len(plan.added),
            "changed_count": len(plan.changed),
            "removed_count": len(plan.removed),
            "added": [[r.line, r.vendor, _money(r.amount)] for r in plan.added[:DETAILS_PER_DAY]],
            "changed": [
                [r.line, line.id, line.vendor, _money(line.amount), r.vendor, _money(r.amount)]
                for line, r in plan.changed[:DETAILS_PER_DAY]
            ],
            "removed": [
                [line.id, line.vendor, _money(line.amount), line.source]
                for line in plan.removed[:DETAILS_PER_DAY]
            ],
            "new_event": event is None,
            "reopen": bool(event and event.withdrawn_at and not withdrawn),
            "withdraw": withdrawn,
        }


def _dropped_days(ledger: _Ledger, candidates: set[datetime.date], decisions: dict) -> tuple[list, list]:
    """Days no longer in the sheet that still hold sales: the ones to withdraw, and the preview's list."""
    withdrawals, dropped_json = [], []
    for day in sorted(candidates):
        current = [line for line in ledger.lines(day) if line.amount]
        if not current:
            continue  # nothing to take out: the day is not in question
        decision = decisions.get("dropped", {}).get(_iso(day))
        if decision == WITHDRAW:
            withdrawals.append(plan_day(day, current, None))
        dropped_json.append(
            {
                "day": _iso(day),
                "before": _money(sum((line.amount for line in current), Decimal(0))),
                "lines": len(current),
                "decision": decision,
            }
        )
    return withdrawals, dropped_json


def _totals(day_plans: list[DayPlan], withdrawals: list[DayPlan], candidates: set) -> dict:
    everything = day_plans + withdrawals
    return {
        "days": len(day_plans),
        "days_changed": sum(bool(p.changes) or p.held_on in candidates for p in everything),
        "before": _money(sum((p.before for p in everything), Decimal(0))),
        "after": _money(sum((p.after for p in everything), Decimal(0))),
        "added": sum(len(p.added) for p in everything),
        "changed": sum(len(p.changed) for p in everything),
        "removed": sum(len(p.removed) for p in everything),
        "unchanged": sum(p.unchanged for p in everything),
    }


def _plan(
    upload: SalesUpload, events: dict[datetime.date, MarketEvent], rows: list[SheetRow] | None = None
) -> _Plan:
    """What committing the upload does to the ledger as it is now (`events`: the days' events, new
    ones created by this commit marked `created_now`; `rows`: the upload's rows, if already read).
    Who wrote a line is kept language-neutral (upload:<id>, user:<name>): the plan is compared as
    stored, whatever the page language of the preview and of the commit."""
    rows = rows if rows is not None else [_row_from_json(data) for data in upload.rows]
    covered, held_back = _covered_days(upload)
    candidates = _candidates(upload, covered, held_back)
    ledger = _Ledger(events, *_live_ledger(events))
    dropped_lines, repeats_json = _repeat_groups(rows, upload.decisions)
    rows_by_day: dict[datetime.date, list[SheetRow]] = defaultdict(list)
    for row in rows:
        if row.line not in dropped_lines and row.held_on in covered:
            rows_by_day[row.held_on].append(row)
    day_plans = [
        plan_day(
            day,
            ledger.lines(day),
            [PlannedRow(r.line, r.vendor, r.amount, r.note) for r in rows_by_day[day]],
        )
        for day in covered
    ]
    withdrawals, dropped_json = _dropped_days(ledger, candidates, upload.decisions)
    days_json = [ledger.day_json(p) for p in day_plans] + [ledger.day_json(p, True) for p in withdrawals]
    days_json.sort(key=lambda day: day["day"])
    undecided = sum(r["decision"] not in (KEEP_ALL, KEEP_ONE) for r in repeats_json) + sum(
        d["decision"] not in (WITHDRAW, KEEP) for d in dropped_json
    )
    summary = {
        "days": days_json,
        "held_back": sorted(_iso(d) for d in held_back),
        "repeats": repeats_json,
        "dropped": dropped_json,
        "undecided": undecided,
        "totals": _totals(day_plans, withdrawals, candidates),
    }
    return _Plan(
        summary=summary,
        mark={_iso(day): ledger.mark(day) for day in sorted(set(covered) | candidates)},
        covered=covered,
        days=day_plans,
        withdrawals=withdrawals,
        rows_by_day=rows_by_day,
    )


# --- decisions -----------------------------------------------------------------------------------


def _check_decisions(upload: SalesUpload, decisions: dict, *, strict: bool) -> None:
    """Merge the organiser's choices into the upload's; unknown keys or values are refused."""
    repeats = decisions.get("repeats") or {}
    dropped = decisions.get("dropped") or {}
    if not isinstance(repeats, dict) or not isinstance(dropped, dict):
        raise ValidationError(
            _("การตัดสินใจต้องเป็นรายการ แถว: all/one และ วันที่: withdraw/keep"), code="decisions"
        )
    wrong = [f"{k}={v}" for k, v in repeats.items() if v not in (KEEP_ALL, KEEP_ONE)]
    wrong += [f"{k}={v}" for k, v in dropped.items() if v not in (WITHDRAW, KEEP)]
    if strict:
        known_repeats = {str(r["first"]) for r in upload.plan.get("repeats", [])}
        known_days = {d["day"] for d in upload.plan.get("dropped", [])}
        wrong += [f"{k}" for k in repeats if str(k) not in known_repeats]
        wrong += [f"{k}" for k in dropped if k not in known_days]
    if wrong:
        raise ValidationError(
            _("การตัดสินใจที่ใช้ไม่ได้: %(items)s (แถวซ้ำ: all หรือ one; วันที่ไม่มีในแผ่นงานแล้ว: withdraw หรือ keep)")
            % {"items": ", ".join(wrong[:20])},
            code="decisions",
        )
    upload.decisions = {
        **upload.decisions,
        "repeats": {**upload.decisions.get("repeats", {}), **{str(k): v for k, v in repeats.items()}},
        "dropped": {**upload.decisions.get("dropped", {}), **dropped},
    }


def _upload_for(upload_id: int, user, market: CulturalMarket | None, *, lock: bool) -> SalesUpload:
    uploads = SalesUpload.objects.select_related("market")
    if lock:
        uploads = uploads.select_for_update(of=("self",))
    upload = uploads.filter(pk=upload_id).first()
    if upload is None or (market is not None and upload.market_id != market.pk):
        raise RecordNotFound(_("ไม่พบการอัปโหลด #%(id)s ของตลาดนี้") % {"id": upload_id}, code="not_found")
    require_organiser(user, upload.market)
    return upload


def _must_be_preview(upload: SalesUpload) -> None:
    if upload.status == Status.PREVIEW:
        return
    if upload.status == Status.SUPERSEDED:
        fresh = SalesUpload.objects.filter(supersedes=upload).values_list("pk", flat=True).first()
        raise Conflict(
            _("ตัวอย่างนี้เก่าแล้ว: ข้อมูลของวันเหล่านั้นเปลี่ยนไป ดูตัวอย่างใหม่ #%(id)s") % {"id": fresh},
            code="ledger_changed",
            preview=fresh,
        )
    raise Conflict(
        _("การอัปโหลด #%(id)s %(status)s แล้ว") % {"id": upload.pk, "status": _status_label(upload.status)},
        code="not_a_preview",
    )


def _status_label(status: str) -> str:
    return {
        Status.COMMITTED: _("บันทึก"),
        Status.UNDONE: _("ถูกยกเลิก"),
        Status.DISCARDED: _("ถูกทิ้ง"),
        Status.SUPERSEDED: _("ถูกแทนที่"),
    }.get(status, status)


@transaction.atomic
def sales_upload_decide(
    *, upload_id: int, user, decisions: dict, market: CulturalMarket | None = None
) -> SalesUpload:
    """Record the organiser's choices (repeated rows: keep all or one; days no longer in the sheet:
    withdraw or keep) and show the preview again as the ledger is now."""
    upload = _upload_for(upload_id, user, market, lock=True)
    _must_be_preview(upload)
    _check_decisions(upload, decisions, strict=True)
    plan = _plan(upload, _events(upload.market, upload))
    upload.plan, upload.ledger_mark = plan.summary, plan.mark
    upload.save(update_fields=["decisions", "plan", "ledger_mark"])
    return upload


@transaction.atomic
def sales_upload_discard(*, upload_id: int, user, market: CulturalMarket | None = None) -> SalesUpload:
    """The organiser does not want this preview stored."""
    upload = _upload_for(upload_id, user, market, lock=True)
    _must_be_preview(upload)
    upload.status = Status.DISCARDED
    upload.save(update_fields=["status"])
    return upload


# --- commit --------------------------------------------------------------------------------------


class _LedgerMoved(Exception):
    def __init__(self, days: list[str]):
        super().__init__(days)
        self.days = days


def sales_upload_commit(*, upload_id: int, user, market: CulturalMarket | None = None) -> SalesUpload:
    """Store a preview exactly as it was shown. If the ledger of its days moved since (someone logged,
    corrected or uploaded), nothing is stored: a fresh preview replaces it and the answer is a
    Conflict naming it and the days that moved.

    Two transactions, not one: the commit's, rolled back whole when the ledger moved, then the fresh
    preview's, which must outlive the refusal."""
    try:
        with transaction.atomic():
            return _commit(upload_id, user, market)
    except _LedgerMoved as moved:
        with transaction.atomic():
            fresh = _supersede(upload_id)
        raise Conflict(
            _(
                "ข้อมูลของวันที่ %(days)s เปลี่ยนไปหลังดูตัวอย่าง (มีผู้บันทึกหรือแก้ไข): "
                "ยังไม่ได้บันทึกอะไร ดูตัวอย่างใหม่ #%(id)s แล้วยืนยันอีกครั้ง"
            )
            % {"days": ", ".join(moved.days[:10]), "id": fresh.pk},
            code="ledger_changed",
            preview=fresh.pk,
            days=moved.days,
        ) from None


def _commit(upload_id: int, user, market: CulturalMarket | None) -> SalesUpload:
    upload = _upload_for(upload_id, user, market, lock=True)
    _must_be_preview(upload)
    if upload.plan.get("undecided"):
        raise ValidationError(
            _(
                "ยังต้องเลือก %(n)s เรื่องก่อนบันทึก: แถวที่ซ้ำกัน (เก็บทั้งหมดหรือแถวเดียว) "
                "และวันที่ไม่มีในแผ่นงานแล้ว (ยกเลิกหรือคงไว้)"
            )
            % {"n": upload.plan["undecided"]},
            code="undecided",
        )
    covered = [datetime.date.fromisoformat(day) for day in upload.ledger_mark]
    to_withdraw = {d["day"] for d in upload.plan["dropped"] if d["decision"] == WITHDRAW}
    writes = sorted({day for day in covered if day in set(upload.days) or _iso(day) in to_withdraw})
    # The one lock order: every day's event, in date order, before any ledger row.
    events = lock_events(upload.market, writes, user, create=upload.days)
    # A "kept" day no longer in the sheet is only read: its event is looked up without a lock.
    for event in MarketEvent.objects.filter(market=upload.market, held_on__in=set(covered) - set(writes)):
        events.setdefault(event.held_on, event)
    plan = _plan(upload, events)
    moved = sorted(day for day, mark in plan.mark.items() if upload.ledger_mark.get(day) != mark)
    if moved or plan.summary != upload.plan:
        raise _LedgerMoved(moved or sorted(upload.ledger_mark))
    return _write(upload, user, plan, events)


def _write(upload: SalesUpload, user, plan: _Plan, events: dict[datetime.date, MarketEvent]) -> SalesUpload:
    gone = _("ไม่มีในแผ่นงานที่อัปโหลด #%(id)s") % {"id": upload.pk}
    withdrawn_note = _("วันนี้ไม่มีในแผ่นงานที่อัปโหลด #%(id)s แล้ว: ยกเลิกงานวันนี้") % {"id": upload.pk}
    new: list[SalesEntry] = []
    result: dict[str, dict] = {}
    for day_plan in plan.days + plan.withdrawals:
        event = events[day_plan.held_on]

        def sheet_line(row: PlannedRow, corrects: int | None = None, event_id: int = event.pk) -> SalesEntry:
            note = _("แถว %(n)s") % {"n": row.line} + (f" · {row.note}" if row.note else "")
            return SalesEntry(
                event_id=event_id,
                amount=row.amount,
                vendor=row.vendor,
                corrects_id=corrects,
                kind=Kind.CORRECTION if corrects else Kind.SALE,
                upload_id=upload.pk,
                note=note[:500],
                recorded_by_id=user.pk,
            )

        new += [sheet_line(row, corrects=line.id) for line, row in day_plan.changed]
        new += [sheet_line(row) for row in day_plan.added]
        for line in day_plan.removed:
            new.append(
                reversal(
                    SalesEntry(id=line.id, event_id=event.pk, vendor=line.vendor), user, gone, upload=upload
                )
            )
        result[_iso(day_plan.held_on)] = {
            "before": _money(day_plan.before),
            "after": _money(day_plan.after),
            "created": getattr(event, "created_now", False),
            "withdrawn_before": event.withdrawn_at is not None,
            "counts_before": [event.vendors_present, event.visitors],
        }
    SalesEntry.objects.bulk_create(new)  # one statement: the summary trigger runs once
    for day_plan in plan.days:
        event = events[day_plan.held_on]
        rows = plan.rows_by_day[day_plan.held_on]
        apply_counts(
            event,
            next((r.vendors_present for r in reversed(rows) if r.vendors_present is not None), None),
            next((r.visitors for r in reversed(rows) if r.visitors is not None), None),
        )
        reopen(event)
        result[_iso(day_plan.held_on)]["counts_after"] = [event.vendors_present, event.visitors]
    for day_plan in plan.withdrawals:
        event = events[day_plan.held_on]
        withdraw(event, user, withdrawn_note)
        result[_iso(day_plan.held_on)]["withdrawn_after"] = True
    upload.status = Status.COMMITTED
    upload.committed_at = timezone.now()
    upload.days = sorted(day_plan.held_on for day_plan in plan.days + plan.withdrawals)
    upload.result = {"days": result, "entries": len(new), "totals": upload.plan["totals"]}
    upload.save(update_fields=["status", "committed_at", "days", "result"])
    return upload


def _supersede(upload_id: int) -> SalesUpload:
    old = SalesUpload.objects.select_for_update(of=("self",)).select_related("market").get(pk=upload_id)
    if old.status != Status.PREVIEW:  # superseded by a commit racing with ours: that fresh one stands
        fresh = SalesUpload.objects.filter(supersedes=old).first()
        if fresh is not None:
            return fresh
        _must_be_preview(old)
    fresh = SalesUpload(
        market=old.market,
        uploaded_by=old.uploaded_by,
        file_name=old.file_name,
        checksum=old.checksum,
        file_format=old.file_format,
        sheet_name=old.sheet_name,
        header_row=old.header_row,
        rows=old.rows,
        refused=old.refused,
        refused_count=old.refused_count,
        skipped=old.skipped,
        decisions=old.decisions,
        supersedes=old,
    )
    plan = _plan(fresh, _events(old.market, fresh))
    fresh.plan, fresh.ledger_mark, fresh.days = plan.summary, plan.mark, plan.covered
    old.status = Status.SUPERSEDED
    old.save(update_fields=["status"])
    fresh.save()
    return fresh


# --- undo ----------------------------------------------------------------------------------------


def _live_heads(upload: SalesUpload, written: list[SalesEntry], events) -> dict[int, SalesEntry]:
    """Each line the upload wrote, to its live end: the line itself, or a later step of uploads undone
    since (their undo put the line's value back). Anything else (a hand correction, a later upload in
    effect) is a change resting on this upload: refused (409) until that one is undone first."""
    day_entries = SalesEntry.objects.filter(event__in=list(events.values())).select_related("event")
    newer = {e.corrects_id: e for e in day_entries if e.corrects_id}
    undone = set(
        SalesUpload.objects.filter(market=upload.market, status=Status.UNDONE).values_list("pk", flat=True)
    )
    heads, blocking = {}, []
    for entry in written:
        head = entry
        while head.pk in newer:
            head = newer[head.pk]
            if head.upload_id not in undone:
                blocking.append(head)
                break
        heads[entry.pk] = head
    if blocking:
        days = sorted({_day_label(e.event.held_on) for e in blocking})
        raise Conflict(
            _(
                "ยกเลิกการอัปโหลด #%(id)s ไม่ได้: รายการของวันที่ %(days)s ถูกแก้ไขหลังจากนั้น "
                "(เช่น รายการ #%(entry)s): ยกเลิกหรือแก้ไขส่วนที่ใหม่กว่าก่อน"
            )
            % {"id": upload.pk, "days": ", ".join(days[:10]), "entry": blocking[0].pk},
            code="changed_since",
        )
    return heads


def _restore_days(upload: SalesUpload, events, user, note: str) -> None:
    """Days the upload withdrew are held again, days it opened are withdrawn again, and head counts
    it changed (and nobody since) go back."""
    live = defaultdict(list)
    for entry in live_lines(events.values()):
        if entry.amount:
            live[entry.event_id].append(entry)
    for iso, day in upload.result.get("days", {}).items():
        event = events.get(datetime.date.fromisoformat(iso))
        if event is None:
            continue
        if day.get("withdrawn_before") or (day.get("created") and not live[event.pk]):
            if event.withdrawn_at is None:
                withdraw(event, user, note)
        else:
            reopen(event)
        counts_after = day.get("counts_after")
        if counts_after and [event.vendors_present, event.visitors] == counts_after:
            event.vendors_present, event.visitors = day["counts_before"]
            event.save(update_fields=["vendors_present", "visitors"])


@transaction.atomic
def sales_upload_undo(*, upload_id: int, user, market: CulturalMarket | None = None) -> SalesUpload:
    """Reverse a committed upload: every line it wrote goes back to what it replaced (or out, if it
    added it), by new entries; days it withdrew are held again, days it opened are withdrawn again.
    Refused (409) while a later change rests on the upload's lines: undo that one first."""
    upload = _upload_for(upload_id, user, market, lock=True)
    if upload.status != Status.COMMITTED:
        raise Conflict(
            _("ยกเลิกได้เฉพาะการอัปโหลดที่บันทึกแล้ว: #%(id)s %(status)s")
            % {"id": upload.pk, "status": _status_label(upload.status)},
            code="not_committed",
        )
    events = lock_events(upload.market, upload.days, user, create=False)
    written = list(
        SalesEntry.objects.filter(upload=upload)
        .exclude(kind=Kind.UNDO)
        .select_related("corrects", "event")
        .order_by("id")
    )
    heads = _live_heads(upload, written, events)
    note = _("ยกเลิกการอัปโหลด #%(id)s") % {"id": upload.pk}
    undo = []
    for entry in written:
        before = entry.corrects  # None: the upload added the line, which goes out again
        undo.append(
            SalesEntry(
                event_id=entry.event_id,
                amount=before.amount if before else Decimal(0),
                vendor=before.vendor if before else entry.vendor,
                corrects=heads[entry.pk],
                kind=Kind.UNDO,
                upload=upload,
                note=note,
                recorded_by=user,
            )
        )
    SalesEntry.objects.bulk_create(undo)
    _restore_days(upload, events, user, note)
    upload.status, upload.undone_at, upload.undone_by = Status.UNDONE, timezone.now(), user
    upload.save(update_fields=["status", "undone_at", "undone_by"])
    return upload


# --- purge ---------------------------------------------------------------------------------------

# A preview nobody committed (waiting, discarded or superseded) is kept this long, then purged: it
# holds the whole sheet (up to 10,000 rows as JSON) and nothing in the ledger refers to it.
PREVIEW_LIFETIME = datetime.timedelta(hours=24)
_NEVER_COMMITTED = (Status.PREVIEW, Status.DISCARDED, Status.SUPERSEDED)


@transaction.atomic
def sales_uploads_purge(
    *,
    market: CulturalMarket | None = None,
    older_than: datetime.timedelta = PREVIEW_LIFETIME,
    now: datetime.datetime | None = None,
) -> int:
    """Delete the uploads never committed (previews, discarded and superseded ones) made more than
    `older_than` ago, of one market or of all; returns how many. Committed and undone uploads are
    the ledger's history and stay. A preview being decided on or committed right now is locked by
    that write and skipped (it is purged next time); a superseded preview stays while the upload
    that superseded it stays (that one names it)."""
    cutoff = (now or timezone.now()) - older_than
    stale = SalesUpload.objects.filter(
        status__in=_NEVER_COMMITTED, uploaded_at__lt=cutoff, entries__isnull=True
    )
    if market is not None:
        stale = stale.filter(market=market)
    # Locked first: nothing can commit, decide on or supersede these until this transaction ends.
    ids = set(stale.select_for_update(skip_locked=True, of=("self",)).values_list("pk", flat=True))
    successors = dict(SalesUpload.objects.filter(supersedes_id__in=ids).values_list("supersedes_id", "pk"))
    kept = {pk for pk, successor in successors.items() if successor not in ids}
    while kept:  # a chain is purged from its kept end back to nothing
        ids -= kept
        kept = {pk for pk, successor in successors.items() if successor in kept and pk in ids}
    # One statement: a chain's links refer to each other (PROTECT), which Django's collector refuses
    # even when both ends go; the database checks the key at commit, when both are gone.
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {SalesUpload._meta.db_table} WHERE id = ANY(%s)", [sorted(ids)])
        return cursor.rowcount
