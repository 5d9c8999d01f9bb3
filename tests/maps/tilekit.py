"""Decoding the project's tiles in tests: features with their points back in lon/lat."""

import math

import mapbox_vector_tile

EXTENT = 4096


def tile_of(lon: float, lat: float, z: int) -> tuple[int, int]:
    n = 2**z
    x = int((lon + 180.0) / 360.0 * n)
    y = int((1.0 - math.asinh(math.tan(math.radians(lat))) / math.pi) / 2.0 * n)
    return x, y


def _lonlat(z: int, x: int, y: int, px: float, py: float, extent: int = EXTENT) -> tuple[float, float]:
    n = 2**z
    lon = (x + px / extent) / n * 360.0 - 180.0
    lat = math.degrees(math.atan(math.sinh(math.pi * (1 - 2 * (y + py / extent) / n))))
    return lon, lat


def _owned(feature: dict, extent: int) -> bool:
    """A point is the tile's own when it lies in the tile; one in the buffer around it belongs to the
    neighbour (drawn by both, so a marker by the edge is never cut)."""
    geometry = feature["geometry"]
    if geometry["type"] != "Point":
        return True
    px, py = geometry["coordinates"]
    return 0 <= px < extent and 0 <= py < extent


def _to_lonlat(coordinates, convert):
    if coordinates and isinstance(coordinates[0], int | float):
        return list(convert(*coordinates))
    return [_to_lonlat(c, convert) for c in coordinates]


def decode(body: bytes, z: int, x: int, y: int, *, buffer: bool = False) -> dict[str, list[dict]]:
    """{layer name: [feature]} with geometry coordinates in lon/lat (each layer's own extent); points
    in the buffer around the tile only with `buffer`."""
    found = {}
    for name, layer in mapbox_vector_tile.decode(body, default_options={"y_coord_down": True}).items():
        extent = layer["extent"]

        def convert(px, py, extent=extent):
            return _lonlat(z, x, y, px, py, extent)

        kept = []
        for feature in layer["features"]:
            if buffer or _owned(feature, extent):
                geometry = dict(
                    feature["geometry"], coordinates=_to_lonlat(feature["geometry"]["coordinates"], convert)
                )
                kept.append(dict(feature, geometry=geometry))
        found[name] = kept
    return found


def features(
    client, layer: str, z: int, x: int, y: int, query: str = "", *, buffer: bool = False
) -> list[dict]:
    response = client.get(f"/tiles/{layer}/{z}/{x}/{y}.mvt" + (f"?{query}" if query else ""))
    assert response.status_code == 200, response.content
    assert response["Content-Type"] == "application/vnd.mapbox-vector-tile"
    return decode(response.content, z, x, y, buffer=buffer).get(layer, [])


def features_at(
    client, layer: str, lon: float, lat: float, z: int, query: str = "", *, buffer: bool = False
) -> list[dict]:
    x, y = tile_of(lon, lat, z)
    return features(client, layer, z, x, y, query, buffer=buffer)


def metres_per_unit(z: int) -> float:
    return 2 * 20037508.342789244 / 2**z / EXTENT
