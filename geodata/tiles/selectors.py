"""Map tiles made in PostGIS: one SQL statement per layer and tile (ST_AsMVT over ST_TileEnvelope).

Every layer is built as a `features` subquery (geometry already in tile coordinates, plus the
properties a client needs); `tile_mvt` wraps it in ST_AsMVT, `tile_features` returns its rows for the
PNG renderer, so both formats come from the same query. Only published records, and for assets only
`public_location` (a high-risk asset's generalised point), ever reach a tile.

Points are clustered up to a layer's cluster zoom so no tile carries thousands of raw points:
assets from the precomputed pyramid (geodata.models.AssetCluster, a few hundred cells per tile even
with a million assets), the small layers by grouping their rows on the same cell grid on the fly.
"""

import json
from dataclasses import dataclass

from django.db import connection

from . import grid
from .layers import LAYERS, Layer

SMALL_LAYER_CLUSTER_MAX_ZOOM = 9  # markets, cities, districts, learning spaces: raw above this
DISTRICT_POINT_MAX_ZOOM = 9  # a district (a few hundred metres) is a point below this zoom


@dataclass(frozen=True)
class TileFilters:
    categories: tuple[str, ...] = ()  # sorted codes
    province: str | None = None  # 2-digit code
    province_id: int | None = None

    def key(self) -> str:
        return f"c={','.join(self.categories)};p={self.province or ''}"


@dataclass(frozen=True)
class TileRequest:
    layer: Layer
    z: int
    x: int
    y: int
    filters: TileFilters = TileFilters()


_ENVELOPE = "ST_TileEnvelope(%(z)s, %(x)s, %(y)s)"
_ENVELOPE_4326 = f"ST_Transform({_ENVELOPE}, 4326)"


def _mvt_geom(expr_3857: str) -> str:
    return f"ST_AsMVTGeom({expr_3857}, {_ENVELOPE}, {grid.EXTENT}, {grid.BUFFER}, true)"


def _url(column: str) -> str:
    return f"replace(%(url_template)s, '{{code}}', {column})"


# Assets ------------------------------------------------------------------------------------------


def _asset_filters(alias: str, f: TileFilters) -> str:
    sql = ""
    if f.categories:
        sql += f" AND {alias}.archetype = ANY(%(categories)s)"
    if f.province_id is not None:
        sql += f" AND {alias}.province_id = %(province_id)s"
    return sql


def _assets_clustered(req: TileRequest) -> str:
    """Cells of the pyramid inside the tile; a cell holding a single asset shows that asset."""
    f = req.filters
    cell_x = (
        f"least(greatest(floor((ST_X(ST_Transform(a.public_location, 3857)) + {grid.HALF_WORLD!r})"
        f" / {grid.FINEST_CELL!r}), 0), {2 ** (grid.ASSET_PYRAMID_MAX_LEVEL + grid.CELL_SHIFT) - 1})::int"
    )
    cell_y = (
        f"least(greatest(floor(({grid.HALF_WORLD!r} - ST_Y(ST_Transform(a.public_location, 3857)))"
        f" / {grid.FINEST_CELL!r}), 0), {2 ** (grid.ASSET_PYRAMID_MAX_LEVEL + grid.CELL_SHIFT) - 1})::int"
    )
    shift = grid.ASSET_PYRAMID_MAX_LEVEL - req.z
    return f"""
    WITH cells AS (
      SELECT c.cx, c.cy, sum(c.n)::int AS n, sum(c.sx) AS sx, sum(c.sy) AS sy,
             (array_agg(c.archetype ORDER BY c.n DESC, c.archetype))[1] AS archetype
      FROM geodata_assetcluster c
      WHERE c.zoom = %(z)s AND c.cx BETWEEN %(cx0)s AND %(cx1)s AND c.cy BETWEEN %(cy0)s AND %(cy1)s
        {_asset_filters("c", f)}
      GROUP BY c.cx, c.cy
      HAVING sum(c.n) > 0
    )
    SELECT {
        _mvt_geom(
            "CASE WHEN one.code IS NULL THEN ST_SetSRID(ST_MakePoint(cells.sx / cells.n, "
            "cells.sy / cells.n), 3857) ELSE ST_Transform(one.public_location, 3857) END"
        )
    } AS geom,
           one.code, one.name_th, one.name_en,
           coalesce(one.archetype, cells.archetype) AS archetype,
           coalesce(one.archetype, cells.archetype) AS category,
           'asset' AS kind, {_url("one.code")} AS url, cells.n AS count, cells.n > 1 AS cluster
    FROM cells
    LEFT JOIN LATERAL (
      SELECT a.code, a.name_th, a.name_en, a.archetype, a.public_location
      FROM assets_asset a
      WHERE cells.n = 1 AND a.status = 'published'
        AND a.public_location
            && ST_Transform(ST_TileEnvelope(%(cell_zoom)s, cells.cx, cells.cy, margin => 0.001), 4326)
        AND ({cell_x} >> {shift}) = cells.cx AND ({cell_y} >> {shift}) = cells.cy
        {_asset_filters("a", f)}
      LIMIT 1
    ) one ON true
    """


def _assets_raw(req: TileRequest) -> str:
    return f"""
    SELECT {_mvt_geom("ST_Transform(a.public_location, 3857)")} AS geom,
           a.code, a.name_th, a.name_en, a.archetype, a.archetype AS category, 'asset' AS kind,
           {_url("a.code")} AS url, 1 AS count, false AS cluster
    FROM assets_asset a
    WHERE a.status = 'published' AND a.public_location && {_ENVELOPE_4326} {_asset_filters("a", req.filters)}
    """


# The small layers ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Source:
    table: str  # FROM clause, the record aliased t
    point: str  # a point for clusters (4326)
    shape: str  # the geometry drawn above the cluster zoom (4326)
    published: str
    province: str
    category: str = "NULL"
    point_max_zoom: int = SMALL_LAYER_CLUSTER_MAX_ZOOM


_SOURCES = {
    "districts": _Source(
        "markets_culturaldistrict t",
        "ST_PointOnSurface(t.geom)",
        "t.geom",
        "t.status = 'published'",
        "t.province_id",
        point_max_zoom=DISTRICT_POINT_MAX_ZOOM,
    ),
    "markets": _Source(
        "markets_culturalmarket t", "t.location", "t.location", "t.status = 'published'", "t.province_id"
    ),
    "cultural-cities": _Source(
        "markets_culturalcity t", "t.location", "t.location", "t.status = 'published'", "t.province_id"
    ),
    "learning-cities": _Source(
        "learningcity_learningcity t", "t.location", "t.location", "t.status = 'published'", "t.province_id"
    ),
    "learning-spaces": _Source(
        "learningcity_learningspace t JOIN learningcity_learningcity lc ON lc.id = t.city_id",
        "t.location",
        "t.geom",
        "t.status = 'published' AND lc.status = 'published'",
        "lc.province_id",
        category="t.space_type",
    ),
}


def _source_filters(src: _Source, f: TileFilters) -> str:
    sql = ""
    if f.categories:
        sql += f" AND {src.category} = ANY(%(categories)s)"
    if f.province_id is not None:
        sql += f" AND {src.province} = %(province_id)s"
    return sql


def _small_clustered(req: TileRequest, src: _Source) -> str:
    size = repr(grid.cell_size(req.z))
    return f"""
    WITH src AS (
      SELECT t.code, t.name_th, t.name_en, {src.category} AS category, ST_Transform({src.point}, 3857) AS g
      FROM {src.table}
      WHERE {src.published} AND {src.point} && {_ENVELOPE_4326} {_source_filters(src, req.filters)}
    ), cells AS (
      SELECT count(*)::int AS n, avg(ST_X(g)) AS mx, avg(ST_Y(g)) AS my,
             (array_agg(code ORDER BY code))[1] AS code, (array_agg(name_th ORDER BY code))[1] AS name_th,
             (array_agg(name_en ORDER BY code))[1] AS name_en,
             mode() WITHIN GROUP (ORDER BY category) AS category
      FROM src
      GROUP BY floor((ST_X(g) + {grid.HALF_WORLD!r}) / {size}),
               floor(({grid.HALF_WORLD!r} - ST_Y(g)) / {size})
    )
    SELECT {_mvt_geom("ST_SetSRID(ST_MakePoint(mx, my), 3857)")} AS geom,
           CASE WHEN n = 1 THEN code END AS code, CASE WHEN n = 1 THEN name_th END AS name_th,
           CASE WHEN n = 1 THEN name_en END AS name_en, category, %(kind)s AS kind,
           CASE WHEN n = 1 THEN {_url("code")} END AS url, n AS count, n > 1 AS cluster
    FROM cells
    """


def _small_raw(req: TileRequest, src: _Source) -> str:
    shape = src.shape if req.z > src.point_max_zoom else src.point
    return f"""
    SELECT {_mvt_geom(f"ST_Transform({shape}, 3857)")} AS geom,
           t.code, t.name_th, t.name_en, {src.category} AS category, %(kind)s AS kind,
           {_url("t.code")} AS url, 1 AS count, false AS cluster
    FROM {src.table}
    WHERE {src.published} AND {shape} && {_ENVELOPE_4326} {_source_filters(src, req.filters)}
    """


# Provinces -----------------------------------------------------------------------------------------


def _provinces(req: TileRequest) -> str:
    f = req.filters
    categories = " AND c.archetype = ANY(%(categories)s)" if f.categories else ""
    province = " AND p.id = %(province_id)s" if f.province_id is not None else ""
    # Asset counts from the pyramid's top level: a few hundred rows, whatever the catalogue's size.
    return f"""
    WITH counts AS (
      SELECT c.province_id, sum(c.n)::int AS n FROM geodata_assetcluster c
      WHERE c.zoom = 0 {categories} GROUP BY c.province_id
    )
    SELECT {_mvt_geom("ST_Simplify(ST_Transform(p.geom, 3857), %(tolerance)s, true)")} AS geom,
           p.code, p.name_th, p.name_en, 'province' AS kind, coalesce(counts.n, 0) AS assets,
           round((coalesce(counts.n, 0) * 1000.0 / p.area_sqkm)::numeric, 3)::float AS density
    FROM geodata_province p LEFT JOIN counts ON counts.province_id = p.id
    WHERE p.geom && {_ENVELOPE_4326} {province}
    """


# Entry points ----------------------------------------------------------------------------------


def _features_sql(req: TileRequest) -> tuple[str, dict]:
    layer, z, x, y = req.layer, req.z, req.x, req.y
    params = {
        "z": z,
        "x": x,
        "y": y,
        "layer": layer.name,
        "kind": layer.kind,
        "url_template": layer.url_template,
        "categories": list(req.filters.categories),
        "province_id": req.filters.province_id,
    }
    if layer.name == "assets":
        if z <= grid.ASSET_PYRAMID_MAX_LEVEL:
            n = grid.CELLS_PER_SIDE
            params.update(
                cx0=x * n, cx1=x * n + n - 1, cy0=y * n, cy1=y * n + n - 1, cell_zoom=z + grid.CELL_SHIFT
            )
            return _assets_clustered(req), params
        return _assets_raw(req), params
    if layer.name == "provinces":
        params["tolerance"] = grid.tile_metres(z) / grid.EXTENT
        return _provinces(req), params
    src = _SOURCES[layer.name]
    if z <= SMALL_LAYER_CLUSTER_MAX_ZOOM:
        return _small_clustered(req, src), params
    return _small_raw(req, src), params


def tile_mvt(req: TileRequest) -> bytes:
    """The tile as a Mapbox Vector Tile (one layer named as the layer); b'' when it is empty."""
    sql, params = _features_sql(req)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT ST_AsMVT(f.*, %(layer)s, {grid.EXTENT}, 'geom') FROM ({sql}) f WHERE f.geom IS NOT NULL",
            params,
        )
        row = cursor.fetchone()
    return bytes(row[0]) if row and row[0] is not None else b""


def tile_features(req: TileRequest) -> list[tuple[bytes, dict]]:
    """The tile's features as (WKB in tile coordinates, properties), for the raster renderer."""
    sql, params = _features_sql(req)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT ST_AsBinary(f.geom), to_jsonb(f) - 'geom' FROM ({sql}) f WHERE f.geom IS NOT NULL",
            params,
        )
        rows = cursor.fetchall()
    # Django hands jsonb over as text.
    return [(bytes(wkb), json.loads(props) if isinstance(props, str) else props) for wkb, props in rows]


def bare_assets_mvt(*, z: int, x: int, y: int) -> bytes:
    """The plain unclustered query over every published asset in the tile: the benchmarks' baseline."""
    layer = LAYERS["assets"]
    req = TileRequest(layer, z, x, y)
    params = {"z": z, "x": x, "y": y, "url_template": layer.url_template, "layer": layer.name}
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT ST_AsMVT(f.*, %(layer)s, {grid.EXTENT}, 'geom') FROM ({_assets_raw(req)}) f",
            params,
        )
        row = cursor.fetchone()
    return bytes(row[0]) if row and row[0] is not None else b""
