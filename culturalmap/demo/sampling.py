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
