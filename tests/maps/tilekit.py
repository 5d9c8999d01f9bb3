"""Decoding the project's tiles in tests: features with their points back in lon/lat."""

import math

import mapbox_vector_tile

EXTENT = 4096


def tile_of(lon: float, lat: float, z: int) -> tuple[int, int]:
    n = 2**z
    x = int((lon + 180.0) / 360.0 * n)
    y = int((1.0 - math.asinh(math.tan(math.radians(lat))) / math.pi) / 2.0 * n)
    return x, y


def _lonlat(z: int, x: int, y: int, px: float, py: float) -> tuple[float, float]:
    n = 2**z
    lon = (x + px / EXTENT) / n * 360.0 - 180.0
    lat = math.degrees(math.atan(math.sinh(math.pi * (1 - 2 * (y + py / EXTENT) / n))))
    return lon, lat


def decode(body: bytes, z: int, x: int, y: int) -> dict[str, list[dict]]:
    """{layer name: [feature]} with geometry coordinates in lon/lat."""
    data = mapbox_vector_tile.decode(
        body, default_options={"y_coord_down": True, "transformer": lambda px, py: _lonlat(z, x, y, px, py)}
    )
    return {name: layer["features"] for name, layer in data.items()}


def features(client, layer: str, z: int, x: int, y: int, query: str = "") -> list[dict]:
    response = client.get(f"/tiles/{layer}/{z}/{x}/{y}.mvt" + (f"?{query}" if query else ""))
    assert response.status_code == 200, response.content
    assert response["Content-Type"] == "application/vnd.mapbox-vector-tile"
    return decode(response.content, z, x, y).get(layer, [])


def features_at(client, layer: str, lon: float, lat: float, z: int, query: str = "") -> list[dict]:
    x, y = tile_of(lon, lat, z)
    return features(client, layer, z, x, y, query)


def metres_per_unit(z: int) -> float:
    return 2 * 20037508.342789244 / 2**z / EXTENT
