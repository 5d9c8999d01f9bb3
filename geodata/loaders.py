"""Loads the 77 provinces (and their NESDB regions) from the project's own copy of the boundaries."""

import json
from pathlib import Path

from django.contrib.gis.geos import GEOSGeometry, MultiPolygon

PROVINCES_FILE = Path(__file__).resolve().parent / "data" / "provinces.geojson"

# The source spells one region "LowwerNorth"; we store the corrected code.
REGIONS = {
    "UpperNorth": ("UpperNorth", "ภาคเหนือตอนบน", "Upper North"),
    "LowwerNorth": ("LowerNorth", "ภาคเหนือตอนล่าง", "Lower North"),
    "Northeast": ("Northeast", "ภาคตะวันออกเฉียงเหนือ", "Northeast"),
    "Central": ("Central", "ภาคกลาง", "Central"),
    "East": ("East", "ภาคตะวันออก", "East"),
    "West": ("West", "ภาคตะวันตก", "West"),
    "South": ("South", "ภาคใต้", "South"),
}


def load_provinces(region_model, province_model) -> int:
    """Create or update regions and provinces; models are passed in so a migration can call it."""
    features = json.loads(PROVINCES_FILE.read_text(encoding="utf-8"))["features"]
    regions = {}
    for source_code, (code, name_th, name_en) in REGIONS.items():
        regions[source_code], _ = region_model.objects.update_or_create(
            code=code, defaults={"name_th": name_th, "name_en": name_en}
        )
    for feature in features:
        props = feature["properties"]
        geom = GEOSGeometry(json.dumps(feature["geometry"]), srid=4326)
        if geom.geom_type == "Polygon":
            geom = MultiPolygon(geom, srid=4326)
        province_model.objects.update_or_create(
            code=props["pro_code"],
            defaults={
                "name_th": props["pro_th"],
                "name_en": props["pro_en"],
                "region": regions[props["reg_nesdb"]],
                "region_royin": props["reg_royin"],
                "area_sqkm": props["area_sqkm"],
                "geom": geom,
            },
        )
    return len(features)
