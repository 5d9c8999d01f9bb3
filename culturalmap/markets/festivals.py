"""Writes: festivals, the events of several days that a district's community, one of its markets or a
university network holds, logged in the same sales ledger as the market nights.

A festival is one event from its first day to its last: its sales, visitors and vendors are the
festival's, and the revenue series count it once, in the period of its first day. Logging the same
festival (district, name, first day) again updates it: a total replaces the earlier total, vendor
lines add to it, as on a market night.
"""

import datetime
from collections.abc import Sequence
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from culturalmap.core.permissions import is_curator

from .models import CulturalDistrict, CulturalMarket, EventKind, FestivalHost, MarketEvent, SalesEntry
from .services import _count, _day, _sales_lines, apply_counts, write_sales_lines

MAX_FESTIVAL_DAYS = 31


def can_log_festival(user, district: CulturalDistrict) -> bool:
    """Curators, and the organisers of the district's markets (who also run its festivals)."""
    if not getattr(user, "is_authenticated", False):
        return False
    return district.markets.filter(organisers=user).exists() or is_curator(user)


def _check_festival(
    district: CulturalDistrict,
    *,
    name_th: str,
    held_on: datetime.date,
    ends_on: datetime.date,
    host: str,
    market: CulturalMarket | None,
    network_name: str,
) -> None:
    errors = {}
    if not name_th.strip():
        errors["name_th"] = _("ใส่ชื่องานเทศกาล")
    if ends_on < held_on:
        errors["ends_on"] = _("วันสุดท้าย %(end)s ก่อนวันแรก %(start)s") % {
            "end": _day(ends_on),
            "start": _day(held_on),
        }
    elif (ends_on - held_on).days + 1 > MAX_FESTIVAL_DAYS:
        errors["ends_on"] = _("งานเทศกาลยาวได้ไม่เกิน %(n)s วัน") % {"n": MAX_FESTIVAL_DAYS}
    if ends_on > timezone.localdate():
        errors["ends_on"] = _("บันทึกงานเทศกาลได้เมื่องานจบแล้ว: วันสุดท้าย %(end)s ยังไม่มาถึง") % {"end": _day(ends_on)}
    if host not in FestivalHost.values:
        errors["host"] = _("ผู้จัดต้องเป็นชุมชนในย่าน ตลาด หรือเครือข่ายมหาวิทยาลัย")
    elif host == FestivalHost.MARKET and market is None:
        errors["market"] = _("เลือกตลาดที่จัดงาน")
    elif host == FestivalHost.NETWORK and not network_name.strip():
        errors["network_name"] = _("ใส่ชื่อเครือข่ายมหาวิทยาลัยที่จัดงาน")
    if market is not None and market.district_id != district.pk:
        errors["market"] = _("ตลาด %(market)s ไม่ได้อยู่ในย่านนี้") % {"market": market.name_th}
    if errors:
        raise ValidationError(errors)


def _locked_festival(district: CulturalDistrict, name_th: str, held_on: datetime.date, values: dict, user):
    festivals = MarketEvent.objects.select_for_update(no_key=True, of=("self",)).order_by()
    event = festivals.filter(
        kind=EventKind.FESTIVAL, district=district, name_th=name_th, held_on=held_on
    ).first()
    if event is None:
        try:
            with transaction.atomic():
                return MarketEvent.objects.create(
                    kind=EventKind.FESTIVAL,
                    district=district,
                    name_th=name_th,
                    held_on=held_on,
                    created_by=user,
                    **values,
                )
        except IntegrityError as exc:
            raise ValidationError(str(exc)) from exc
    changed = [name for name, value in values.items() if getattr(event, name) != value]
    for name in changed:
        setattr(event, name, values[name])
    if changed:
        event.save(update_fields=changed)
    return event


@transaction.atomic
def festival_log(
    *,
    district: CulturalDistrict,
    user,
    name_th: str,
    held_on: datetime.date,
    ends_on: datetime.date | None = None,
    host: str = FestivalHost.DISTRICT,
    market: CulturalMarket | None = None,
    network_name: str = "",
    manager_name: str = "",
    name_en: str = "",
    total: object = None,
    vendor_sales: Sequence[tuple[str, object]] = (),
    vendors_present: object = None,
    visitors: object = None,
    note: str = "",
) -> tuple[MarketEvent, list[SalesEntry]]:
    """Log a festival of one or more days with its sales (a total, or vendor by vendor), visitors and
    manager. The festival's vendor lines are matched against the register of the market holding it."""
    if not can_log_festival(user, district):
        raise PermissionDenied(_("คุณไม่ได้เป็นผู้จัดตลาดในย่านนี้"))
    name_th = " ".join(name_th.split())
    ends_on = ends_on or held_on
    _check_festival(
        district,
        name_th=name_th,
        held_on=held_on,
        ends_on=ends_on,
        host=host,
        market=market,
        network_name=network_name,
    )
    lines = _sales_lines(total, vendor_sales)
    counts = _count(vendors_present), _count(visitors)
    values = {
        "ends_on": ends_on if ends_on != held_on else None,
        "name_en": name_en.strip()[:300],
        "host": host,
        "market": market if host == FestivalHost.MARKET else None,
        "network_name": network_name.strip()[:300] if host == FestivalHost.NETWORK else "",
        "manager_name": manager_name.strip()[:200],
    }
    event = _locked_festival(district, name_th[:300], held_on, values, user)
    apply_counts(event, *counts, note.strip())
    return event, (write_sales_lines(event, lines, user) if lines else [])


def festival_days_total(event: MarketEvent) -> Decimal:
    """The festival's sales as the ledger counts them now."""
    summary = getattr(event, "sales_summary", None)
    return summary.sales if summary else Decimal(0)
