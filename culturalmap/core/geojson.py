"""GeoJSON geometries from outside (the API, the pages' map editors, the admin): checked before GEOS
sees them, so any malformed shape is a ValidationError naming what is wrong, never a 500.

GEOS and GDAL are not made for hostile input: `{"type": "LineString", "coordinates": 5}`, a
coordinate of 1e400 (infinity) or a ring that does not close fail deep inside them with exceptions
of many kinds, or produce geometries that fail later (a transform). `parse_geometry` checks the
structure of RFC 7946 itself (types, nesting, numbers, ring closure, sizes) and hands GEOS only
the geometry's type and coordinates (a legacy "crs" member is not honoured: GeoJSON is WGS84).
"""

import json
import math
from typing import Any

from django.contrib.gis import forms
from django.contrib.gis.gdal.error import GDALException
from django.contrib.gis.geos import GEOSException, GEOSGeometry
from django.core.exceptions import ValidationError

from .parsers import JSONInputError, loads

# How many levels of arrays stand above a position in each type's coordinates.
NESTING = {
    "Point": 0,
    "MultiPoint": 1,
    "LineString": 1,
    "MultiLineString": 2,
    "Polygon": 2,
    "MultiPolygon": 3,
}
MAX_POSITIONS = 100_000  # far beyond a drawn or surveyed shape; bounds the work GEOS is given
MAX_COLLECTION_MEMBERS = 1_000


class GeometryRefused(ValidationError):
    """Malformed GeoJSON: `code` says what (not_json, type, coordinates, range, ring, too_few_points,
    too_large, empty), the message says it in Thai and English, keyed by the caller's field."""


def _refuse(field: str, code: str, thai: str, english: str) -> GeometryRefused:
    return GeometryRefused({field: ValidationError(f"{thai} / {english}", code=code)})


def parse_geometry(
    value: Any, *, field: str = "geom", srid: int = 4326, degrees: bool = True
) -> GEOSGeometry:
    """A GEOS geometry from GeoJSON: text (or bytes) or an already parsed dict, a geometry or a
    Feature. `srid`: the coordinates' reference system (4326 unless a map widget says otherwise);
    `degrees`: check that they are longitude and latitude. GeometryRefused (a ValidationError keyed
    by `field`) for anything else."""
    if isinstance(value, str | bytes | bytearray):
        try:
            value = loads(value)
        except JSONInputError as exc:
            raise _refuse(
                field, "not_json", "อ่านรูปทรงไม่ได้", f"The geometry is not valid GeoJSON ({exc})."
            ) from exc
    geometry = _geometry_of(value, field)
    checker = _Checker(field, degrees)
    clean = checker.geometry(geometry)
    if checker.positions == 0:
        raise _refuse(field, "empty", "ต้องวาดตำแหน่งบนแผนที่", "Draw the location on the map.")
    try:
        return GEOSGeometry(json.dumps(clean), srid=srid)
    except (GEOSException, GDALException, ValueError, TypeError) as exc:  # what the checks above missed
        raise _refuse(field, "coordinates", "อ่านรูปทรงไม่ได้", "The geometry could not be read.") from exc


def _geometry_of(value: Any, field: str) -> dict:
    if isinstance(value, dict) and value.get("type") == "Feature":
        value = value.get("geometry")
        if value is None:
            raise _refuse(field, "empty", "ต้องวาดตำแหน่งบนแผนที่", "Draw the location on the map.")
    if not isinstance(value, dict):
        raise _refuse(
            field,
            "type",
            "รูปทรงต้องเป็นวัตถุ GeoJSON ที่มี type และ coordinates",
            'The geometry must be a GeoJSON object with "type" and "coordinates".',
        )
    return value


class _Checker:
    """Walks one geometry without recursion into the data's own depth (the nesting is the type's)."""

    def __init__(self, field: str, degrees: bool):
        self.field, self.degrees, self.positions = field, degrees, 0

    def refuse(self, code: str, thai: str, english: str) -> GeometryRefused:
        return _refuse(self.field, code, thai, english)

    def geometry(self, value: dict, *, in_collection: bool = False) -> dict:
        kind = value.get("type")
        if kind == "GeometryCollection" and not in_collection:
            members = value.get("geometries")
            if not isinstance(members, list) or len(members) > MAX_COLLECTION_MEMBERS:
                raise self.refuse(
                    "coordinates",
                    "GeometryCollection ต้องมี geometries เป็นรายการ",
                    'A GeometryCollection needs a "geometries" list.',
                )
            checked = [self.geometry(_geometry_of(m, self.field), in_collection=True) for m in members]
            return {"type": kind, "geometries": checked}
        if not isinstance(kind, str) or kind not in NESTING:
            names = ", ".join(NESTING)
            raise self.refuse("type", f"ไม่รู้จักชนิดรูปทรง (ใช้ {names})", f"Unknown geometry type (use {names}).")
        coordinates = value.get("coordinates")
        self.arrays(kind, coordinates, NESTING[kind])
        return {"type": kind, "coordinates": coordinates}

    def arrays(self, kind: str, value: Any, depth: int) -> None:
        if depth == 0:
            self.position(value)
            return
        if not isinstance(value, list):
            raise self.refuse(
                "coordinates",
                f"coordinates ของ {kind} ต้องเป็นรายการซ้อน {depth + 1} ชั้น",
                f"The coordinates of a {kind} must be arrays nested {depth + 1} deep.",
            )
        for item in value:
            self.arrays(kind, item, depth - 1)
        if depth == 1 and kind in ("LineString", "MultiLineString") and 0 < len(value) < 2:
            raise self.refuse("too_few_points", "เส้นต้องมีอย่างน้อย 2 จุด", "A line needs at least 2 positions.")
        if depth == 1 and kind in ("Polygon", "MultiPolygon") and value:
            self.ring(value)

    def ring(self, ring: list) -> None:
        if len(ring) < 4 or ring[0] != ring[-1]:
            raise self.refuse(
                "ring",
                "วงของรูปหลายเหลี่ยมต้องมีอย่างน้อย 4 จุดและปิด (จุดแรกเท่ากับจุดสุดท้าย)",
                "A polygon ring needs at least 4 positions and must close"
                " (its last position equals its first).",
            )

    def position(self, value: Any) -> None:
        if (
            not isinstance(value, list)
            or not 2 <= len(value) <= 3
            or not all(isinstance(n, int | float) and not isinstance(n, bool) for n in value)
            or not all(math.isfinite(n) for n in value)
        ):
            raise self.refuse(
                "coordinates",
                "ตำแหน่งต้องเป็นตัวเลข [ลองจิจูด, ละติจูด]",
                "A position must be numbers: [longitude, latitude] (and an optional height).",
            )
        if self.degrees and not (-180 <= value[0] <= 180 and -90 <= value[1] <= 90):
            raise self.refuse(
                "range",
                "พิกัดต้องเป็นลองจิจูด −180..180 และละติจูด −90..90 (WGS84)",
                "Coordinates must be longitude −180..180 and latitude −90..90 (WGS84 degrees).",
            )
        self.positions += 1
        if self.positions > MAX_POSITIONS:
            raise self.refuse(
                "too_large",
                f"รูปทรงมีจุดเกิน {MAX_POSITIONS:,} จุด",
                f"The geometry has more than {MAX_POSITIONS:,} positions.",
            )


class GeometryField(forms.GeometryField):
    """The GIS admin's geometry field, reading the map widget's GeoJSON with `parse_geometry` (in the
    widget's own reference system) instead of handing it straight to GDAL."""

    def to_python(self, value):
        if isinstance(value, str) and value.lstrip().startswith("{"):
            srid = getattr(self.widget, "map_srid", None) or self.srid or 4326
            try:
                return parse_geometry(value, field="__all__", srid=srid, degrees=srid == 4326)
            except GeometryRefused as exc:
                raise ValidationError(exc.messages, code="invalid_geom") from exc
        return super().to_python(value)
