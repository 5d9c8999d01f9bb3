"""Writes on a market's vendor register, and how a ledger line's name finds its vendor.

A line names a vendor as it was typed. Which vendor that is: first the register's name written
exactly so, then any spelling recorded for a vendor (the same key: case, spaces, punctuation and Thai
vowel variants set aside), then a fuzzy suggestion (rapidfuzz over the keys) that the organiser
confirms, which records the spelling. The ledger is never touched: a merge or a confirmed spelling
changes whose a line is, never a line or a total.
"""

import datetime
import string
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from rapidfuzz import fuzz, process

from culturalmap.core.exceptions import Conflict, RecordNotFound

from .models import CulturalMarket, Vendor, VendorAlias, VendorMerge
from .services import require_organiser
from .sheet_files import VENDOR_NAME_MAX_LENGTH

# What a spelling's key sets aside. The database's markets_vendor_key() (migration 0006) does the same:
# tests/markets/test_vendors.py checks that the two agree.
_DROPPED = set(string.punctuation) | {"\u200b", "\u200c", "\u200d", "\ufeff"}
SUGGEST_AT = 80  # rapidfuzz ratio (0–100) from which a spelling is offered as the same vendor
Source = VendorAlias.Source


def vendor_key(name: str) -> str:
    """'ลุงดำ ผ้าทอ', 'ลุงดำผ้าทอ' and 'ลุงดำ-ผ้าทอ' are one key; so are ำ and its two-part spelling ํา."""
    text = (name or "").lower().replace("\u0e4d\u0e32", "\u0e33")
    return "".join(ch for ch in text if not ch.isspace() and ch not in _DROPPED)


@dataclass(frozen=True)
class NameMatch:
    """How a typed name found its vendor: exact (the register's name), alias (a recorded spelling),
    suggested (a fuzzy match for the organiser to confirm, with its score) or none."""

    name: str
    how: str
    vendor_id: int | None = None
    vendor_name: str = ""
    score: float = 0.0


def match_names(market: CulturalMarket, names: list[str]) -> dict[str, NameMatch]:
    """Each distinct name's match in the market's register."""
    aliases = list(
        VendorAlias.objects.filter(market=market, vendor__merged_into__isnull=True).values_list(
            "name", "key", "source", "vendor_id", "vendor__name"
        )
    )
    by_key = {key: (vendor_id, vendor_name) for _name, key, _s, vendor_id, vendor_name in aliases}
    exact = {
        name: (vendor_id, vendor_name)
        for name, _k, src, vendor_id, vendor_name in aliases
        if src == Source.NAME
    }
    keys = list(by_key)
    matches = {}
    for name in dict.fromkeys(n for n in names if n):
        if name in exact:
            matches[name] = NameMatch(name, "exact", *exact[name])
        elif (key := vendor_key(name)) in by_key:
            matches[name] = NameMatch(name, "alias", *by_key[key])
        else:
            best = process.extractOne(key, keys, scorer=fuzz.ratio, score_cutoff=SUGGEST_AT) if key else None
            matches[name] = (
                NameMatch(name, "suggested", *by_key[best[0]], score=round(best[1], 1))
                if best
                else NameMatch(name, "none")
            )
    return matches


# --- services ------------------------------------------------------------------------------------


def _clean_name(name: str) -> str:
    clean = " ".join((name or "").split())
    if not clean:
        raise ValidationError({"name": _("ใส่ชื่อผู้ค้า")}, code="name")
    if len(clean) > VENDOR_NAME_MAX_LENGTH:
        raise ValidationError({"name": _("ชื่อยาวเกิน %(n)s ตัวอักษร") % {"n": VENDOR_NAME_MAX_LENGTH}})
    if not vendor_key(clean):
        raise ValidationError({"name": _("ชื่อผู้ค้าต้องมีตัวอักษร")}, code="name")
    return clean


def _taken(market: CulturalMarket, name: str) -> ValidationError:
    owner = VendorAlias.objects.filter(market=market, key=vendor_key(name)).select_related("vendor").first()
    who = owner.vendor.name if owner else ""
    return ValidationError(
        {"name": _("ชื่อ %(name)s เป็นของผู้ค้า %(who)s ในทะเบียนแล้ว") % {"name": name, "who": who}},
        code="taken",
    )


def _add_spelling(vendor: Vendor, name: str, source: str, user) -> VendorAlias:
    try:
        with transaction.atomic():
            return VendorAlias.objects.create(
                vendor=vendor,
                market_id=vendor.market_id,
                name=name,
                key=vendor_key(name),
                source=source,
                created_by=user,
            )
    except IntegrityError as exc:
        raise _taken(vendor.market, name) from exc


def _vendor_of(market: CulturalMarket, vendor_id: int, *, lock: bool = False) -> Vendor:
    vendors = Vendor.objects.select_for_update() if lock else Vendor.objects
    vendor = vendors.filter(pk=vendor_id, market=market).first()
    if vendor is None:
        raise RecordNotFound(_("ไม่พบผู้ค้า #%(id)s ในทะเบียนของตลาดนี้") % {"id": vendor_id}, code="not_found")
    return vendor


@transaction.atomic
def vendor_register(
    *,
    market: CulturalMarket,
    user,
    name: str,
    aliases: list[str] = (),
    goods: str = "",
    is_local: bool = True,
    joined_on: datetime.date | None = None,
    phone: str = "",
    note: str = "",
) -> Vendor:
    """Add a vendor to the market's register, with the other spellings its lines use."""
    require_organiser(user, market)
    vendor = Vendor.objects.create(
        market=market,
        name=_clean_name(name),
        goods=goods.strip()[:300],
        is_local=is_local,
        joined_on=joined_on,
        phone=phone.strip()[:40],
        note=note.strip(),
        created_by=user,
    )
    _add_spelling(vendor, vendor.name, Source.NAME, user)
    for alias in aliases:
        clean = _clean_name(alias)
        if vendor_key(clean) != vendor_key(vendor.name):
            _add_spelling(vendor, clean, Source.ALIAS, user)
    return vendor


@transaction.atomic
def vendor_update(
    *,
    market: CulturalMarket,
    vendor_id: int,
    user,
    name: str | None = None,
    goods: str | None = None,
    is_local: bool | None = None,
    joined_on: datetime.date | None = None,
    active: bool | None = None,
    phone: str | None = None,
    note: str | None = None,
) -> Vendor:
    """Change what the register says of a vendor. A new name keeps the old one as a spelling, so the
    vendor's earlier lines stay theirs."""
    require_organiser(user, market)
    vendor = _vendor_of(market, vendor_id, lock=True)
    if name is not None and (clean := _clean_name(name)) != vendor.name:
        VendorAlias.objects.filter(vendor=vendor, source=Source.NAME).update(source=Source.ALIAS)
        existing = VendorAlias.objects.filter(market=market, key=vendor_key(clean)).first()
        if existing is None:
            _add_spelling(vendor, clean, Source.NAME, user)
        elif existing.vendor_id == vendor.pk:
            existing.name, existing.source = clean, Source.NAME
            existing.save(update_fields=["name", "source"])
        else:
            raise _taken(market, clean)
        vendor.name = clean
    for field, value in {
        "goods": goods,
        "is_local": is_local,
        "active": active,
        "phone": phone,
        "note": note,
    }.items():
        if value is not None:
            setattr(vendor, field, value.strip() if isinstance(value, str) else value)
    if joined_on is not None:
        vendor.joined_on = joined_on
    vendor.full_clean(exclude=["market", "merged_into", "created_by"])
    vendor.save()
    return vendor


@transaction.atomic
def vendor_spelling_confirm(*, market: CulturalMarket, vendor_id: int, name: str, user) -> VendorAlias:
    """The organiser confirms that lines written `name` are this vendor's (a suggestion accepted, or
    a spelling added by hand): every line so written, past and future, is theirs."""
    require_organiser(user, market)
    vendor = _vendor_of(market, vendor_id)
    if vendor.merged_into_id:
        raise Conflict(_("ผู้ค้านี้ถูกรวมกับ %(into)s แล้ว") % {"into": vendor.merged_into.name}, code="merged")
    return _add_spelling(vendor, _clean_name(name), Source.CONFIRMED, user)


@transaction.atomic
def vendor_merge(*, market: CulturalMarket, merged_id: int, into_id: int, user) -> VendorMerge:
    """Two entries of the register are one vendor: `merged`'s spellings (and so its lines) become
    `into`'s. The ledger and every total stay as they were; the merge can be split again."""
    require_organiser(user, market)
    if merged_id == into_id:
        raise ValidationError(_("เลือกผู้ค้าสองรายที่ต่างกัน"), code="same_vendor")
    first, second = sorted([merged_id, into_id])  # one lock order
    locked = {v.pk: v for v in (_vendor_of(market, first, lock=True), _vendor_of(market, second, lock=True))}
    merged, into = locked[merged_id], locked[into_id]
    if merged.merged_into_id or into.merged_into_id:
        raise Conflict(_("ผู้ค้ารายนี้ถูกรวมกับรายอื่นไปแล้ว"), code="merged")
    moved = list(VendorAlias.objects.filter(vendor=merged).values_list("pk", flat=True))
    VendorAlias.objects.filter(pk__in=moved).update(
        vendor=into, source=Source.ALIAS
    )  # their names become spellings
    record = VendorMerge.objects.create(
        market=market, merged=merged, into=into, aliases=moved, was_active=merged.active, merged_by=user
    )
    merged.merged_into, merged.active = into, False
    merged.save(update_fields=["merged_into", "active"])
    return record


@transaction.atomic
def vendor_merge_split(*, market: CulturalMarket, merge_id: int, user) -> Vendor:
    """Undo a merge: the spellings it moved go back to the vendor they came from."""
    require_organiser(user, market)
    record = VendorMerge.objects.select_for_update().filter(pk=merge_id, market=market).first()
    if record is None:
        raise RecordNotFound(_("ไม่พบการรวมผู้ค้า #%(id)s") % {"id": merge_id}, code="not_found")
    if record.split_at:
        raise Conflict(_("การรวมนี้ถูกแยกไปแล้ว"), code="already_split")
    merged = _vendor_of(market, record.merged_id, lock=True)
    if merged.merged_into_id != record.into_id:
        raise Conflict(_("ผู้ค้ารายนี้ถูกรวมใหม่หลังจากนั้น: แยกการรวมที่ใหม่กว่าก่อน"), code="merged_since")
    VendorAlias.objects.filter(pk__in=record.aliases, vendor_id=record.into_id).update(vendor=merged)
    VendorAlias.objects.filter(pk__in=record.aliases, vendor=merged, name=merged.name).update(
        source=Source.NAME
    )
    merged.merged_into, merged.active = None, record.was_active
    merged.save(update_fields=["merged_into", "active"])
    record.split_at, record.split_by = timezone.now(), user
    record.save(update_fields=["split_at", "split_by"])
    return merged
