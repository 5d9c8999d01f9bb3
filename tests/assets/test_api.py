"""The GeoJSON read API: assets, districts, cultural cities and markets."""

import pytest
from django.contrib.gis.geos import Point
from django.db import connection
from django.test.utils import CaptureQueriesContext

from culturalmap.assets.models import Asset
from tests.factories import (
    THUNG_SONG,
    WAT_PHRA_THAT_LAMPANG_LUANG,
    AssetFactory,
    CulturalDistrictFactory,
    CulturalMarketFactory,
    province,
)

pytestmark = pytest.mark.django_db

LAMPANG = WAT_PHRA_THAT_LAMPANG_LUANG


def _codes(doc: dict) -> set[str]:
    return {f["id"] for f in doc["features"]}


def test_assets_are_a_geojson_feature_collection_of_published_records(client):
    asset = AssetFactory(name_th="วิหารลายคำ", archetype="architecture", period="ล้านนา", keywords=["วิหาร"])
    AssetFactory(status="draft")
    doc = client.get("/api/assets/").json()
    assert doc["type"] == "FeatureCollection"
    assert doc["count"] == 1 and doc["pages"] == 1 and doc["next"] is None
    feature = doc["features"][0]
    assert feature["type"] == "Feature" and feature["id"] == asset.code
    assert feature["geometry"] == {"type": "Point", "coordinates": [LAMPANG.x, LAMPANG.y]}
    props = feature["properties"]
    assert props["name_th"] == "วิหารลายคำ" and props["url"] == asset.get_absolute_url()
    assert props["archetype"] == "architecture" and props["archetype_th"] == "สถาปัตยกรรม"
    assert props["period"] == "ล้านนา" and props["keywords"] == ["วิหาร"]
    assert props["province"] == {"code": "52", "name_th": "ลำปาง", "name_en": "Lampang"}
    assert props["location_generalised"] is False
    assert "risk" not in props and "status" not in props


def test_a_high_risk_asset_reaches_the_public_only_at_its_generalised_point(client, curator):
    asset = Asset.objects.get(pk=AssetFactory(risk="high").pk)
    exact, public = asset.location, asset.public_location
    for url in ("/api/assets/", f"/api/assets/{asset.code}/"):
        response = client.get(url)
        doc = response.json()
        feature = doc["features"][0] if "features" in doc else doc
        assert feature["geometry"]["coordinates"] == pytest.approx([public.x, public.y])
        assert feature["properties"]["location_generalised"] is True
        assert f"{exact.x:.4f}" not in response.content.decode()
    # A bbox around the exact point but not the generalised one finds nothing: no probing.
    box = f"{exact.x - 0.001},{exact.y - 0.001},{exact.x + 0.001},{exact.y + 0.001}"
    assert client.get(f"/api/assets/?bbox={box}").json()["count"] == 0

    client.force_login(curator)
    feature = client.get(f"/api/assets/{asset.code}/").json()
    assert feature["geometry"]["coordinates"] == pytest.approx([exact.x, exact.y])
    assert feature["properties"]["risk"] == "high"
    assert client.get(f"/api/assets/?bbox={box}").json()["count"] == 1


def test_assets_filter_by_archetype_province_and_area(client):
    a = AssetFactory(archetype="architecture")
    b = AssetFactory(archetype="craftsmanship")
    c = AssetFactory(archetype="craftsmanship", geom=THUNG_SONG, province=province("80"))
    assert _codes(client.get("/api/assets/?category=craftsmanship").json()) == {b.code, c.code}
    assert _codes(client.get("/api/assets/?category=craftsmanship,architecture").json()) == {
        a.code,
        b.code,
        c.code,
    }
    assert _codes(
        client.get("/api/assets/?category=architecture&category=craftsmanship&province=52").json()
    ) == {a.code, b.code}
    assert _codes(client.get("/api/assets/?province=80").json()) == {c.code}
    assert _codes(client.get("/api/assets/?bbox=99.0,7.5,100.5,9.0").json()) == {c.code}


@pytest.mark.parametrize(
    ("query", "field", "says"),
    [
        ("category=castles", "category", "unknown archetype(s) castles"),
        ("province=5", "province", "2-digit code"),
        ("province=99", "province", "no province has the code '99'"),
        ("bbox=1,2,3", "bbox", "four numbers"),
        ("bbox=100,20,99,10", "bbox", "minlon < maxlon"),
        ("page=0", "page", ""),
        ("page_size=5000", "page_size", ""),
    ],
)
def test_bad_filters_get_a_400_naming_the_field(client, query, field, says):
    response = client.get(f"/api/assets/?{query}")
    assert response.status_code == 400
    assert says in " ".join(response.json()[field])
    assert client.get(f"/api/districts/?{query}").status_code == (400 if field != "category" else 200)


def test_assets_come_in_pages_with_links(client):
    AssetFactory.create_batch(5)
    first = client.get("/api/assets/?page_size=2").json()
    assert first["count"] == 5 and first["pages"] == 3 and len(first["features"]) == 2
    assert first["previous"] is None
    second = client.get(first["next"]).json()
    third = client.get(second["next"]).json()
    assert third["next"] is None and len(third["features"]) == 1
    seen = _codes(first) | _codes(second) | _codes(third)
    assert len(seen) == 5
    assert client.get("/api/assets/?page=9").json()["features"] == []


def test_an_unknown_or_unpublished_asset_is_404(client):
    draft = AssetFactory(status="withdrawn")
    assert client.get("/api/assets/CA-NOPE000/").status_code == 404
    assert client.get(f"/api/assets/{draft.code}/").status_code == 404


@pytest.mark.parametrize("url", ["/api/assets/", "/api/districts/", "/api/cultural-cities/", "/api/markets/"])
def test_list_endpoints_make_the_same_number_of_queries_for_many_records(client, url):
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    def add(n: int) -> None:
        for i in range(n):
            point = Point(99.50 + i * 0.001, 18.29, srid=4326)
            AssetFactory(geom=point)
            CulturalMarketFactory(location=point)  # with its own district and city

    add(2)
    few = queries()
    add(10)
    assert queries() == few


def test_districts_cities_and_markets_by_code_and_in_lists(client):
    market = CulturalMarketFactory()
    district, city = market.district, market.district.city
    CulturalDistrictFactory(status="draft", city=city)
    district_doc = client.get(f"/api/districts/{district.code}/").json()
    assert district_doc["geometry"]["type"] == "MultiPolygon"
    assert district_doc["properties"]["city"] == city.code
    assert district_doc["properties"]["url"] == district.get_absolute_url()
    city_doc = client.get(f"/api/cultural-cities/{city.code}/").json()
    assert city_doc["geometry"] == {"type": "Point", "coordinates": [city.location.x, city.location.y]}
    market_doc = client.get(f"/api/markets/{market.code}/").json()
    assert market_doc["properties"]["district"] == district.code
    assert market_doc["properties"]["opened_on"] == "2022-10-01"
    assert _codes(client.get("/api/districts/").json()) == {district.code}
    assert _codes(client.get("/api/markets/?province=52").json()) == {market.code}
    assert client.get("/api/markets/?province=80").json()["count"] == 0
    assert _codes(client.get("/api/cultural-cities/").json()) == {city.code}
    for url in ("/api/districts/CD-NOPE000/", "/api/cultural-cities/CC-NOPE000/", "/api/markets/CM-NOPE000/"):
        response = client.get(url)
        assert response.status_code == 404 and "has the code" in response.json()["detail"]


def test_the_read_api_is_in_the_openapi_schema(client):
    paths = client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()["paths"]
    for path in (
        "/api/assets/",
        "/api/assets/{code}/",
        "/api/districts/",
        "/api/districts/{code}/",
        "/api/cultural-cities/",
        "/api/cultural-cities/{code}/",
        "/api/markets/",
        "/api/markets/{code}/",
    ):
        assert "get" in paths[path], path
    params = {p["name"] for p in paths["/api/assets/"]["get"]["parameters"]}
    assert {"category", "province", "bbox", "page", "page_size"} <= params
