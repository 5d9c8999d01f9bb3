"""Search by district and sub-district: facets, filters, the public place of an at-risk site, and a
query that is an address listing what lies there ("ตำบลบ้านแลง", "บ้านแลง ลำปาง")."""

import pytest
from django.contrib.gis.geos import Point

from culturalmap.search import index
from tests.factories import AssetFactory, CulturalMarketFactory, province

from .test_api import search

pytestmark = pytest.mark.django_db

BAN_LAENG_LAMPANG = Point(99.68999, 18.52668, srid=4326)  # ตำบลบ้านแลง อำเภอเมืองลำปาง (520109)
BAN_LAENG_RAYONG = Point(101.3805, 12.7089, srid=4326)  # ตำบลบ้านแลง อำเภอเมืองระยอง (210107)
LAMPANG_LUANG = Point(99.3886, 18.2176, srid=4326)  # ตำบลลำปางหลวง อำเภอเกาะคา (520301)


@pytest.fixture
def places(index_dir):
    records = {
        "laeng_temple": AssetFactory(name_th="วัดศรีบ้านแลง", geom=BAN_LAENG_LAMPANG),
        "laeng_craft": AssetFactory(name_th="จักสานไม้ไผ่", archetype="craftsmanship", geom=BAN_LAENG_LAMPANG),
        "rayong": AssetFactory(name_th="ศาลเจ้าบ้านแลง", geom=BAN_LAENG_RAYONG, province=province("21")),
        "ko_kha": AssetFactory(name_th="วัดพระธาตุลำปางหลวง", geom=LAMPANG_LUANG),
        "market": CulturalMarketFactory(name_th="กาดบ้านแลง", location=BAN_LAENG_LAMPANG),
    }
    index.rebuild()
    return records


def codes(body) -> set[str]:
    return {r["code"] for r in body["results"]}


def test_results_carry_their_district_and_sub_district(client, places):
    body = search(client, q="วัดพระธาตุลำปางหลวง")
    hit = next(r for r in body["results"] if r["code"] == places["ko_kha"].code)
    assert (hit["amphoe"], hit["tambon"]) == ("5203", "520301")


def test_facets_count_districts_and_sub_districts_with_their_names(client, places):
    facets = search(client, province="52")["facets"]
    tambons = {v["value"]: v for v in facets["tambon"]}
    assert tambons["520109"]["count"] == 3  # two assets and the market
    assert tambons["520109"]["label_th"] == "ตำบลบ้านแลง อำเภอเมืองลำปาง จังหวัดลำปาง"
    assert {v["value"]: v["count"] for v in facets["amphoe"]} == {
        "5201": 5,
        "5203": 1,
    }  # market: city, district too


def test_filters_by_district_and_sub_district(client, places):
    assert codes(search(client, amphoe="5203")) == {places["ko_kha"].code}
    in_ban_laeng = codes(search(client, tambon="520109", kind="asset"))
    assert in_ban_laeng == {places["laeng_temple"].code, places["laeng_craft"].code}
    assert codes(search(client, tambon="520109,210107", kind="asset")) == in_ban_laeng | {
        places["rayong"].code
    }


@pytest.mark.parametrize(
    ("params", "says"),
    [({"tambon": "5201"}, "520109"), ({"amphoe": "9999"}, "5201"), ({"tambon": "999999"}, "6")],
)
def test_an_unknown_code_is_a_400_that_says_what_a_code_looks_like(client, places, params, says):
    response = client.get("/api/search/", params)
    assert response.status_code == 400
    assert says in response.json()["detail"] and len(response.json()["detail"]) < 200


@pytest.mark.parametrize(
    "q", ["ตำบลบ้านแลง ลำปาง", "บ้านแลง ลำปาง", "ต.บ้านแลง อ.เมืองลำปาง", "Ban Laeng, Lampang"]
)
def test_an_address_lists_what_lies_in_that_sub_district(client, places, q):
    body = search(client, q=q)
    assert body["place"]["code"] == "520109"
    assert body["place"]["label_th"] == "ตำบลบ้านแลง อำเภอเมืองลำปาง จังหวัดลำปาง"
    assert codes(body) == {places["laeng_temple"].code, places["laeng_craft"].code, places["market"].code}


def test_a_district_address_lists_the_district(client, places):
    body = search(client, q="อำเภอเกาะคา")
    assert body["place"]["code"] == "5203" and codes(body) == {places["ko_kha"].code}


def test_a_name_two_provinces_share_offers_both_places_and_still_searches_the_words(client, places):
    body = search(client, q="ตำบลบ้านแลง")
    assert body["place"] is None
    assert [p["code"] for p in body["places"]] == ["210107", "520109"]
    # A bare name is a word too: the records named with it are found as ever.
    bare = search(client, q="บ้านแลง")
    assert bare["place"] is None and places["rayong"].code in codes(bare)


def test_the_search_page_answers_an_address_and_offers_the_places_of_a_shared_name(client, places):
    html = client.get("/search/", {"q": "บ้านแลง ลำปาง"}).content.decode()
    assert "สิ่งที่อยู่ในตำบลบ้านแลง อำเภอเมืองลำปาง จังหวัดลำปาง" in html
    assert "วัดศรีบ้านแลง" in html and "ศาลเจ้าบ้านแลง" not in html
    html = client.get("/search/", {"q": "ตำบลบ้านแลง"}).content.decode()
    assert "?tambon=210107" in html and "?tambon=520109" in html
    assert "ตำบลบ้านแลง อำเภอเมืองระยอง จังหวัดระยอง" in html


def test_the_page_lists_sub_districts_once_a_district_is_chosen(client, places):
    html = client.get("/search/", {"amphoe": "5201"}).content.decode()
    assert "facet-tambon" in html and "ตำบลบ้านแลง อำเภอเมืองลำปาง" in html
    assert "อำเภอเมืองลำปาง จังหวัดลำปาง ✕" in html  # the filter's chip says the place's name


def test_an_at_risk_site_is_found_only_in_the_places_of_its_generalised_point(client, index_dir):
    # 99.6244, 18.2249 lies in 521008; its public grid point (99.60, 18.20) in 521001.
    site = AssetFactory(
        name_th="เนินโบราณแม่ทะ", archetype="historic_site", risk="high", geom=Point(99.6244, 18.2249)
    )
    index.rebuild()
    [hit] = search(client, q="เนินโบราณแม่ทะ")["results"]
    assert hit["tambon"] == site.public_tambon_code != site.tambon_code
    assert search(client, tambon=site.tambon_code)["count"] == 0
