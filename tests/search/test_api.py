"""GET /api/search/: results, facets, filters, map area, paging, errors, the public view."""

import pytest
from django.contrib.gis.geos import Point
from django.utils import translation

from culturalmap.search import index
from culturalmap.search.api import SearchParamsSerializer, SearchResponseSerializer
from tests.factories import (
    AssetFactory,
    CulturalDistrictFactory,
    CulturalMarketFactory,
    LearningCityFactory,
    LearningSpaceFactory,
    province,
)

pytestmark = pytest.mark.django_db

CHIANG_MAI_TEMPLE = Point(98.9217, 18.8048, srid=4326)  # Doi Suthep, Chiang Mai (50)
PHIMAI = Point(102.4944, 15.2210, srid=4326)  # Nakhon Ratchasima (30)


@pytest.fixture
def catalogue(index_dir):
    records = {
        "lampang_luang": AssetFactory(
            name_th="วัดพระธาตุลำปางหลวง",
            name_en="Wat Phra That Lampang Luang",
            ref="ICH-52-0001",
            description_th="วิหารหลวงสร้างเมื่อ พ.ศ. 2019",
        ),
        "doi_suthep": AssetFactory(
            name_th="วัดพระธาตุดอยสุเทพ",
            name_en="Wat Phra That Doi Suthep",
            geom=CHIANG_MAI_TEMPLE,
            province=province("50"),
        ),
        "phimai": AssetFactory(
            name_th="ปราสาทหินพิมาย",
            name_en="Phimai Historical Park",
            archetype="historic_site",
            geom=PHIMAI,
            province=province("30"),
        ),
        "pottery": AssetFactory(
            name_th="เครื่องปั้นดินเผาบ้านเชียง",
            name_en="Ban Chiang pottery",
            archetype="artefact",
            geom=PHIMAI,
            province=province("30"),
        ),
        "trok_sui": LearningSpaceFactory(name_th="ตรอกสุ่ย", name_en="Trok Sui"),
        "thung_song": CulturalMarketFactory(name_th="ตลาดชุมชนทางทุ่งสง", name_en="Thung Song Community Market"),
    }
    index.rebuild()
    return records


def search(client, **params):
    response = client.get("/api/search/", params)
    assert response.status_code == 200, response.content
    return response.json()


def codes(body) -> list[str]:
    return [r["code"] for r in body["results"]]


def test_a_result_carries_what_the_map_and_the_list_need(client, catalogue):
    asset = catalogue["lampang_luang"]
    body = search(client, q="ลำปางหลวง")
    assert body["count"] == 1
    [result] = body["results"]
    assert result["kind"] == "asset"
    assert result["code"] == asset.code
    assert result["ref"] == "ICH-52-0001"
    assert result["name_th"] == "วัดพระธาตุลำปางหลวง"
    assert result["name_en"] == "Wat Phra That Lampang Luang"
    assert result["category"] == "architecture"
    assert result["province"] == {"code": "52", "name_th": "ลำปาง", "name_en": "Lampang"}
    assert (result["lon"], result["lat"]) == pytest.approx((99.3886, 18.2176))
    assert result["url"] == asset.get_absolute_url()
    assert result["highlights"]["name_th"] == "วัดพระธาตุ<mark>ลำปางหลวง</mark>"
    assert SearchResponseSerializer(data=body).is_valid(), "the documented schema matches"


def test_a_record_imported_without_a_ref_has_null_ref(client, catalogue):
    [result] = search(client, q="ตรอกสุ่ย")["results"]
    assert result["ref"] is None
    assert result["kind"] == "learning_space"
    assert result["category"] == "co_learning_space"


@pytest.mark.parametrize(
    "q", ["Lampang Luang", "lampang luang", "ลำปางหลวง", "พระธาตุลำปาง", "wat phra that lampang"]
)
def test_thai_english_and_romanised_queries_find_the_record(client, catalogue, q):
    assert codes(search(client, q=q))[0] == catalogue["lampang_luang"].code


def test_a_romanised_query_finds_a_thai_only_name(client, catalogue):
    asset = AssetFactory(name_th="ประเพณีแห่ผีตาโขน", name_en="", archetype="social_practice")
    index.update_records("asset", [asset.pk])
    assert codes(search(client, q="phi ta khon"))[:1] == [asset.code]


def test_a_code_or_ref_typed_into_the_box_finds_the_record(client, catalogue):
    asset = catalogue["phimai"]
    assert codes(search(client, q=asset.code)) == [asset.code]
    assert codes(search(client, q="ICH-52-0001"))[:1] == [catalogue["lampang_luang"].code]


def test_a_year_in_either_era_finds_the_record(client, catalogue):
    # The description says พ.ศ. 2019, i.e. 1476 CE.
    assert codes(search(client, q="1476")) == [catalogue["lampang_luang"].code]
    assert codes(search(client, q="๒๐๑๙")) == [catalogue["lampang_luang"].code]


def test_facets_count_kinds_categories_provinces_and_regions_over_all_matches(client, catalogue):
    # The market comes with its district and cultural city, the space with its learning city.
    body = search(client, q="", page_size=1)
    facets = {name: {v["value"]: v["count"] for v in values} for name, values in body["facets"].items()}
    assert body["count"] == 9
    assert facets["kind"] == {
        "asset": 4,
        "learning_space": 1,
        "learning_city": 1,
        "market": 1,
        "district": 1,
        "city": 1,
    }
    assert facets["category"] == {
        "architecture": 2,
        "historic_site": 1,
        "artefact": 1,
        "co_learning_space": 1,
    }
    assert facets["province"] == {"52": 4, "50": 1, "30": 2, "95": 2}
    assert facets["region"]["Northeast"] == 2
    labels = {v["value"]: (v["label_th"], v["label_en"]) for v in body["facets"]["category"]}
    assert labels["historic_site"] == ("โบราณสถาน", "Historic sites")


def test_filters_narrow_the_results_and_the_facets(client, catalogue):
    body = search(client, q="", province="30")
    assert sorted(codes(body)) == sorted([catalogue["phimai"].code, catalogue["pottery"].code])
    assert {v["value"] for v in body["facets"]["province"]} == {"30"}
    body = search(client, q="", province="30", category="artefact")
    assert codes(body) == [catalogue["pottery"].code]
    body = search(client, q="", kind="learning_space,market")
    assert sorted(codes(body)) == sorted([catalogue["trok_sui"].code, catalogue["thung_song"].code])
    assert {v["value"]: v["count"] for v in body["facets"]["kind"]} == {"learning_space": 1, "market": 1}
    body = search(client, q="พระธาตุ", region="UpperNorth")
    assert sorted(codes(body)) == sorted([catalogue["lampang_luang"].code, catalogue["doi_suthep"].code])


def test_archetypes_narrow_the_assets_and_leave_other_kinds_as_the_map_s_list_needs(client, catalogue):
    body = search(client, kind="asset,market,learning_space", archetype="artefact,historic_site")
    expected = ("phimai", "pottery", "trok_sui", "thung_song")  # the artefact, the site, and the others
    assert sorted(codes(body)) == sorted(catalogue[k].code for k in expected)
    assert codes(search(client, kind="asset", archetype="artefact")) == [catalogue["pottery"].code]
    refused = client.get("/api/search/", {"archetype": "castles"})
    assert refused.status_code == 400 and "castles" in refused.content.decode()


def test_an_empty_query_with_filters_lists_the_filtered_records_by_name(client, catalogue):
    body = search(client, kind="asset")
    names = [r["name_th"] for r in body["results"]]
    assert body["count"] == 4
    assert names == [
        "เครื่องปั้นดินเผาบ้านเชียง",
        "ปราสาทหินพิมาย",
        "วัดพระธาตุดอยสุเทพ",
        "วัดพระธาตุลำปางหลวง",
    ]  # Thai dictionary order: เครื่อง under ค


def test_the_map_area_filter_keeps_only_records_inside_the_box(client, catalogue):
    lampang_box = "99.0,18.0,99.8,18.6"
    body = search(client, q="พระธาตุ", bbox=lampang_box)
    assert codes(body) == [catalogue["lampang_luang"].code]
    assert search(client, bbox="100.0,5.5,101.0,6.0")["count"] == 0


def test_an_at_risk_site_shows_only_its_generalised_location(client, index_dir):
    exact = Point(99.3886, 18.2176, srid=4326)
    site = AssetFactory(
        name_th="แหล่งโบราณคดีบ้านดอนไชย", name_en="", archetype="historic_site", risk="high", geom=exact
    )
    index.rebuild()
    [result] = search(client, q="บ้านดอนไชย")["results"]
    assert result["code"] == site.code
    assert (result["lon"], result["lat"]) == pytest.approx((99.40, 18.20))
    # A box drawn tightly round the exact spot must not reveal it.
    assert search(client, bbox="99.385,18.215,99.392,18.220")["count"] == 0
    assert search(client, bbox="99.39,18.19,99.41,18.21")["count"] == 1


def test_unpublished_records_never_appear(client, index_dir):
    hidden = [
        AssetFactory(name_th="วัดร่างยังไม่เผยแพร่", status="draft"),
        AssetFactory(name_th="วัดที่ถอนออกแล้ว", status="withdrawn"),
        CulturalMarketFactory(name_th="กาดที่ถอนออก", status="withdrawn"),
    ]
    published = AssetFactory(name_th="วัดที่เผยแพร่แล้ว")
    index.rebuild()
    listed = codes(search(client, page_size=100))
    assert published.code in listed
    assert not {record.code for record in hidden} & set(listed)
    for record in hidden:
        assert record.code not in codes(search(client, q=record.name_th))
        assert record.code not in codes(search(client, q=record.code))


def test_the_spaces_of_a_draft_learning_city_never_appear(client, index_dir):
    draft_city = LearningCityFactory(name_th="เมืองร่าง", status="draft")
    hidden = LearningSpaceFactory(city=draft_city, name_th="ห้องสมุดเมืองร่าง")
    shown = LearningSpaceFactory(name_th="ห้องสมุดเมืองเผยแพร่")
    index.rebuild()
    listed = codes(search(client, kind="learning_space", page_size=100))
    assert shown.code in listed and hidden.code not in listed
    assert hidden.code not in codes(search(client, q="ห้องสมุดเมืองร่าง"))
    assert hidden.code not in codes(search(client, q=hidden.code))


def test_a_market_of_a_withdrawn_district_never_appears(client, index_dir):
    market = CulturalMarketFactory(
        name_th="กาดในย่านที่ถอนออก", district=CulturalDistrictFactory(status="withdrawn")
    )
    index.rebuild()
    assert market.code not in codes(search(client, q=market.code))
    assert market.code not in codes(search(client, kind="market", page_size=100))


def test_paging_walks_every_match_once(client, catalogue):
    pages = [search(client, page_size=4, page=n) for n in (1, 2, 3)]
    assert [p["count"] for p in pages] == [9, 9, 9]
    assert pages[0]["pages"] == 3
    assert [len(p["results"]) for p in pages] == [4, 4, 1]
    seen = [code for p in pages for code in codes(p)]
    assert len(seen) == len(set(seen)) == 9


@pytest.mark.parametrize(
    ("params", "named"),
    [
        ({"page": "4", "page_size": "4"}, "page"),
        ({"page": "0"}, "page"),
        ({"page": "two"}, "page"),
        ({"page_size": "1000"}, "page_size"),
        ({"kind": "temple"}, "kind"),
        ({"kind": "asset,temple"}, "kind"),
        ({"category": "dance"}, "category"),
        ({"province": "99"}, "province"),
        ({"region": "Mars"}, "region"),
        ({"bbox": "99,18,100"}, "bbox"),
        ({"bbox": "a,b,c,d"}, "bbox"),
        ({"bbox": "100,18,99,19"}, "bbox"),
        ({"bbox": "99,18,100,nan"}, "bbox"),
        ({"bbox": "99,-95,100,19"}, "bbox"),
        ({"q": "ก" * 201}, "q"),
    ],
)
def test_bad_parameters_get_a_400_naming_the_parameter(client, catalogue, params, named):
    response = client.get("/api/search/", params)
    assert response.status_code == 400
    body = response.json()
    assert named in body["errors"]
    assert body["detail"].startswith(named)


def test_an_unknown_kind_is_named_in_the_message(client, catalogue):
    body = client.get("/api/search/", {"kind": "temple"}).json()
    assert "temple" in body["detail"]


def test_without_an_index_the_api_says_it_is_being_built(client, index_dir):
    response = client.get("/api/search/", {"q": "ลำปาง"})
    assert response.status_code == 503
    assert response["Retry-After"]
    assert "search index is being built" in response.json()["detail"]


def test_highlights_are_escaped_html(client, index_dir):
    AssetFactory(name_th="<script>alert(1)</script> วัดจองคำ", name_en="Wat Chong Kham <b>")
    index.rebuild()
    [result] = search(client, q="จองคำ")["results"]
    assert "<script>" not in result["highlights"]["name_th"]
    assert "&lt;script&gt;" in result["highlights"]["name_th"]
    assert "<mark>จองคำ</mark>" in result["highlights"]["name_th"]


def test_a_snippet_of_the_description_shows_the_matched_word(client, catalogue):
    [result] = search(client, q="วิหารหลวง")["results"]
    assert (
        "<mark>วิหาร</mark>" in result["highlights"]["description_th"]
        or "<mark>วิหารหลวง</mark>" in result["highlights"]["description_th"]
    )


def test_the_search_api_is_documented_in_the_openapi_schema(client):
    schema = client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
    operation = schema["paths"]["/api/search/"]["get"]
    assert {p["name"] for p in operation["parameters"]} >= {
        "q",
        "kind",
        "category",
        "province",
        "region",
        "bbox",
        "page",
        "page_size",
    }
    assert {"200", "400", "503"} <= set(operation["responses"])
    result = schema["components"]["schemas"]["SearchResult"]["properties"]
    assert {
        "kind",
        "code",
        "ref",
        "name_th",
        "name_en",
        "category",
        "province",
        "lon",
        "lat",
        "highlights",
        "url",
    } <= set(result)


def test_the_optional_filters_have_no_default_in_the_openapi_schema(client):
    # A default of () was shown as "()" and sent back by the docs' "Try it out": a 400.
    schema = client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
    parameters = {p["name"]: p for p in schema["paths"]["/api/search/"]["get"]["parameters"]}
    for name in ("kind", "category", "province", "region", "bbox"):
        assert "default" not in parameters[name]["schema"], name
        assert not parameters[name].get("required"), name


def test_without_filters_nothing_is_filtered(client, catalogue):
    assert search(client)["count"] == 9
    assert search(client, q="พระธาตุ")["count"] == 2


def english(client):
    client.cookies["django_language"] = "en"
    return client


def test_an_over_long_query_is_told_so_naming_the_limit(client, catalogue):
    body = client.get("/api/search/", {"q": "ก" * 250}).json()
    assert body["errors"]["q"] == ["คำค้นยาวเกินไป: พิมพ์ได้ไม่เกิน 200 ตัวอักษร (พิมพ์มา 250 ตัวอักษร)"]
    assert body["detail"] == "q: คำค้นยาวเกินไป: พิมพ์ได้ไม่เกิน 200 ตัวอักษร (พิมพ์มา 250 ตัวอักษร)"
    body = english(client).get("/api/search/", {"q": "a" * 250}).json()
    assert body["errors"]["q"] == ["The search words are too long: at most 200 characters (250 typed)."]


def test_a_page_past_the_last_is_told_so_in_the_visitors_language(client, catalogue):
    response = client.get("/api/search/", {"page": "999", "page_size": "4"})
    assert response.status_code == 400
    assert response.json()["errors"]["page"] == ["ไม่มีหน้า 999: ผลการค้นหามีทั้งหมด 3 หน้า"]
    body = english(client).get("/api/search/", {"page": "999", "page_size": "4"}).json()
    assert body["detail"] == "page: There is no page 999: the results fill 3 pages."


def test_a_nul_character_is_refused_in_the_visitors_language():
    # Refused before the database sees it; said in Thai, or English when chosen.
    with translation.override("th"):
        params = SearchParamsSerializer(data={"q": "a\x00b", "bbox": "99,18,100,19\x00"})
        assert not params.is_valid()
        assert params.errors["q"] == ["คำค้นมีอักขระ NUL ซึ่งใช้ไม่ได้"]
        assert params.errors["bbox"] == ["มีอักขระ NUL ซึ่งใช้ไม่ได้"]
    with translation.override("en"):
        params = SearchParamsSerializer(data={"q": "a\x00b"})
        assert not params.is_valid()
        assert params.errors["q"] == ["The search words contain a NUL character, which is not allowed."]
