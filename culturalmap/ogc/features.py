"""Each record kind's public features as GeoJSON made in PostGIS: one statement per page.

The FROM item is the kind's public queryset (culturalmap.core.records, the one public-record rule)
compiled once per process with the columns its feature source names, as the map tiles do: the
geometry the public sees (an at-risk site's generalised point, never its exact shape), the
sub-district of its public place, its category, province and time. PostgreSQL writes the features'
JSON (json_build_object, ST_AsGeoJSON); Python never holds a feature, only the page's text.

Every kind's features carry the same place and naming columns (COMMON) and the kind's own
(`FeatureSource.properties`, by default its descriptions).
"""

import datetime
import json
from dataclasses import dataclass, fields
from functools import lru_cache

from django.core.exceptions import FieldDoesNotExist, ImproperlyConfigured
from django.db import connection
from django.db.models import CharField, ExpressionWrapper, F, Field, Value

from culturalmap.core import records
from culturalmap.core.prepared import execute_prepared
from culturalmap.core.records import Property, RecordKind
from culturalmap.core.routers import read_connection

COORDINATE_DECIMALS = 7  # about a centimetre: more would only lengthen the answer
# The statements' parameters, typed once for PREPARE.
PARAMETER_TYPES = {
    "x0": "float8",
    "y0": "float8",
    "x1": "float8",
    "y1": "float8",
    "start": "timestamptz",
    "end": "timestamptz",
    "categories": "text[]",
    "province": "text",
    "amphoe": "text",
    "tambon": "text",
    "code": "text",
    "kind": "text",
    "base_url": "text",
    "url_template": "text",
    "categories_th": "text",
    "categories_en": "text",
    "limit": "bigint",
    "offset": "bigint",
}


@dataclass(frozen=True)
class Column:
    """A property of every kind's features: its name, meaning in Thai and English, JSON type."""

    name: str
    th: str
    en: str
    type: str = "string"
    format: str = ""


COMMON = (
    Column("code", "รหัสถาวรของระเบียน (ส่วนท้ายของลิงก์ถาวร)", "the record's permalink code (its page's address)"),
    Column("kind", "ชนิดของระเบียน", "kind of record"),
    Column("name_th", "ชื่อภาษาไทย", "name in Thai"),
    Column("name_en", "ชื่อภาษาอังกฤษ", "name in English"),
    Column("url", "ลิงก์ถาวรของหน้าระเบียน", "permalink of the record's page", format="uri"),
    Column("category", "รหัสประเภท (ประเภทของมรดกวัฒนธรรม ประเภทพื้นที่การเรียนรู้)", "category code"),
    Column("category_th", "ชื่อประเภทภาษาไทย", "category name in Thai"),
    Column("category_en", "ชื่อประเภทภาษาอังกฤษ", "category name in English"),
    Column(
        "province", "รหัสจังหวัด 2 หลัก (ของตำแหน่งที่เผยแพร่)", "2-digit province code (of the published location)"
    ),
    Column("province_th", "ชื่อจังหวัดภาษาไทย", "province name in Thai"),
    Column("province_en", "ชื่อจังหวัดภาษาอังกฤษ", "province name in English"),
    Column("amphoe", "รหัสอำเภอ/เขต 4 หลัก (กรมการปกครอง)", "4-digit district (amphoe/khet) code, DOPA"),
    Column("amphoe_th", "ชื่ออำเภอ/เขตภาษาไทย", "district name in Thai"),
    Column("amphoe_en", "ชื่ออำเภอ/เขตภาษาอังกฤษ", "district name in English"),
    Column("tambon", "รหัสตำบล/แขวง 6 หลัก (กรมการปกครอง)", "6-digit sub-district (tambon/khwaeng) code, DOPA"),
    Column("tambon_th", "ชื่อตำบล/แขวงภาษาไทย", "sub-district name in Thai"),
    Column("tambon_en", "ชื่อตำบล/แขวงภาษาอังกฤษ", "sub-district name in English"),
    Column(
        "updated_at", "เวลาที่แก้ไขระเบียนล่าสุด (UTC)", "when the record last changed (UTC)", format="date-time"
    ),
)


def kind_properties(kind: RecordKind) -> dict[str, Property]:
    """The kind's own columns: those its feature source names, by default its descriptions; and the
    code of each record it belongs to (a market's district, a learning space's city)."""
    if kind.features.properties is not None:
        own = dict(kind.features.properties())
    else:
        own = {
            name: Property(F(name), th, en)
            for name, th, en in (
                ("description_th", "คำอธิบายภาษาไทย", "description in Thai"),
                ("description_en", "คำอธิบายภาษาอังกฤษ", "description in English"),
            )
            if _has_field(kind, name)
        }
    for parent in kind.parents:
        other = records.get(parent.kind)
        own[f"{parent.field}_code"] = Property(
            F(f"{parent.field}__code"),
            f"รหัสของ{other.name_th}ที่ระเบียนนี้สังกัด",
            f"code of the {other.name_en.lower()} it belongs to",
        )
    return own


def columns(kind: RecordKind) -> list[Column]:
    """Every property of the kind's features, in their order (queryables, the data dictionary)."""
    own = [Column(name, p.th, p.en, p.type) for name, p in kind_properties(kind).items()]
    return [*COMMON, *own]


def _has_field(kind: RecordKind, name: str) -> bool:
    try:
        kind.model_class._meta.get_field(name)
    except FieldDoesNotExist:
        return False
    return True


# The FROM item ---------------------------------------------------------------------------------------


def _as_stored(expression) -> ExpressionWrapper:
    # Selected as the database has it: the ORM would cast a geometry to bytea for psycopg2.
    return ExpressionWrapper(expression, output_field=Field())


@lru_cache(maxsize=64)
def _source(code: str, registry: int) -> str:
    """The kind's public records as code, name_th, name_en, ogc_order (the primary key: pages are in
    its order, which its index gives without a sort), ogc_geom, ogc_point, ogc_tambon, ogc_province,
    ogc_category, ogc_updated and x_<name> for its own properties."""
    kind = records.get(code)
    tile, source = kind.tile, kind.features
    geometry = next(g for g in (source.geometry, tile.shape, tile.point) if g is not None)
    cols = {
        "ogc_geom": geometry,
        "ogc_point": tile.point,
        "ogc_tambon": source.tambon if source.tambon is not None else Value(None, CharField()),
        "ogc_province": tile.province,
        "ogc_category": tile.category if tile.category is not None else Value(None, CharField()),
        "ogc_updated": F("updated_at"),
    }
    cols.update({f"x_{name}": p.expression for name, p in kind_properties(kind).items()})
    rows = (
        kind.public()
        .order_by()
        .values(
            "code", "name_th", "name_en", ogc_order=F("pk"), **{n: _as_stored(e) for n, e in cols.items()}
        )
    )
    sql, params = rows.query.sql_with_params()
    with connection.cursor() as cursor:
        sql = cursor.mogrify(sql, params).decode()
    if "%" in sql:  # would be read as a parameter by the statements below
        raise ImproperlyConfigured(f"the feature source of {kind.code!r} has a % in its SQL")
    return f"({sql})"


def _tambon(kind: RecordKind, alias: str) -> str:
    """The sub-district code of a row's public place: its own column, or the one its point lies in."""
    if kind.features.tambon is not None:
        return f"{alias}.ogc_tambon"
    return (
        f"(SELECT t_.code FROM geodata_tambon t_ WHERE ST_Intersects(t_.geom, {alias}.ogc_point)"
        " ORDER BY t_.code LIMIT 1)"
    )


# Filters ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class FeatureFilters:
    """What a request narrows a collection to; all already checked (culturalmap.ogc.params)."""

    bbox: tuple[float, float, float, float] | None = None
    start: datetime.datetime | None = None  # inclusive
    end: datetime.datetime | None = None  # inclusive
    categories: tuple[str, ...] = ()
    province: str | None = None  # 2-digit code
    amphoe: str | None = None  # 4-digit code
    tambon: str | None = None  # 6-digit code
    code: str | None = None  # one record

    def shape(self) -> tuple[bool, ...]:
        """What the statement's text depends on: which filters are given, not their values."""
        return tuple(bool(getattr(self, f.name)) for f in fields(self))

    def params(self) -> dict:
        params = {f.name: getattr(self, f.name) for f in fields(self)}
        params["categories"] = list(self.categories)
        if self.bbox:
            params.update(zip(("x0", "y0", "x1", "y1"), self.bbox, strict=True))
        return params


def _where(kind: RecordKind, shape: tuple[bool, ...]) -> str:
    given = dict(zip([f.name for f in fields(FeatureFilters)], shape, strict=True))
    tambon = _tambon(kind, "s")
    sql = []
    if given["bbox"]:
        sql.append("ST_Intersects(s.ogc_geom, ST_MakeEnvelope(%(x0)s, %(y0)s, %(x1)s, %(y1)s, 4326))")
    if given["start"]:
        sql.append("s.ogc_updated >= %(start)s")
    if given["end"]:
        sql.append("s.ogc_updated <= %(end)s")
    if given["categories"]:
        sql.append("s.ogc_category = ANY(%(categories)s)")
    if given["province"]:
        sql.append(
            f"coalesce(left({tambon}, 2),"
            " (SELECT p_.code FROM geodata_province p_ WHERE p_.id = s.ogc_province)) = %(province)s"
        )
    if given["amphoe"]:
        sql.append(f"left({tambon}, 4) = %(amphoe)s")
    if given["tambon"]:
        sql.append(f"{tambon} = %(tambon)s")
    if given["code"]:
        sql.append("s.code = %(code)s")
    return " AND ".join(sql) or "true"


# The features' JSON ----------------------------------------------------------------------------------


def _feature_json(kind: RecordKind) -> str:
    """A row of `page p` (with its places t, a, pv) as a GeoJSON Feature, built by PostgreSQL."""
    own = ", ".join(f"'{name}', p.x_{name}" for name in kind_properties(kind))
    return f"""json_build_object(
        'type', 'Feature',
        'id', p.code,
        'geometry', ST_AsGeoJSON(p.ogc_geom, {COORDINATE_DECIMALS})::json,
        'properties', json_build_object(
            'code', p.code, 'kind', %(kind)s, 'name_th', p.name_th, 'name_en', p.name_en,
            'url', %(base_url)s || replace(%(url_template)s, '{{code}}', p.code),
            'category', p.ogc_category,
            'category_th', %(categories_th)s::jsonb ->> p.ogc_category,
            'category_en', %(categories_en)s::jsonb ->> p.ogc_category,
            'province', pv.code, 'province_th', pv.name_th, 'province_en', pv.name_en,
            'amphoe', a.code, 'amphoe_th', a.name_th, 'amphoe_en', a.name_en,
            'tambon', t.code, 'tambon_th', t.name_th, 'tambon_en', t.name_en,
            'updated_at', p.ogc_updated
            {", " + own if own else ""}
        )
    )"""


def _places_join(kind: RecordKind) -> str:
    """The page's rows with their sub-district, district and province (the record's own province
    when its point lies in no sub-district: the sea off a coast)."""
    return f"""
        LEFT JOIN geodata_tambon t ON t.code = {_tambon(kind, "p")}
        LEFT JOIN geodata_amphoe a ON a.code = t.amphoe_code
        LEFT JOIN geodata_province own ON own.id = p.ogc_province
        LEFT JOIN geodata_province pv ON pv.code = coalesce(t.province_code, own.code)"""


@lru_cache(maxsize=512)
def _page_statement(code: str, registry: int, shape: tuple[bool, ...], limited: bool) -> str:
    """How many match, and the page's features. The page's rows are found first, reading only what
    the filters need, in primary-key order (its index, no sort); its features are then made from
    those rows alone, found again by their primary key."""
    kind = records.get(code)
    source = _source(code, registry)
    where = _where(kind, shape)
    limit = "LIMIT %(limit)s OFFSET %(offset)s" if limited else "OFFSET %(offset)s"
    return f"""
    WITH page AS (
      SELECT s.ogc_order FROM {source} s WHERE {where} ORDER BY s.ogc_order {limit}
    )
    SELECT (SELECT count(*) FROM {source} s WHERE {where}),
           count(f.ogc_order),
           coalesce(json_agg(f.feature ORDER BY f.ogc_order), '[]')::text
    FROM (
      SELECT page.ogc_order, {_feature_json(kind)} AS feature
      FROM page JOIN {source} p ON p.ogc_order = page.ogc_order
      {_places_join(kind)}
    ) f"""


def _labels(kind: RecordKind, language: str) -> str:
    return json.dumps({c.code: getattr(c, f"name_{language}") for c in kind.categories}, ensure_ascii=False)


def _kind_params(kind: RecordKind, base_url: str) -> dict:
    return {
        "kind": kind.code,
        "base_url": base_url,
        "url_template": kind.url_template,
        "categories_th": _labels(kind, "th"),
        "categories_en": _labels(kind, "en"),
    }


@dataclass(frozen=True)
class FeaturePage:
    matched: int
    returned: int
    features: str  # a JSON array of GeoJSON Features, as PostgreSQL wrote it


def feature_page(
    kind: RecordKind,
    filters: FeatureFilters = FeatureFilters(),
    *,
    limit: int | None,
    offset: int = 0,
    base_url: str = "",
) -> FeaturePage:
    """One page of the kind's public features, in the order they were added (`limit` None: all)."""
    statement = _page_statement(kind.code, records.version(), filters.shape(), limit is not None)
    params = {**filters.params(), **_kind_params(kind, base_url), "limit": limit, "offset": offset}
    # Prepared: planning the page's joins costs more than running them for a small box.
    with read_connection().cursor() as cursor:
        execute_prepared(cursor, statement, params, PARAMETER_TYPES)
        matched, returned, features = cursor.fetchone()
    return FeaturePage(matched, returned, features)


def feature(kind: RecordKind, code: str, *, base_url: str = "") -> str | None:
    """One public record as a GeoJSON Feature (text), or None."""
    page = feature_page(kind, FeatureFilters(code=code), limit=1, base_url=base_url)
    return page.features[1:-1] if page.returned else None


def public_point(kind: RecordKind, code: str) -> tuple[float, float] | None:
    """The point the public sees of one public record (an at-risk site's generalised one), lon/lat."""
    source = _source(kind.code, records.version())
    statement = f"SELECT ST_X(s.ogc_point), ST_Y(s.ogc_point) FROM {source} s WHERE s.code = %s"
    with read_connection().cursor() as cursor:
        cursor.execute(statement, [code])
        row = cursor.fetchone()
    return (row[0], row[1]) if row and row[0] is not None else None


# Extents ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Extent:
    bbox: tuple[float, float, float, float] | None
    first: datetime.datetime | None
    last: datetime.datetime | None
    count: int


def extent(kind: RecordKind) -> Extent:
    """Where and when the kind's public features lie, and how many there are."""
    statement = f"""
        SELECT ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e), first, last, n
        FROM (SELECT ST_Extent(s.ogc_geom) AS e, min(s.ogc_updated) AS first,
                     max(s.ogc_updated) AS last, count(*) AS n
              FROM {_source(kind.code, records.version())} s) x"""
    with read_connection().cursor() as cursor:
        cursor.execute(statement)
        x0, y0, x1, y1, first, last, n = cursor.fetchone()
    return Extent((x0, y0, x1, y1) if x0 is not None else None, first, last, n)
