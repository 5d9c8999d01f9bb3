"""Map tiles made in PostGIS: one SQL statement per layer and tile (ST_AsMVT over ST_TileEnvelope).

Every layer is built as a `features` subquery (geometry already in tile coordinates, plus the
properties a client needs); `tile_mvt` wraps it in ST_AsMVT, `tile_features` returns its rows for the
PNG renderer, so both formats come from the same query. A layer reads its kind's public records only:
the FROM clause is the kind's public queryset (culturalmap.core.records, the one public-record rule)
compiled once per process with the columns its tile source names. For assets only `public_location`
(a high-risk asset's generalised point) ever reaches a public tile; a curator's `exact` tile draws
the exact point and reads the curators' cells of the pyramid.

Points are clustered up to a layer's cluster zoom so no tile carries thousands of raw points:
assets from the precomputed pyramid (culturalmap.maps.models.AssetCluster, a few hundred cells per
tile even with a million assets), the other layers by grouping their rows on the same cell grid on
the fly.
"""

import hashlib
import json
import re
import weakref
from dataclasses import dataclass
from functools import cached_property, lru_cache

from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from django.db.models import CharField, ExpressionWrapper, Field, Value

from culturalmap.core import records
from culturalmap.core.routers import read_connection

from ..models import Audience
from . import grid, places
from .layers import PLACES, PYRAMID_KIND, Layer, layers

SMALL_LAYER_CLUSTER_MAX_ZOOM = 9  # markets, cities, districts, learning spaces: raw above this


@dataclass(frozen=True)
class TileFilters:
    categories: tuple[str, ...] = ()  # sorted codes
    province: str | None = None  # 2-digit code
    province_id: int | None = None

    def key(self) -> str:
        return f"c={','.join(self.categories)};p={self.province or ''}"


@dataclass(frozen=True)
class TileShape:
    """What a tile statement's SQL text depends on. The tile's own numbers (x, y, the filter values)
    are parameters, so PostgreSQL plans one prepared statement per shape, not one per tile."""

    layer: str
    z: int
    categories: bool  # filtered by category
    province: bool  # filtered by province
    exact: bool  # a curator's tile: at-risk assets at their exact location
    registry: int = 0  # the record-kind registry's version (a kind added is a new layer)

    @property
    def point(self) -> str:
        """The source column drawn: the exact point only on a curator's tile."""
        return "tile_exact_point" if self.exact else "tile_point"

    @property
    def hidden_audience(self) -> int:
        """The pyramid cells this tile leaves out (culturalmap.maps.models.Audience)."""
        return Audience.PUBLIC if self.exact else Audience.CURATORS


@dataclass(frozen=True)
class TileRequest:
    layer: Layer
    z: int
    x: int
    y: int
    filters: TileFilters = TileFilters()
    exact: bool = False  # a curator's tile: at-risk assets at their exact location

    def cache_key(self, fmt: str) -> str:
        return f"{fmt}:{self.z}/{self.x}/{self.y}:{self.filters.key()}" + (":exact" if self.exact else "")

    @cached_property
    def shape(self) -> TileShape:
        f = self.filters
        return TileShape(
            self.layer.name,
            self.z,
            bool(f.categories),
            f.province_id is not None,
            self.exact,
            records.version(),
        )


_ENVELOPE = "ST_TileEnvelope(%(z)s, %(x)s, %(y)s)"
_ENVELOPE_4326 = f"ST_Transform({_ENVELOPE}, 4326)"
# Points are read from a ring of cluster cells around the tile (grid.POINT_MARGIN): a marker by the
# edge is drawn by both tiles, each its own part of it.
_POINTS_ENVELOPE_4326 = (
    f"ST_Transform(ST_TileEnvelope(%(z)s, %(x)s, %(y)s, margin => {grid.POINT_MARGIN!r}), 4326)"
)


def _mvt_geom(expr_3857: str, buffer: int | str = grid.BUFFER) -> str:
    return f"ST_AsMVTGeom({expr_3857}, {_ENVELOPE}, {grid.EXTENT}, {buffer}, true)"


def _mvt_point(expr_3857: str) -> str:
    return _mvt_geom(expr_3857, grid.POINT_BUFFER)


def _url(column: str) -> str:
    return f"replace(%(url_template)s, '{{code}}', {column})"


# Sources: each kind's public records --------------------------------------------------------------


def _as_stored(expression) -> ExpressionWrapper:
    # Selected as the database has it: the ORM would cast a geometry to bytea for psycopg2.
    return ExpressionWrapper(expression, output_field=Field())


@lru_cache(maxsize=64)
def _source(layer: str, registry: int) -> str:
    """The layer's FROM item: its kind's public records as code, name_th, name_en, tile_point,
    tile_shape, tile_province, tile_category (and tile_exact_point), compiled from the queryset."""
    kind = records.by_layer(layer)
    tile = kind.tile
    columns = {
        "tile_point": tile.point,
        "tile_shape": tile.shape if tile.shape is not None else tile.point,
        "tile_province": tile.province,
        "tile_category": tile.category if tile.category is not None else Value(None, CharField()),
    }
    if tile.exact_point is not None:
        columns["tile_exact_point"] = tile.exact_point
    rows = (
        kind.public()
        .order_by()
        .values("code", "name_th", "name_en", **{name: _as_stored(expr) for name, expr in columns.items()})
    )
    sql, params = rows.query.sql_with_params()
    with connection.cursor() as cursor:
        sql = cursor.mogrify(sql, params).decode()
    if "%" in sql:  # would be read as a parameter by the tile statement
        raise ImproperlyConfigured(f"the tile source of {kind.code!r} has a % in its SQL")
    return f"({sql})"


def _filters(s: TileShape, *, category: str, province: str) -> str:
    sql = ""
    if s.categories:
        sql += f" AND {category} = ANY(%(categories)s)"
    if s.province:
        sql += f" AND {province} = %(province_id)s"
    return sql


def _record_filters(alias: str, s: TileShape) -> str:
    return _filters(s, category=f"{alias}.tile_category", province=f"{alias}.tile_province")


# The pyramid's layer -------------------------------------------------------------------------------


def _pyramid_clustered(s: TileShape) -> str:
    """Cells of the pyramid inside the tile; a cell holding a single record shows that record."""
    point = f"a.{s.point}"
    cell_x = (
        f"least(greatest(floor((ST_X(ST_Transform({point}, 3857)) + {grid.HALF_WORLD!r})"
        f" / {grid.FINEST_CELL!r}), 0), {2 ** (grid.ASSET_PYRAMID_MAX_LEVEL + grid.CELL_SHIFT) - 1})::int"
    )
    cell_y = (
        f"least(greatest(floor(({grid.HALF_WORLD!r} - ST_Y(ST_Transform({point}, 3857)))"
        f" / {grid.FINEST_CELL!r}), 0), {2 ** (grid.ASSET_PYRAMID_MAX_LEVEL + grid.CELL_SHIFT) - 1})::int"
    )
    shift = grid.ASSET_PYRAMID_MAX_LEVEL - s.z
    cluster_filters = _filters(s, category="c.archetype", province="c.province_id")
    return f"""
    WITH cells AS (
      SELECT c.cx, c.cy, sum(c.n)::int AS n, sum(c.sx) AS sx, sum(c.sy) AS sy,
             (array_agg(c.archetype ORDER BY c.n DESC, c.archetype))[1] AS archetype
      FROM geodata_assetcluster c
      WHERE c.zoom = %(z)s AND c.cx BETWEEN %(cx0)s - 1 AND %(cx1)s + 1
        AND c.cy BETWEEN %(cy0)s - 1 AND %(cy1)s + 1
        AND c.audience <> {s.hidden_audience:d} {cluster_filters}
      GROUP BY c.cx, c.cy
      HAVING sum(c.n) > 0
    )
    SELECT {
        _mvt_point(
            "CASE WHEN one.code IS NULL THEN ST_SetSRID(ST_MakePoint(cells.sx / cells.n, "
            "cells.sy / cells.n), 3857) ELSE ST_Transform(one.point, 3857) END"
        )
    } AS geom,
           one.code, one.name_th, one.name_en,
           coalesce(one.archetype, cells.archetype) AS archetype,
           coalesce(one.archetype, cells.archetype) AS category,
           %(kind)s AS kind, {_url("one.code")} AS url, cells.n AS count, cells.n > 1 AS cluster
    FROM cells
    LEFT JOIN LATERAL (
      SELECT a.code, a.name_th, a.name_en, a.tile_category AS archetype, {point} AS point
      FROM {_source(s.layer, s.registry)} a
      WHERE cells.n = 1
        AND {point}
            && ST_Transform(ST_TileEnvelope(%(cell_zoom)s, cells.cx, cells.cy, margin => 0.001), 4326)
        AND ({cell_x} >> {shift}) = cells.cx AND ({cell_y} >> {shift}) = cells.cy
        {_record_filters("a", s)}
      LIMIT 1
    ) one ON true
    """


def _pyramid_raw(s: TileShape) -> str:
    point = f"a.{s.point}"
    return f"""
    SELECT {_mvt_point(f"ST_Transform({point}, 3857)")} AS geom,
           a.code, a.name_th, a.name_en, a.tile_category AS archetype, a.tile_category AS category,
           %(kind)s AS kind, {_url("a.code")} AS url, 1 AS count, false AS cluster
    FROM {_source(s.layer, s.registry)} a
    WHERE {point} && {_POINTS_ENVELOPE_4326} {_record_filters("a", s)}
    """


# Every other record layer --------------------------------------------------------------------------


def _clustered(s: TileShape) -> str:
    size = repr(grid.cell_size(s.z))
    return f"""
    WITH src AS (
      SELECT t.code, t.name_th, t.name_en, t.tile_category AS category,
             ST_Transform(t.{s.point}, 3857) AS g
      FROM {_source(s.layer, s.registry)} t
      WHERE t.{s.point} && {_POINTS_ENVELOPE_4326} {_record_filters("t", s)}
    ), cells AS (
      SELECT count(*)::int AS n, avg(ST_X(g)) AS mx, avg(ST_Y(g)) AS my,
             (array_agg(code ORDER BY code))[1] AS code, (array_agg(name_th ORDER BY code))[1] AS name_th,
             (array_agg(name_en ORDER BY code))[1] AS name_en,
             mode() WITHIN GROUP (ORDER BY category) AS category
      FROM src
      GROUP BY floor((ST_X(g) + {grid.HALF_WORLD!r}) / {size}),
               floor(({grid.HALF_WORLD!r} - ST_Y(g)) / {size})
    )
    SELECT {_mvt_point("ST_SetSRID(ST_MakePoint(mx, my), 3857)")} AS geom,
           CASE WHEN n = 1 THEN code END AS code, CASE WHEN n = 1 THEN name_th END AS name_th,
           CASE WHEN n = 1 THEN name_en END AS name_en, category, %(kind)s AS kind,
           CASE WHEN n = 1 THEN {_url("code")} END AS url, n AS count, n > 1 AS cluster
    FROM cells
    """


def _raw(s: TileShape) -> str:
    kind = records.by_layer(s.layer)
    shape = "t.tile_shape" if s.z > kind.tile.point_max_zoom else f"t.{s.point}"
    # A point (a market, or a shape that is a point) gets the points' buffer, an area or a line the
    # usual one.
    buffer = f"CASE WHEN ST_Dimension({shape}) = 0 THEN {grid.POINT_BUFFER} ELSE {grid.BUFFER} END"
    return f"""
    SELECT {_mvt_geom(f"ST_Transform({shape}, 3857)", buffer)} AS geom,
           t.code, t.name_th, t.name_en, t.tile_category AS category, %(kind)s AS kind,
           {_url("t.code")} AS url, 1 AS count, false AS cluster
    FROM {_source(s.layer, s.registry)} t
    WHERE {shape} && {_POINTS_ENVELOPE_4326} {_record_filters("t", s)}
    """


# Provinces -----------------------------------------------------------------------------------------


def _provinces(s: TileShape) -> str:
    categories = " AND c.archetype = ANY(%(categories)s)" if s.categories else ""
    province = " AND p.id = %(province_id)s" if s.province else ""
    # Asset counts from the pyramid's top level: a few hundred rows, whatever the catalogue's size.
    return f"""
    WITH counts AS (
      SELECT c.province_id, sum(c.n)::int AS n FROM geodata_assetcluster c
      WHERE c.zoom = 0 AND c.audience <> {Audience.CURATORS:d} {categories} GROUP BY c.province_id
    )
    SELECT {_mvt_geom("ST_Simplify(ST_Transform(p.geom, 3857), %(tolerance)s, true)")} AS geom,
           p.code, p.name_th, p.name_en, 'province' AS kind, coalesce(counts.n, 0) AS assets,
           round((coalesce(counts.n, 0) * 1000.0 / p.area_sqkm)::numeric, 3)::float AS density
    FROM geodata_province p LEFT JOIN counts ON counts.province_id = p.id
    WHERE p.geom && {_ENVELOPE_4326} {province}
    """


# Entry points ----------------------------------------------------------------------------------


@lru_cache(maxsize=1024)
def _features_sql(s: TileShape) -> str:
    kind = records.by_layer(s.layer)
    if kind is None:
        return _provinces(s)
    if kind.code == PYRAMID_KIND:
        return _pyramid_clustered(s) if s.z <= grid.ASSET_PYRAMID_MAX_LEVEL else _pyramid_raw(s)
    return _clustered(s) if s.z <= SMALL_LAYER_CLUSTER_MAX_ZOOM else _raw(s)


def _params(req: TileRequest) -> dict:
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
        "tolerance": grid.tile_metres(z) / grid.EXTENT,
    }
    n = grid.CELLS_PER_SIDE
    params.update(cx0=x * n, cx1=x * n + n - 1, cy0=y * n, cy1=y * n + n - 1, cell_zoom=z + grid.CELL_SHIFT)
    return params


def mvt_statement(req: TileRequest) -> tuple[str, dict]:
    """The tile's ST_AsMVT statement and its parameters (also the benchmark's bare query)."""
    return _mvt_sql(req.shape), _params(req)


@lru_cache(maxsize=1024)
def _mvt_sql(s: TileShape) -> str:
    return (
        f"SELECT ST_AsMVT(f.*, %(layer)s, {grid.EXTENT}, 'geom') FROM ({_features_sql(s)}) f"
        " WHERE f.geom IS NOT NULL"
    )


@lru_cache(maxsize=1024)
def _rows_sql(s: TileShape) -> str:
    return (
        f"SELECT ST_AsBinary(f.geom), to_jsonb(f) - 'geom' FROM ({_features_sql(s)}) f"
        " WHERE f.geom IS NOT NULL"
    )


# Prepared statements ---------------------------------------------------------------------------
# Planning the clustered statements takes as long as running them (about 0.2 ms each on the demo
# catalogue), so each connection prepares each shape once and then only executes it.

_PARAMETER = re.compile(r"%\((\w+)\)s")
_PARAMETER_TYPES = {
    "z": "integer",
    "x": "integer",
    "y": "integer",
    "cx0": "integer",
    "cx1": "integer",
    "cy0": "integer",
    "cy1": "integer",
    "cell_zoom": "integer",
    "province_id": "integer",
    "layer": "text",
    "kind": "text",
    "url_template": "text",
    "categories": "text[]",
    "tolerance": "float8",
}


@dataclass(frozen=True)
class _Prepared:
    name: str
    prepare: str  # the PREPARE statement
    parameters: tuple[str, ...]  # the names behind $1, $2, ...
    execute: str  # EXECUTE with one placeholder per parameter


@lru_cache(maxsize=2048)
def _prepared(sql: str) -> _Prepared:
    names: list[str] = []

    def number(match: re.Match) -> str:
        if match.group(1) not in names:
            names.append(match.group(1))
        return f"${names.index(match.group(1)) + 1}"

    body = _PARAMETER.sub(number, sql)
    name = "tile_" + hashlib.blake2b(sql.encode(), digest_size=10).hexdigest()
    types = ", ".join(_PARAMETER_TYPES[n] for n in names)
    placeholders = ", ".join(["%s"] * len(names))
    prepare, execute = f"PREPARE {name} ({types}) AS {body}", f"EXECUTE {name} ({placeholders})"
    return _Prepared(name, prepare, tuple(names), execute)


# The statements prepared on each open database connection (a new connection starts with none).
_prepared_on: "weakref.WeakKeyDictionary[object, set[str]]" = weakref.WeakKeyDictionary()


def _execute(cursor, sql: str, params: dict) -> None:
    statement = _prepared(sql)
    db = cursor.db  # the primary's connection or the standby's (culturalmap.core.routers)
    db.ensure_connection()
    done = _prepared_on.setdefault(db.connection, set())
    if statement.name not in done:
        cursor.execute(statement.prepare)
        done.add(statement.name)
    cursor.execute(statement.execute, [params[n] for n in statement.parameters])


def forget_prepared_statements() -> None:
    """Drop this connection's prepared tile statements (after tables are swapped under them)."""
    with connection.cursor() as cursor:
        cursor.execute("DEALLOCATE ALL")
    _prepared_on.pop(connection.connection, None)


def tile_mvt(req: TileRequest) -> bytes:
    """The tile as a Mapbox Vector Tile (one layer named as the layer, or the places' layers);
    b'' when it is empty."""
    sql = places.places_mvt_sql(req.z) if req.layer.name == PLACES else _mvt_sql(req.shape)
    with read_connection().cursor() as cursor:
        _execute(cursor, sql, _params(req))
        row = cursor.fetchone()
    return bytes(row[0]) if row and row[0] is not None else b""


def tile_features(req: TileRequest) -> list[tuple[bytes, dict]]:
    """The tile's features as (WKB in tile coordinates, properties), for the raster renderer."""
    sql = places.places_rows_sql(req.z) if req.layer.name == PLACES else _rows_sql(req.shape)
    with read_connection().cursor() as cursor:
        _execute(cursor, sql, _params(req))
        rows = cursor.fetchall()
    # Django hands jsonb over as text.
    return [(bytes(wkb), json.loads(props) if isinstance(props, str) else props) for wkb, props in rows]


def pyramid_layer() -> Layer:
    """The layer drawn from the cluster pyramid (the assets)."""
    return layers()[records.get(PYRAMID_KIND).layer]


def bare_assets_mvt(*, z: int, x: int, y: int) -> bytes:
    """The plain unclustered query over every published asset in the tile: the benchmarks' baseline."""
    req = TileRequest(pyramid_layer(), z, x, y)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT ST_AsMVT(f.*, %(layer)s, {grid.EXTENT}, 'geom') FROM ({_pyramid_raw(req.shape)}) f",
            _params(req),
        )
        row = cursor.fetchone()
    return bytes(row[0]) if row and row[0] is not None else b""
