"""Thai number and Buddhist-Era date formats for market pages."""

import datetime

from django import template
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from culturalmap.core.thai import format_date, format_number

register = template.Library()


@register.filter
def number(value, decimals: int = 0) -> str:
    """1,234,567 (Thai reports use comma thousands and Arabic digits)."""
    return format_number(value, int(decimals))


@register.filter(expects_localtime=True)
def be_date(value) -> str:
    """29 ก.ย. 2567 in Thai, 29 Sep 2024 in English."""
    return format_date(value, get_language() or "th")


@register.filter
def percent(value) -> str:
    if value is None:
        return "–"
    return f"{value * 100:+,.1f}%"


@register.filter
def iso_be_date(value: str) -> str:
    """An ISO date string (as an upload's plan stores it) as be_date shows a date."""
    return format_date(datetime.date.fromisoformat(value), get_language() or "th") if value else ""


@register.filter
def line_source(value: str) -> str:
    """Who wrote a ledger line, from an upload plan's language-neutral source."""
    kind, _sep, name = (value or "").partition(":")
    if kind == "upload":
        return _("อัปโหลด #%(id)s") % {"id": name}
    if kind == "user":
        return _("บันทึกโดย %(who)s") % {"who": name}
    return _("ข้อมูลเดิม")


@register.filter
def get_item(mapping, key):
    return (mapping or {}).get(key)


@register.filter
def figure(value) -> str:
    """A reported figure: whole numbers without decimals (1,031), fractions with theirs (3.96)."""
    if value is None:
        return "–"
    return format_number(value, 0 if value == int(value) else 2)
