"""The catalogue tile (what the map asks for: one tile per place and zoom holding the base map's places
and one layer per record kind), tiles kept for good under their data generation, and gzip."""

import gzip
import io

import mapbox_vector_tile
import pytest
from django.contrib.gis.geos import Point
from PIL import Image

from culturalmap.core import records
from tests.factories import (
    WAT_PHRA_THAT_LAMPANG_LUANG,
    AssetFactory,
    CulturalMarketFactory,
    LearningSpaceFactory,
)

from .tilekit import decode, features, tile_of

pytestmark = pytest.mark.django_db

LAMPANG = WAT_PHRA_THAT_LAMPANG_LUANG


def _codes(found: list[dict]) -> list:
    # A cluster has no code (""): sorted beside the records that have one.
    return sorted((f["properties"].get("code") or "", f["properties"]["count"]) for f in found)


def _catalogue(client, z: int, x: int, y: int, query: str = "") -> dict[str, list[dict]]:
    response = client.get(f"/tiles/catalogue/{z}/{x}/{y}.mvt" + (f"?{query}" if query else ""))
    assert response.status_code == 200, response.content
    assert response["Content-Type"] == "application/vnd.mapbox-vector-tile"
    return decode(response.content, z, x, y)


@pytest.mark.parametrize("z", [5, 9, 14])
def test_one_tile_holds_the_places_and_every_kind_s_layer_as_their_own_tiles_do(client, z):
    market = CulturalMarketFactory()  # and its district, in Lampang's old town
    here = market.location
    AssetFactory.create_batch(3, geom=Point(here.x + 0.0005, here.y, srid=4326))
    LearningSpaceFactory()
    x, y = tile_of(here.x, here.y, z)
    tile = _catalogue(client, z, x, y)

    assert {"land", "boundaries"} <= tile.keys()
    for kind in records.kinds():
        assert _codes(tile.get(kind.layer, [])) == _codes(features(client, kind.layer, z, x, y)), kind.code
    assert tile["assets"] and tile["districts"] and tile["markets"]


def test_a_category_narrows_its_own_kind_and_the_province_every_kind(client):
    AssetFactory(archetype="architecture")
    AssetFactory(archetype="craftsmanship")
    market = CulturalMarketFactory()  # Lampang's
    x, y = tile_of(LAMPANG.x, LAMPANG.y, 8)

    tile = _catalogue(client, 8, x, y, "category=craftsmanship")
    assert [f["properties"]["archetype"] for f in tile["assets"]] == ["craftsmanship"]
    assert [f["properties"]["code"] for f in tile["markets"]] == [market.code]  # a market has no archetype

    elsewhere = _catalogue(client, 8, x, y, "province=80")
    assert "assets" not in elsewhere and "markets" not in elsewhere
    assert elsewhere["land"]  # the base map is drawn whatever the filter


@pytest.mark.parametrize(
    ("query", "status", "says"),
    [
        ("category=castles", 400, "unknown category 'castles'"),
        ("province=5", 400, "2-digit province code"),
        ("exact=1", 403, "signed-in curators only"),
        ("layers=assets", 400, "unknown parameter(s): layers"),
    ],
)
def test_bad_catalogue_requests_get_a_clear_4xx(client, query, status, says):
    response = client.get(f"/tiles/catalogue/5/25/14.mvt?{query}")
    assert response.status_code == status
    assert says in response.json()["error"]


def test_a_curator_s_catalogue_draws_at_risk_assets_at_their_exact_place(client, curator):
    asset = AssetFactory(risk="high", geom=Point(99.5249, 18.2749, srid=4326))
    x, y = tile_of(99.5249, 18.2749, 16)
    assert "assets" not in _catalogue(client, 16, x, y)
    client.force_login(curator)
    response = client.get(f"/tiles/catalogue/16/{x}/{y}.mvt?exact=1")
    assert response["Cache-Control"].startswith("private")
    exact = decode(response.content, 16, x, y)
    assert [f["properties"]["code"] for f in exact["assets"]] == [asset.code]


def test_the_catalogue_as_a_picture_draws_the_land_and_the_records(
    client, django_capture_on_commit_callbacks
):
    x, y = tile_of(LAMPANG.x, LAMPANG.y, 9)

    def opaque(png: bytes) -> int:
        alpha = Image.open(io.BytesIO(png)).getchannel("A").histogram()
        return sum(alpha) - alpha[0]

    land = client.get(f"/tiles/catalogue/9/{x}/{y}.png")
    assert land["Content-Type"] == "image/png" and "Content-Encoding" not in land
    assert opaque(land.content) == 256 * 256  # inland Lampang: land all over
    with django_capture_on_commit_callbacks(execute=True):
        AssetFactory.create_batch(5)
    with_assets = client.get(f"/tiles/catalogue/9/{x}/{y}.png", HTTP_ACCEPT_ENCODING="gzip")
    assert "Content-Encoding" not in with_assets  # a PNG is compressed already
    assert with_assets.content != land.content


def test_the_catalogue_s_tilejson_lists_every_layer_under_the_current_generation(client):
    response = client.get("/tiles/catalogue.json?category=craftsmanship")
    assert response["Cache-Control"] == "public, no-cache"
    doc = response.json()
    ids = [layer["id"] for layer in doc["vector_layers"]]
    assert ids == ["land", "boundaries", "place_labels", *(kind.layer for kind in records.kinds())]
    generation = client.get("/tiles/catalogue/5/25/14.mvt")["X-Tile-Generation"]
    assert doc["tiles"] == [
        f"http://testserver/tiles/v/{generation}/catalogue/{{z}}/{{x}}/{{y}}.mvt?category=craftsmanship"
    ]


def test_a_tile_of_the_current_generation_is_kept_for_good_and_a_change_makes_new_urls(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        asset = AssetFactory()
    x, y = tile_of(LAMPANG.x, LAMPANG.y, 15)
    generation = client.get("/tiles/catalogue.json").json()["tiles"][0].split("/")[5]
    url = f"/tiles/v/{generation}/catalogue/15/{x}/{y}.mvt"
    kept = client.get(url)
    assert kept["Cache-Control"] == "public, max-age=31536000, immutable"
    assert kept["X-Tile-Generation"] == generation
    assert [f["properties"]["code"] for f in decode(kept.content, 15, x, y)["assets"]] == [asset.code]

    with django_capture_on_commit_callbacks(execute=True):
        asset.geom = Point(100.50, 13.75, srid=4326)
        asset.save()
    # The old URL now answers the current tile (without the moved record), not to be kept, and names
    # the generation to ask for instead.
    stale = client.get(url)
    assert "immutable" not in stale["Cache-Control"] and "max-age=0" in stale["Cache-Control"]
    newer = stale["X-Tile-Generation"]
    assert newer != generation
    assert "assets" not in decode(stale.content, 15, x, y)
    assert client.get(f"/tiles/v/{newer}/catalogue/15/{x}/{y}.mvt")["Cache-Control"].endswith("immutable")
    # A change of markets alone leaves the places' generation as it was.
    places = client.get(f"/tiles/places/15/{x}/{y}.mvt")["X-Tile-Generation"]
    with django_capture_on_commit_callbacks(execute=True):
        CulturalMarketFactory()
    assert client.get(f"/tiles/places/15/{x}/{y}.mvt")["X-Tile-Generation"] == places


def test_tiles_are_gzipped_for_browsers_that_take_it(client):
    AssetFactory.create_batch(20)
    x, y = tile_of(LAMPANG.x, LAMPANG.y, 6)
    plain = client.get(f"/tiles/catalogue/6/{x}/{y}.mvt")
    zipped = client.get(f"/tiles/catalogue/6/{x}/{y}.mvt", HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    assert "Content-Encoding" not in plain and zipped["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in zipped["Vary"]
    assert gzip.decompress(zipped.content) == plain.content
    assert len(zipped.content) < len(plain.content) * 0.8
    assert mapbox_vector_tile.decode(plain.content)["land"]["features"]
    # Each encoding has its own entity tag, and revalidates to a 304 with it.
    assert zipped["ETag"] != plain["ETag"]
    again = client.get(
        f"/tiles/catalogue/6/{x}/{y}.mvt", HTTP_ACCEPT_ENCODING="gzip", HTTP_IF_NONE_MATCH=zipped["ETag"]
    )
    assert again.status_code == 304


def test_json_answers_are_gzipped_too(client):
    for path in ("/tiles/catalogue.json", "/api/places/?q=ลำปาง"):
        response = client.get(path, HTTP_ACCEPT_ENCODING="gzip")
        assert response["Content-Encoding"] == "gzip", path
        assert gzip.decompress(response.content).startswith(b"{")


def test_a_marker_by_a_tile_s_edge_is_in_both_tiles_so_neither_cuts_it(client):
    # 99.84375° is a tile edge at zoom 10 (x 795 | 796): a market 0.005° (14 px) west of it.
    market = CulturalMarketFactory(location=Point(99.84375 - 0.005, 18.29, srid=4326))
    west, y = tile_of(market.location.x, market.location.y, 10)
    assert west == 795
    owned = features(client, "markets", 10, west, y)
    neighbour = features(client, "markets", 10, west + 1, y)
    drawn = features(client, "markets", 10, west + 1, y, buffer=True)
    assert [f["properties"]["code"] for f in owned] == [market.code]
    assert neighbour == [] and [f["properties"]["code"] for f in drawn] == [market.code]
