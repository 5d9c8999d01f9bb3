"""Writing one asset at a time: the services and the admin that uses them."""

import pytest
from django.contrib.gis.geos import LineString, Point, Polygon
from django.core.exceptions import ValidationError

from culturalmap.assets.models import Asset
from culturalmap.assets.services import asset_create, asset_update
from tests.factories import THUNG_SONG, WAT_PHRA_THAT_LAMPANG_LUANG, AssetFactory, UserFactory, province

pytestmark = pytest.mark.django_db


def new_asset(**overrides) -> Asset:
    fields = {
        "name_th": "วัดไหล่หิน",
        "name_en": "Wat Lai Hin",
        "archetype": "architecture",
        "geom": Point(99.3886, 18.2176, srid=4326),
    }
    fields.update(overrides)
    return asset_create(**fields)


def errors_of(excinfo) -> dict[str, str]:
    return {field: " ".join(messages) for field, messages in excinfo.value.message_dict.items()}


def test_the_province_comes_from_the_geometry():
    asset = new_asset()
    assert Asset.objects.get(pk=asset.pk).province.code == "52"


def test_a_province_that_agrees_is_accepted_in_any_of_its_names():
    for claimed in ("ลำปาง", "Lampang", "52", province("52")):
        assert new_asset(province=claimed).province.code == "52"


def test_a_province_that_disagrees_with_the_geometry_is_refused():
    with pytest.raises(ValidationError) as excinfo:
        new_asset(province="Bangkok")
    assert "lies in Lampang" in errors_of(excinfo)["province"]
    assert "ไม่ตรงกับตำแหน่ง" in errors_of(excinfo)["province"]
    assert not Asset.objects.filter(name_en="Wat Lai Hin").exists()


@pytest.mark.parametrize(
    ("geom", "field", "english"),
    [
        (Point(18.2176, 99.3886, srid=4326), "geom", "latitude and longitude look swapped"),
        (Point(139.69, 35.69, srid=4326), "geom", "outside Thailand"),
        (
            Polygon(
                ((99.38, 18.21), (99.39, 18.22), (99.39, 18.21), (99.38, 18.22), (99.38, 18.21)), srid=4326
            ),
            "geom",
            "cannot be repaired",
        ),
        (LineString((99.38, 18.21), (99.39, 18.22), srid=4326), "geom", "a LineString cannot be"),
        (Point(srid=4326), "geom", "no geometry"),
        (None, "geom", "no geometry"),
    ],
)
def test_a_geometry_that_breaks_a_rule_is_refused_with_a_clear_message(geom, field, english):
    with pytest.raises(ValidationError) as excinfo:
        new_asset(geom=geom)
    assert english in errors_of(excinfo)[field]


@pytest.mark.parametrize(
    ("fields", "field", "english"),
    [
        ({"name_th": " ", "name_en": ""}, "name_th", "no name"),
        ({"archetype": "temple"}, "archetype", "unknown category"),
        ({"tambon_code": "52011"}, "tambon_code", "6-digit DOPA code"),
        (
            {"tambon_code": "100101"},
            "tambon_code",
            "the code says พระบรมมหาราชวัง, เขตพระนคร, กรุงเทพมหานคร; the point lies in ลำปางหลวง,"
            " อำเภอเกาะคา, จังหวัดลำปาง: correct it to 520301",
        ),
        ({"risk": "extreme"}, "risk", "unknown risk"),
    ],
)
def test_fields_that_break_a_rule_are_refused(fields, field, english):
    with pytest.raises(ValidationError) as excinfo:
        new_asset(**fields)
    assert english in errors_of(excinfo)[field]


def test_a_geometry_in_another_srid_is_stored_in_wgs84():
    utm = Point(99.3886, 18.2176, srid=4326).transform(32647, clone=True)
    asset = new_asset(geom=utm)
    assert asset.geom.srid == 4326
    assert (asset.geom.x, asset.geom.y) == pytest.approx((99.3886, 18.2176), abs=1e-7)


def test_moving_an_asset_moves_it_to_the_province_of_its_new_place():
    asset = AssetFactory()
    asset_update(asset=asset, geom=THUNG_SONG, name_en="Moved")
    asset = Asset.objects.get(pk=asset.pk)
    assert (asset.province.code, asset.name_en) == ("80", "Moved")


def test_a_duplicate_ref_is_refused_by_the_service():
    AssetFactory(ref="lpru-1")
    with pytest.raises(ValidationError) as excinfo:
        new_asset(ref="lpru-1")
    assert "ref" in excinfo.value.message_dict


def admin_client(client):
    admin = UserFactory(is_staff=True, is_superuser=True)
    admin.save()  # UserFactory sets its password after saving: store it, or the session is refused
    client.force_login(admin)
    return client


def admin_form(**overrides) -> dict:
    data = {
        "name_th": "วัดพระธาตุลำปางหลวง",
        "name_en": "Wat Phra That Lampang Luang",
        "archetype": "architecture",
        "description_th": "",
        "description_en": "",
        "period": "",
        "keywords": "",
        "source": "",
        "ref": "",
        "tambon_code": "",
        "risk": "none",
        "risk_reason": "",
        "status": "published",
        "recorded_on": "",
        "geom": f"SRID=4326;{WAT_PHRA_THAT_LAMPANG_LUANG.wkt}",
        "images-TOTAL_FORMS": "0",
        "images-INITIAL_FORMS": "0",
        "images-MIN_NUM_FORMS": "0",
        "images-MAX_NUM_FORMS": "5",
    }
    data.update(overrides)
    return data


def test_the_admin_saves_an_asset_with_the_province_of_its_geometry(client):
    response = admin_client(client).post("/admin/assets/asset/add/", admin_form(ref="admin-1"))
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Asset.objects.get(ref="admin-1").province.code == "52"


def test_the_admin_shows_swapped_coordinates_on_the_form_and_saves_nothing(client):
    response = admin_client(client).post(
        "/admin/assets/asset/add/", admin_form(ref="admin-2", geom="SRID=4326;POINT (18.2176 99.3886)")
    )
    assert response.status_code == 200
    assert "latitude and longitude look swapped" in response.content.decode()
    assert not Asset.objects.filter(ref="admin-2").exists()


def test_the_admin_moving_an_asset_updates_its_province(client):
    asset = AssetFactory(ref="admin-3")
    response = admin_client(client).post(
        f"/admin/assets/asset/{asset.pk}/change/",
        admin_form(ref="admin-3", geom=f"SRID=4326;{THUNG_SONG.wkt}"),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Asset.objects.get(pk=asset.pk).province.code == "80"
