"""The whole demo catalogue through the tiles: everything published is on the map once, and no
at-risk site's exact location is in any tile."""

import math

import pytest

from culturalmap.assets.models import Asset
from culturalmap.maps.tiles.grid import tiles_covering

from .tilekit import features, features_at, metres_per_unit


@pytest.fixture
def catalogue(demo_catalogue, db):
    from culturalmap.maps.tiles.cache import invalidate_all

    invalidate_all()


def _metres(a, b) -> float:
    r = 6378137.0
    ax, ay = r * math.radians(a[0]), r * math.log(math.tan(math.pi / 4 + math.radians(a[1]) / 2))
    bx, by = r * math.radians(b[0]), r * math.log(math.tan(math.pi / 4 + math.radians(b[1]) / 2))
    return math.hypot(ax - bx, ay - by)


def test_every_published_demo_asset_is_on_the_map_once_at_every_cluster_zoom(client, catalogue):
    published = Asset.objects.filter(status="published").count()
    assert published > 1000
    for z in (4, 7):
        tiles = [features(client, "assets", z, x, y) for x, y in tiles_covering(z)]
        assert sum(f["properties"]["count"] for tile in tiles for f in tile) == published
        assert max(len(tile) for tile in tiles) <= 16 * 16  # clustered: a few hundred features at most


def test_no_demo_high_risk_asset_is_drawn_at_its_exact_location(client, catalogue):
    at_risk = list(Asset.objects.filter(status="published", risk="high")[:15])
    assert at_risk, "the demo catalogue has at-risk sites"
    for asset in at_risk:
        exact, public = asset.location, asset.public_location
        for z in (14, 16):
            drawn = [
                f
                for f in features_at(client, "assets", exact.x, exact.y, z)
                if f["properties"].get("code") == asset.code
            ]
            for feature in drawn:  # only where the grid point shares the exact point's tile
                point = tuple(feature["geometry"]["coordinates"])
                assert _metres(point, (public.x, public.y)) < 2 * metres_per_unit(z)
                if _metres((exact.x, exact.y), (public.x, public.y)) > 100:
                    assert _metres(point, (exact.x, exact.y)) > 100
