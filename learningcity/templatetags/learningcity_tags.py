"""Display helpers for learning-city pages: Buddhist-Era dates in Thai, field names in history."""

from django import template
from django.utils import timezone
from django.utils.translation import get_language

from culturalmap.core.thai import BE_OFFSET, MONTHS_TH_ABBR

register = template.Library()



@register.filter
def thai_datetime(value) -> str:
    """21 พ.ย. 2569 07:10 (Buddhist Era, Bangkok time); the English page keeps the CE year."""
    if not value:
        return ""
    local = timezone.localtime(value)
    if (get_language() or "th").startswith("en"):
        return local.strftime("%-d %b %Y %H:%M")
    return f"{local.day} {MONTHS_TH_ABBR[local.month - 1]} {local.year + BE_OFFSET} {local:%H:%M}"


@register.filter
def be_year(value) -> str:
    """A CE year shown as BE on Thai pages (2024 → 2567)."""
    if value in (None, ""):
        return ""
    if (get_language() or "th").startswith("en"):
        return str(value)
    return str(int(value) + BE_OFFSET)


@register.filter
def history_value(value) -> str:
    """A before/after value in the history: geometry summarised, lists joined, blanks shown."""
    if value in (None, "", [], {}):
        return "—"
    if isinstance(value, dict) and "type" in value and "coordinates" in value:
        coords = value["coordinates"]
        if value["type"] == "Point":
            return f"จุด {coords[1]:.5f}, {coords[0]:.5f}"
        return f"{value['type']} · {_count_points(coords)} จุด"
    if isinstance(value, dict):
        return ", ".join(f"{k}: {v}" for k, v in value.items() if v not in (None, ""))
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)


def _count_points(coords) -> int:
    if coords and isinstance(coords[0], int | float):
        return 1
    return sum(_count_points(c) for c in coords)


@register.filter
def field_label(name: str) -> str:
    """A changed field's name as the forms label it ("geom" → "ตำแหน่งบนแผนที่")."""
    from learningcity.forms import LearningCityProfileForm, LearningSpaceForm
    from learningcity.models import KEY_FEATURE_ENGLISH, KeyFeature

    if name.startswith("key_features."):
        feature = name.removeprefix("key_features.")
        if feature in KeyFeature.values:
            if (get_language() or "th").startswith("en"):
                return f"Key Feature: {KEY_FEATURE_ENGLISH[KeyFeature(feature)]}"
            return f"Key Feature: {KeyFeature(feature).label}"
    if name == "photos":
        return "Photos" if (get_language() or "th").startswith("en") else "รูปภาพ"
    for form in (LearningSpaceForm, LearningCityProfileForm):
        if name in form.base_fields:
            return str(form.base_fields[name].label)
    return name
