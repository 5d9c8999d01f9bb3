"""TileJSON 3.0 documents describing each layer (https://github.com/mapbox/tilejson-spec)."""

import json
from urllib.parse import urlencode

from culturalmap.core.location import THAILAND_BBOX

from . import grid
from .layers import Layer
from .selectors import TileFilters


def tilejson(layer: Layer, *, base_url: str, filters: TileFilters, fmt: str = "mvt") -> dict:
    query = {}
    if filters.categories:
        query["category"] = ",".join(filters.categories)
    if filters.province:
        query["province"] = filters.province
    suffix = "?" + urlencode(query) if query else ""
    doc = {
        "tilejson": "3.0.0",
        "name": layer.title_en,
        "description": f"{layer.title_th} / {layer.title_en}: points clustered up to a layer's cluster zoom "
        "(feature property count); only published records; at-risk sites at their "
        "generalised location.",
        "version": "1.0.0",
        "attribution": "Thailand cultural-capital map",
        "scheme": "xyz",
        "tiles": [f"{base_url}/tiles/{layer.name}/{{z}}/{{x}}/{{y}}.{fmt}{suffix}"],
        "minzoom": 0,
        "maxzoom": grid.MAX_ZOOM,
        "bounds": list(THAILAND_BBOX),
        "center": [grid.THAILAND_CENTRE[0], grid.THAILAND_CENTRE[1], 5],
    }
    if fmt == "mvt":
        doc["vector_layers"] = [
            {
                "id": layer.name,
                "description": layer.title_en,
                "minzoom": 0,
                "maxzoom": grid.MAX_ZOOM,
                "fields": dict(layer.fields),
            }
        ]
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
