"""Display helpers for learning-city pages: Buddhist-Era dates in Thai, names in the page's language,
field names and values in history."""

from django import template
from django.utils.translation import get_language, gettext, gettext_noop, ngettext

from culturalmap.core.templatetags.records import localized, thai_datetime
from culturalmap.core.thai import BE_OFFSET

register = template.Library()


def _english() -> bool:
    return (get_language() or "th").startswith("en")


register.filter("localized", localized)  # the one rule, shared with the other apps' pages
register.filter("thai_datetime", thai_datetime)


@register.filter
def be_year(value) -> str:
    """A CE year shown as BE on Thai pages (2024 → 2567)."""
    if value in (None, ""):
        return ""
    if _english():
        return str(value)
    return str(int(value) + BE_OFFSET)


GEOMETRY_KINDS = {
    "Point": gettext_noop("จุด"),
    "MultiPoint": gettext_noop("จุด"),
    "LineString": gettext_noop("เส้น"),
    "MultiLineString": gettext_noop("เส้น"),
    "Polygon": gettext_noop("รูปหลายเหลี่ยม"),
    "MultiPolygon": gettext_noop("รูปหลายเหลี่ยม"),
}


@register.filter
def history_value(value, field: str = "") -> str:
    """A before/after value in the history, in the page's language: codes as their labels, geometry
    summarised, lists joined, blanks shown."""
    from learningcity.models import Audience, SpaceType, choice_label, status_label
    from learningcity.selectors import challenge_rows

    if value in (None, "", [], {}):
        return "—"
    if isinstance(value, dict) and "type" in value and "coordinates" in value:
        return _geometry_summary(value)
    if field == "space_type":
        return choice_label(SpaceType, value)
    if field == "audiences":
        return ", ".join(choice_label(Audience, a) for a in value)
    if field == "status":
        return status_label(value)
    if field == "challenges" and isinstance(value, dict):
        rows = challenge_rows(value)
        name = "name_en" if _english() else "name_th"
        return ", ".join(f"{row[name] or row['name_th']}: {row['rating']}" for row in rows)
    if field.startswith("key_features.") and isinstance(value, dict):
        rating = f"{value['rating']}/5" if value.get("rating") else "—"
        return f"{rating} · {value['note']}" if value.get("note") else rating
    if isinstance(value, dict):
        return ", ".join(f"{k}: {v}" for k, v in value.items() if v not in (None, ""))
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)


def _geometry_summary(value: dict) -> str:
    coords = value["coordinates"]
    kind = gettext(GEOMETRY_KINDS.get(value["type"], value["type"]))
    if value["type"] == "Point":
        return f"{kind} {coords[1]:.5f}, {coords[0]:.5f}"
    points = _count_points(coords)
    return f"{kind} · " + ngettext("%(n)s จุด", "%(n)s จุด", points) % {"n": points}


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
            if _english():
                return f"Key Feature: {KEY_FEATURE_ENGLISH[KeyFeature(feature)]}"
            return f"Key Feature: {KeyFeature(feature).label}"
    if name == "photos":
        return gettext("รูปภาพ")
    if name == "challenges":  # rated one field per challenge on the form
        return gettext("ความท้าทาย (1–5)")
    for form in (LearningSpaceForm, LearningCityProfileForm):
        if name in form.base_fields:
            return str(form.base_fields[name].label)
    return name
