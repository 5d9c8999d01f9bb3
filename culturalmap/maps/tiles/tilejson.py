"""TileJSON 3.0 documents describing each layer (https://github.com/mapbox/tilejson-spec)."""

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
