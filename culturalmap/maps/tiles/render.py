"""Raster tiles (PNG, Pillow) drawn from the same features as the vector tiles, in the same look
(style.py and the registry's colours and marker shapes).

The base map's land, outlines and place names first; then areas and routes of records; then points:
clusters as their kind's marker sized by the count with the count written in it, single records as
their kind's marker in their category's colour. Features near the edge are in both tiles (the tile
buffers), so each tile draws its part of a marker or a name and the seam never cuts one.
"""

import io
import math
from functools import lru_cache
from pathlib import Path

import shapely
from django.conf import settings
from PIL import Image, ImageDraw, ImageFont

from culturalmap.core import records

from . import grid, style

SIZE = 256
SCALE = SIZE / grid.EXTENT
FALLBACK_COLOUR = "#333333"
_FONTS = Path(settings.BASE_DIR) / "static" / "vendor" / "sarabun-5.3.0" / "files"


def kind_colours() -> dict[str, str]:
    """Each record kind's colour (the registry's; the map page's legend uses the same)."""
    return _kind_colours(records.version())


@lru_cache(maxsize=4)
def _kind_colours(version: int) -> dict[str, str]:
    return {kind.code: kind.colour for kind in records.kinds()}


def kind_shapes() -> dict[str, str]:
    return _kind_shapes(records.version())


@lru_cache(maxsize=4)
def _kind_shapes(version: int) -> dict[str, str]:
    return {kind.code: kind.map_style.shape for kind in records.kinds()}


def category_colours() -> dict[str, str]:
    """The colour of each category that has one of its own (the archetypes)."""
    return _category_colours(records.version())


@lru_cache(maxsize=4)
def _category_colours(version: int) -> dict[str, str]:
    return {c.code: c.colour for kind in records.kinds() for c in kind.categories if c.colour}


@lru_cache(maxsize=8)
def _font(size: int, bold: bool = False, script: str = "thai"):
    """Sarabun (vendored; its Thai and Latin letters are two files), with Thai shaping: the same face
    as the site's pages."""
    name = f"sarabun-{script}-{700 if bold else 400}-normal.woff"
    try:
        return ImageFont.truetype(str(_FONTS / name), size)
    except OSError:  # the vendored font missing: Pillow's own, without Thai
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


def _parts(geom) -> list:
    return list(getattr(geom, "geoms", [geom]))


# Drawing order: the base map's land, outlines and names, then records' areas and lines, then points.
_PASSES = {"land": 0, "boundary": 1, "place_label": 2}
_RECORD_AREAS, _POINTS = 3, 4


def _pass(geom, props: dict) -> int:
    found = _PASSES.get(props.get("kind"))
    if found is not None:
        return found
    return _POINTS if geom.geom_type in ("Point", "MultiPoint") else _RECORD_AREAS


def render_png(features: list[tuple[bytes, dict]]) -> bytes:
    image = Image.new("RGBA", (SIZE, SIZE), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    shapes = sorted(((shapely.from_wkb(wkb), props) for wkb, props in features), key=lambda f: _pass(*f))
    labels = []
    for geom, props in shapes:
        drawn = _pass(geom, props)
        if drawn == 0:
            for poly in _parts(geom):
                _draw_polygon(draw, poly, None, _rgba(style.LAND))
        elif drawn == 1:
            colour, width, _dash = style.BOUNDARIES.get(props.get("level"), style.BOUNDARIES[1])
            for line in _parts(geom):
                draw.line(_xy(line.coords), fill=_rgba(colour), width=max(1, round(width)))
        elif drawn == 2:
            _draw_place_label(draw, geom, props)
        elif drawn == _RECORD_AREAS:
            _draw_area_or_line(draw, geom, props)
        else:
            labels += _draw_points(draw, geom, props)
    for x, y, text, colour in labels:  # counts over every marker
        draw.text((x, y), text, fill=_rgba(colour), font=_font(11, bold=True, script="latin"), anchor="mm")
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=False)
    return out.getvalue()


def _draw_place_label(draw: ImageDraw.ImageDraw, geom, props: dict) -> None:
    size, weight = style.LABELS.get(props.get("level"), (11, "normal"))
    font = _font(size, bold=weight == "bold")
    x, y = geom.x * SCALE, geom.y * SCALE
    draw.text(
        (x, y),
        props.get("name_th") or "",
        fill=_rgba(style.LABEL_COLOUR),
        font=font,
        anchor="mm",
        stroke_width=2,
        stroke_fill=_rgba(style.LABEL_HALO),
    )


def _draw_area_or_line(draw: ImageDraw.ImageDraw, geom, props: dict) -> None:
    colour = kind_colours().get(props.get("kind"), FALLBACK_COLOUR)
    if geom.geom_type in ("Polygon", "MultiPolygon"):
        if props.get("kind") == "province":
            fill = _rgba(style.density_colour(props.get("density") or 0), 170)
            outline = _rgba(style.DENSITY_OUTLINE)
        else:
            fill, outline = _rgba(colour, 60), _rgba(colour)
        for poly in _parts(geom):
            _draw_polygon(draw, poly, outline, fill)
    elif geom.geom_type in ("LineString", "MultiLineString"):
        for line in _parts(geom):
            draw.line(_xy(line.coords), fill=_rgba(colour), width=3)


def cluster_radius(count: int) -> float:
    """A cluster's radius in pixels (static/js/map.js sizes them alike)."""
    return min(8 + 8 * math.log10(count), 26)


def marker_points(shape: str, x: float, y: float, r: float) -> list[tuple[float, float]] | None:
    """The outline of a marker shape around (x, y); None for a circle or a ring."""
    if shape == "square":
        r *= 0.9
        return [(x - r, y - r), (x + r, y - r), (x + r, y + r), (x - r, y + r)]
    if shape == "diamond":
        r *= 1.2
        return [(x, y - r), (x + r, y), (x, y + r), (x - r, y)]
    if shape == "triangle":
        r *= 1.25
        return [
            (x + r * math.cos(a), y + r * math.sin(a)) for a in (-math.pi / 2, math.pi / 6, 5 * math.pi / 6)
        ]
    if shape == "star":
        r *= 1.25
        return [
            (
                x + (r if i % 2 == 0 else r * 0.5) * math.cos(-math.pi / 2 + i * math.pi / 5),
                y + (r if i % 2 == 0 else r * 0.5) * math.sin(-math.pi / 2 + i * math.pi / 5),
            )
            for i in range(10)
        ]
    if shape in ("pentagon", "hexagon"):
        sides = 5 if shape == "pentagon" else 6
        r *= 1.1
        return [
            (
                x + r * math.cos(-math.pi / 2 + i * 2 * math.pi / sides),
                y + r * math.sin(-math.pi / 2 + i * 2 * math.pi / sides),
            )
            for i in range(sides)
        ]
    return None


def _draw_points(draw: ImageDraw.ImageDraw, geom, props: dict) -> list[tuple[float, float, str, str]]:
    """Each point as its kind's marker; returns the counts to write over the clusters."""
    kind = props.get("kind")
    colour = category_colours().get(props.get("category") or "", kind_colours().get(kind, FALLBACK_COLOUR))
    shape = kind_shapes().get(kind, "circle")
    count = int(props.get("count") or 1)
    labels = []
    for point in _parts(geom):
        x, y = point.x * SCALE, point.y * SCALE
        r = cluster_radius(count) if count > 1 else 5
        corners = marker_points(shape, x, y, r)
        if shape == "ring":  # a thick ring of the colour around a white centre
            draw.ellipse(
                (x - r, y - r, x + r, y + r), fill=_rgba("#ffffff", 230), outline=_rgba(colour), width=4
            )
        elif corners is None:
            draw.ellipse(
                (x - r, y - r, x + r, y + r), fill=_rgba(colour, 220), outline=_rgba("#ffffff"), width=2
            )
        else:
            draw.polygon(corners, fill=_rgba(colour, 220), outline=_rgba("#ffffff"), width=2)
        if count > 1:
            labels.append((x, y, f"{count:,}", style.text_on("#ffffff" if shape == "ring" else colour)))
    return labels
