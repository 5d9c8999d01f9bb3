"""WebMercatorQuad, the tile matrix set of the map's vector tiles (OGC Two Dimensional Tile Matrix Set
2.0, with the 1.0 names beside the 2.0 ones so that older clients, GDAL's among them, read it too)."""

import math

from culturalmap.maps.tiles.grid import HALF_WORLD, MAX_ZOOM

__all__ = ["CRS", "MAX_ZOOM", "URI", "definition", "limits"]

URI = "http://www.opengis.net/def/tilematrixset/OGC/1.0/WebMercatorQuad"
CRS = "http://www.opengis.net/def/crs/EPSG/0/3857"
TILE_SIZE = 256
# The standard's scale at zoom 0 (0.28 mm pixels) and the matching cell size in metres.
SCALE_ZERO = 559082264.028717
CELL_ZERO = 2 * HALF_WORLD / TILE_SIZE


def definition() -> dict:
    matrices = []
    for z in range(MAX_ZOOM + 1):
        n = 2**z
        matrices.append(
            {
                "id": str(z),
                "identifier": str(z),
                "scaleDenominator": SCALE_ZERO / n,
                "cellSize": CELL_ZERO / n,
                "cornerOfOrigin": "topLeft",
                "pointOfOrigin": [-HALF_WORLD, HALF_WORLD],
                "topLeftCorner": [-HALF_WORLD, HALF_WORLD],
                "tileWidth": TILE_SIZE,
                "tileHeight": TILE_SIZE,
                "matrixWidth": n,
                "matrixHeight": n,
            }
        )
    return {
        "id": "WebMercatorQuad",
        "identifier": "WebMercatorQuad",
        "title": "Google Maps Compatible for the World",
        "uri": URI,
        "crs": CRS,
        "supportedCRS": CRS,
        "orderedAxes": ["X", "Y"],
        "wellKnownScaleSet": "http://www.opengis.net/def/wkss/OGC/1.0/GoogleMapsCompatible",
        "boundingBox": {
            "type": "BoundingBoxType",
            "crs": CRS,
            "lowerCorner": [-HALF_WORLD, -HALF_WORLD],
            "upperCorner": [HALF_WORLD, HALF_WORLD],
        },
        "tileMatrices": matrices,
    }


def limits(bbox: tuple[float, float, float, float], max_zoom: int = MAX_ZOOM) -> list[dict]:
    """The rows and columns of each zoom that hold the box (lon/lat)."""
    west, south, east, north = bbox
    found = []
    for z in range(max_zoom + 1):
        left, top = _tile(west, north, z)
        right, bottom = _tile(east, south, z)
        found.append(
            {
                "tileMatrix": str(z),
                "minTileRow": top,
                "maxTileRow": bottom,
                "minTileCol": left,
                "maxTileCol": right,
            }
        )
    return found


def _tile(lon: float, lat: float, z: int) -> tuple[int, int]:
    n = 2**z
    x = int((lon + 180.0) / 360.0 * n)
    y = int((1.0 - math.asinh(math.tan(math.radians(lat))) / math.pi) / 2.0 * n)
    return min(max(x, 0), n - 1), min(max(y, 0), n - 1)
