"""The base map's tiles: Thailand drawn from the project's own geography (geodata), so a map needs no
other host. One statement per zoom gives three MVT layers:

land          the provinces as areas (the land under everything)
boundaries    outlines of provinces, and from BOUNDARY_ZOOMS on of districts (อำเภอ/เขต) and
              sub-districts (ตำบล/แขวง); ordered finest first, so the province lines lie on top
place_labels  one point per named area large enough at this zoom to hold its name (LABEL_LEVELS),
              thinned to one per label cell, read from half a tile around the tile so a name
              crossing a tile's edge is in both tiles and is drawn whole

Only the geography is read: no record, so these tiles change only when the places are reloaded.
"""

from dataclasses import dataclass
from functools import lru_cache

from . import grid

LAND, BOUNDARIES, LABELS = "land", "boundaries", "place_labels"
EXTENT = 1024  # a quarter pixel is detail enough for outlines (and smaller than 4096's coordinates)
BUFFER = 16  # 4 px: a clipped outline's cut edge falls outside the drawn tile
LABEL_MARGIN = 1 / 2  # of a tile side: names whose point lies this close are in the tile too
LABEL_BUFFER = int(EXTENT * LABEL_MARGIN)
# A label cell (global, aligned with the tiles, so two tiles thin their shared labels alike): at most
# one name per cell, the largest area's.
LABEL_CELL_PX = (128, 32)

PROVINCE, AMPHOE, TAMBON = 1, 2, 3
_TABLES = {PROVINCE: "geodata_province", AMPHOE: "geodata_amphoe", TAMBON: "geodata_tambon"}
BOUNDARY_ZOOMS = {PROVINCE: 0, AMPHOE: 8, TAMBON: 11}  # outlines of a level from this zoom on
# Whose names are written at which zooms, and the least area (in screen pixels) that gets a name.
LABEL_LEVELS = ((PROVINCE, 5, 8), (AMPHOE, 9, 11), (TAMBON, 12, grid.MAX_ZOOM))
LABEL_MIN_AREA_PX = 1500


@dataclass(frozen=True)
class PlaceLevel:
    level: int
    name_th: str
    name_en: str


LEVELS = (
    PlaceLevel(PROVINCE, "จังหวัด", "province"),
    PlaceLevel(AMPHOE, "อำเภอ/เขต", "district"),
    PlaceLevel(TAMBON, "ตำบล/แขวง", "sub-district"),
)

FIELDS = {
    LAND: {"code": "String"},
    BOUNDARIES: {"level": "Number (1 province, 2 district, 3 sub-district)"},
    LABELS: {"name_th": "String", "name_en": "String", "level": "Number"},
}

_ENVELOPE = "ST_TileEnvelope(%(z)s, %(x)s, %(y)s)"


def _box_4326(margin: float) -> str:
    # A web-mercator square is a lon/lat rectangle: its transformed corners bound it exactly.
    return f"ST_Transform(ST_TileEnvelope(%(z)s, %(x)s, %(y)s, margin => {margin!r}), 4326)"


def label_level(z: int) -> int | None:
    return next((level for level, low, high in LABEL_LEVELS if low <= z <= high), None)


def _in_tile(geom: str, clip: str, tolerance: float, extent: int) -> str:
    """An area or a line cut to the tile (and a little around it), simplified to half a pixel."""
    simplified = (
        f"ST_Simplify(ST_Transform(ST_ClipByBox2D({geom}, {clip}::box2d), 3857), {tolerance!r}, true)"
    )
    return f"ST_AsMVTGeom({simplified}, {_ENVELOPE}, {extent}, {_buffer(extent)}, true)"


def _land(clip: str, tolerance: float, extent: int) -> str:
    return f"""
      SELECT {_in_tile("p.geom", clip, tolerance, extent)} AS geom, p.code
      FROM geodata_province p WHERE p.geom && {clip}"""


def _boundaries(z: int, clip: str, tolerance: float, extent: int) -> str:
    parts = [
        f"SELECT geom, {level} AS level FROM {_TABLES[level]} WHERE geom && {clip}"
        for level, from_zoom in BOUNDARY_ZOOMS.items()
        if z >= from_zoom
    ]
    return f"""
      SELECT {_in_tile("ST_Boundary(a.geom)", clip, tolerance, extent)} AS geom, a.level
      FROM ({" UNION ALL ".join(parts)}) a"""


def _labels(z: int, extent: int) -> str | None:
    level = label_level(z)
    if level is None:
        return None
    px = grid.tile_metres(z) / 256
    cell_w, cell_h = (px * side for side in LABEL_CELL_PX)
    near = _box_4326(LABEL_MARGIN)
    return f"""
      SELECT DISTINCT ON (cx, cy)
             ST_AsMVTGeom(c.pt, {_ENVELOPE}, {extent}, {int(extent * LABEL_MARGIN)}, false) AS geom,
             c.name_th, c.name_en, {level} AS level
      FROM (
        SELECT ST_Transform(ST_PointOnSurface(a.geom), 3857) AS pt, a.name_th, a.name_en,
               ST_Area(ST_Transform(a.geom, 3857)) AS area
        FROM {_TABLES[level]} a WHERE a.geom && {near}
      ) c,
      LATERAL (SELECT floor((ST_X(c.pt) + {grid.HALF_WORLD!r}) / {cell_w!r}) AS cx,
                      floor(({grid.HALF_WORLD!r} - ST_Y(c.pt)) / {cell_h!r}) AS cy) cell
      WHERE c.area >= {LABEL_MIN_AREA_PX * px * px!r} AND c.pt && ST_Transform({near}, 3857)
      ORDER BY cx, cy, c.area DESC"""


def _buffer(extent: int) -> int:
    return extent * BUFFER // EXTENT


def _layers(z: int, extent: int) -> dict[str, str]:
    """Each layer's features (geom in tile coordinates, then its properties) at zoom z."""
    tolerance = grid.tile_metres(z) / 256 / 2  # half a pixel
    clip = _box_4326(BUFFER / EXTENT * 2)
    found = {LAND: _land(clip, tolerance, extent), BOUNDARIES: _boundaries(z, clip, tolerance, extent)}
    labels = _labels(z, extent)
    if labels is not None:
        found[LABELS] = labels
    return found


_ORDER = {BOUNDARIES: " ORDER BY f.level DESC"}  # finest outlines first: province lines on top


@lru_cache(maxsize=64)
def places_mvt_sql(z: int) -> str:
    """The base map tile at zoom z: its layers as one MVT (concatenated tiles are one tile)."""
    parts = [
        f"coalesce((SELECT ST_AsMVT(f.*, '{name}', {EXTENT}, 'geom'{_ORDER.get(name, '')})"
        f" FROM ({sql}) f WHERE f.geom IS NOT NULL), ''::bytea)"
        for name, sql in _layers(z, EXTENT).items()
    ]
    return "SELECT " + " || ".join(parts)


@lru_cache(maxsize=64)
def places_rows_sql(z: int) -> str:
    """The same features as rows (WKB in tile coordinates of grid.EXTENT, properties with their
    `kind`: land, boundary, place_label) for the raster renderer."""
    kinds = {LAND: "land", BOUNDARIES: "boundary", LABELS: "place_label"}
    parts = [
        f"SELECT ST_AsBinary(f.geom), jsonb_build_object('kind', '{kinds[name]}')"
        f" || (to_jsonb(f) - 'geom'), {i} AS part FROM ({sql}) f WHERE f.geom IS NOT NULL"
        for i, (name, sql) in enumerate(_layers(z, grid.EXTENT).items())
    ]
    rows = " UNION ALL ".join(parts)
    return f"SELECT wkb, props FROM ({rows}) r(wkb, props, part) ORDER BY part, (props->>'level')::int DESC"
