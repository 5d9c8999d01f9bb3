"""{% address_of geometry %}: ตำบล… อำเภอ… จังหวัด… (แขวง/เขต in Bangkok) of where a geometry lies, in
the page's language; "" off the map. For records whose point the public may see exactly."""

from django import template
from django.utils.translation import get_language

from geodata.areas import address, tambon_for_geometry

register = template.Library()


@register.simple_tag
def address_of(geom, postcode: bool = True) -> str:
    if geom is None:
        return ""
    tambon = tambon_for_geometry(geom)
    if tambon is None:
        return ""
    return address(tambon, "en" if get_language() == "en" else "th", postcode=postcode)
