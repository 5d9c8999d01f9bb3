"""TileJSON 3.0 documents describing each layer (https://github.com/mapbox/tilejson-spec).

The tile URLs carry the layer's current data generation (/tiles/v/<generation>/…): a client may keep
those tiles for good, and asks for this document again to learn newer data.
"""

import json
from urllib.parse import urlencode

from culturalmap.core.location import THAILAND_BBOX

from . import grid, places
from .layers import Layer, layers
from .selectors import TileFilters

_RECORDS = (
    "points clustered up to a layer's cluster zoom (feature property count); only published records; "
    "at-risk sites at their generalised location."
)
_DESCRIPTIONS = {
    "catalogue": "the base map's places and one layer per kind of record, in one tile; a category "
    "narrows the kind it belongs to, the province every kind; " + _RECORDS,
    "places": "provinces, districts and sub-districts: land, outlines and names (name_th, name_en) "
    "where an area is large enough to hold its name at that zoom.",
}


def _vector_layers(layer: Layer) -> list[dict]:
    found = layers()
    described = []
    for part in [found[name] for name in layer.parts] or [layer]:
        if part.vector_layers:  # the places: a layer each for land, outlines and names
            for name in part.vector_layers:
                fields = dict(places.FIELDS[name])
                described.append({"id": name, "description": f"{part.title_en}: {name}", "fields": fields})
        else:
            described.append({"id": part.name, "description": part.title_en, "fields": dict(part.fields)})
    for doc in described:
        doc.update(minzoom=0, maxzoom=grid.MAX_ZOOM)
    return described


def tilejson(layer: Layer, *, base_url: str, filters: TileFilters, generation: str, fmt: str = "mvt") -> dict:
    query = {}
    if filters.categories:
        query["category"] = ",".join(filters.categories)
    if filters.province:
        query["province"] = filters.province
    suffix = "?" + urlencode(query) if query else ""
    doc = {
        "tilejson": "3.0.0",
        "name": layer.title_en,
        "description": f"{layer.title_th} / {layer.title_en}: " + _DESCRIPTIONS.get(layer.name, _RECORDS),
        "version": "1.0.0",
        "attribution": "Thailand cultural-capital map",
        "scheme": "xyz",
        "tiles": [f"{base_url}/tiles/v/{generation}/{layer.name}/{{z}}/{{x}}/{{y}}.{fmt}{suffix}"],
        "minzoom": 0,
        "maxzoom": grid.MAX_ZOOM,
        "bounds": list(THAILAND_BBOX),
        "center": [grid.THAILAND_CENTRE[0], grid.THAILAND_CENTRE[1], 5],
    }
    if fmt == "mvt":
        doc["vector_layers"] = _vector_layers(layer)
    if layer.categories:
        doc["categories"] = {code: {"th": th, "en": en} for code, (th, en) in layer.categories.items()}
    return doc


def tileset_metadata(layer: Layer, *, geometry: str | None) -> dict:
    """The layer as a tile set directory's metadata.json (tippecanoe's and MBTiles' form), which GDAL's
    MVT driver reads beside `{z}/{x}/{y}.pbf` with no options: `ogrinfo MVT:<site>/tiles/<layer>/9`
    reads zoom 9. `geometry` (Point, LineString, Polygon) when all the layer's features share one."""
    vector_layer = {
        "id": layer.name,
        "description": layer.title_en,
        "minzoom": 0,
        "maxzoom": grid.MAX_ZOOM,
        "fields": dict(layer.fields),
    }
    stats = {"layer": layer.name, "attributeCount": len(layer.fields)}
    if geometry:
        stats["geometry"] = geometry
    west, south, east, north = THAILAND_BBOX
    return {
        "name": layer.name,
        "description": f"{layer.title_th} / {layer.title_en}",
        "version": "2",
        "minzoom": "0",
        "maxzoom": str(grid.MAX_ZOOM),
        "center": f"{grid.THAILAND_CENTRE[0]},{grid.THAILAND_CENTRE[1]},5",
        "bounds": f"{west},{south},{east},{north}",
        "type": "overlay",
        "format": "pbf",
        "attribution": "Thailand cultural-capital map",
        "json": json.dumps(
            {"vector_layers": [vector_layer], "tilestats": {"layerCount": 1, "layers": [stats]}}
        ),
    }
