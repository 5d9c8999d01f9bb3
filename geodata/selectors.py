"""Reads on the geography: which province a geometry lies in, provinces by any of their names."""

import geopandas as gpd
from django.contrib.gis.db.models.functions import Distance
from django.contrib.gis.geos import GEOSGeometry
from django.db.models import F, FloatField, Func, Q, QuerySet

from culturalmap.core.thai import name_order

from .models import Province

# Province boundaries are generalised: a coastal point or an island may fall just outside.
# Within this distance (degrees, ~2 km) the nearest province is taken.
COAST_TOLERANCE_DEGREES = 0.02


def province_list(language: str | None = None) -> QuerySet[Province]:
    """By code; or, given the page's language, by name as a reader of it expects."""
    provinces = Province.objects.select_related("region")
    return provinces.order_by(name_order(language)) if language else provinces.order_by("code")


def province_bounds() -> dict[str, list[float]]:
    """Each province's extent as [west, south, east, north] (the map fits a chosen province)."""
    sides = {
        side: Func(F("geom"), function=f"ST_{side}", output_field=FloatField())
        for side in ("XMin", "YMin", "XMax", "YMax")
    }
    rows = Province.objects.values_list("code", *(sides[s] for s in ("XMin", "YMin", "XMax", "YMax")))
    return {code: [round(v, 4) for v in box] for code, *box in rows}


def province_by_name_or_code(text: str) -> Province | None:
    """Thai name, English name (any case) or 2-digit code; None when nothing matches."""
    value = (text or "").strip()
    if not value:
        return None
    if value.isascii() and value.isdigit():
        value = value.zfill(2)
    value = value.removeprefix("จังหวัด").strip()
    return Province.objects.filter(Q(code=value) | Q(name_th=value) | Q(name_en__iexact=value)).first()


def province_for_geometry(geom: GEOSGeometry) -> Province | None:
    """The province holding the geometry's representative point, or the nearest within tolerance."""
    point = geom.point_on_surface
    found = Province.objects.filter(geom__contains=point).first()
    if found:
        return found
    return (
        Province.objects.filter(geom__dwithin=(point, COAST_TOLERANCE_DEGREES))
        .annotate(distance=Distance("geom", point))
        .order_by("distance")
        .first()
    )


def province_frame() -> gpd.GeoDataFrame:
    """All provinces as a GeoDataFrame, for spatial joins of whole import files at once."""
    rows = list(Province.objects.values_list("id", "code", "name_th", "name_en", "geom"))
    return gpd.GeoDataFrame(
        {
            "province_id": [r[0] for r in rows],
            "pro_code": [r[1] for r in rows],
            "pro_th": [r[2] for r in rows],
            "pro_en": [r[3] for r in rows],
        },
        geometry=gpd.GeoSeries.from_wkb([bytes(r[4].wkb) for r in rows], crs="EPSG:4326"),
    )


def tambon_frame() -> gpd.GeoDataFrame:
    """All sub-districts with their district's names, as a GeoDataFrame (the demo places its records
    in them; spatial joins of whole files)."""
    from .models import Tambon

    rows = list(
        Tambon.objects.values_list(
            "code", "name_th", "name_en", "amphoe__name_th", "amphoe__name_en", "current", "geom"
        )
    )
    columns = ["code", "name_th", "name_en", "amphoe_th", "amphoe_en", "current"]
    return gpd.GeoDataFrame(
        {name: [r[i] for r in rows] for i, name in enumerate(columns)},
        geometry=gpd.GeoSeries.from_wkb([bytes(r[6].wkb) for r in rows], crs="EPSG:4326"),
    )
