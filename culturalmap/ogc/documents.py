"""The OGC API's JSON documents: landing page, conformance, collections, queryables, tile sets.

Each collection is a kind of the record registry (culturalmap.core.records), named by its tile
layer (`assets`, `learning-spaces`): a kind registered tomorrow is a collection with no edit here.
Links are absolute (GDAL and QGIS follow them as given).
"""

from django.conf import settings

from culturalmap.core import records
from culturalmap.core.location import THAILAND_BBOX
from culturalmap.core.records import RecordKind

from . import features, tilematrix
from .params import CRS84, category_names

JSON = "application/json"
GEOJSON = "application/geo+json"
HTML = "text/html"
OPENAPI = "application/vnd.oai.openapi+json;version=3.0"
SCHEMA = "application/schema+json"
MVT = "application/vnd.mapbox-vector-tile"
REL_QUERYABLES = "http://www.opengis.net/def/rel/ogc/1.0/queryables"
REL_TILESETS = "http://www.opengis.net/def/rel/ogc/1.0/tilesets-vector"
REL_TILING_SCHEMES = "http://www.opengis.net/def/rel/ogc/1.0/tiling-schemes"
REL_TILING_SCHEME = "http://www.opengis.net/def/rel/ogc/1.0/tiling-scheme"
GREGORIAN = "http://www.opengis.net/def/uri/ISO-8601/0/Gregorian"

CONFORMANCE = [
    "http://www.opengis.net/spec/ogcapi-common-1/1.0/conf/core",
    "http://www.opengis.net/spec/ogcapi-common-1/1.0/conf/landing-page",
    "http://www.opengis.net/spec/ogcapi-common-1/1.0/conf/json",
    "http://www.opengis.net/spec/ogcapi-common-1/1.0/conf/html",
    "http://www.opengis.net/spec/ogcapi-common-1/1.0/conf/oas30",
    "http://www.opengis.net/spec/ogcapi-common-2/1.0/conf/collections",
    "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
    "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson",
    "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/html",
    "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30",
    "http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/queryables",
    "http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/queryables-query-parameters",
    "http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/core",
    "http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/tileset",
    "http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/tilesets-list",
    "http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/geodata-tilesets",
    "http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/mvt",
    "http://www.opengis.net/spec/tms/2.0/conf/tilematrixset",
    "http://www.opengis.net/spec/tms/2.0/conf/json-tilematrixset",
]

TITLE = "แผนที่ทุนวัฒนธรรมไทย / Thailand cultural-capital map"
DESCRIPTION = (
    "แหล่งมรดกทางวัฒนธรรม ย่าน ตลาด และเมืองวัฒนธรรม เมืองแห่งการเรียนรู้และพื้นที่การเรียนรู้ที่เผยแพร่แล้ว"
    " / The published cultural assets, districts, markets and cultural cities, learning cities and their"
    " learning spaces and routes. Sites at risk of looting are given at a generalised location only."
)


def link(href: str, rel: str, type_: str = JSON, title: str = "", **extra) -> dict:
    found = {"href": href, "rel": rel, "type": type_}
    if title:
        found["title"] = title
    found.update(extra)
    return found


def licence() -> dict:
    return getattr(settings, "OPEN_DATA_LICENCE", {"name": "CC BY 4.0", "url": ""})


def _licence_link() -> list[dict]:
    found = licence()
    return [link(found["url"], "license", HTML, found["name"])] if found.get("url") else []


def landing(base: str) -> dict:
    root = f"{base}/ogc"
    return {
        "title": TITLE,
        "description": DESCRIPTION,
        "links": [
            link(f"{root}/", "self", JSON, "This document"),
            link(f"{root}/?f=html", "alternate", HTML, "This document as HTML"),
            link(f"{root}/api", "service-desc", OPENAPI, "The API definition (OpenAPI 3.0)"),
            link(f"{root}/api.html", "service-doc", HTML, "The API documentation"),
            link(f"{root}/conformance", "conformance", JSON, "Conformance classes"),
            link(f"{root}/conformance", "http://www.opengis.net/def/rel/ogc/1.0/conformance", JSON),
            link(f"{root}/collections", "data", JSON, "The collections"),
            link(f"{root}/collections", "http://www.opengis.net/def/rel/ogc/1.0/data", JSON),
            link(f"{root}/tileMatrixSets", REL_TILING_SCHEMES, JSON, "Tiling schemes"),
            link(f"{base}/open-data/", "describedby", HTML, "Open-data release, licence and data dictionary"),
            *_licence_link(),
        ],
    }


def conformance() -> dict:
    return {"conformsTo": CONFORMANCE}


def collection_title(kind: RecordKind) -> str:
    return f"{kind.name_th} / {kind.plural_en}"


def collection(kind: RecordKind, base: str) -> dict:
    """A collection's description, with its extent (where and when its public features lie)."""
    url = f"{base}/ogc/collections/{kind.layer}"
    found = features.extent(kind)
    interval = [[_time(found.first), _time(found.last)]]
    return {
        "id": kind.layer,
        "title": collection_title(kind),
        "description": (
            f"{kind.name_th}ที่เผยแพร่แล้ว ({found.count:,} รายการ) / published {kind.plural_en.lower()}"
            f" ({found.count:,})"
            + (": sites at risk at a generalised location only" if kind.features.tambon is not None else "")
        ),
        "itemType": "feature",
        "crs": [CRS84],
        "storageCrs": CRS84,
        "extent": {
            "spatial": {"bbox": [list(found.bbox or THAILAND_BBOX)], "crs": CRS84},
            "temporal": {"interval": interval, "trs": GREGORIAN},
        },
        "links": [
            link(url, "self", JSON, "This collection"),
            link(f"{url}?f=html", "alternate", HTML, "This collection as HTML"),
            link(f"{url}/items", "items", GEOJSON, "Its features"),
            link(f"{url}/items?f=html", "items", HTML, "Its features as HTML"),
            link(f"{url}/queryables", REL_QUERYABLES, SCHEMA, "What its features can be filtered by"),
            link(f"{url}/tiles", REL_TILESETS, JSON, "Its vector tiles"),
            link(f"{base}/tiles/{kind.layer}.json", "describedby", JSON, "TileJSON of its vector tiles"),
            *_licence_link(),
        ],
    }


def _time(moment) -> str | None:
    return moment.isoformat().replace("+00:00", "Z") if moment else None


def collections(base: str) -> dict:
    return {
        "links": [
            link(f"{base}/ogc/collections", "self", JSON, "The collections"),
            link(f"{base}/ogc/collections?f=html", "alternate", HTML, "The collections as HTML"),
        ],
        "collections": [collection(kind, base) for kind in records.kinds()],
    }


# Part 3: queryables -----------------------------------------------------------------------------------


def queryables(kind: RecordKind, base: str) -> dict:
    """What the items can be filtered by, as JSON Schema: the query parameter has the property's name."""
    props: dict[str, dict] = {
        "geometry": {"x-ogc-role": "primary-geometry", "format": "geometry-any", "description": "bbox="},
    }
    if kind.categories:
        props["category"] = {
            "title": "ประเภท / category",
            "type": "string",
            "enum": [c.code for c in kind.categories],
            "description": "; ".join(f"{c.code}: {c.name_th} / {c.name_en}" for c in kind.categories)
            + f". Also as {' or '.join(category_names(kind))}=; comma-separated for several.",
        }
    props.update(
        {
            "province": {
                "title": "จังหวัด / province",
                "type": "string",
                "pattern": "^[0-9]{2}$",
                "description": "2-digit code (a Thai or English name is taken too)",
            },
            "amphoe": {
                "title": "อำเภอ/เขต / district",
                "type": "string",
                "pattern": "^[0-9]{4}$",
                "description": "4-digit DOPA code; also as district=",
            },
            "tambon": {
                "title": "ตำบล/แขวง / sub-district",
                "type": "string",
                "pattern": "^[0-9]{6}$",
                "description": "6-digit DOPA code; also as sub_district=",
            },
            "updated_at": {
                "title": "แก้ไขล่าสุด / last changed",
                "type": "string",
                "format": "date-time",
                "x-ogc-role": "primary-instant",
                "description": "datetime=",
            },
        }
    )
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"{base}/ogc/collections/{kind.layer}/queryables",
        "type": "object",
        "title": collection_title(kind),
        "properties": props,
        "additionalProperties": False,
    }


def items_links(
    kind: RecordKind, request_url, *, offset: int, limit: int, matched: int, base: str
) -> list[dict]:
    """self, alternate, the collection and, when there are more, next and prev (offset paging)."""
    found = [
        link(request_url(), "self", GEOJSON, "This page"),
        link(request_url(f="html"), "alternate", HTML, "This page as HTML"),
        link(f"{base}/ogc/collections/{kind.layer}", "collection", JSON, collection_title(kind)),
    ]
    if offset + limit < matched:
        found.append(link(request_url(offset=offset + limit, limit=limit), "next", GEOJSON, "Next page"))
    if offset > 0:
        found.append(
            link(request_url(offset=max(offset - limit, 0), limit=limit), "prev", GEOJSON, "Previous page")
        )
    return found


# OGC API – Tiles ------------------------------------------------------------------------------------


def _tile_template(kind: RecordKind, base: str) -> str:
    return f"{base}/tiles/{kind.layer}/{{tileMatrix}}/{{tileCol}}/{{tileRow}}.mvt"


def tileset(kind: RecordKind, base: str) -> dict:
    """The kind's vector tiles in WebMercatorQuad (the map's own /tiles/ URLs)."""
    url = f"{base}/ogc/collections/{kind.layer}/tiles/WebMercatorQuad"
    west, south, east, north = THAILAND_BBOX
    return {
        "title": collection_title(kind),
        "description": "Points clustered at low zoom (property count); only published records; at-risk"
        " sites at a generalised location.",
        "dataType": "vector",
        "crs": tilematrix.CRS,
        "tileMatrixSetURI": tilematrix.URI,
        "tileMatrixSetLimits": tilematrix.limits(THAILAND_BBOX),
        "boundingBox": {"lowerLeft": [west, south], "upperRight": [east, north], "crs": CRS84},
        "layers": [
            {
                "id": kind.layer,
                "title": collection_title(kind),
                "dataType": "vector",
                "minTileMatrix": "0",
                "maxTileMatrix": str(tilematrix.MAX_ZOOM),
            }
        ],
        "links": [
            link(url, "self", JSON, "This tile set"),
            link(f"{base}/ogc/tileMatrixSets/WebMercatorQuad", REL_TILING_SCHEME, JSON, "WebMercatorQuad"),
            link(_tile_template(kind, base), "item", MVT, "Mapbox vector tiles", templated=True),
            link(f"{base}/tiles/{kind.layer}.json", "describedby", JSON, "TileJSON"),
        ],
    }


def tilesets(kind: RecordKind, base: str) -> dict:
    one = tileset(kind, base)
    summary = {key: one[key] for key in ("title", "dataType", "crs", "tileMatrixSetURI")}
    summary["links"] = [
        link(f"{base}/ogc/collections/{kind.layer}/tiles/WebMercatorQuad", "self", JSON, "The tile set"),
        link(f"{base}/ogc/tileMatrixSets/WebMercatorQuad", REL_TILING_SCHEME, JSON, "WebMercatorQuad"),
    ]
    return {
        "links": [link(f"{base}/ogc/collections/{kind.layer}/tiles", "self", JSON, "Tile sets")],
        "tilesets": [summary],
    }


def tile_matrix_sets(base: str) -> dict:
    url = f"{base}/ogc/tileMatrixSets/WebMercatorQuad"
    return {
        "tileMatrixSets": [
            {
                "id": "WebMercatorQuad",
                "title": "Google Maps Compatible for the World",
                "uri": tilematrix.URI,
                "links": [link(url, "self", JSON, "WebMercatorQuad"), link(url, REL_TILING_SCHEME, JSON)],
            }
        ]
    }
