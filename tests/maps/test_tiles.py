"""Vector tiles: decoded and checked for the right features, properties, clustering, filters and
generalised sensitive points."""

import math

import pytest
from django.contrib.gis.geos import LineString, Point

from culturalmap.assets.models import Asset
from tests.factories import (
    THUNG_SONG,
    WAT_PHRA_THAT_LAMPANG_LUANG,
    YALA_STATION,
    AssetFactory,
    CulturalCityFactory,
    CulturalDistrictFactory,
    CulturalMarketFactory,
    LearningCityFactory,
    LearningSpaceFactory,
    province,
)

from .tilekit import features, features_at, metres_per_unit, tile_of

pytestmark = pytest.mark.django_db

LAMPANG = WAT_PHRA_THAT_LAMPANG_LUANG


def _mercator(lon: float, lat: float) -> tuple[float, float]:
    r = 6378137.0
    return r * math.radians(lon), r * math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))


def _distance_m(a: tuple[float, float], b: tuple[float, float]) -> float:
    (ax, ay), (bx, by) = _mercator(*a), _mercator(*b)
    return math.hypot(ax - bx, ay - by)


def _point(feature: dict) -> tuple[float, float]:
    assert feature["geometry"]["type"] == "Point"
    return tuple(feature["geometry"]["coordinates"])


def test_an_asset_is_a_point_with_what_a_client_needs_to_style_and_link_it(client):
    asset = AssetFactory(archetype="architecture")
    found = features_at(client, "assets", LAMPANG.x, LAMPANG.y, 15)
    assert len(found) == 1
    props = found[0]["properties"]
    assert props["code"] == asset.code
    assert props["name_th"] == asset.name_th and props["name_en"] == asset.name_en
    assert props["archetype"] == "architecture" and props["category"] == "architecture"
    assert props["kind"] == "asset"
    assert props["url"] == asset.get_absolute_url()
    assert props["count"] == 1 and props["cluster"] is False
    assert _distance_m(_point(found[0]), (LAMPANG.x, LAMPANG.y)) < 2 * metres_per_unit(15)


def test_unpublished_assets_never_reach_a_tile(client):
    AssetFactory(status="draft")
    AssetFactory(status="withdrawn")
    for z in (5, 15):
        assert features_at(client, "assets", LAMPANG.x, LAMPANG.y, z) == []


@pytest.mark.parametrize("z", [6, 10, 15])
def test_a_high_risk_asset_is_drawn_at_its_generalised_point_only(client, z):
    asset = Asset.objects.get(pk=AssetFactory(risk="high").pk)
    exact, public = asset.location, asset.public_location
    assert _distance_m((exact.x, exact.y), (public.x, public.y)) > 500  # the grid moved it

    public_tile = features_at(client, "assets", public.x, public.y, z)
    mine = [f for f in public_tile if f["properties"].get("code") == asset.code]
    assert len(mine) == 1
    point = _point(mine[0])
    assert _distance_m(point, (public.x, public.y)) < 2 * metres_per_unit(z)
    assert _distance_m(point, (exact.x, exact.y)) > 400

    if tile_of(exact.x, exact.y, z) != tile_of(public.x, public.y, z):
        exact_tile = features_at(client, "assets", exact.x, exact.y, z)
        assert all(f["properties"].get("code") != asset.code for f in exact_tile)


@pytest.mark.parametrize("z", [6, 10, 15])
def test_a_signed_in_curator_sees_a_high_risk_asset_at_its_exact_location(client, curator, z):
    asset = Asset.objects.get(pk=AssetFactory(risk="high").pk)
    exact, public = asset.location, asset.public_location
    client.force_login(curator)

    exact_tile = features_at(client, "assets", exact.x, exact.y, z, "exact=1")
    mine = [f for f in exact_tile if f["properties"].get("code") == asset.code]
    assert len(mine) == 1
    assert _distance_m(_point(mine[0]), (exact.x, exact.y)) < 2 * metres_per_unit(z)

    # The public tile URL stays public whoever asks: it can be shared and cached.
    public_tile = features_at(client, "assets", public.x, public.y, z)
    mine = [f for f in public_tile if f["properties"].get("code") == asset.code]
    assert len(mine) == 1 and _distance_m(_point(mine[0]), (exact.x, exact.y)) > 400


def test_a_curator_s_clusters_count_at_risk_assets_once_at_their_exact_points(client, curator):
    at_risk = [
        Asset.objects.get(pk=AssetFactory(risk="high", geom=Point(LAMPANG.x + d, LAMPANG.y, srid=4326)).pk)
        for d in (0.0, 0.12)
    ]
    AssetFactory(geom=THUNG_SONG, province=province("80"))
    client.force_login(curator)
    from culturalmap.maps.tiles.grid import tiles_covering

    for z in (0, 5, 8):
        found = [f for x, y in tiles_covering(z) for f in features(client, "assets", z, x, y, "exact=1")]
        assert sum(f["properties"]["count"] for f in found) == 3, z
    # At zoom 12 each of the two is a cell of its own, drawn at its exact point.
    for asset in at_risk:
        drawn = features_at(client, "assets", asset.location.x, asset.location.y, 12, "exact=1")
        mine = [f for f in drawn if f["properties"].get("code") == asset.code]
        assert len(mine) == 1
        assert _distance_m(_point(mine[0]), (asset.location.x, asset.location.y)) < 2 * metres_per_unit(12)


def test_points_are_clustered_at_low_zoom_with_their_count_and_raw_when_zoomed_in(client):
    near = [Point(LAMPANG.x + i * 0.0004, LAMPANG.y + (i % 5) * 0.0003, srid=4326) for i in range(30)]
    for geom in near:
        AssetFactory(geom=geom, archetype="craftsmanship" if geom.x > LAMPANG.x + 0.004 else "architecture")

    low = features_at(client, "assets", LAMPANG.x, LAMPANG.y, 6)
    assert len(low) == 1
    cluster = low[0]["properties"]
    assert cluster["count"] == 30 and cluster["cluster"] is True
    assert "code" not in cluster  # a cluster is no record
    assert cluster["archetype"] in {"architecture", "craftsmanship"}
    # A cluster sits at its members' mean.
    mean = (sum(p.x for p in near) / 30, sum(p.y for p in near) / 30)
    assert _distance_m(_point(low[0]), mean) < 2 * metres_per_unit(6)

    # Above the cluster zoom every asset is its own point (the 30 span at most 2 × 2 tiles at z13).
    x, y = tile_of(LAMPANG.x, LAMPANG.y, 13)
    high = [f for dx in (0, 1) for dy in (-1, 0) for f in features(client, "assets", 13, x + dx, y + dy)]
    assert len(high) == 30
    assert all(f["properties"]["count"] == 1 for f in high)


def test_every_published_asset_is_counted_once_across_the_tiles_of_a_zoom(client):
    AssetFactory.create_batch(3)
    AssetFactory(geom=THUNG_SONG, province=province("80"), archetype="performing_art")
    AssetFactory(geom=THUNG_SONG, province=province("80"), status="draft")
    from culturalmap.maps.tiles.grid import tiles_covering

    for z in (0, 3, 5, 8):
        total = sum(
            f["properties"]["count"]
            for x, y in tiles_covering(z)
            for f in features(client, "assets", z, x, y)
        )
        assert total == 4, z


def test_filters_by_archetype_and_province(client):
    AssetFactory(archetype="architecture")
    AssetFactory(archetype="craftsmanship")
    AssetFactory(geom=THUNG_SONG, province=province("80"), archetype="craftsmanship")

    def count(z, lon, lat, query):
        return sum(f["properties"]["count"] for f in features_at(client, "assets", lon, lat, z, query))

    # Thailand fits in one tile at zoom 3.
    assert count(3, LAMPANG.x, LAMPANG.y, "") == 3
    assert count(3, LAMPANG.x, LAMPANG.y, "category=craftsmanship") == 2
    assert count(3, LAMPANG.x, LAMPANG.y, "category=craftsmanship,architecture") == 3
    assert count(3, LAMPANG.x, LAMPANG.y, "category=craftsmanship&category=architecture") == 3
    assert count(3, LAMPANG.x, LAMPANG.y, "province=80") == 1
    assert count(3, LAMPANG.x, LAMPANG.y, "province=52&category=architecture") == 1
    assert count(16, LAMPANG.x, LAMPANG.y, "category=language") == 0
    assert count(16, LAMPANG.x, LAMPANG.y, "category=craftsmanship") == 1


def test_a_single_asset_in_a_cell_is_shown_as_itself_even_at_low_zoom(client):
    asset = AssetFactory(geom=THUNG_SONG, province=province("80"))
    found = features_at(client, "assets", THUNG_SONG.x, THUNG_SONG.y, 5)
    assert [f["properties"]["code"] for f in found] == [asset.code]
    assert found[0]["properties"]["url"] == asset.get_absolute_url()


def test_districts_are_areas_when_zoomed_in_and_points_from_afar(client):
    district = CulturalDistrictFactory()
    CulturalDistrictFactory(status="draft")
    centre = district.geom.point_on_surface
    near = features_at(client, "districts", centre.x, centre.y, 14)
    assert [f["properties"]["code"] for f in near] == [district.code]
    assert near[0]["geometry"]["type"] in ("Polygon", "MultiPolygon")
    assert near[0]["properties"]["url"] == district.get_absolute_url()
    far = features_at(client, "districts", centre.x, centre.y, 6)
    assert len(far) == 1 and far[0]["geometry"]["type"] == "Point"


def test_markets_cities_and_learning_places_have_their_layers(client):
    market = CulturalMarketFactory()
    city = CulturalCityFactory()
    learning_city = LearningCityFactory()
    route = LearningSpaceFactory(
        city=learning_city,
        space_type="learning_route",
        geom=LineString((101.27, 6.54), (101.29, 6.56), srid=4326),
    )
    library = LearningSpaceFactory(city=learning_city, space_type="library")

    def codes(layer, point, z, query=""):
        return {f["properties"].get("code") for f in features_at(client, layer, point.x, point.y, z, query)}

    assert market.code in codes("markets", market.location, 14)
    assert city.code in codes("cultural-cities", city.location, 14)
    assert learning_city.code in codes("learning-cities", learning_city.location, 14)
    spaces = features_at(client, "learning-spaces", 101.28, 6.55, 13)
    by_code = {f["properties"]["code"]: f for f in spaces}
    assert by_code[route.code]["geometry"]["type"] == "LineString"
    assert by_code[route.code]["properties"]["category"] == "learning_route"
    assert codes("learning-spaces", library.geom, 13, "category=library") == {library.code}
    # From afar, the two spaces of Yala are one cluster of two.
    far = features_at(client, "learning-spaces", 101.28, 6.55, 6)
    assert [f["properties"]["count"] for f in far] == [2]


def test_the_spaces_of_a_draft_learning_city_never_reach_a_tile(client):
    shown = LearningSpaceFactory(city=LearningCityFactory())
    LearningSpaceFactory(city=LearningCityFactory(status="draft"))  # at the same spot
    for z in (6, 13, 16):  # clustered, raw points, shapes
        found = features_at(client, "learning-spaces", YALA_STATION.x, YALA_STATION.y, z)
        assert [(f["properties"]["code"], f["properties"]["count"]) for f in found] == [(shown.code, 1)], z
    cities = features_at(client, "learning-cities", YALA_STATION.x, YALA_STATION.y, 14)
    assert [f["properties"]["code"] for f in cities] == [shown.city.code]


def test_the_province_layer_carries_asset_counts_and_density(client):
    AssetFactory.create_batch(4)
    AssetFactory(archetype="language")
    found = features_at(client, "provinces", LAMPANG.x, LAMPANG.y, 7)
    lampang = next(f for f in found if f["properties"]["code"] == "52")
    assert lampang["geometry"]["type"] in ("Polygon", "MultiPolygon")
    assert lampang["properties"]["name_en"] == "Lampang"
    assert lampang["properties"]["assets"] == 5
    area = province("52").area_sqkm
    assert lampang["properties"]["density"] == pytest.approx(5 * 1000 / area, abs=1e-3)
    only_language = features_at(client, "provinces", LAMPANG.x, LAMPANG.y, 7, "category=language")
    assert next(f for f in only_language if f["properties"]["code"] == "52")["properties"]["assets"] == 1
    one = features_at(client, "provinces", LAMPANG.x, LAMPANG.y, 7, "province=52")
    assert [f["properties"]["code"] for f in one] == ["52"]


def test_an_empty_tile_is_an_empty_body(client):
    response = client.get("/tiles/assets/10/0/0.mvt")
    assert response.status_code == 200
    assert response.content == b""
