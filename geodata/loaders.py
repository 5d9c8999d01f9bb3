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


TAMBONS_FILE = Path(__file__).resolve().parent / "data" / "tambons.geojson"
# DOPA moved ท่าแฝก to อำเภอน้ำปาด in 2015 (data/README.md): the boundary file still has the old code.
RENUMBERED = {"530306": "530407"}


def _dopa_names():
    """DOPA's current sub-districts and districts (the `geothai` package), by code."""
    import geothai

    districts = {d.code: d for p in geothai.provinces() for d in geothai.districts(p.code)}
    subdistricts = {s.code: s for code in districts for s in geothai.subdistricts(code)}
    return subdistricts, districts


def load_admin_areas(amphoe_model, tambon_model, connection) -> tuple[int, int]:
    """Create or update the 7,425 sub-districts and their districts (the union of their polygons).

    Names and postcodes are DOPA's where the code is current; the boundary file's otherwise. Two
    statements in all (the polygons go to PostGIS as GeoJSON text), so a migration, or a test after a
    flush, loads the whole country in a second or two. Models are passed in so a migration can call it.
    """
    subdistricts, districts = _dopa_names()
    features = json.loads(TAMBONS_FILE.read_text(encoding="utf-8"))["features"]
    rows: dict[str, list] = {k: [] for k in ("code", "th", "en", "amp", "pro", "post", "current", "geom")}
    amphoes: dict[str, tuple[str, str, str]] = {}
    for feature in features:
        props = feature["properties"]
        code = RENUMBERED.get(props["tam_code"], props["tam_code"])
        dopa = subdistricts.get(code)
        amp = code[:4]
        rows["code"].append(code)
        rows["th"].append(dopa.name_th if dopa else props["tam_th"])
        rows["en"].append(dopa.name_en if dopa else props["tam_en"])
        rows["amp"].append(amp)
        rows["pro"].append(code[:2])
        rows["post"].append(" ".join(dopa.postal_codes) if dopa else "")
        rows["current"].append(dopa is not None)
        rows["geom"].append(json.dumps(feature["geometry"]))
        if amp not in amphoes:
            district = districts.get(amp)
            th = district.name_th.removeprefix("เขต") if district else props["amp_th"]
            amphoes[amp] = (th, district.name_en if district else props["amp_en"], code[:2])
    amphoe_table, tambon_table = amphoe_model._meta.db_table, tambon_model._meta.db_table
    codes = sorted(amphoes)
    with connection.cursor() as cursor:
        # Districts first (their geometry a placeholder), so the sub-districts can point at them.
        cursor.execute(
            f"""INSERT INTO {amphoe_table} (code, name_th, name_en, province_code, geom)
                SELECT u.code, u.th, u.en, u.pro, 'SRID=4326;MULTIPOLYGON EMPTY'::geometry
                FROM unnest(%s::text[], %s::text[], %s::text[], %s::text[]) AS u(code, th, en, pro)
                ON CONFLICT (code) DO UPDATE
                SET name_th = EXCLUDED.name_th, name_en = EXCLUDED.name_en,
                    province_code = EXCLUDED.province_code""",
            [
                codes,
                [amphoes[c][0] for c in codes],
                [amphoes[c][1] for c in codes],
                [amphoes[c][2] for c in codes],
            ],
        )
        cursor.execute(
            f"""INSERT INTO {tambon_table}
                  (code, name_th, name_en, amphoe_code, province_code, postcodes, current, geom)
                SELECT u.code, u.th, u.en, u.amp, u.pro,
                       coalesce(string_to_array(nullif(u.post, ''), ' '), '{{}}'), u.current,
                       ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON(u.geom), 4326))
                FROM unnest(%(code)s::text[], %(th)s::text[], %(en)s::text[], %(amp)s::text[],
                            %(pro)s::text[], %(post)s::text[], %(current)s::boolean[], %(geom)s::text[])
                     AS u(code, th, en, amp, pro, post, current, geom)
                ON CONFLICT (code) DO UPDATE
                SET name_th = EXCLUDED.name_th, name_en = EXCLUDED.name_en,
                    amphoe_code = EXCLUDED.amphoe_code, province_code = EXCLUDED.province_code,
                    postcodes = EXCLUDED.postcodes, current = EXCLUDED.current, geom = EXCLUDED.geom""",
            rows,
        )
        cursor.execute(
            f"""UPDATE {amphoe_table} a SET geom = u.geom
                FROM (SELECT amphoe_code, ST_Multi(ST_CollectionExtract(ST_Union(geom), 3)) AS geom
                      FROM {tambon_table} GROUP BY amphoe_code) AS u
                WHERE u.amphoe_code = a.code"""
        )
    return len(rows["code"]), len(codes)
