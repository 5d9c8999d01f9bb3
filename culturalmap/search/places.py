"""The sub-district, district and province of each document: where its shown point lies.

The shown point is the public one (an at-risk site's generalised point), so a document's province,
district and sub-district, and so its facets, never tell more than its point does. The places' names
stay out of the searched text (many are common words: หนองบัว, ท่าช้าง): a query that is an address
lists what lies there instead (read_address).
"""

from collections.abc import Iterator
from functools import lru_cache
from typing import Any

import shapely

from geodata.areas import place_by_code, tambons_near

PLACES_BATCH = 2000


@lru_cache(maxsize=1)
def _provinces() -> dict[str, tuple[str, str, str]]:
    from geodata.models import Province

    return {
        code: (th, en, region)
        for code, th, en, region in Province.objects.values_list("code", "name_th", "name_en", "region__code")
    }


def with_places(docs: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """The documents with `amphoe` and `tambon` codes, their province that of the sub-district."""
    placed = [d for d in docs if d["lon"] is not None and d["lat"] is not None]
    points = shapely.to_wkb(shapely.points([(d["lon"], d["lat"]) for d in placed])) if placed else []
    provinces = _provinces()
    for doc, near in zip(placed, tambons_near(list(points)), strict=True):
        place, province = place_by_code(near.code), provinces.get(near.code[:2])
        if place is None or province is None:
            continue
        doc.update(
            tambon=place.code,
            amphoe=place.code[:4],
            province=place.code[:2],
            province_th=province[0],
            province_en=province[1],
            region=province[2],
        )
    yield from docs


def place_names(doc: dict[str, Any]) -> list[str]:
    """The Thai and English names of a document's own sub-district, district and province, longest first."""
    names = [doc.get("province_th") or "", doc.get("province_en") or ""]
    for code in (doc.get("tambon"), doc.get("amphoe")):
        place = place_by_code(code) if code else None
        if place is not None:
            names += [place.name_th, place.name_en]
    return sorted((n for n in names if len(n) >= 2), key=len, reverse=True)


# --- "what is in this ตำบล": a query that is an address -----------------------------------------


def places_in_query(q: str) -> list:
    """The districts and sub-districts a query names in full ("ตำบลบ้านแลง", "บ้านแลง ลำปาง",
    "อ.เกาะคา"), most specific first; none when it is something else (a record's name, a province
    alone: the province facet answers that)."""
    from geodata.areas import places_named

    return [p for p in places_named(q) if p.level in ("amphoe", "tambon")]


def read_address(q: str, filters):
    """A query that is an address of exactly one district or sub-district ("ตำบลบ้านแลง", "บ้านแลง
    ลำปาง", "อ.เกาะคา") becomes a listing of what lies there: (query, filters, places named, the place
    chosen or None). A bare name ("บ้านแลง", also a temple's or a village's) stays a search for the
    word; the places of that name come with it, to choose from."""
    from dataclasses import replace

    from geodata.areas import is_address

    places = places_in_query(q) if q.strip() and not (filters.amphoes or filters.tambons) else []
    if len(places) != 1 or not is_address(q):
        return q, filters, places, None
    chosen = places[0]
    field = "tambons" if chosen.level == "tambon" else "amphoes"
    return "", replace(filters, **{field: (chosen.code,)}), places, chosen


def map_view(bbox) -> dict[str, str]:
    """The map's URL state (home page) that shows a place's extent whole."""
    import math

    west, south, east, north = bbox
    span = max(east - west, north - south, 0.005)
    zoom = max(5, min(16, int(math.log2(360 / span)) - 1))
    return {"lat": f"{(south + north) / 2:.5f}", "lon": f"{(west + east) / 2:.5f}", "z": str(zoom)}
