"""What the public may not see is absent from every public output: the spaces of an unpublished
learning city (search API and page, tiles, pages, API, photos, map list), and the exact place of an
at-risk site (the public export's province and sub-district)."""

import io
import json

import geopandas as gpd
import pytest
from django.contrib.gis.geos import Point
from django.core.files.base import ContentFile
from django.core.management import call_command

from culturalmap.search import index
from learningcity.models import LearningSpaceImage
from tests.core.test_images import photo_with_gps
from tests.factories import AssetFactory, LearningCityFactory, LearningSpaceFactory, province
from tests.maps.tilekit import features_at

pytestmark = pytest.mark.django_db

TAK_NEAR_LAMPANG = Point(
    99.28553, 17.27883, srid=4326
)  # in Tak (63); its public grid point is in Lampang (52)


@pytest.fixture
def draft_city_space(settings, tmp_path):
    settings.SEARCH_INDEX_DIR = tmp_path / "search-index"
    settings.MEDIA_ROOT = str(tmp_path / "media")
    city = LearningCityFactory(name_th="เมืองร่าง", name_en="Draft city", status="draft")
    space = LearningSpaceFactory(city=city, name_th="ลานเรียนรู้ลับ", name_en="Hidden yard", status="published")
    photo = LearningSpaceImage.objects.create(
        space=space, image=ContentFile(photo_with_gps(), "p.jpg"), thumbnail=ContentFile(b"", "t.jpg")
    )
    index.rebuild()  # a full rebuild, not only the on-commit sync
    return city, space, photo


def test_the_spaces_of_an_unpublished_learning_city_are_in_no_public_output(client, draft_city_space):
    city, space, photo = draft_city_space
    searched = client.get("/api/search/", {"q": "Hidden yard"}).json()
    assert space.code not in json.dumps(searched) and searched["count"] == 0
    assert client.get("/api/search/", {"q": "", "kind": "learning_space"}).json()["count"] == 0
    assert space.code not in client.get("/search/", {"q": "ลานเรียนรู้ลับ"}).content.decode()
    listed = client.get("/api/learning-spaces/").json()
    assert space.code not in {feature["id"] for feature in listed["features"]}
    assert client.get("/api/learning-spaces/", {"city": city.code}).status_code == 404
    assert client.get(f"/api/learning-spaces/{space.code}/").status_code == 404
    assert client.get(space.get_absolute_url()).status_code == 404
    assert client.get(f"/learning-spaces/{space.code}/photos/{photo.pk}/").status_code == 404
    assert client.get(city.get_absolute_url()).status_code == 404
    assert city.code not in json.dumps(client.get("/api/learning-cities/").json())
    assert space.name_th not in client.get("/learning-cities/").content.decode()
    point = space.geom.point_on_surface
    for z in (6, 12, 16):  # clustered and single features
        shown = features_at(client, "learning-spaces", point.x, point.y, z)
        assert all(feature["properties"].get("code") != space.code for feature in shown)
        assert sum(int(feature["properties"].get("count") or 1) for feature in shown) == 0


def test_the_public_export_gives_an_at_risk_site_the_province_and_sub_district_of_its_public_point(tmp_path):
    AssetFactory(
        ref="risk-tak",
        name_th="แหล่งโบราณคดีริมปิง",
        geom=TAK_NEAR_LAMPANG,
        province=province("63"),
        tambon_code="630101",
        risk="high",
        risk_reason="looting",
    )
    path = tmp_path / "open-data.geojson"
    call_command("export_assets", str(path), "--public", stdout=io.StringIO())
    row = gpd.read_file(path).set_index("ref").loc["risk-tak"]
    assert row["tambon_code"] in ("", None) or not str(row["tambon_code"]).startswith(
        "6301"
    )  # not the exact one
    assert row["province"] == province("52").name_th  # where the public point is, not the exact one
