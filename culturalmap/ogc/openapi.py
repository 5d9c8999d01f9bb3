"""The OpenAPI 3.0 definition of /ogc/ (the landing page's service-desc), a path per collection.

Written from the registry, as the collections are: GDAL reads the items' `limit` (its maximum sets
the page size it asks for), QGIS and Swagger UI the parameters and their values.
"""

from culturalmap.core import records
from culturalmap.core.records import RecordKind

from . import documents
from .params import AMPHOE, DEFAULT_LIMIT, MAX_LIMIT, TAMBON, category_names


def _json(description: str, schema_ref: str, media: str = documents.JSON) -> dict:
    return {"description": description, "content": {media: {"schema": {"$ref": schema_ref}}}}


def _html(description: str) -> dict:
    return {"description": description, "content": {"text/html": {"schema": {"type": "string"}}}}


def _answers(description: str, schema_ref: str, media: str = documents.JSON) -> dict:
    answer = _json(description, schema_ref, media)
    answer["content"]["text/html"] = {"schema": {"type": "string"}}
    return {
        "200": answer,
        "304": {"description": "Not modified: the ETag given in If-None-Match is still current."},
        "400": _json("A bad parameter, named, with the reason.", "#/components/schemas/exception"),
        "404": _json("No such resource.", "#/components/schemas/exception"),
    }


def _query(name: str, description: str, schema: dict) -> dict:
    return {
        "name": name,
        "in": "query",
        "required": False,
        "description": description,
        "schema": schema,
        "style": "form",
        "explode": False,
    }


F = {"$ref": "#/components/parameters/f"}


def _item_parameters(kind: RecordKind) -> list[dict]:
    found = [
        {"$ref": "#/components/parameters/limit"},
        {"$ref": "#/components/parameters/offset"},
        {"$ref": "#/components/parameters/bbox"},
        {"$ref": "#/components/parameters/bbox-crs"},
        {"$ref": "#/components/parameters/datetime"},
        F,
    ]
    if kind.categories:
        for name in category_names(kind):
            found.append(
                _query(
                    name,
                    "Category code(s), comma-separated: "
                    + "; ".join(f"{c.code} ({c.name_th} / {c.name_en})" for c in kind.categories),
                    {"type": "array", "items": {"type": "string", "enum": [c.code for c in kind.categories]}},
                )
            )
    found.append(
        _query("province", "Province: 2-digit code, or its Thai or English name.", {"type": "string"})
    )
    for name in AMPHOE:
        found.append(
            _query(
                name, "District (อำเภอ/เขต): 4-digit DOPA code.", {"type": "string", "pattern": "^[0-9]{4}$"}
            )
        )
    for name in TAMBON:
        found.append(
            _query(
                name,
                "Sub-district (ตำบล/แขวง): 6-digit DOPA code.",
                {"type": "string", "pattern": "^[0-9]{6}$"},
            )
        )
    return found


def _collection_paths(kind: RecordKind) -> dict:
    base = f"/collections/{kind.layer}"
    tag = kind.layer
    return {
        base: {
            "get": {
                "tags": [tag],
                "summary": f"{documents.collection_title(kind)}: the collection",
                "operationId": f"describe_{kind.code}",
                "parameters": [F],
                "responses": _answers("The collection.", "#/components/schemas/collection"),
            }
        },
        f"{base}/items": {
            "get": {
                "tags": [tag],
                "summary": f"{documents.collection_title(kind)}: features",
                "description": "Published records only; a site at risk of looting at its generalised"
                " location. Ordered by code; page on with the `next` link.",
                "operationId": f"items_{kind.code}",
                "parameters": _item_parameters(kind),
                "responses": _answers(
                    "A page of features.", "#/components/schemas/featureCollectionGeoJSON", documents.GEOJSON
                ),
            }
        },
        f"{base}/items/{{featureId}}": {
            "get": {
                "tags": [tag],
                "summary": f"{documents.collection_title(kind)}: one feature, by its code",
                "operationId": f"item_{kind.code}",
                "parameters": [{"$ref": "#/components/parameters/featureId"}, F],
                "responses": _answers(
                    "The feature.", "#/components/schemas/featureGeoJSON", documents.GEOJSON
                ),
            }
        },
        f"{base}/queryables": {
            "get": {
                "tags": [tag],
                "summary": f"{documents.collection_title(kind)}: what its features can be filtered by",
                "operationId": f"queryables_{kind.code}",
                "responses": {
                    "200": {
                        "description": "JSON Schema",
                        "content": {documents.SCHEMA: {"schema": {"type": "object"}}},
                    }
                },
            }
        },
        f"{base}/tiles": {
            "get": {
                "tags": [tag],
                "summary": f"{documents.collection_title(kind)}: its vector tile sets",
                "operationId": f"tilesets_{kind.code}",
                "responses": {
                    "200": {
                        "description": "Tile sets",
                        "content": {documents.JSON: {"schema": {"type": "object"}}},
                    }
                },
            }
        },
        f"{base}/tiles/WebMercatorQuad": {
            "get": {
                "tags": [tag],
                "summary": f"{documents.collection_title(kind)}: its vector tiles in WebMercatorQuad",
                "operationId": f"tileset_{kind.code}",
                "responses": {
                    "200": {
                        "description": "Tile set",
                        "content": {documents.JSON: {"schema": {"type": "object"}}},
                    }
                },
            }
        },
    }


def _general_paths() -> dict:
    def simple(operation: str, summary: str, schema: str = "") -> dict:
        answer = _answers(summary, schema) if schema else {"200": {"description": summary}}
        return {
            "get": {
                "tags": ["server"],
                "summary": summary,
                "operationId": operation,
                "parameters": [F],
                "responses": answer,
            }
        }

    return {
        "/": simple("landing", "The landing page", "#/components/schemas/landingPage"),
        "/conformance": simple("conformance", "The conformance classes", "#/components/schemas/confClasses"),
        "/collections": simple("collections", "The collections", "#/components/schemas/collections"),
        "/api": {
            "get": {
                "tags": ["server"],
                "summary": "This document",
                "operationId": "api",
                "responses": {"200": {"description": "OpenAPI 3.0"}},
            }
        },
        "/tileMatrixSets": simple("tile_matrix_sets", "Tiling schemes"),
        "/tileMatrixSets/WebMercatorQuad": simple("tile_matrix_set", "WebMercatorQuad"),
    }


LINK = {
    "type": "object",
    "required": ["href", "rel"],
    "properties": {
        "href": {"type": "string"},
        "rel": {"type": "string"},
        "type": {"type": "string"},
        "title": {"type": "string"},
        "templated": {"type": "boolean"},
    },
}
LINKS = {"type": "array", "items": {"$ref": "#/components/schemas/link"}}
GEOMETRY = {
    "type": "object",
    "required": ["type"],
    "properties": {"type": {"type": "string"}, "coordinates": {"type": "array"}},
}


def _schemas() -> dict:
    feature = {
        "type": "object",
        "required": ["type", "geometry", "properties"],
        "properties": {
            "type": {"type": "string", "enum": ["Feature"]},
            "id": {"type": "string"},
            "geometry": GEOMETRY,
            "properties": {"type": "object"},
            "links": LINKS,
        },
    }
    return {
        "link": LINK,
        "exception": {
            "type": "object",
            "required": ["code"],
            "properties": {"code": {"type": "string"}, "description": {"type": "string"}},
        },
        "landingPage": {
            "type": "object",
            "required": ["links"],
            "properties": {"title": {"type": "string"}, "description": {"type": "string"}, "links": LINKS},
        },
        "confClasses": {
            "type": "object",
            "required": ["conformsTo"],
            "properties": {"conformsTo": {"type": "array", "items": {"type": "string"}}},
        },
        "collection": {
            "type": "object",
            "required": ["id", "links"],
            "properties": {
                "id": {"type": "string"},
                "title": {"type": "string"},
                "description": {"type": "string"},
                "links": LINKS,
                "extent": {"type": "object"},
                "itemType": {"type": "string"},
                "crs": {"type": "array", "items": {"type": "string"}},
            },
        },
        "collections": {
            "type": "object",
            "required": ["links", "collections"],
            "properties": {
                "links": LINKS,
                "collections": {"type": "array", "items": {"$ref": "#/components/schemas/collection"}},
            },
        },
        "featureGeoJSON": feature,
        "featureCollectionGeoJSON": {
            "type": "object",
            "required": ["type", "features"],
            "properties": {
                "type": {"type": "string", "enum": ["FeatureCollection"]},
                "features": {"type": "array", "items": {"$ref": "#/components/schemas/featureGeoJSON"}},
                "links": LINKS,
                "timeStamp": {"type": "string", "format": "date-time"},
                "numberMatched": {"type": "integer", "minimum": 0},
                "numberReturned": {"type": "integer", "minimum": 0},
            },
        },
    }


def _parameters() -> dict:
    return {
        "f": _query(
            "f",
            "The format: json (geojson for features) or html.",
            {"type": "string", "enum": ["json", "html", "geojson"]},
        ),
        "limit": {
            "name": "limit",
            "in": "query",
            "required": False,
            "description": "How many features a page holds.",
            "schema": {"type": "integer", "minimum": 1, "maximum": MAX_LIMIT, "default": DEFAULT_LIMIT},
            "style": "form",
            "explode": False,
        },
        "offset": _query(
            "offset",
            "How many features to skip (the next link gives it).",
            {"type": "integer", "minimum": 0, "default": 0},
        ),
        "bbox": _query(
            "bbox",
            "minlon,minlat,maxlon,maxlat in CRS84 degrees: features whose geometry meets the box.",
            {"type": "array", "minItems": 4, "maxItems": 6, "items": {"type": "number"}},
        ),
        "bbox-crs": _query(
            "bbox-crs",
            "Only CRS84 is offered.",
            {"type": "string", "format": "uri", "enum": [documents.CRS84]},
        ),
        "datetime": _query(
            "datetime",
            "When the record last changed: an instant, a date, or an interval a/b with .. for an open end.",
            {"type": "string"},
        ),
        "featureId": {
            "name": "featureId",
            "in": "path",
            "required": True,
            "description": "The record's code.",
            "schema": {"type": "string"},
        },
    }


def definition(base: str) -> dict:
    paths = _general_paths()
    for kind in records.kinds():
        paths.update(_collection_paths(kind))
    return {
        "openapi": "3.0.3",
        "info": {
            "title": documents.TITLE + ": OGC API – Features and Tiles",
            "version": "1.0.0",
            "description": documents.DESCRIPTION,
            "license": documents.licence(),
        },
        "servers": [{"url": f"{base}/ogc"}],
        "tags": [
            {"name": "server"},
            *(
                {"name": kind.layer, "description": documents.collection_title(kind)}
                for kind in records.kinds()
            ),
        ],
        "paths": paths,
        "components": {"parameters": _parameters(), "schemas": _schemas()},
    }
