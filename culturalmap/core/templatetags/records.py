"""Records shown in the page's language: `{% load records %}` then `{{ market|localized }}`, and
their times as Thai readers read them (`{{ revision.created_at|thai_datetime }}`)."""

from django import template
from django.utils import timezone
from django.utils.translation import get_language

from culturalmap.core.thai import BE_OFFSET, MONTHS_TH_ABBR

register = template.Library()


@register.filter
def localized(record, field: str = "name") -> str:
    """`record.<field>_en` on English pages when there is one, else `<field>_th` (always there)."""
    if (get_language() or "th").startswith("en"):
        return getattr(record, f"{field}_en", "") or getattr(record, f"{field}_th", "")
    return getattr(record, f"{field}_th", "")


@register.filter
def thai_datetime(value) -> str:
    """21 พ.ย. 2569 07:10 (Buddhist Era, Bangkok time); the English page keeps the CE year."""
    if not value:
        return ""
    local = timezone.localtime(value)
    if (get_language() or "th").startswith("en"):
        return local.strftime("%-d %b %Y %H:%M")
    return f"{local.day} {MONTHS_TH_ABBR[local.month - 1]} {local.year + BE_OFFSET} {local:%H:%M}"
