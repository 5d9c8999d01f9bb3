"""The base map's tiles, from the project's own geography: land, outlines by level and zoom, and names
where an area is large enough to hold one (no other host needed for a map of Thailand)."""

import io

import pytest
from PIL import Image

from culturalmap.maps.tiles import places

from .tilekit import decode, tile_of

pytestmark = pytest.mark.django_db

LAMPANG_TOWN = (99.4912, 18.2888)  # อำเภอเมืองลำปาง


def _places(client, z: int, lon: float, lat: float, *, buffer: bool = False) -> dict[str, list[dict]]:
    x, y = tile_of(lon, lat, z)
    response = client.get(f"/tiles/places/{z}/{x}/{y}.mvt")
    assert response.status_code == 200
    return decode(response.content, z, x, y, buffer=buffer)


def _names(tile: dict, level: int) -> set[str]:
    return {
        f["properties"]["name_th"] for f in tile.get("place_labels", []) if f["properties"]["level"] == level
    }


def test_provinces_are_land_and_named_from_afar(client):
    tile = _places(client, 7, *LAMPANG_TOWN)
    assert "52" in {f["properties"]["code"] for f in tile["land"]}
    assert {f["properties"]["level"] for f in tile["boundaries"]} == {places.PROVINCE}
    assert "ลำปาง" in _names(tile, places.PROVINCE)
    assert _names(tile, places.AMPHOE) == set()


def test_districts_and_then_sub_districts_appear_as_the_map_comes_closer(client):
    districts = _places(client, 10, *LAMPANG_TOWN, buffer=True)
    assert {f["properties"]["level"] for f in districts["boundaries"]} == {places.PROVINCE, places.AMPHOE}
    assert "เมืองลำปาง" in _names(districts, places.AMPHOE)

    close = _places(client, 13, *LAMPANG_TOWN)
    assert places.TAMBON in {f["properties"]["level"] for f in close["boundaries"]}
    assert "สบตุ๋ย" in _names(close, places.TAMBON)  # large enough from zoom 13
    # The old town's small sub-districts are named once they are large enough on the screen.
    assert "สวนดอก" not in _names(close, places.TAMBON)
    assert "สวนดอก" in _names(_places(client, 15, 99.4936, 18.2877, buffer=True), places.TAMBON)
    english = {f["properties"]["name_en"] for f in close["place_labels"]}
    assert all(english)  # every name in English too, for the English map


def test_a_name_near_a_tile_s_edge_is_in_both_tiles_and_names_are_thinned(client):
    z = 9
    x, y = tile_of(*LAMPANG_TOWN, z)
    own = decode(client.get(f"/tiles/places/{z}/{x}/{y}.mvt").content, z, x, y, buffer=True)["place_labels"]
    right = decode(client.get(f"/tiles/places/{z}/{x + 1}/{y}.mvt").content, z, x + 1, y, buffer=True)[
        "place_labels"
    ]
    # Each tile reads the names half a tile around it: the ones both hold are the same names.
    shared = {f["properties"]["name_th"] for f in own} & {f["properties"]["name_th"] for f in right}
    assert shared
    # Never two names in one label cell (128 × 32 px).
    cells = {}
    for f in own:
        lon, lat = f["geometry"]["coordinates"]
        cell = tile_of(lon, lat, z + 1)[0], tile_of(lon, lat, z + 3)[1]
        assert cell not in cells, (f["properties"]["name_th"], cells.get(cell))
        cells[cell] = f["properties"]["name_th"]


def test_the_base_map_as_a_picture_for_the_small_maps(client):
    x, y = tile_of(*LAMPANG_TOWN, 12)
    response = client.get(f"/tiles/places/12/{x}/{y}.png")
    assert response["Content-Type"] == "image/png"
    image = Image.open(io.BytesIO(response.content)).convert("RGB")
    colours = {colour for _n, colour in image.getcolors(256 * 256)}
    assert (248, 245, 238) in colours  # the land
    assert len(colours) > 20  # outlines and names drawn over it


def test_the_sea_has_no_land(client):
    tile = _places(client, 9, 98.0, 7.0)  # the Andaman Sea west of Phuket
    assert "land" not in tile and "place_labels" not in tile
