"""OGC API – Tiles metadata over the map's vector tiles, and the tile set directory GDAL reads."""

import json

import pytest

from tests.factories import AssetFactory

pytestmark = pytest.mark.django_db


def test_a_collections_tile_set_is_webmercatorquad_with_a_templated_mvt_link(client):
    listing = client.get("/ogc/collections/assets/tiles").json()
    [summary] = listing["tilesets"]
    assert summary["dataType"] == "vector"
    assert summary["tileMatrixSetURI"] == "http://www.opengis.net/def/tilematrixset/OGC/1.0/WebMercatorQuad"
    tileset = client.get("/ogc/collections/assets/tiles/WebMercatorQuad").json()
    [item] = [link for link in tileset["links"] if link["rel"] == "item"]
    assert item["type"] == "application/vnd.mapbox-vector-tile" and item["templated"] is True
    assert item["href"].endswith("/tiles/assets/{tileMatrix}/{tileCol}/{tileRow}.mvt")
    # Thailand at zoom 5 (20.6°N to 5.5°N): columns 24–25, rows 14–15 of the world's 32.
    limits = {limit["tileMatrix"]: limit for limit in tileset["tileMatrixSetLimits"]}
    assert (limits["5"]["minTileCol"], limits["5"]["maxTileCol"]) == (24, 25)
    assert (limits["5"]["minTileRow"], limits["5"]["maxTileRow"]) == (14, 15)
    # The template filled in is a tile the map serves.
    AssetFactory()
    url = item["href"].replace("{tileMatrix}", "5").replace("{tileCol}", "25").replace("{tileRow}", "14")
    tile = client.get(url.removeprefix("http://testserver"))
    assert tile.status_code == 200 and tile["Content-Type"] == "application/vnd.mapbox-vector-tile"


def test_the_tile_matrix_set_halves_its_scale_from_zoom_to_zoom(client):
    tms = client.get("/ogc/tileMatrixSets/WebMercatorQuad").json()
    assert tms["crs"] == tms["supportedCRS"] == "http://www.opengis.net/def/crs/EPSG/0/3857"
    scales = [m["scaleDenominator"] for m in tms["tileMatrices"]]
    assert scales[0] == pytest.approx(559082264.028717)
    assert all(a / b == pytest.approx(2) for a, b in zip(scales, scales[1:], strict=False))
    assert tms["tileMatrices"][3]["matrixWidth"] == 8
    assert client.get("/ogc/tileMatrixSets/WorldCRS84Quad").status_code == 404
    assert client.get("/ogc/collections/nowhere/tiles").status_code == 404


def test_a_layers_metadata_json_describes_it_as_a_tile_set_directory(client):
    doc = client.get("/tiles/assets/metadata.json").json()
    assert doc["format"] == "pbf" and doc["bounds"] == "97.2,5.5,105.8,20.6"  # text, as GDAL reads it
    layers = json.loads(doc["json"])
    assert layers["vector_layers"][0]["id"] == "assets"
    assert layers["vector_layers"][0]["fields"]["code"] == "String"
    assert layers["tilestats"]["layers"][0]["geometry"] == "Point"
    districts = json.loads(client.get("/tiles/districts/metadata.json").json()["json"])
    assert "geometry" not in districts["tilestats"]["layers"][0]  # points at low zoom, shapes above
    assert client.get("/tiles/castles/metadata.json").status_code == 404


def test_a_pbf_tile_is_the_mvt_tile(client):
    AssetFactory()
    mvt = client.get("/tiles/assets/5/25/14.mvt")
    pbf = client.get("/tiles/assets/5/25/14.pbf")
    assert pbf.status_code == 200 and pbf.content == mvt.content
    assert pbf["Content-Type"] == "application/vnd.mapbox-vector-tile"
