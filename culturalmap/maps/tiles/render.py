"""Raster tiles (PNG, Pillow) drawn from the same features as the vector tiles.

Clusters are circles sized by their count with the count written in them, single records dots in
their category's colour, areas outlines (provinces filled by asset density), routes lines.
"""

import io
import math
from functools import lru_cache

import shapely
from PIL import Image, ImageDraw, ImageFont

from culturalmap.core import records

from . import grid

SIZE = 256
SCALE = SIZE / grid.EXTENT

PROVINCE_COLOUR = "#555555"
FALLBACK_COLOUR = "#333333"


def kind_colours() -> dict[str, str]:
    """Each record kind's colour (the registry's; the map page's legend uses the same)."""
    return _kind_colours(records.version())


@lru_cache(maxsize=4)
def _kind_colours(version: int) -> dict[str, str]:
    return {kind.code: kind.colour for kind in records.kinds()} | {"province": PROVINCE_COLOUR}


def category_colours() -> dict[str, str]:
    """The colour of each category that has one of its own (the archetypes)."""
    return _category_colours(records.version())


@lru_cache(maxsize=4)
def _category_colours(version: int) -> dict[str, str]:
    return {c.code: c.colour for kind in records.kinds() for c in kind.categories if c.colour}


# Assets per 1,000 km²: the province choropleth's classes (light to dark).
DENSITY_CLASSES = [
    (0, "#fff7ec"),
    (2, "#fee8c8"),
    (5, "#fdd49e"),
    (10, "#fdbb84"),
    (20, "#fc8d59"),
    (40, "#e34a33"),
    (80, "#b30000"),
]


def density_colour(density: float) -> str:
    colour = DENSITY_CLASSES[0][1]
    for threshold, c in DENSITY_CLASSES:
        if density >= threshold:
            colour = c
    return colour


@lru_cache(maxsize=4)
def _font(size: int):
    return ImageFont.load_default(size=size)


def _rgba(hex_colour: str, alpha: int = 255) -> tuple[int, int, int, int]:
    h = hex_colour.lstrip("#")
    return int(h[0:2], 16), int(h[2:4], 16), int(h[4:6], 16), alpha


def _xy(coords) -> list[tuple[float, float]]:
    return [(px * SCALE, py * SCALE) for px, py in coords]


def _draw_polygon(draw: ImageDraw.ImageDraw, poly, outline, fill) -> None:
    draw.polygon(_xy(poly.exterior.coords), outline=outline, fill=fill)
    for ring in poly.interiors:
        draw.polygon(_xy(ring.coords), outline=outline, fill=(0, 0, 0, 0) if fill else None)


def render_png(features: list[tuple[bytes, dict]]) -> bytes:
    kinds, categories = kind_colours(), category_colours()
    image = Image.new("RGBA", (SIZE, SIZE), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    shapes = [(shapely.from_wkb(wkb), props) for wkb, props in features]
    # Areas and lines first, points on top.
    for geom, props in shapes:
        _draw_area_or_line(draw, geom, props, kinds.get(props.get("kind"), FALLBACK_COLOUR))
    for geom, props in shapes:
        if geom.geom_type in ("Point", "MultiPoint"):
            colour = categories.get(
                props.get("category") or "", kinds.get(props.get("kind"), FALLBACK_COLOUR)
            )
            _draw_points(draw, geom, colour, int(props.get("count") or 1))
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=False)
    return out.getvalue()


def _draw_area_or_line(draw: ImageDraw.ImageDraw, geom, props: dict, colour: str) -> None:
    if geom.geom_type in ("Polygon", "MultiPolygon"):
        if props.get("kind") == "province":
            fill = _rgba(density_colour(props.get("density") or 0), 170)
            outline = _rgba("#7a5c3e")
        else:
            fill, outline = _rgba(colour, 60), _rgba(colour)
        for poly in getattr(geom, "geoms", [geom]):
            _draw_polygon(draw, poly, outline, fill)
    elif geom.geom_type in ("LineString", "MultiLineString"):
        for line in getattr(geom, "geoms", [geom]):
            draw.line(_xy(line.coords), fill=_rgba(colour), width=3)


def _draw_points(draw: ImageDraw.ImageDraw, geom, colour: str, count: int) -> None:
    """A cluster: a circle sized by its count, the count written in it; one record: a dot."""
    for point in getattr(geom, "geoms", [geom]):
        x, y = point.x * SCALE, point.y * SCALE
        if count > 1:
            r = min(8 + 4 * math.log10(count) * 2, 26)
            draw.ellipse(
                (x - r, y - r, x + r, y + r),
                fill=_rgba(colour, 210),
                outline=(255, 255, 255, 255),
                width=2,
            )
            draw.text((x, y), f"{count:,}", fill=(255, 255, 255, 255), font=_font(11), anchor="mm")
        else:
            draw.ellipse((x - 4, y - 4, x + 4, y + 4), fill=_rgba(colour), outline=(255, 255, 255, 255))
