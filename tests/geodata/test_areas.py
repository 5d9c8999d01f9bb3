"""The sub-districts and districts as data: loaded from the shipped boundaries with DOPA's names,
found by point and by name, written as Thai and English addresses, looked up by the map's picker."""

import re

import pytest
from django.contrib.gis.geos import Point
from django.db import connection

from geodata.areas import (
    address,
    dopa_code_status,
    places_named,
    places_starting,
    tambon_by_code,
    tambon_for_geometry,
    tambon_near,
)
from geodata.models import Amphoe, Tambon

pytestmark = pytest.mark.django_db


def test_all_sub_districts_and_districts_are_loaded_with_dopa_names_and_postcodes():
    assert Tambon.objects.count() == 7425 and Amphoe.objects.count() == 928
    assert set(Tambon.objects.filter(current=False).values_list("code", flat=True)) == {"104701", "105001"}
    # The boundary file cut long names short; DOPA's full name is stored.
    assert Tambon.objects.get(code="342504").name_th == "นิคมสร้างตนเองลำโดมน้อย"
    assert Tambon.objects.get(code="520109").postcodes == ["52000"]
    # ท่าแฝก moved to อำเภอน้ำปาด in 2015: its polygon is stored under the current code and district.
    assert Tambon.objects.get(code="530407").amphoe.name_th == "น้ำปาด"
    assert Amphoe.objects.get(code="1008").name_th == "ป้อมปราบศัตรูพ่าย"  # no เขต in the name


def test_districts_are_the_union_of_their_sub_districts():
    with connection.cursor() as cursor:
        cursor.execute("""
            SELECT count(*) FROM geodata_amphoe a
            WHERE NOT ST_Equals(a.geom, (SELECT ST_Multi(ST_Union(t.geom)) FROM geodata_tambon t
                                         WHERE t.amphoe_code = a.code))""")
        assert cursor.fetchone()[0] == 0
        cursor.execute(
            "SELECT count(*) FROM pg_indexes WHERE tablename IN ('geodata_tambon', 'geodata_amphoe')"
            " AND indexdef LIKE '%%gist%%'"
        )
        assert cursor.fetchone()[0] == 2


def test_loading_again_changes_nothing():
    from geodata.loaders import load_admin_areas

    before = list(Tambon.objects.order_by("code").values_list("code", "name_th", "amphoe_id", "postcodes"))
    assert load_admin_areas(Amphoe, Tambon, connection) == (7425, 928)
    after = list(Tambon.objects.order_by("code").values_list("code", "name_th", "amphoe_id", "postcodes"))
    assert before == after


def test_a_point_lies_in_its_sub_district_and_the_sea_within_1_km_takes_the_nearest():
    assert tambon_for_geometry(Point(99.3886, 18.2176, srid=4326)).code == "520301"
    assert tambon_near(Point(98.268, 7.86874, srid=4326)).code == "830108"  # 540 m off Karon beach
    assert tambon_for_geometry(Point(98.268, 7.86874, srid=4326)).code == "830108"
    assert tambon_for_geometry(Point(98.23, 7.86874, srid=4326)) is None  # 4 km out
    assert tambon_for_geometry(Point(139.69, 35.69, srid=4326)) is None  # Tokyo


def test_addresses_say_tambon_and_amphoe_or_khwaeng_and_khet_in_bangkok():
    ban_laeng, wat_arun = tambon_by_code("520109"), tambon_by_code("100702") or tambon_by_code("101602")
    assert address(ban_laeng) == "ตำบลบ้านแลง อำเภอเมืองลำปาง จังหวัดลำปาง"
    assert address(ban_laeng, "en", postcode=True) == (
        "Tambon Ban Laeng, Amphoe Mueang Lampang, Lampang Province 52000"
    )
    bangkok = Tambon.objects.filter(province_id="10").select_related("amphoe", "province").first()
    assert address(bangkok).startswith(f"แขวง{bangkok.name_th} เขต{bangkok.amphoe.name_th} กรุงเทพมหานคร")
    assert address(bangkok, "en").endswith(f"Khet {bangkok.amphoe.name_en}, Bangkok")
    assert wat_arun is None or "แขวง" in address(wat_arun)


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("ตำบลบ้านแลง", ["210107", "520109"]),
        ("บ้านแลง ลำปาง", ["520109"]),
        ("บ้านแลงลำปาง", ["520109"]),
        ("ต.บ้านแลง อ.เมืองลำปาง จ.ลำปาง", ["520109"]),
        ("Ban Laeng, Lampang", ["520109"]),
        ("อ.เมือง ลำปาง", ["5201"]),
        ("เขตบางรัก", ["1004"]),
        ("แขวงบางรัก", ["100404", "920109"]),
        ("ลำปาง", ["52"]),
        ("วัดพระธาตุลำปางหลวง", []),
    ],
)
def test_places_are_found_by_what_a_thai_reader_writes(text, found):
    assert [p.code for p in places_named(text)] == found


def test_the_picker_completes_names_while_typing():
    assert [p.code for p in places_starting("บ้านแลง ลำป")] == ["520109"]
    assert "7306" in [p.code for p in places_starting("สามพ")]  # อำเภอสามพราน, districts first
    assert [p.level for p in places_starting("สามพ")][0] == "amphoe"


def test_dopa_code_status_names_current_abolished_and_unknown_codes():
    assert dopa_code_status("730607").label_th == "ตำบลบางช้าง อำเภอสามพราน จังหวัดนครปฐม"
    gone = dopa_code_status("530306")
    assert not gone.current and gone.abolished_on == "2015-03-11"
    assert [s.code for s in gone.successors] == ["530407"]
    assert not dopa_code_status("999999").known


def test_the_place_lookup_api_moves_the_map_picker(client):
    body = client.get("/api/places/", {"q": "บ้านแลง ลำปาง"}).json()
    [place] = body["results"]
    assert place["level"] == "tambon" and place["code"] == "520109"
    west, south, east, north = place["bbox"]
    assert west < 99.69 < east and south < 18.52 < north
    assert client.get("/api/places/", {"q": "Ko Kha"}).json()["results"][0]["code"] == "5203"
    assert client.get("/api/places/").status_code == 400
    assert client.get("/api/places/", {"q": "x" * 101}).status_code == 400
    assert client.get("/api/places/", {"q": "ซซซซซ"}).json() == {"results": []}


def test_district_and_city_pages_give_the_address_of_where_they_lie(client):
    from tests.factories import CulturalDistrictFactory

    district = CulturalDistrictFactory()
    tambon = tambon_for_geometry(district.geom)
    text = re.sub(r"<[^>]+>", "", client.get(district.get_absolute_url()).content.decode())
    assert f"ตำบล{tambon.name_th} อำเภอเมืองลำปาง จังหวัดลำปาง 52000" in text
    text = re.sub(r"<[^>]+>", "", client.get(district.city.get_absolute_url()).content.decode())
    assert "อำเภอเมืองลำปาง จังหวัดลำปาง" in text
