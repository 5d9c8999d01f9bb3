"""Places inside the real province boundaries, for the demo's generated records.

Points are drawn inside each province shrunk by a margin, so that a point, and the small
footprint drawn around it, lies strictly inside the province it names, away from its borders.
"""

from __future__ import annotations

import math
import random

import geopandas as gpd
import shapely
from shapely.geometry import MultiPolygon, Polygon
from shapely.geometry.base import BaseGeometry

# Degrees: ~2 km of clearance from a province border (after a 0.004° simplification).
MARGIN_DEGREES = 0.02
_SIMPLIFY_DEGREES = 0.004


class ProvinceSampler:
    """Random places inside provinces; the caller's seeded `random.Random` makes them repeatable."""

    def __init__(self, frame: gpd.GeoDataFrame, margin: float = MARGIN_DEGREES):
        self.names: dict[str, tuple[str, str]] = {}
        self.region: dict[str, str] = {}
        self.area: dict[str, float] = {}
        self.centroid: dict[str, tuple[float, float]] = {}
        self._shape: dict[str, BaseGeometry] = {}
        self._inner: dict[str, BaseGeometry] = {}
        for row in frame.sort_values("pro_code").itertuples():
            geom = row.geometry
            inner = geom.simplify(_SIMPLIFY_DEGREES).buffer(-margin)
            if inner.is_empty or inner.area < 0.002:  # a narrow province: keep a smaller margin
                inner = geom.simplify(_SIMPLIFY_DEGREES / 2).buffer(-margin / 2)
            shapely.prepare(inner)
            shapely.prepare(geom)
            self._shape[row.pro_code] = geom
            self._inner[row.pro_code] = inner
            self.names[row.pro_code] = (row.pro_th, row.pro_en)
            self.area[row.pro_code] = geom.area
            c = geom.representative_point()
            self.centroid[row.pro_code] = (c.x, c.y)

    @property
    def codes(self) -> list[str]:
        return sorted(self._shape)

    def point(
        self, code: str, rng: random.Random, near: tuple[float, float] | None = None, spread: float = 0.0
    ) -> tuple[float, float]:
        """A point well inside the province; near a given place (within `spread` degrees) if asked."""
        inner = self._inner[code]
        minx, miny, maxx, maxy = inner.bounds
        for _ in range(10_000):
            if near is not None:
                x = near[0] + rng.uniform(-spread, spread)
                y = near[1] + rng.uniform(-spread, spread)
            else:
                x, y = rng.uniform(minx, maxx), rng.uniform(miny, maxy)
            if shapely.contains_xy(inner, x, y):
                return round(x, 6), round(y, 6)
        raise ValueError(f"no room inside province {code} near {near}")

    def is_well_inside(self, code: str, geom: BaseGeometry) -> bool:
        return self._inner[code].contains(geom)

    def is_inside(self, code: str, geom: BaseGeometry) -> bool:
        return self._shape[code].contains(geom)


def footprint(x: float, y: float, rng: random.Random, radius: float) -> Polygon:
    """An irregular compound-like polygon (a site, a temple ground, a quarter) around a point."""
    sides = rng.randint(5, 9)
    turn = rng.uniform(0, 2 * math.pi)
    ring = []
    for i in range(sides):
        angle = turn + 2 * math.pi * i / sides
        r = radius * rng.uniform(0.7, 1.0)
        # Degrees of longitude shrink with latitude: keep the shape square on the ground.
        ring.append(
            (round(x + r * math.cos(angle) / math.cos(math.radians(y)), 6), round(y + r * math.sin(angle), 6))
        )
    return Polygon(ring)


def two_part_footprint(x: float, y: float, rng: random.Random, radius: float) -> MultiPolygon:
    """A site in two parts (a main compound and an outlying mound), as surveys often record."""
    main = footprint(x, y, rng, radius)
    dx = radius * 3.2 * rng.choice([-1, 1])
    dy = radius * 2.1 * rng.choice([-1, 1])
    outlier = footprint(x + dx, y + dy, rng, radius * 0.45)
    return MultiPolygon([main, outlier])


# --- real sub-districts ------------------------------------------------------------------------

# Degrees (~250 m) a demo point keeps from its sub-district's edge: the simplified polygons of two
# neighbours overlap or leave gaps along their shared edge.
TAMBON_MARGIN_DEGREES = 0.0025
PROVINCE_EDGE_DEGREES = 0.003
BANGKOK = "10"


class Tambon:
    """One real sub-district (geodata.Tambon) as the demo generators use it: names and a shape."""

    def __init__(self, code: str, names: tuple[str, str, str, str], geom: BaseGeometry):
        self.code = code
        self.name_th, self.name_en, self.amphoe_th, self.amphoe_en = names
        self.geom = geom
        self._inner: BaseGeometry | None = None

    @property
    def province(self) -> str:
        return self.code[:2]

    def where(self, pro_th: str, pro_en: str) -> tuple[str, str]:
        """ตำบลบ้านแลง อำเภอเมืองลำปาง จังหวัดลำปาง · แขวง… เขต… กรุงเทพมหานคร, and in English."""
        if self.province == BANGKOK:
            return (
                f"แขวง{self.name_th} เขต{self.amphoe_th} {pro_th}",
                f"Khwaeng {self.name_en}, Khet {self.amphoe_en}, {pro_en}",
            )
        return (
            f"ตำบล{self.name_th} อำเภอ{self.amphoe_th} จังหวัด{pro_th}",
            f"Tambon {self.name_en}, Amphoe {self.amphoe_en}, {pro_en} Province",
        )


class TambonSampler:
    """Real sub-districts by province, the one a point lies in, and points well inside them.

    A point is drawn inside its sub-district shrunk by TAMBON_MARGIN_DEGREES and inside its
    province less PROVINCE_EDGE_DEGREES, so that the catalogue derives that very sub-district
    and province from it (the lowest code where two simplified polygons overlap).
    """

    def __init__(self, frame: gpd.GeoDataFrame, provinces: ProvinceSampler):
        self.provinces = provinces
        frame = frame.sort_values("code")
        self.all: list[Tambon] = [
            Tambon(r.code, (r.name_th, r.name_en, r.amphoe_th, r.amphoe_en), r.geometry)
            for r in frame.itertuples()
        ]
        self.by_code = {t.code: t for t in self.all}
        # Records go only to sub-districts of DOPA's current list (not Bangkok's two split khwaeng).
        current = set(frame.loc[frame["current"], "code"])
        self.by_province: dict[str, list[Tambon]] = {}
        for t in self.all:
            if t.code in current:
                self.by_province.setdefault(t.province, []).append(t)
        self._tree = shapely.STRtree([t.geom for t in self.all])
        self._province_inside: dict[str, BaseGeometry] = {}

    def _within_province(self, code: str) -> BaseGeometry:
        """The province less a thin edge (its boundary and the sub-districts' differ a little)."""
        if code not in self._province_inside:
            shape = self.provinces._shape[code].simplify(0.001).buffer(-PROVINCE_EDGE_DEGREES)
            shapely.prepare(shape)
            self._province_inside[code] = shape
        return self._province_inside[code]

    def at(self, geom: BaseGeometry) -> Tambon | None:
        """The sub-district holding a geometry's point on its surface (the lowest code on overlaps)."""
        point = geom if geom.geom_type == "Point" else geom.point_on_surface()
        hits = sorted(self.all[i].code for i in self._tree.query(point, predicate="intersects"))
        return self.by_code[hits[0]] if hits else None

    def named(self, province: str, name_th: str, amphoe_th: str | None = None) -> Tambon:
        for t in self.by_province[province]:
            if t.name_th == name_th and (amphoe_th is None or t.amphoe_th == amphoe_th):
                return t
        raise ValueError(f"no sub-district {name_th} ({amphoe_th}) in province {province}")

    def in_amphoe(self, province: str, amphoe_th: str) -> list[Tambon]:
        return [t for t in self.by_province[province] if t.amphoe_th == amphoe_th]

    def inner(self, tambon: Tambon) -> BaseGeometry:
        """Where a point of this sub-district may go: inside it, off its edges, inside its province."""
        if tambon._inner is None:
            shrunk = tambon.geom.buffer(-TAMBON_MARGIN_DEGREES)
            province = self._within_province(tambon.province)
            # Most sub-districts lie well inside their province: intersect only those on its edge.
            area = shrunk if shrunk.is_empty or province.contains(shrunk) else shrunk.intersection(province)
            # Keep only the part where this sub-district is the one derived (overlaps go to the lower code).
            for i in self._tree.query(area, predicate="intersects"):
                other = self.all[i]
                if other.code < tambon.code and not area.is_empty:
                    area = area.difference(other.geom)
            shapely.prepare(area)
            tambon._inner = area
        return tambon._inner

    def has_room(self, tambon: Tambon) -> bool:
        return self.inner(tambon).area > 1e-6

    def point(self, tambon: Tambon, rng: random.Random) -> tuple[float, float]:
        inner = self.inner(tambon)
        minx, miny, maxx, maxy = inner.bounds
        for _ in range(5_000):
            x, y = round(rng.uniform(minx, maxx), 6), round(rng.uniform(miny, maxy), 6)
            if shapely.contains_xy(inner, x, y):
                return x, y
        raise ValueError(f"no room inside sub-district {tambon.code}")

    def contains(self, tambon: Tambon, geom: BaseGeometry) -> bool:
        return self.inner(tambon).contains(geom)
