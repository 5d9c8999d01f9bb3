"""An asset's sub-district, district and province come from its geometry, on every write and import:
a code that disagrees is reported with both places, a point off the map within 1 km takes the nearest
sub-district, farther is refused; an at-risk site's public place is that of its generalised point."""

import pytest
import shapely
from django.contrib.gis.geos import Point, Polygon
from django.core.exceptions import ValidationError

from culturalmap.assets.interchange import asset_frame_import
from culturalmap.assets.models import Asset
from culturalmap.assets.places import asset_address
from culturalmap.assets.services import asset_create, asset_update

from .interchange_rows import frame, row

pytestmark = pytest.mark.django_db

BANG_RAKAM_BANG_LEN = (100.19378, 13.93367)  # ตำบลบางระกำ อำเภอบางเลน จังหวัดนครปฐม (730505)
BAN_LAENG_LAMPANG = (99.68999, 18.52668)  # ตำบลบ้านแลง อำเภอเมืองลำปาง (520109)
# Off Karon beach, Phuket: 540 m and 4.2 km out to sea from ตำบลกะรน (830108).
OFF_KARON_540_M = (98.268, 7.86874)
OFF_KARON_4_KM = (98.23, 7.86874)


def geos(x: float, y: float) -> Point:
    return Point(x, y, srid=4326)


def test_a_new_asset_gets_the_sub_district_district_and_province_of_its_point():
    asset = asset_create(name_th="วัดบ้านแลง", archetype="architecture", geom=geos(*BAN_LAENG_LAMPANG))
    stored = Asset.objects.select_related("tambon__amphoe", "tambon__province").get(pk=asset.pk)
    assert (stored.tambon_code, stored.public_tambon_code, stored.province.code) == ("520109", "520109", "52")
    assert (stored.tambon.name_th, stored.tambon.amphoe.name_th) == ("บ้านแลง", "เมืองลำปาง")
    assert asset_address(stored, exact=False) == "ตำบลบ้านแลง อำเภอเมืองลำปาง จังหวัดลำปาง"
    assert asset_address(stored, exact=False, language="en", postcode=True) == (
        "Tambon Ban Laeng, Amphoe Mueang Lampang, Lampang Province 52000"
    )


def test_a_polygon_takes_the_sub_district_of_its_point_on_surface():
    x, y = BANG_RAKAM_BANG_LEN
    site = Polygon.from_bbox((x - 0.002, y - 0.002, x + 0.002, y + 0.002))
    site.srid = 4326
    asset = asset_create(name_th="เนินดินโบราณ", archetype="historic_site", geom=site)
    assert asset.tambon_code == "730505"
    assert asset.tambon.amphoe.name_th == "บางเลน"


def test_moving_an_asset_moves_its_places():
    asset = asset_create(name_th="ศาลเจ้า", archetype="architecture", geom=geos(*BAN_LAENG_LAMPANG))
    asset_update(asset=asset, geom=geos(*BANG_RAKAM_BANG_LEN))
    stored = Asset.objects.get(pk=asset.pk)
    assert (stored.tambon_code, stored.public_tambon_code, stored.province.code) == ("730505", "730505", "73")


def test_bangkok_addresses_say_khwaeng_and_khet():
    asset = asset_create(name_th="วัดอรุณ", archetype="architecture", geom=geos(100.4889, 13.7437))
    assert asset_address(asset, exact=True).startswith("แขวงวัดอรุณ เขตบางกอกใหญ่ กรุงเทพมหานคร")
    assert asset_address(asset, exact=True, language="en") == "Khwaeng Wat Arun, Khet Bangkok Yai, Bangkok"


def test_a_code_the_geometry_contradicts_is_reported_with_both_places_and_the_derived_one_stored():
    survey = row(tambon_code="730607", geometry=shapely.Point(*BANG_RAKAM_BANG_LEN))
    report = asset_frame_import(frame(survey))

    assert report.created == 1 and not report.refused
    (warning,) = report.warnings
    assert "the code says บางช้าง, อำเภอสามพราน; the point lies in บางระกำ, อำเภอบางเลน" in warning.reason_en
    assert "รหัสตำบล 730607 คือ บางช้าง, อำเภอสามพราน แต่ตำแหน่งอยู่ใน บางระกำ, อำเภอบางเลน" in warning.reason_th
    assert Asset.objects.get(ref=survey["ref"]).tambon_code == "730505"


def test_the_single_record_service_refuses_a_contradicting_code_naming_both_places():
    with pytest.raises(ValidationError) as excinfo:
        asset_create(
            name_th="วัดบางระกำ",
            archetype="architecture",
            geom=geos(*BANG_RAKAM_BANG_LEN),
            tambon_code="730607",
        )
    message = " ".join(excinfo.value.message_dict["tambon_code"])
    assert "the code says บางช้าง, อำเภอสามพราน; the point lies in บางระกำ, อำเภอบางเลน" in message
    assert not Asset.objects.filter(name_th="วัดบางระกำ").exists()


def test_a_code_in_another_province_names_both_provinces():
    survey = row(tambon_code="520109", geometry=shapely.Point(*BANG_RAKAM_BANG_LEN))
    (warning,) = asset_frame_import(frame(survey)).warnings
    assert "the code says บ้านแลง, อำเภอเมืองลำปาง, จังหวัดลำปาง" in warning.reason_en
    assert "the point lies in บางระกำ, อำเภอบางเลน, จังหวัดนครปฐม" in warning.reason_en


def test_an_abolished_code_is_named_with_its_date_and_successor():
    survey = row(tambon_code="530306", geometry=shapely.Point(100.59901, 17.92568))  # ท่าแฝก, now 530407
    (warning,) = asset_frame_import(frame(survey)).warnings
    assert "tambon code 530306 (ท่าแฝก, อำเภอท่าปลา) was abolished on 2015-03-11" in warning.reason_en
    assert "now 530407 (ท่าแฝก, อำเภอน้ำปาด)" in warning.reason_en
    assert "ถูกยกเลิกเมื่อ" in warning.reason_th and "2558" in warning.reason_th  # Buddhist Era
    assert Asset.objects.get(ref=survey["ref"]).tambon_code == "530407"


def test_a_code_dopa_never_had_is_reported():
    survey = row(tambon_code="529999")
    (warning,) = asset_frame_import(frame(survey)).warnings
    assert "529999 is not a DOPA sub-district code" in warning.reason_en
    assert "ลำปางหลวง, อำเภอเกาะคา" in warning.reason_en


def test_a_point_in_the_sea_within_1_km_takes_the_nearest_sub_district():
    survey = row(geometry=shapely.Point(*OFF_KARON_540_M))
    report = asset_frame_import(frame(survey))
    assert report.created == 1, report.as_text()
    stored = Asset.objects.get(ref=survey["ref"])
    assert (stored.tambon_code, stored.province.code) == ("830108", "83")


def test_a_point_farther_than_1_km_from_any_sub_district_is_refused_saying_how_far():
    survey = row(geometry=shapely.Point(*OFF_KARON_4_KM))
    report = asset_frame_import(frame(survey))
    (refused,) = report.refused
    assert "outside Thailand" in refused.reason_en and "4.2 km from" in refused.reason_en
    assert "จังหวัดภูเก็ต" in refused.reason_th
    assert not Asset.objects.filter(ref=survey["ref"]).exists()
    with pytest.raises(ValidationError):
        asset_create(name_th="เรือจม", archetype="historic_site", geom=geos(*OFF_KARON_4_KM))


def test_an_at_risk_site_shows_the_public_the_place_of_its_generalised_point():
    # 99.6244, 18.2249 lies in 521008; its 0.05° grid point (99.60, 18.20) in 521001.
    site = asset_create(
        name_th="เนินโบราณ", archetype="historic_site", geom=geos(99.6244, 18.2249), risk="high"
    )
    stored = Asset.objects.get(pk=site.pk)
    assert stored.public_location.coords == pytest.approx((99.60, 18.20))
    assert stored.public_tambon_code and stored.public_tambon_code != stored.tambon_code
    assert asset_address(stored, exact=False) != asset_address(stored, exact=True)
    # Lowered risk: the public sees its exact place again.
    asset_update(asset=stored, risk="low")
    assert Asset.objects.get(pk=site.pk).public_tambon_code == stored.tambon_code


def test_an_imported_at_risk_site_gets_its_public_place_too():
    survey = row(geometry=shapely.Point(99.6244, 18.2249), risk="high", category="historic_site")
    asset_frame_import(frame(survey))
    stored = Asset.objects.get(ref=survey["ref"])
    assert stored.public_tambon_code and stored.public_tambon_code != stored.tambon_code


def test_the_api_filters_by_district_and_sub_district_and_gives_the_place(client):
    ban_laeng = asset_create(name_th="วัดบ้านแลง", archetype="architecture", geom=geos(*BAN_LAENG_LAMPANG))
    asset_create(name_th="วัดบางระกำ", archetype="architecture", geom=geos(*BANG_RAKAM_BANG_LEN))
    for query in ("tambon=520109", "amphoe=5201", "province=52"):
        doc = client.get(f"/api/assets/?{query}").json()
        assert [f["id"] for f in doc["features"]] == [ban_laeng.code], query
    place = doc["features"][0]["properties"]["place"]
    assert place["tambon"] == {"code": "520109", "name_th": "บ้านแลง", "name_en": "Ban Laeng"}
    assert place["amphoe"]["name_th"] == "เมืองลำปาง" and place["postcode"] == "52000"
    assert place["address_th"] == "ตำบลบ้านแลง อำเภอเมืองลำปาง จังหวัดลำปาง"
    bad = client.get("/api/assets/?tambon=52010")
    assert bad.status_code == 400 and "6-digit" in bad.content.decode()
    assert client.get("/api/assets/?amphoe=9999").status_code == 400


def test_the_public_never_sees_the_exact_place_of_an_at_risk_site(client, curator):
    site = asset_create(
        name_th="เนินโบราณ", archetype="historic_site", geom=geos(99.6244, 18.2249), risk="high"
    )
    props = client.get(f"/api/assets/{site.code}/").json()["properties"]
    assert props["place"]["tambon"]["code"] == site.public_tambon_code != site.tambon_code
    assert client.get(f"/api/assets/?tambon={site.tambon_code}").json()["count"] == 0
    assert client.get(f"/api/assets/?tambon={site.public_tambon_code}").json()["count"] == 1
    page = client.get(site.get_absolute_url()).content.decode()
    exact = Asset.objects.select_related("tambon").get(pk=site.pk).tambon
    assert f"?tambon={site.public_tambon_code}" in page and exact.name_th not in page
    client.force_login(curator)
    assert client.get(f"/api/assets/{site.code}/").json()["properties"]["place"]["tambon"]["code"] == (
        site.tambon_code
    )


def test_the_public_export_writes_the_public_place_and_the_full_export_the_exact_one(tmp_path):
    import geopandas as gpd

    from culturalmap.assets.interchange import asset_file_export

    site = asset_create(
        name_th="เนินโบราณ", archetype="historic_site", geom=geos(99.6244, 18.2249), risk="high"
    )
    plain = asset_create(name_th="วัดบ้านแลง", archetype="architecture", geom=geos(*BAN_LAENG_LAMPANG))
    only = Asset.objects.filter(pk__in=[site.pk, plain.pk])
    asset_file_export(path=tmp_path / "open.geojson", assets=only, public=True)
    asset_file_export(path=tmp_path / "full.gpkg", assets=only)
    public = gpd.read_file(tmp_path / "open.geojson").set_index("code")
    full = gpd.read_file(tmp_path / "full.gpkg").set_index("code")
    assert public.loc[site.code, "tambon_code"] == site.public_tambon_code
    assert site.tambon_code not in public.to_json()
    assert full.loc[site.code, "tambon_code"] == site.tambon_code
    row = public.loc[plain.code]
    assert (row["tambon_th"], row["amphoe_th"], row["postcode"]) == ("บ้านแลง", "เมืองลำปาง", "52000")
    assert row["address_en"] == "Tambon Ban Laeng, Amphoe Mueang Lampang, Lampang Province"


def test_the_asset_page_gives_its_address_in_the_page_language(client):
    asset = asset_create(
        name_th="วัดบ้านแลง", name_en="Wat Ban Laeng", archetype="architecture", geom=geos(*BAN_LAENG_LAMPANG)
    )
    html = client.get(asset.get_absolute_url()).content.decode()
    assert "ตำบลบ้านแลง</a> <a" in html and "อำเภอเมืองลำปาง" in html and "52000" in html
    client.cookies["django_language"] = "en"
    html = client.get(asset.get_absolute_url()).content.decode()
    assert (
        "Tambon Ban Laeng</a>, <a" in html and "Amphoe Mueang Lampang" in html and "Lampang Province" in html
    )
