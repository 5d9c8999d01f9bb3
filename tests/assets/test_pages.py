"""Record pages (asset, district, cultural city) and the map page, as a visitor and a curator sees them."""

import datetime
import io
import json
import re

import pytest
from django.contrib.gis.db.models.functions import Distance
from django.contrib.gis.geos import Point
from django.test import override_settings
from PIL import Image

from culturalmap.assets.models import Asset, AssetImage
from culturalmap.core import records
from culturalmap.core.images import process_image_upload
from tests.factories import (
    THUNG_SONG,
    WAT_PHRA_THAT_LAMPANG_LUANG,
    AssetFactory,
    CulturalCityFactory,
    CulturalDistrictFactory,
    CulturalMarketFactory,
    province,
)

pytestmark = pytest.mark.django_db


LAMPANG = WAT_PHRA_THAT_LAMPANG_LUANG


def _map_config(response) -> dict:
    html = response.content.decode()
    found = re.search(r'<script id="record-map-config" type="application/json">(.*?)</script>', html, re.S)
    return json.loads(found.group(1))


def _coordinate_texts(point) -> list[str]:
    """The ways a coordinate could be written out (4+ decimals are finer than the public grid)."""
    return [f"{point.x:.4f}", f"{point.y:.4f}", f"{point.x:.4f}".rstrip("0"), f"{point.y:.4f}".rstrip("0")]


def test_an_asset_page_shows_its_record_a_small_map_and_what_is_near(client):
    asset = AssetFactory(
        name_th="วัดพระธาตุลำปางหลวง",
        name_en="Wat Phra That Lampang Luang",
        description_th="วิหารไม้สมัยล้านนา",
        period="ล้านนา พุทธศตวรรษที่ 20",
        archetype="architecture",
        recorded_on=datetime.date(2024, 9, 29),
    )
    near = AssetFactory(name_th="ใกล้", geom=Point(LAMPANG.x + 0.01, LAMPANG.y, srid=4326))
    farther = AssetFactory(name_th="ไกลออกไป", geom=Point(LAMPANG.x + 0.2, LAMPANG.y, srid=4326))
    AssetFactory(name_th="ร่างยังไม่เผยแพร่", geom=Point(LAMPANG.x + 0.005, LAMPANG.y, srid=4326), status="draft")

    response = client.get(f"/assets/{asset.code}/")
    assert response.status_code == 200
    html = response.content.decode()
    for text in (
        "วัดพระธาตุลำปางหลวง",
        "Wat Phra That Lampang Luang",
        "วิหารไม้สมัยล้านนา",
        "ล้านนา พุทธศตวรรษที่ 20",
        "สถาปัตยกรรม",
        "ลำปาง",
        asset.code,
        "29 ก.ย. 2567",  # Buddhist Era
    ):
        assert text in html
    assert _map_config(response)["geometry"] == {"type": "Point", "coordinates": [LAMPANG.x, LAMPANG.y]}
    # Nearest first, with distances; drafts are never listed.
    assert html.index(near.get_absolute_url()) < html.index(farther.get_absolute_url())
    assert "1.1 กม." in html
    assert "ร่างยังไม่เผยแพร่" not in html


def test_a_high_risk_asset_page_shows_the_public_only_its_generalised_location(client, curator):
    asset = Asset.objects.get(pk=AssetFactory(risk="high", risk_reason="ขุดค้นยังไม่เสร็จ").pk)
    AssetFactory(geom=Point(LAMPANG.x + 0.01, LAMPANG.y, srid=4326))
    exact, public = asset.location, asset.public_location

    response = client.get(asset.get_absolute_url())
    html = response.content.decode()
    config = _map_config(response)
    assert config["generalised"] is True
    assert config["geometry"]["coordinates"] == pytest.approx([public.x, public.y])
    for text in _coordinate_texts(exact):
        assert text not in html
    assert "ขุดค้นยังไม่เสร็จ" not in html  # the reason is for curators
    assert "ตำแหน่งโดยประมาณ" in html

    client.force_login(curator)
    response = client.get(asset.get_absolute_url())
    assert _map_config(response)["geometry"]["coordinates"] == pytest.approx([exact.x, exact.y])
    assert "ขุดค้นยังไม่เสร็จ" in response.content.decode()


def test_distances_from_a_high_risk_asset_are_measured_from_its_generalised_point(client):
    asset = Asset.objects.get(pk=AssetFactory(risk="high").pk)
    public = asset.public_location
    neighbour = AssetFactory(geom=Point(public.x + 0.1, public.y, srid=4326))
    html = client.get(asset.get_absolute_url()).content.decode()
    km = Asset.objects.annotate(d=Distance("public_location", public)).get(pk=neighbour.pk).d.km
    exact_km = Asset.objects.annotate(d=Distance("public_location", asset.location)).get(pk=neighbour.pk).d.km
    assert round(km, 1) != round(exact_km, 1)  # the two would differ
    assert f"{km:.1f} กม." in html


def test_unknown_and_unpublished_asset_codes_are_404_for_the_public(client, curator):
    draft = AssetFactory(status="draft")
    assert client.get("/assets/CA-NOPE000/").status_code == 404
    assert client.get(draft.get_absolute_url()).status_code == 404
    client.force_login(curator)
    assert client.get(draft.get_absolute_url()).status_code == 200


def _jpeg() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (1600, 1200), (180, 120, 60)).save(buffer, format="JPEG")
    return buffer.getvalue()


def test_an_asset_page_shows_its_images_as_pillow_thumbnails(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    asset = AssetFactory()
    processed = process_image_upload(io.BytesIO(_jpeg()))
    AssetImage.objects.create(
        asset=asset, image=processed.image, thumbnail=processed.thumbnail, caption_th="วิหารหลวง"
    )
    html = client.get(asset.get_absolute_url()).content.decode()
    image = asset.images.get()
    assert f'src="{image.get_thumbnail_url()}"' in html
    assert f'href="{image.get_absolute_url()}"' in html
    assert 'alt="วิหารหลวง"' in html
    thumb = client.get(image.get_thumbnail_url())
    assert thumb.status_code == 200 and thumb["Content-Type"] == "image/jpeg"
    assert thumb["Cache-Control"].startswith("public")
    with Image.open(io.BytesIO(b"".join(thumb.streaming_content))) as drawn:
        assert max(drawn.size) == 400
    full = client.get(image.get_absolute_url())
    with Image.open(io.BytesIO(b"".join(full.streaming_content))) as drawn:
        assert drawn.size == (1600, 1200)


def test_an_unpublished_asset_s_images_are_as_private_as_the_asset(client, curator, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    draft = AssetFactory(status="draft")
    processed = process_image_upload(io.BytesIO(_jpeg()))
    image = AssetImage.objects.create(asset=draft, image=processed.image, thumbnail=processed.thumbnail)
    assert client.get(image.get_absolute_url()).status_code == 404
    assert client.get(image.get_thumbnail_url()).status_code == 404
    assert client.get(f"/media/{image.image.name}").status_code == 404  # no way around the check
    client.force_login(curator)
    seen = client.get(image.get_thumbnail_url())
    assert seen.status_code == 200 and seen["Cache-Control"].startswith("private")  # no shared cache
    other = AssetFactory()
    assert client.get(f"/assets/{other.code}/images/{image.pk}/").status_code == 404


def test_an_asset_page_speaks_english_when_asked(client):
    asset = AssetFactory(name_th="วัดไทย", name_en="A Thai temple", description_en="An English description")
    AssetFactory(geom=Point(LAMPANG.x + 0.01, LAMPANG.y, srid=4326))
    client.cookies["django_language"] = "en"
    html = client.get(asset.get_absolute_url()).content.decode()
    assert "<h1>A Thai temple" in html
    assert "An English description" in html
    assert "Architecture" in html and "Lampang" in html
    assert "1.1 km" in html


def test_a_district_page_links_its_city_markets_and_nearby_assets(client):
    district = CulturalDistrictFactory(description_th="ย่านการค้าริมแม่น้ำวัง")
    market = CulturalMarketFactory(district=district)
    CulturalMarketFactory(district=district, status="draft", name_th="ตลาดร่าง")
    centre = district.geom.point_on_surface
    asset = AssetFactory(geom=Point(centre.x + 0.002, centre.y, srid=4326))
    response = client.get(district.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    for text in (
        district.name_th,
        "ย่านการค้าริมแม่น้ำวัง",
        district.city.get_absolute_url(),
        market.get_absolute_url(),
        asset.get_absolute_url(),
        "ลำปาง",
    ):
        assert text in html
    assert "ตลาดร่าง" not in html
    assert _map_config(response)["geometry"]["type"] == "MultiPolygon"
    assert client.get("/districts/CD-NOPE000/").status_code == 404
    assert client.get(CulturalDistrictFactory(status="draft").get_absolute_url()).status_code == 404


def test_a_cultural_city_page_lists_its_districts(client):
    city = CulturalCityFactory()
    district = CulturalDistrictFactory(city=city)
    CulturalMarketFactory.create_batch(2, district=district)
    other = CulturalDistrictFactory()  # another city's
    response = client.get(city.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert district.get_absolute_url() in html and other.get_absolute_url() not in html
    assert "2 ตลาด" in html
    assert _map_config(response)["geometry"]["coordinates"] == [city.location.x, city.location.y]
    assert client.get("/cultural-cities/CC-NOPE000/").status_code == 404


# The map page ------------------------------------------------------------------------------------


def _external_urls(html: str) -> list[str]:
    return re.findall(r"(?:https?:)?//[a-z0-9.-]+\.[a-z]{2,}[^\s\"'<>]*", html, re.I)


def _page_map_config(html: str) -> dict:
    found = re.search(r'<script id="map-config" type="application/json">(.*?)</script>', html)
    return json.loads(found.group(1))


def _without_generation(url: str) -> str:
    return re.sub(r"^/tiles/v/[^/]+/", "/tiles/", url)


def test_the_map_page_uses_only_vendored_files_and_the_projects_own_tiles(client):
    AssetFactory()
    html = client.get("/").content.decode()
    assert _external_urls(html) == []
    scripts = re.findall(r'<script src="([^"]+)"', html)
    styles = re.findall(r'<link rel="stylesheet" href="([^"]+)"', html)
    assert scripts and all(s.startswith("/static/") for s in scripts + styles)
    assert "/static/vendor/leaflet-1.9.4/leaflet.js" in scripts
    assert "/static/vendor/leaflet.vectorgrid-1.3.0/Leaflet.VectorGrid.bundled.min.js" in scripts
    assert "/static/vendor/sarabun-5.3.0/sarabun.css" in styles
    config = _page_map_config(html)
    # One tile per place for every record kind and the base map, under its data generation.
    assert re.fullmatch(r"/tiles/v/[^/]+/catalogue/\{z\}/\{x\}/\{y\}\.mvt", config["tiles"]["catalogue"])
    assert _without_generation(config["tiles"]["provinces"]) == "/tiles/provinces/{z}/{x}/{y}.mvt"
    assert config["basemap"]["url"] == ""  # no third-party base map unless configured
    layers = [kind.layer for kind in records.kinds()]
    assert layers[:4] == ["assets", "districts", "markets", "cultural-cities"] and len(layers) == 8
    assert config["recordLayers"] == layers
    for layer in [*layers, "provinces"]:
        assert f'name="layer" value="{layer}"' in html  # a switch (and legend row) for each


def test_a_curator_s_map_asks_for_exact_asset_tiles_and_the_public_s_never_does(client, user, curator):
    def catalogue_tiles(response) -> str:
        return _without_generation(_page_map_config(response.content.decode())["tiles"]["catalogue"])

    public = client.get("/?province=52")
    assert catalogue_tiles(public) == "/tiles/catalogue/{z}/{x}/{y}.mvt?province=52"
    client.force_login(user)
    assert "exact" not in catalogue_tiles(client.get("/"))
    client.force_login(curator)
    assert (
        catalogue_tiles(client.get("/?province=52")) == "/tiles/catalogue/{z}/{x}/{y}.mvt?province=52&exact=1"
    )


def test_the_base_map_server_is_a_setting(client):
    with override_settings(BASEMAP_TILE_URL="https://tiles.example.org/{z}/{x}/{y}.png"):
        html = client.get("/").content.decode()
    hosts = {re.sub(r"^(?:https?:)?//", "", u).split("/")[0] for u in _external_urls(html)}
    assert "tiles.example.org" in hosts
    assert hosts <= {"tiles.example.org", "www.openstreetmap.org"}  # the tiles and their attribution


def test_a_map_link_reproduces_its_view(client):
    html = client.get(
        "/?lat=18.2&lon=99.4&z=9&layers=assets,markets&category=craftsmanship,language&province=52"
        "&q=%E0%B8%9C%E0%B9%89%E0%B8%B2"
    ).content.decode()
    assert "center: [18.2, 99.4]" in html
    assert '"zoom": 9' in html
    config = _page_map_config(html)
    tiles = _without_generation(config["tiles"]["catalogue"])
    assert tiles == "/tiles/catalogue/{z}/{x}/{y}.mvt?category=craftsmanship,language&province=52"
    assert config["state"]["layers"] == ["assets", "markets"]
    assert config["state"]["q"] == "ผ้า"  # the list's search text
    assert re.search(r'value="assets"\s+checked', html) and re.search(r'value="markets"\s+checked', html)
    assert not re.search(r'value="districts"\s+checked', html)
    assert re.search(r'value="craftsmanship"\s+checked', html)
    assert not re.search(r'value="architecture"\s+checked', html)
    assert '<option value="52" selected>' in html
    assert 'id="area-q" type="search" name="q"' in html and 'value="ผ้า"' in html


def test_a_map_link_with_nonsense_falls_back_to_the_whole_country(client):
    response = client.get("/?lat=north&lon=999&z=-3&layers=nothing&category=castles&province=99")
    assert response.status_code == 200
    html = response.content.decode()
    assert "center: [13.2, 100.9]" in html and '"zoom": 6' in html
    config = _page_map_config(html)
    assert _without_generation(config["tiles"]["catalogue"]) == "/tiles/catalogue/{z}/{x}/{y}.mvt"
    assert config["state"]["layers"] == [] and config["state"]["province"] == ""


def test_the_map_page_speaks_english_when_asked(client):
    AssetFactory(geom=THUNG_SONG, province=province("80"))
    client.cookies["django_language"] = "en"
    html = client.get("/").content.decode()
    assert "Thailand cultural-capital map" in html
    assert "Search this area" in html
    assert "Nakhon Si Thammarat" in html
    assert "Traditional craftsmanship" in html


def test_what_is_near_is_in_order_of_the_kilometres_shown():
    from culturalmap.assets.selectors import assets_near_point

    origin = Point(LAMPANG.x, LAMPANG.y, srid=4326)
    # 0.090° of longitude is nearer on the ground than 0.088° of latitude at 18° N (cos 18° ≈ 0.95),
    # though farther in degrees, which is how the index orders them.
    east = AssetFactory(geom=Point(LAMPANG.x + 0.090, LAMPANG.y, srid=4326))
    north = AssetFactory(geom=Point(LAMPANG.x, LAMPANG.y + 0.088, srid=4326))
    near = assets_near_point(origin, limit=2)
    assert [a.pk for a in near] == [east.pk, north.pk]
    assert near[0].distance_km < near[1].distance_km
