"""Addresses on pages: ตำบล… อำเภอ… จังหวัด… (แขวง/เขต in Bangkok) of where a record lies, in the page's
language, derived from its geometry (the sub-district holding its representative point, or the nearest
within 1 km), never typed in.

`{% address_of geom %}` gives the address as text ("" off the map); `{% place_of geom as place %}` the
sub-district itself, and `{% address_links place %}` writes it with each part a link to what else lies
there (search by sub-district and district, the map by province); `{{ properties|feature_address }}`
composes it from a GeoJSON feature's place names (the OGC API's pages), `{{ place|place_label }}`
writes a sub-district and its district alone (lists within one province). For records whose place the public
may see exactly: an at-risk asset's page passes the sub-district of its public point instead."""

from django import template
from django.utils.translation import get_language

from geodata.areas import address, address_of_names, place_words, tambon_for_geometry, tambon_label
from geodata.models import Tambon

register = template.Library()


@register.simple_tag
def place_of(geom) -> Tambon | None:
    return tambon_for_geometry(geom) if geom is not None else None


@register.simple_tag
def address_of(geom, postcode: bool = True) -> str:
    tambon = place_of(geom)
    if tambon is None:
        return ""
    return address(tambon, "en" if get_language() == "en" else "th", postcode=postcode)


@register.inclusion_tag("places/_address.html", takes_context=True)
def address_links(context, place: Tambon | None) -> dict:
    return {
        "place": place,
        "words": place_words(place) if place is not None else None,
        "LANGUAGE_CODE": context.get("LANGUAGE_CODE", "th"),
    }


@register.filter
def feature_address(properties: dict) -> str:
    """ตำบล… อำเภอ… จังหวัด… from a feature's `province`, `tambon_th`, `amphoe_th`, `province_th` (and
    `_en`) properties, in the page's language; the feature's place is already its public one."""
    en = get_language() == "en"
    suffix = "_en" if en else "_th"
    return address_of_names(
        properties.get("province") or "",
        tambon=properties.get("tambon" + suffix) or "",
        amphoe=properties.get("amphoe" + suffix) or "",
        province_th=properties.get("province_th") or "",
        province_en=properties.get("province_en") or "",
        language="en" if en else "th",
    )


@register.filter
def place_label(place: Tambon | None) -> str:
    """ตำบลสะเตง อำเภอเมืองยะลา / Tambon Sateng, Amphoe Mueang Yala, in the page's language."""
    return tambon_label(place, "en" if get_language() == "en" else "th") if place is not None else ""
