"""Thai numbers and dates as organisers type them: Thai digits, thousands separators, Buddhist Era.

Parsing refuses what it cannot read without guessing (a two-digit year, a day/month that do not
exist): a wrong date in the ledger is worse than a row sent back with its reason.
"""

import datetime
import re
from decimal import Decimal, InvalidOperation

from django.db.models import F
from django.db.models.functions import Collate
from django.utils.translation import gettext as _

BE_OFFSET = 543
THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
MONTHS_TH_ABBR = [
    "ม.ค.",
    "ก.พ.",
    "มี.ค.",
    "เม.ย.",
    "พ.ค.",
    "มิ.ย.",
    "ก.ค.",
    "ส.ค.",
    "ก.ย.",
    "ต.ค.",
    "พ.ย.",
    "ธ.ค.",
]
MONTHS_TH_FULL = [
    "มกราคม",
    "กุมภาพันธ์",
    "มีนาคม",
    "เมษายน",
    "พฤษภาคม",
    "มิถุนายน",
    "กรกฎาคม",
    "สิงหาคม",
    "กันยายน",
    "ตุลาคม",
    "พฤศจิกายน",
    "ธันวาคม",
]
MONTHS_EN_ABBR = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

# Largest amount a ledger line holds (max_digits=14, decimal_places=2).
MAX_AMOUNT = Decimal("999999999999.99")
MAX_COUNT = 10_000_000  # people at one market event; far inside the database's integer range


class ThaiInputError(ValueError):
    """A value that cannot be read unambiguously; the message says why, in the user's language."""


def western_digits(text: str) -> str:
    return text.translate(THAI_DIGITS)


_AMOUNT = re.compile(r"^\d{1,3}(,\d{3})+(\.\d+)?$|^\d+(\.\d+)?$")


def parse_amount(value: object) -> Decimal:
    """Baht, from a number or text such as '1,234.50', '๑๒,๓๔๕' or '12345 บาท'; never negative."""
    amount = Decimal(value) if isinstance(value, Decimal | int) else _amount_from_text(value)
    if not amount.is_finite():
        raise ThaiInputError(_("ยอดขายไม่ใช่ตัวเลข: %(value)s") % {"value": value})
    if amount < 0:
        raise ThaiInputError(_("ยอดขายติดลบไม่ได้: %(value)s") % {"value": value})
    if amount != amount.quantize(Decimal("0.01")):
        raise ThaiInputError(_("ยอดขายมีทศนิยมเกินสองตำแหน่ง: %(value)s") % {"value": value})
    if amount > MAX_AMOUNT:
        raise ThaiInputError(_("ยอดขายสูงเกินไป: %(value)s") % {"value": value})
    return amount.quantize(Decimal("0.01"))


def _amount_from_text(value: object) -> Decimal:
    text = western_digits(str(value or "")).strip()
    text = text.removesuffix("บาท").removesuffix("฿").removeprefix("฿").strip().replace(" ", "")
    if not text:
        raise ThaiInputError(_("ไม่มียอดขาย"))
    if text.startswith("-") or (text.startswith("(") and text.endswith(")")):
        raise ThaiInputError(_("ยอดขายติดลบไม่ได้: %(value)s") % {"value": value})
    if not _AMOUNT.match(text):
        raise ThaiInputError(_("ยอดขายไม่ใช่ตัวเลข: %(value)s") % {"value": value})
    if "." in text and len(text.rsplit(".", 1)[1]) > 2:
        # 1.500 may be a European "one thousand five hundred": refuse rather than guess.
        raise ThaiInputError(_("ยอดขายมีทศนิยมเกินสองตำแหน่ง: %(value)s") % {"value": value})
    try:
        return Decimal(text.replace(",", ""))
    except InvalidOperation as exc:
        raise ThaiInputError(_("ยอดขายไม่ใช่ตัวเลข: %(value)s") % {"value": value}) from exc


# ASCII digits only (after Thai digits are turned into them): Python's int() and str.isdigit() also
# take other scripts' digits, superscripts (²) and circled numbers (①), which nobody types as a count.
_WHOLE_NUMBER = re.compile(r"[0-9]{1,3}(,[0-9]{3})+|[0-9]+", re.ASCII)
MAX_NUMBER_LENGTH = 30  # characters: far past any count, short enough that int() never labours


def parse_whole_number(value: object, *, separators: bool = True, maximum: int | None = None) -> int:
    """A whole number ≥ 0 as people in Thailand type it: ASCII or Thai digits (๐–๙), with thousands
    separators when `separators`. The one parser for numbers from requests (counts, versions, zooms):
    anything else, other Unicode digits included, is a ThaiInputError, never a 500."""
    text = western_digits(str(value if value is not None else "")).strip()
    if len(text) > MAX_NUMBER_LENGTH or not _WHOLE_NUMBER.fullmatch(text) or ("," in text and not separators):
        raise ThaiInputError(_("จำนวนต้องเป็นจำนวนเต็มไม่ติดลบ: %(value)s") % {"value": _shown(value)})
    number = int(text.replace(",", ""))
    if maximum is not None and number > maximum:
        raise ThaiInputError(
            _("จำนวนมากเกินไป (ไม่เกิน %(max)s): %(value)s")
            % {"max": format_number(maximum), "value": _shown(value)}
        )
    return number


def _shown(value: object) -> str:
    """The value as a message quotes it: a pasted megabyte comes back as its start."""
    text = str(value)
    return text if len(text) <= 40 else text[:40] + "…"


def parse_count(value: object) -> int | None:
    """A head count (vendors, visitors): blank is unknown; Thai digits and separators accepted."""
    if not str(value if value is not None else "").strip():
        return None
    return parse_whole_number(value, maximum=MAX_COUNT)


def _year_ce(text: str) -> int:
    if len(text) != 4:
        raise ThaiInputError(_("ปีต้องมีสี่หลัก (พ.ศ. หรือ ค.ศ.): %(value)s") % {"value": text})
    year = int(text)
    if year >= 2400:  # Buddhist Era: 2400 BE is 1857 CE, long before any market
        return year - BE_OFFSET
    if 1900 <= year <= 2200:
        return year
    raise ThaiInputError(_("ปีไม่ชัดเจน: %(value)s") % {"value": text})


def _month_key(name: str) -> str:
    return name.replace(".", "").casefold()


_MONTHS = {
    _month_key(n): i + 1
    for names in (MONTHS_TH_FULL, MONTHS_TH_ABBR, MONTHS_EN_ABBR)
    for i, n in enumerate(names)
}

_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_DMY = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d+)$")
_NAMED = re.compile(r"^(\d{1,2})\s+(\S+)\s+(?:(?:พ\.ศ\.|ค\.ศ\.)\s*)?(\d+)$")


def parse_date(value: object) -> datetime.date:
    """A date as Thai sheets write it: 29/09/2567, 29/9/2024, 2024-09-29, 29 ก.ย. 2567, ๒๙/๐๙/๒๕๖๗.

    Day comes before month (the Thai order); the year must have four digits and is read as BE
    from 2400 on, CE otherwise. Anything else is refused rather than guessed.
    """
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = " ".join(western_digits(str(value or "")).split())
    if not text:
        raise ThaiInputError(_("ไม่มีวันที่"))
    if m := _ISO.match(text):
        year, month, day = _year_ce(m[1]), int(m[2]), int(m[3])
    elif m := _DMY.match(text):
        day, month, year = int(m[1]), int(m[2]), _year_ce(m[3])
    elif (m := _NAMED.match(text)) and _month_key(m[2]) in _MONTHS:
        day, month, year = int(m[1]), _MONTHS[_month_key(m[2])], _year_ce(m[3])
    else:
        raise ThaiInputError(_("อ่านวันที่ไม่ได้ (ใช้ วว/ดด/ปปปป เช่น 29/09/2567): %(value)s") % {"value": value})
    try:
        return datetime.date(year, month, day)
    except ValueError as exc:
        raise ThaiInputError(_("ไม่มีวันที่นี้ในปฏิทิน (วว/ดด/ปปปป): %(value)s") % {"value": value}) from exc


def fiscal_year_be(day: datetime.date) -> int:
    """Thai fiscal year, named by its BE year: 1 Oct 2023 – 30 Sep 2024 is ปีงบประมาณ 2567."""
    return (day.year + 1 if day.month >= 10 else day.year) + BE_OFFSET


def format_date(day: datetime.date | None, language: str = "th") -> str:
    if day is None:
        return ""
    if language == "en":
        return f"{day.day} {MONTHS_EN_ABBR[day.month - 1]} {day.year}"
    return f"{day.day} {MONTHS_TH_ABBR[day.month - 1]} {day.year + BE_OFFSET}"


def format_month(day: datetime.date, language: str = "th") -> str:
    if language == "en":
        return f"{MONTHS_EN_ABBR[day.month - 1]} {day.year}"
    return f"{MONTHS_TH_ABBR[day.month - 1]} {str(day.year + BE_OFFSET)[-2:]}"


def format_number(value: object, decimals: int = 0) -> str:
    """Thai number format: comma thousands, point decimals (what the report prints)."""
    if value is None:
        return "–"
    return f"{Decimal(value):,.{decimals}f}"


# PostgreSQL's ICU Thai collation (Debian's PostgreSQL is built with ICU): Thai dictionary order, so
# เชียงราย comes before สุรินทร์ and not after it as in code-point order.
THAI_COLLATION = "th-TH-x-icu"


def thai_order(field: str) -> Collate:
    """An order_by() term: `field` in Thai dictionary order."""
    return Collate(F(field), THAI_COLLATION)


def name_order(language: str) -> Collate | str:
    """Records by name in the page's language: Thai dictionary order, or English names."""
    return "name_en" if (language or "th").startswith("en") else thai_order("name_th")
