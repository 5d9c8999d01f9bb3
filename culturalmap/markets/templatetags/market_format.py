"""Thai number and Buddhist-Era date formats for market pages."""

from django import template
from django.utils.translation import get_language

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
