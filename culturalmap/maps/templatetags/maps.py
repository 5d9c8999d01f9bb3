"""Record pages' ties to the map, for any kind of the registry: `{% record_meta record %}` (the
description and Open Graph tags a shared link shows) and `{% show_on_map record %}` (a link to the
map opened on the record, in the page's language).

Template tags, so a domain's page loads them by name and imports nothing of the map app.
"""

from django import template
from django.db.models import F, FloatField, Func
from django.utils.text import Truncator
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from culturalmap.core import records

from ..page import record_layers

register = template.Library()

DESCRIPTION_CHARS = 160
SHOW_ZOOM = 15


def kind_of(record) -> records.RecordKind | None:
    return next((kind for kind in records.kinds() if isinstance(record, kind.model_class)), None)


def _english() -> bool:
    return (get_language() or "th") == "en"


def _text(record, field: str) -> str:
    """The record's field in the page's language, the other language's when it has none."""
    first, second = ("en", "th") if _english() else ("th", "en")
    return getattr(record, f"{field}_{first}", "") or getattr(record, f"{field}_{second}", "") or ""


def public_point(record) -> tuple[float, float] | None:
    """Where the map draws the record for the public (an at-risk site's generalised point)."""
    kind = kind_of(record)
    if kind is None:
        return None
    row = (
        kind.model_class._default_manager.filter(pk=record.pk)
        .annotate(map_point=kind.tile.point)
        .annotate(
            lon=Func(F("map_point"), function="ST_X", output_field=FloatField()),
            lat=Func(F("map_point"), function="ST_Y", output_field=FloatField()),
        )
        .values_list("lon", "lat")
        .first()
    )
    return row if row and None not in row else None


@register.inclusion_tag("map/_record_meta.html", takes_context=True)
def record_meta(context, record) -> dict:
    request = context.get("request")
    kind = kind_of(record)
    name = _text(record, "name")
    description = _text(record, "description") or getattr(record, "motivation", "") or ""
    if not description and kind is not None:
        description = (kind.name_en if _english() else kind.name_th) + ": " + name
    image = None
    images = getattr(record, kind.images) if kind is not None and kind.images else None
    first = images.order_by("pk").first() if images is not None else None
    if first is not None and request is not None:
        image = request.build_absolute_uri(first.get_thumbnail_url())
    url = request.build_absolute_uri(record.get_absolute_url()) if request is not None else ""
    return {
        "title": name,
        "description": Truncator(" ".join(description.split())).chars(DESCRIPTION_CHARS),
        "url": url + ("?lang=en" if _english() else ""),
        "image": image,
        "locale": "en_US" if _english() else "th_TH",
        "other_locale": "th_TH" if _english() else "en_US",
        "site_name": _("แผนที่ทุนวัฒนธรรมไทย"),
    }


@register.inclusion_tag("map/_show_on_map.html")
def show_on_map(record) -> dict:
    point = public_point(record)
    if point is None:
        return {"url": None}
    lon, lat = point
    query = f"lat={lat:.5f}&lon={lon:.5f}&z={SHOW_ZOOM}&layers={','.join(record_layers())}"
    return {"url": "/?" + query + ("&lang=en" if _english() else "")}
