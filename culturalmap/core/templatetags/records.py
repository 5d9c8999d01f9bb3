"""Records shown in the page's language: `{% load records %}` then `{{ market|localized }}`."""

from django import template
from django.utils.translation import get_language

register = template.Library()


@register.filter
def localized(record, field: str = "name") -> str:
    """`record.<field>_en` on English pages when there is one, else `<field>_th` (always there)."""
    if (get_language() or "th").startswith("en"):
        return getattr(record, f"{field}_en", "") or getattr(record, f"{field}_th", "")
    return getattr(record, f"{field}_th", "")
