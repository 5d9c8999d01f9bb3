"""Tile HTTP behaviour: bad input, caching headers, invalidation on committed changes, PNG, TileJSON."""

import io
import re

import pytest
from django.contrib.gis.geos import Point
from django.db import connection
from django.test.utils import CaptureQueriesContext
from PIL import Image

from culturalmap.assets.models import Asset
from culturalmap.core.changes import records_changed
from tests.factories import WAT_PHRA_THAT_LAMPANG_LUANG, AssetFactory

from .tilekit import features_at, tile_of

pytestmark = pytest.mark.django_db

LAMPANG = WAT_PHRA_THAT_LAMPANG_LUANG


@pytest.mark.parametrize(
    ("path", "status", "says"),
    [
        ("/tiles/nowhere/1/0/0.mvt", 404, "unknown layer"),
        ("/tiles/assets/23/0/0.mvt", 400, "zoom 23 is out of range"),
        ("/tiles/assets/2/4/0.mvt", 400, "out of range"),
        ("/tiles/assets/2/0/4.png", 400, "out of range"),
        ("/tiles/assets/a/0/0.mvt", 400, "z must be a whole number"),
        ("/tiles/assets/2/-1/0.mvt", 400, "x must be a whole number"),
        ("/tiles/assets/6/50/99999999999999999999.mvt", 400, "out of range"),
        ("/tiles/assets/5/25/14.mvt?category=castles", 400, "unknown category 'castles'"),
        ("/tiles/assets/5/25/14.mvt?category=architecture,nope", 400, "unknown category 'nope'"),
        ("/tiles/assets/5/25/14.mvt?province=5", 400, "2-digit province code"),
        ("/tiles/assets/5/25/14.mvt?province=99", 400, "no province has the code '99'"),
        ("/tiles/districts/5/25/14.mvt?category=architecture", 400, "has no categories"),
        ("/tiles/assets/5/25/14.mvt?categroy=architecture", 400, "unknown parameter(s): categroy"),
        ("/tiles/assets/5/25/14.mvt?exact=yes", 400, "exact must be 1"),
        ("/tiles/districts/5/25/14.mvt?exact=1", 400, "only the 'assets' layer has exact locations"),
        ("/tiles/assets/5/25/14.mvt?exact=1", 403, "signed-in curators only"),
        ("/tiles/nowhere.json", 404, "unknown layer"),
        ("/tiles/assets.json?format=svg", 400, "format must be"),
    ],
)
def test_bad_tile_requests_get_a_clear_4xx(client, path, status, says):
    response = client.get(path)
    assert response.status_code == status
    assert says in response.json()["error"]


def test_a_tile_has_an_etag_and_revalidates_to_304(client):
    AssetFactory()
    x, y = tile_of(LAMPANG.x, LAMPANG.y, 8)
    first = client.get(f"/tiles/assets/8/{x}/{y}.mvt")
    assert first.status_code == 200 and first.content
    assert first["ETag"].startswith('"')
    assert "must-revalidate" in first["Cache-Control"]
    again = client.get(f"/tiles/assets/8/{x}/{y}.mvt", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    assert again["ETag"] == first["ETag"]


def test_a_tile_is_made_once_and_then_served_from_the_cache(client):
    AssetFactory()
    x, y = tile_of(LAMPANG.x, LAMPANG.y, 9)

    def tile_statements(path: str) -> tuple[bytes, int]:
        with CaptureQueriesContext(connection) as queries:
            body = client.get(path).content
        return body, sum(q["sql"].startswith("EXECUTE tile_") for q in queries.captured_queries)

    first, made = tile_statements(f"/tiles/assets/9/{x}/{y}.mvt")
    assert first and made == 1
    again, made = tile_statements(f"/tiles/assets/9/{x}/{y}.mvt")
    assert again == first and made == 0


def test_exact_tiles_are_for_curators_and_kept_by_no_shared_cache(client, user, curator):
    AssetFactory(risk="high")
    x, y = tile_of(LAMPANG.x, LAMPANG.y, 8)
    client.force_login(user)
    refused = client.get(f"/tiles/assets/8/{x}/{y}.mvt?exact=1")
    assert refused.status_code == 403 and "curators" in refused.json()["error"]

    client.force_login(curator)
    exact = client.get(f"/tiles/assets/8/{x}/{y}.mvt?exact=1")
    assert exact.status_code == 200 and exact.content
    assert exact["Cache-Control"].startswith("private")
    assert "Access-Control-Allow-Origin" not in exact
    public = client.get(f"/tiles/assets/8/{x}/{y}.mvt")
    assert public["Cache-Control"].startswith("public") and public.content != exact.content
    # A public tile reads no session: it sets no cookie and does not vary by one.
    assert "Cookie" not in public.get("Vary", "") and not public.cookies


def test_a_moved_or_deleted_asset_leaves_the_cached_tiles_once_its_change_commits(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        asset = AssetFactory()
    assert [f["properties"]["code"] for f in features_at(client, "assets", LAMPANG.x, LAMPANG.y, 15)] == [
        asset.code
    ]
    etag = client.get("/tiles/assets/15/{}/{}.mvt".format(*tile_of(LAMPANG.x, LAMPANG.y, 15)))["ETag"]

    far = Point(100.50, 13.75, srid=4326)
    with django_capture_on_commit_callbacks(execute=True):
        asset.geom = far
        asset.save()
    assert features_at(client, "assets", LAMPANG.x, LAMPANG.y, 15) == []
    assert [f["properties"]["code"] for f in features_at(client, "assets", far.x, far.y, 15)] == [asset.code]
    # A browser revalidating its old copy gets the new tile, not a 304.
    response = client.get(
        "/tiles/assets/15/{}/{}.mvt".format(*tile_of(LAMPANG.x, LAMPANG.y, 15)), HTTP_IF_NONE_MATCH=etag
    )
    assert response.status_code == 200

    with django_capture_on_commit_callbacks(execute=True):
        asset.delete()
    assert features_at(client, "assets", far.x, far.y, 15) == []
    assert features_at(client, "assets", far.x, far.y, 4) == []


def test_a_bulk_write_refreshes_tiles_when_it_announces_its_change(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        assets = AssetFactory.create_batch(2)
    assert sum(f["properties"]["count"] for f in features_at(client, "assets", LAMPANG.x, LAMPANG.y, 5)) == 2
    with django_capture_on_commit_callbacks(execute=True):
        Asset.objects.filter(pk=assets[0].pk).update(status="withdrawn")
        records_changed("asset", [assets[0].pk])
    assert sum(f["properties"]["count"] for f in features_at(client, "assets", LAMPANG.x, LAMPANG.y, 5)) == 1
    # The province layer's counts follow the assets.
    provinces = features_at(client, "provinces", LAMPANG.x, LAMPANG.y, 5)
    assert next(f for f in provinces if f["properties"]["code"] == "52")["properties"]["assets"] == 1


def _opaque_pixels(png: bytes) -> int:
    image = Image.open(io.BytesIO(png))
    assert image.size == (256, 256)
    alpha = image.getchannel("A").histogram()
    return sum(alpha) - alpha[0]


def test_png_tiles_draw_points_clusters_and_areas(client, django_capture_on_commit_callbacks):
    x, y = tile_of(LAMPANG.x, LAMPANG.y, 14)
    empty = client.get(f"/tiles/assets/14/{x}/{y}.png")
    assert empty.status_code == 200 and empty["Content-Type"] == "image/png"
    assert _opaque_pixels(empty.content) == 0

    with django_capture_on_commit_callbacks(execute=True):
        AssetFactory()
    one = client.get(f"/tiles/assets/14/{x}/{y}.png")
    dot = _opaque_pixels(one.content)
    assert 0 < dot < 200

    with django_capture_on_commit_callbacks(execute=True):
        AssetFactory.create_batch(40)
    x6, y6 = tile_of(LAMPANG.x, LAMPANG.y, 6)
    cluster = _opaque_pixels(client.get(f"/tiles/assets/6/{x6}/{y6}.png").content)
    assert cluster > dot  # a circle sized by its count, with the count in it

    provinces = client.get(f"/tiles/provinces/6/{x6}/{y6}.png")
    assert _opaque_pixels(provinces.content) > 256 * 256 // 5  # northern Thailand is drawn


def test_tilejson_describes_each_layer_under_its_data_generation(client):
    doc = client.get("/tiles/assets.json?category=craftsmanship&province=52").json()
    assert doc["tilejson"] == "3.0.0"
    generation = client.get("/tiles/assets/5/25/14.mvt")["X-Tile-Generation"]
    assert doc["tiles"] == [
        f"http://testserver/tiles/v/{generation}/assets/{{z}}/{{x}}/{{y}}.mvt?category=craftsmanship&province=52"
    ]
    assert doc["vector_layers"][0]["id"] == "assets"
    assert {"code", "name_th", "name_en", "archetype", "count", "url"} <= set(
        doc["vector_layers"][0]["fields"]
    )
    assert doc["categories"]["craftsmanship"]["th"] == "งานช่างฝีมือดั้งเดิม"
    png = client.get("/tiles/provinces.json?format=png").json()
    assert re.fullmatch(r"http://testserver/tiles/v/\w+/provinces/\{z\}/\{x\}/\{y\}\.png", png["tiles"][0])
    for layer in ("districts", "markets", "learning-spaces", "learning-cities", "cultural-cities"):
        assert client.get(f"/tiles/{layer}.json").json()["vector_layers"][0]["id"] == layer
