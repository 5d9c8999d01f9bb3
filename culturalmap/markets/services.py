"""Writes on markets: open an event, log its sales, correct, withdraw or move a day, API tokens.

Every write checks on the server that the user organises the market (or is a curator), and every
figure lands in the append-only ledger (SalesEntry); the per-event summary follows by trigger.
Sales sheets (preview, commit, undo) are in `uploads`.

One lock order for every writer of a day's ledger: the day's event row first (several days: in
date order), then whatever else. A writer never holds a ledger row lock while it waits for an event.
"""

import datetime
import hashlib
from collections.abc import Iterable, Sequence
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from rest_framework.authtoken.models import Token

from culturalmap.core.exceptions import Conflict, RecordNotFound
from culturalmap.core.permissions import is_curator
from culturalmap.core.thai import ThaiInputError, format_date, parse_amount, parse_count

from .models import CulturalMarket, MarketEvent, SalesEntry
from .selectors import SQL_DIR, market_night
from .sheet_files import VENDOR_NAME_MAX_LENGTH

Kind = SalesEntry.Kind


def can_log_sales(user, market: CulturalMarket) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    # The organiser check first: it is the common case, and one query.
    return market.organisers.filter(pk=user.pk).exists() or is_curator(user)


def require_organiser(user, market: CulturalMarket) -> None:
    if not can_log_sales(user, market):
        raise PermissionDenied(_("คุณไม่ได้เป็นผู้จัดตลาดนี้"))


def _day(day: datetime.date) -> str:
    return format_date(day, get_language() or "th")  # dates as the organiser reads them: BE in Thai


def check_event_date(market: CulturalMarket, held_on: datetime.date) -> None:
    if held_on > timezone.localdate():
        raise ValidationError(_("วันที่ %(date)s ยังไม่มาถึง") % {"date": _day(held_on)}, code="future")
    if held_on < market.opened_on:
        raise ValidationError(
            _("วันที่ %(date)s ก่อนตลาดเปิด (%(opened)s)")
            % {"date": _day(held_on), "opened": _day(market.opened_on)},
            code="before_opening",
        )


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


def apply_counts(
    event: MarketEvent, vendors_present: int | None, visitors: int | None, note: str = ""
) -> None:
    changed = []
    if vendors_present is not None and event.vendors_present != vendors_present:
        event.vendors_present, changed = vendors_present, [*changed, "vendors_present"]
    if visitors is not None and event.visitors != visitors:
        event.visitors, changed = visitors, [*changed, "visitors"]
    if note and event.note != note:
        event.note, changed = note, [*changed, "note"]
    if changed:
        event.save(update_fields=changed)


# --- the lock order ------------------------------------------------------------------------------


def lock_events(
    market: CulturalMarket,
    days: Iterable[datetime.date],
    user,
    *,
    create: bool | Iterable[datetime.date] = True,
) -> dict[datetime.date, MarketEvent]:
    """The events of these days, locked until commit, one day after the other in date order (the
    one lock order of every writer); created on first use when `create` (True, or the days to create).

    NO KEY: the ledger's foreign-key checks, deferred to commit, take KEY SHARE on these rows and
    must not wait for them. `of=self` and no ordering: the model's default ordering joins the market,
    whose row would then be locked too, and every writer of the market would queue on it."""
    events = MarketEvent.objects.select_for_update(no_key=True, of=("self",)).order_by()
    days = sorted(set(days))
    to_create = set(days) if create is True else set(create or ())
    locked = {}
    for day in days:
        event = events.filter(market=market, held_on=day).first()
        if event is None and day in to_create:
            try:
                with transaction.atomic():
                    event = MarketEvent.objects.create(market=market, held_on=day, created_by=user)
                event.created_now = True
            except IntegrityError:  # another organiser opened it at this moment: wait for them
                event = events.get(market=market, held_on=day)
        if event is not None:
            locked[day] = event
    return locked


def _locked_event(market: CulturalMarket, held_on: datetime.date, user) -> MarketEvent:
    check_event_date(market, held_on)
    return lock_events(market, [held_on], user)[held_on]


def live_lines(events: Iterable[MarketEvent]) -> list[SalesEntry]:
    """The entries that count (nothing corrects them) of these events, oldest first."""
    return list(
        SalesEntry.objects.filter(event__in=list(events), corrected_by__isnull=True)
        .select_related("recorded_by")  # not the upload: its row carries the whole sheet
        .order_by("id")
    )


def reopen(event: MarketEvent) -> bool:
    """A withdrawn day logged on again is held again."""
    if event.withdrawn_at is None:
        return False
    event.withdrawn_at, event.withdrawn_by, event.withdrawn_reason = None, None, ""
    event.save(update_fields=["withdrawn_at", "withdrawn_by", "withdrawn_reason"])
    return True


def withdraw(event: MarketEvent, user, reason: str) -> None:
    event.withdrawn_at, event.withdrawn_by, event.withdrawn_reason = timezone.now(), user, reason[:500]
    event.save(update_fields=["withdrawn_at", "withdrawn_by", "withdrawn_reason"])


def reversal(entry: SalesEntry, user, note: str, *, kind: str = Kind.REVERSAL, upload=None) -> SalesEntry:
    """The entry that takes `entry`'s line out (amount 0). Ids, not instances: a season's upload
    builds thousands of these."""
    return SalesEntry(
        event_id=entry.event_id,
        amount=Decimal(0),
        vendor=entry.vendor,
        corrects_id=entry.pk,
        kind=kind,
        upload_id=upload.pk if upload is not None else None,
        note=note[:500],
        recorded_by_id=user.pk,
    )


# --- events and their sales ----------------------------------------------------------------------


@transaction.atomic
def market_event_open(
    *,
    market: CulturalMarket,
    held_on: datetime.date,
    user,
    vendors_present: object = None,
    visitors: object = None,
    note: str = "",
) -> MarketEvent:
    """The market's event on that day, created on first use (one per market and day)."""
    require_organiser(user, market)
    event = _locked_event(market, held_on, user)
    apply_counts(event, _count(vendors_present), _count(visitors), note.strip())
    return event


def _kind_conflict(*, per_vendor: bool, has_total: bool, has_vendors: bool) -> str | None:
    """An event's sales are either totals or per vendor: mixing them would count the money twice.
    The reason a new entry may not be added, given what the event already counts; None if it may."""
    if per_vendor and has_total:
        return _("งานนี้บันทึกเป็นยอดรวมแล้ว: แก้ไขยอดรวมแทนการเพิ่มยอดรายร้าน")
    if not per_vendor and has_vendors:
        return _("งานนี้บันทึกเป็นยอดรายร้านแล้ว: เพิ่มยอดรายร้านแทนยอดรวม")
    return None


REQUEST_KEY_MAX_LENGTH = 100


def _request_key_prefix(*, user, market: CulturalMarket, request_key: str) -> str:
    """The source_key prefix of the entries logged under one organiser's request key (each entry
    adds its line number), hashed so any client string fits the column."""
    digest = hashlib.blake2b(f"{user.pk}\x1f{market.pk}\x1f{request_key}".encode(), digest_size=20)
    return f"req:{digest.hexdigest()}:"


def _request_key_reused() -> Conflict:
    return Conflict(_("รหัสคำขอนี้ใช้บันทึกยอดขายอื่นไปแล้ว: ส่งคำขอใหม่ด้วยรหัสใหม่"), code="request_key_reused")


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
        raise _request_key_reused()
    return earlier


def _sales_lines(total: object, vendor_sales: Sequence[tuple[str, object]]) -> list[tuple[str, Decimal]]:
    """The lines to log: ("", total) or (vendor, amount) each, parsed and checked."""
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
    return lines


def _check_request_key(request_key: str) -> None:
    if len(request_key) > REQUEST_KEY_MAX_LENGTH:
        raise ValidationError(
            _("รหัสคำขอยาวเกิน %(n)s ตัวอักษร") % {"n": REQUEST_KEY_MAX_LENGTH}, code="request_key"
        )


def write_sales_lines(
    event: MarketEvent, lines: list[tuple[str, Decimal]], user, prefix: str | None = None
) -> list[SalesEntry]:
    """Add the lines to the event's ledger: a total replaces the day's earlier total (a correction),
    vendor lines add to the day; a day is either totals or vendor lines. Reopens a withdrawn day.
    The event is locked by the caller."""
    live = [entry for entry in live_lines([event]) if entry.amount]
    per_vendor = bool(lines[0][0])
    reason = _kind_conflict(
        per_vendor=per_vendor,
        has_total=any(not e.vendor for e in live),
        has_vendors=any(e.vendor for e in live),
    )
    if reason:
        raise ValidationError(reason, code="mixed")
    earlier_totals = [] if per_vendor else [e for e in live if not e.vendor]
    new = [
        SalesEntry(
            event=event,
            amount=amount,
            vendor=vendor,
            kind=Kind.CORRECTION if earlier_totals else Kind.SALE,
            corrects=earlier_totals[0] if earlier_totals else None,
            recorded_by=user,
            source_key=f"{prefix}{line}" if prefix else None,
        )
        for line, (vendor, amount) in enumerate(lines)
    ]
    # Two totals on one day (an old sheet's, say): the new total replaces both.
    replaced = [reversal(e, user, _("แทนด้วยยอดรวมใหม่")) for e in earlier_totals[1:]]
    reopen(event)
    try:
        with transaction.atomic():
            entries = SalesEntry.objects.bulk_create(new + replaced)
    except IntegrityError as exc:
        if prefix is None:
            raise
        raise _request_key_reused() from exc  # the same key, at the same moment, for another day's event
    return entries[: len(new)]


@transaction.atomic
def event_sales_log(
    *,
    market: CulturalMarket,
    user,
    held_on: datetime.date | None = None,
    total: object = None,
    vendor_sales: Sequence[tuple[str, object]] = (),
    vendors_present: object = None,
    visitors: object = None,
    note: str = "",
    request_key: str = "",
) -> tuple[MarketEvent, list[SalesEntry]]:
    """Log an event's sales: one total, or one line per vendor, plus head counts when known.

    A total logged on a day that has one replaces it (a correction entry: the night's total typed
    again is the night's total, not more sales); vendor lines add to the day. `held_on` defaults to
    tonight's market night (`selectors.market_night`). Logging on a withdrawn day reopens it.
    `request_key` (a client's Idempotency-Key, a form's token) makes a retry safe: the same key with
    the same sales returns what the first request logged and logs nothing more."""
    require_organiser(user, market)
    held_on = held_on or market_night()
    lines = _sales_lines(total, vendor_sales)
    counts = _count(vendors_present), _count(visitors)
    _check_request_key(request_key)
    event = _locked_event(market, held_on, user)  # a retry waits here for the first request to commit
    prefix = _request_key_prefix(user=user, market=market, request_key=request_key) if request_key else None
    if prefix and lines:
        earlier = _replayed(event, prefix, lines)
        if earlier is not None:
            return event, earlier
    apply_counts(event, *counts, note.strip())
    if not lines:
        return event, []
    return event, write_sales_lines(event, lines, user, prefix)


def _entry_of_market(entry_id: int, user, market: CulturalMarket | None) -> SalesEntry:
    entry = SalesEntry.objects.select_related("event__market").filter(pk=entry_id).first()
    if entry is None:
        raise RecordNotFound(_("ไม่พบรายการขาย %(id)s") % {"id": entry_id}, code="not_found")
    require_organiser(user, entry.event.market)
    if market is not None and entry.event.market_id != market.pk:
        raise ValidationError(_("รายการขาย %(id)s เป็นของงานตลาดอื่น") % {"id": entry_id}, code="other_market")
    return entry


@transaction.atomic
def sales_entry_correct(
    *,
    entry_id: int,
    user,
    amount: object = None,
    vendor: str | None = None,
    note: str = "",
    market: CulturalMarket | None = None,
) -> SalesEntry:
    """Replace an entry's amount, its vendor's name, or both, by a new entry that points at it; the
    old one stops counting."""
    entry = _entry_of_market(entry_id, user, market)
    new_amount = entry.amount if amount in (None, "") else _amount(amount)
    new_vendor = entry.vendor if vendor is None else _clean_vendor(vendor)
    if amount in (None, "") and vendor is None:
        raise ValidationError(_("ใส่ยอดที่ถูกต้องหรือชื่อร้านที่ถูกต้อง"), code="nothing")
    if bool(new_vendor) != bool(entry.vendor):
        raise ValidationError(
            _("ยอดรวมของงานไม่มีชื่อร้าน และยอดรายร้านต้องมีชื่อร้าน: แก้ได้เฉพาะชื่อร้านของยอดรายร้าน"), code="vendor"
        )
    event = lock_events(entry.event.market, [entry.event.held_on], user, create=False)[entry.event.held_on]
    newer = SalesEntry.objects.filter(corrects=entry).first()
    if newer is not None:
        raise Conflict(
            _("รายการ %(id)s ถูกแก้ไขแล้วโดยรายการ %(newer)s: แก้ไขรายการล่าสุดแทน")
            % {"id": entry.pk, "newer": newer.pk},
            code="already_corrected",
            corrected_by=newer.pk,
        )
    if new_amount:
        reopen(event)  # money put back on a withdrawn day: the day is held again
    try:
        with transaction.atomic():
            return SalesEntry.objects.create(
                event=entry.event,
                amount=new_amount,
                vendor=new_vendor,
                corrects=entry,
                kind=Kind.CORRECTION,
                note=note.strip()[:500],
                recorded_by=user,
            )
    except IntegrityError as exc:  # another corrector won between our check and our insert
        raise Conflict(
            _("รายการ %(id)s เพิ่งถูกแก้ไขโดยผู้อื่น") % {"id": entry.pk}, code="already_corrected"
        ) from exc


def _event_to_change(market: CulturalMarket, held_on: datetime.date, events: dict) -> MarketEvent:
    event = events.get(held_on)
    if event is None:
        raise RecordNotFound(_("ไม่มีงานในวันที่ %(date)s") % {"date": _day(held_on)}, code="no_event")
    if event.withdrawn_at is not None:
        raise Conflict(_("งานวันที่ %(date)s ถูกยกเลิกไปแล้ว") % {"date": _day(held_on)}, code="withdrawn")
    return event


@transaction.atomic
def market_event_withdraw(
    *, market: CulturalMarket, held_on: datetime.date, user, reason: str = ""
) -> MarketEvent:
    """Withdraw a day logged by mistake: each of its lines is reversed in the ledger and the day no
    longer counts as an event held (series, counts, dashboards). Logging on it again reopens it."""
    require_organiser(user, market)
    event = _event_to_change(market, held_on, lock_events(market, [held_on], user, create=False))
    note = reason.strip() or _("ยกเลิกงานวันนี้ (บันทึกผิดวัน)")
    SalesEntry.objects.bulk_create([reversal(e, user, note) for e in live_lines([event]) if e.amount])
    withdraw(event, user, note)
    return event


@transaction.atomic
def market_event_move(
    *, market: CulturalMarket, held_on: datetime.date, to: datetime.date, user, reason: str = ""
) -> MarketEvent:
    """Move a day logged on the wrong date: its lines are reversed there and logged again on `to`,
    with its head counts; the wrong day is withdrawn. Returns the event of `to`."""
    require_organiser(user, market)
    if to == held_on:
        raise ValidationError(_("วันที่ใหม่ต้องไม่ใช่วันเดิม"), code="same_day")
    check_event_date(market, to)
    events = lock_events(market, [held_on, to], user, create=[to])  # both, in date order
    source, target = _event_to_change(market, held_on, events), events[to]
    moving = [e for e in live_lines([source]) if e.amount]
    there = [e for e in live_lines([target]) if e.amount]
    if moving:
        reason_mixed = _kind_conflict(
            per_vendor=bool(moving[0].vendor),
            has_total=any(not e.vendor for e in there),
            has_vendors=any(e.vendor for e in there),
        )
        if reason_mixed:
            raise ValidationError(
                _("ย้ายไปวันที่ %(date)s ไม่ได้: %(reason)s") % {"date": _day(to), "reason": reason_mixed},
                code="mixed",
            )
    moved_to = _("ย้ายไปวันที่ %(date)s") % {"date": _day(to)}
    moved_from = _("ย้ายมาจากวันที่ %(date)s") % {"date": _day(held_on)}
    note = f"{moved_to}: {reason.strip()}" if reason.strip() else moved_to
    SalesEntry.objects.bulk_create(
        [reversal(e, user, note) for e in moving]
        + [
            SalesEntry(
                event=target,
                amount=e.amount,
                vendor=e.vendor,
                kind=Kind.SALE,
                note=moved_from,
                recorded_by=user,
            )
            for e in moving
        ]
    )
    apply_counts(
        target,
        source.vendors_present if target.vendors_present is None else None,
        source.visitors if target.visitors is None else None,
    )
    withdraw(source, user, note)
    reopen(target)
    return target


# --- organisers' API tokens ----------------------------------------------------------------------


def _require_any_market(user) -> None:
    organises = getattr(user, "is_authenticated", False) and user.organised_markets.exists()
    if not (organises or is_curator(user)):
        raise PermissionDenied(_("โทเค็น API มีไว้สำหรับผู้จัดตลาด"))


@transaction.atomic
def api_token_create(*, user) -> Token:
    """A new API token for the organiser's scripts; an earlier one stops working."""
    _require_any_market(user)
    Token.objects.filter(user=user).delete()
    return Token.objects.create(user=user)


@transaction.atomic
def api_token_revoke(*, user) -> bool:
    """The organiser's token stops working at once; False if there was none."""
    deleted, _kinds = Token.objects.filter(user=user).delete()
    return bool(deleted)


# --- repair --------------------------------------------------------------------------------------


@transaction.atomic
def event_sales_rebuild() -> int:
    """Recompute the per-event summary from the ledger (after a repair that went around the trigger,
    e.g. removing a demo ledger); returns the number of events summarised. Logging waits meanwhile."""
    ledger_sql = (SQL_DIR / "event_sales_from_ledger.sql").read_text()
    with connection.cursor() as cursor:
        # Writers of the ledger wait until the summary is whole again.
        cursor.execute("LOCK TABLE markets_salesentry IN SHARE ROW EXCLUSIVE MODE")
        cursor.execute("DELETE FROM markets_eventsales")
        cursor.execute(f"INSERT INTO markets_eventsales (event_id, sales, entries) {ledger_sql}")
        return cursor.rowcount
