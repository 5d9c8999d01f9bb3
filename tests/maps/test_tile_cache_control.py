"""Who may keep a tile, and for how long (the rule the front proxy and a CDN follow: nginx in
scripts/cluster/cluster.sh keeps what the tile says it may keep).

- Under its layer's current generation (/tiles/v/<generation>/…) a public tile never changes: kept
  for a year, `immutable`, its 304s say so too.
- Without a generation, or under an older one, it is kept but asked for again every time.
- A curator's exact tile is private whatever its URL; a refused request is not kept by anyone."""

import pytest

from tests.factories import WAT_PHRA_THAT_LAMPANG_LUANG, AssetFactory

from .tilekit import tile_of

pytestmark = pytest.mark.django_db

LAMPANG = WAT_PHRA_THAT_LAMPANG_LUANG
FOR_GOOD = "public, max-age=31536000, immutable"


@pytest.fixture
def tile(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        asset = AssetFactory()
    x, y = tile_of(LAMPANG.x, LAMPANG.y, 12)
    return asset, f"12/{x}/{y}"


def current_generation(client, layer: str) -> str:
    return client.get(f"/tiles/{layer}.json").json()["tiles"][0].split("/")[5]


@pytest.mark.parametrize("layer", ["assets", "catalogue"])
@pytest.mark.parametrize("fmt", ["mvt", "png"])
def test_a_public_tile_under_its_current_generation_is_kept_for_good(client, tile, layer, fmt):
    _, zxy = tile
    generation = current_generation(client, layer)
    kept = client.get(f"/tiles/v/{generation}/{layer}/{zxy}.{fmt}")
    assert kept.status_code == 200 and kept["Cache-Control"] == FOR_GOOD
    assert kept["Access-Control-Allow-Origin"] == "*"
    # The browser's revalidation (it should not need one, but some ask anyway): still for good.
    again = client.get(f"/tiles/v/{generation}/{layer}/{zxy}.{fmt}", HTTP_IF_NONE_MATCH=kept["ETag"])
    assert again.status_code == 304 and again["Cache-Control"] == FOR_GOOD


def test_the_same_tile_without_a_generation_is_asked_for_again_every_time(client, tile):
    _, zxy = tile
    plain = client.get(f"/tiles/assets/{zxy}.mvt")
    assert plain.status_code == 200
    assert plain["Cache-Control"] == "public, max-age=0, must-revalidate"
    assert plain["X-Tile-Generation"] == current_generation(client, "assets")


def test_after_a_change_the_old_generation_s_url_is_no_longer_kept_and_the_new_one_is(
    client, tile, django_capture_on_commit_callbacks
):
    asset, zxy = tile
    old = current_generation(client, "assets")
    with django_capture_on_commit_callbacks(execute=True):
        asset.name_th = "วัดพระธาตุลำปางหลวง (บูรณะ)"
        asset.save()
    new = current_generation(client, "assets")
    assert new != old
    stale = client.get(f"/tiles/v/{old}/assets/{zxy}.mvt")
    assert stale["Cache-Control"] == "public, max-age=0, must-revalidate"
    assert stale["X-Tile-Generation"] == new  # the map moves to the new URLs
    assert "บูรณะ".encode() in stale.content  # and meanwhile sees the current record, never the old
    fresh = client.get(f"/tiles/v/{new}/assets/{zxy}.mvt")
    assert fresh["Cache-Control"] == FOR_GOOD and "บูรณะ".encode() in fresh.content


def test_a_curator_s_exact_tile_is_private_even_under_the_current_generation(client, tile, curator):
    _, zxy = tile
    client.force_login(curator)
    exact = client.get(f"/tiles/v/{current_generation(client, 'assets')}/assets/{zxy}.mvt?exact=1")
    assert exact.status_code == 200
    assert exact["Cache-Control"] == "private, max-age=0, must-revalidate"
    assert "Access-Control-Allow-Origin" not in exact


def test_a_refused_tile_request_says_nothing_a_cache_could_keep(client, tile):
    generation = current_generation(client, "assets")
    refused = client.get(f"/tiles/v/{generation}/assets/30/1/1.mvt")
    assert refused.status_code == 400
    assert "public" not in refused.get("Cache-Control", "")
