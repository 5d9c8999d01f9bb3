"""OGC API – Features at /ogc/: what a GIS client (QGIS, GDAL) reads, and what it must never read."""

import datetime
import gzip
import json
import re
from html import unescape

import pytest
from django.contrib.gis.geos import Point
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from culturalmap.assets.models import Asset
from geodata.areas import address, address_of_names
from tests.factories import (
    THUNG_SONG,
    AssetFactory,
    CulturalDistrictFactory,
    CulturalMarketFactory,
    LearningSpaceFactory,
)

pytestmark = pytest.mark.django_db

ITEMS = "/ogc/collections/assets/items"


def items(client, **query):
    response = client.get(ITEMS, query)
    assert response.status_code == 200, response.content
    assert response["Content-Type"] == "application/geo+json"
    return response.json()


def codes(doc) -> set[str]:
    return {f["id"] for f in doc["features"]}


def test_the_landing_page_links_its_openapi_definition_conformance_and_collections(client):
    doc = client.get("/ogc/").json()
    links = {link["rel"]: link for link in doc["links"]}
    assert links["service-desc"]["type"] == "application/vnd.oai.openapi+json;version=3.0"
    assert links["conformance"]["href"].endswith("/ogc/conformance")
    assert links["data"]["href"].endswith("/ogc/collections")
    api = client.get(links["service-desc"]["href"])
    assert api["Content-Type"] == "application/vnd.oai.openapi+json;version=3.0"
    paths = api.json()["paths"]
    limit = next(p for p in paths["/collections/assets/items"]["get"]["parameters"] if "$ref" in p)
    assert limit == {"$ref": "#/components/parameters/limit"}
    assert api.json()["components"]["parameters"]["limit"]["schema"]["maximum"] == 10_000
    conforms = client.get("/ogc/conformance").json()["conformsTo"]
    for part in ("core", "geojson", "oas30", "html"):
        assert f"http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/{part}" in conforms


def test_every_kind_of_the_registry_is_a_collection_with_its_extent_and_links(client):
    AssetFactory(geom=Point(99.0, 18.0, srid=4326))
    collections = client.get("/ogc/collections").json()["collections"]
    assert [c["id"] for c in collections] == [
        "assets",
        "districts",
        "markets",
        "cultural-cities",
        "cultural-enterprises",  # the economy's kinds, registered there: collections here unasked
        "cultural-products",
        "learning-cities",
        "learning-spaces",
    ]
    assets = collections[0]
    assert assets["extent"]["spatial"]["bbox"] == [[99.0, 18.0, 99.0, 18.0]]
    assert {link["rel"] for link in assets["links"]} >= {
        "self",
        "items",
        "http://www.opengis.net/def/rel/ogc/1.0/queryables",
        "http://www.opengis.net/def/rel/ogc/1.0/tilesets-vector",
    }


def test_only_public_records_and_an_at_risk_site_only_where_the_public_sees_it(client):
    shown = AssetFactory()
    AssetFactory(status="draft")
    at_risk = AssetFactory(risk="high", geom=Point(99.3886, 18.2176, srid=4326))
    at_risk.refresh_from_db()
    doc = items(client)
    assert codes(doc) == {shown.code, at_risk.code}
    feature = next(f for f in doc["features"] if f["id"] == at_risk.code)
    x, y = feature["geometry"]["coordinates"]
    assert (round(x, 6), round(y, 6)) == (
        round(at_risk.public_location.x, 6),
        round(at_risk.public_location.y, 6),
    )
    assert (round(x, 4), round(y, 4)) != (99.3886, 18.2176)
    assert feature["properties"]["tambon"] == at_risk.public_tambon_code
    assert feature["properties"]["location_generalised"] is True
    # Nor does the single item, the HTML or any filter give the exact place away.
    one = client.get(f"{ITEMS}/{at_risk.code}").json()
    assert one["geometry"] == feature["geometry"]
    exact_box = "99.3880,18.2170,99.3890,18.2180"
    assert at_risk.code not in codes(items(client, bbox=exact_box))


def test_records_whose_parent_is_not_public_stay_out(client):
    market = CulturalMarketFactory()
    CulturalMarketFactory(district=CulturalDistrictFactory(status="withdrawn"))
    space = LearningSpaceFactory()
    LearningSpaceFactory(
        city=space.city.__class__.objects.create(
            name_th="ร่าง",
            name_en="Draft",
            province=space.city.province,
            joined_year=2024,
            location=space.city.location,
            status="draft",
        )
    )
    assert codes(client.get("/ogc/collections/markets/items").json()) == {market.code}
    assert codes(client.get("/ogc/collections/learning-spaces/items").json()) == {space.code}


def test_pages_follow_next_links_to_every_feature_once(client):
    made = {a.code for a in AssetFactory.create_batch(7)}
    first = items(client, limit=3)
    assert (first["numberMatched"], first["numberReturned"]) == (7, 3)
    seen, doc = [], first
    while True:
        seen += [f["id"] for f in doc["features"]]
        following = [link["href"] for link in doc["links"] if link["rel"] == "next"]
        if not following:
            break
        doc = client.get(following[0]).json()
    assert sorted(seen) == sorted(made) and len(seen) == 7
    last = items(client, limit=3, offset=6)
    assert last["numberReturned"] == 1 and any(link["rel"] == "prev" for link in last["links"])
    assert items(client, offset=50)["features"] == []


def test_filters_by_box_time_archetype_province_district_and_sub_district(client):
    lampang = AssetFactory(archetype="architecture")  # Wat Phra That Lampang Luang, 520301
    south = AssetFactory(archetype="craftsmanship", geom=THUNG_SONG)
    Asset.objects.filter(pk=south.pk).update(updated_at=timezone.now() - datetime.timedelta(days=30))
    assert codes(items(client, bbox="99,18,100,19")) == {lampang.code}
    assert codes(items(client, archetype="craftsmanship")) == {south.code}
    assert codes(items(client, category="architecture,craftsmanship")) == {lampang.code, south.code}
    assert codes(items(client, province="52")) == {lampang.code}
    assert codes(items(client, province="ลำปาง")) == {lampang.code}
    assert codes(items(client, district="5203")) == {lampang.code}
    assert codes(items(client, amphoe="5203")) == {lampang.code}
    assert codes(items(client, sub_district=lampang.public_tambon_code)) == {lampang.code}
    week_ago = (timezone.now() - datetime.timedelta(days=7)).isoformat().replace("+00:00", "Z")
    assert codes(items(client, datetime=f"{week_ago}/..")) == {lampang.code}
    assert codes(items(client, datetime=f"../{week_ago}")) == {south.code}


@pytest.mark.parametrize(
    ("query", "says"),
    [
        ({"bbox": "1,2,3"}, "four numbers"),
        ({"bbox": "100,18,99,19"}, "antimeridian"),
        ({"limit": "0"}, "between 1 and 10000"),
        ({"limit": "lots"}, "whole number"),
        ({"archetype": "castle"}, "unknown archetype castle"),
        ({"province": "99"}, "no province"),
        ({"district": "52"}, "4-digit"),
        ({"datetime": "yesterday"}, "RFC 3339"),
        ({"colour": "red"}, "unknown query parameter"),
        ({"bbox-crs": "http://www.opengis.net/def/crs/EPSG/0/32647"}, "not offered"),
    ],
)
def test_a_bad_parameter_is_a_400_that_names_it(client, query, says):
    response = client.get(ITEMS, query)
    assert response.status_code == 400
    assert response.json()["code"] == "InvalidParameterValue"
    assert says in response.json()["description"]


def test_one_feature_by_its_code_and_a_404_for_what_is_not_public(client):
    asset = AssetFactory()
    draft = AssetFactory(status="draft")
    doc = client.get(f"{ITEMS}/{asset.code}").json()
    assert doc["id"] == asset.code and doc["properties"]["name_th"] == asset.name_th
    assert {link["rel"] for link in doc["links"]} >= {"self", "alternate", "collection"}
    for missing in (draft.code, "CA-NOPE"):
        response = client.get(f"{ITEMS}/{missing}")
        assert response.status_code == 404 and response.json()["code"] == "NotFound"
    assert client.get("/ogc/collections/castles/items").status_code == 404


def test_answers_are_gzipped_for_clients_that_take_it_and_unchanged_pages_are_304(client):
    AssetFactory.create_batch(5)
    response = client.get(ITEMS, HTTP_ACCEPT_ENCODING="gzip")
    assert response["Content-Encoding"] == "gzip"
    body = json.loads(gzip.decompress(response.content))
    assert body["numberReturned"] == 5
    again = client.get(ITEMS, HTTP_ACCEPT_ENCODING="gzip", HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304 and again.content == b""
    AssetFactory()
    assert client.get(ITEMS, HTTP_IF_NONE_MATCH=response["ETag"]).status_code == 200


def test_a_page_costs_the_same_queries_whatever_its_size(client):
    AssetFactory.create_batch(12)
    items(client, limit=1)  # the compiled statements are cached per process
    with CaptureQueriesContext(connection) as one:
        items(client, limit=1)
    with CaptureQueriesContext(connection) as many:
        items(client, limit=12)
    # One statement, prepared on the connection's first page, then only executed: the page and its count.
    assert [q["sql"].split()[:2] for q in one.captured_queries] == [
        q["sql"].split()[:2] for q in many.captured_queries
    ]
    assert [q["sql"].split()[0] for q in many.captured_queries] == ["EXECUTE"]


def test_queryables_name_the_filters_with_their_values(client):
    doc = client.get("/ogc/collections/assets/queryables").json()
    assert doc["properties"]["category"]["enum"][:2] == ["artefact", "architecture"]
    assert doc["properties"]["amphoe"]["pattern"] == "^[0-9]{4}$"
    assert doc["properties"]["updated_at"]["format"] == "date-time"
    assert client.get("/ogc/collections/markets/queryables").json()["properties"].get("category") is None


def test_a_browser_gets_the_same_resources_as_html(client):
    asset = AssetFactory()
    for url in ("/ogc/", "/ogc/collections", "/ogc/collections/assets", ITEMS, f"{ITEMS}/{asset.code}"):
        response = client.get(url, HTTP_ACCEPT="text/html,application/xhtml+xml,*/*;q=0.8")
        assert response.status_code == 200 and response["Content-Type"].startswith("text/html"), url
    page = client.get(ITEMS, {"f": "html"}).content.decode()
    assert asset.name_th in page and asset.get_absolute_url() in page


def test_a_kind_registered_tomorrow_is_a_collection_with_no_edit_here(client):
    from culturalmap.core import records
    from tests.core.test_records import FESTIVAL

    records.register(FESTIVAL)
    try:
        festival = CulturalMarketFactory(name_th="งานยี่เป็งลำปาง")
        ids = [c["id"] for c in client.get("/ogc/collections").json()["collections"]]
        assert ids[-1] == "festivals"
        doc = client.get("/ogc/collections/festivals/items").json()
        assert [f["properties"]["name_th"] for f in doc["features"]] == ["งานยี่เป็งลำปาง"]
        assert doc["features"][0]["properties"]["district_code"] == festival.district.code
        assert "/collections/festivals/items" in client.get("/ogc/api").json()["paths"]
    finally:
        records.unregister(FESTIVAL.code)


def test_a_gis_clients_json_skips_the_session_and_a_browser_gets_its_language(client):
    AssetFactory()
    client.cookies["django_language"] = "en"
    for url in ("/ogc/", ITEMS, "/ogc/collections/assets/tiles"):
        response = client.get(url, HTTP_ACCEPT="application/geo+json")
        assert response.status_code == 200, url
        assert "Cookie" not in response.get("Vary", "") and not response.cookies, url
    page = client.get("/ogc/collections", {"f": "html"})
    assert "<h1>Collections</h1>" in page.content.decode()
    assert client.get(ITEMS, HTTP_HOST="evil.example").status_code == 400


def _html_addresses(page: str) -> list[str]:
    return [unescape(a) for a in re.findall(r'<td class="address">([^<]*)</td>', page)]


def test_the_items_page_writes_each_place_as_a_thai_address_and_an_at_risk_site_s_public_one(client):
    lampang = AssetFactory(name_th="วัดบ้านแลง", geom=Point(99.68999, 18.52668, srid=4326))
    at_risk = AssetFactory(name_th="เนินโบราณ", risk="high", geom=Point(99.6244, 18.2249, srid=4326))
    stored = {a.code: a for a in Asset.objects.select_related("tambon", "public_tambon").all()}
    public = stored[at_risk.code].public_tambon
    assert public.code != stored[at_risk.code].tambon_code

    page = client.get(ITEMS, {"f": "html"}).content.decode()
    shown = _html_addresses(page)
    assert address(stored[lampang.code].tambon) in shown  # ตำบล… อำเภอ… จังหวัดลำปาง
    assert address(public) in shown  # the generalised point's sub-district, never the exact one
    assert stored[at_risk.code].tambon.name_th not in page
    assert all(a.startswith("ตำบล") and " อำเภอ" in a and a.endswith("จังหวัดลำปาง") for a in shown)

    english = _html_addresses(client.get(ITEMS, {"f": "html", "lang": "en"}).content.decode())
    assert address(public, "en") in english and all(a.startswith("Tambon ") for a in english)

    one = client.get(f"{ITEMS}/{lampang.code}", {"f": "html"}).content.decode()  # still in English
    assert address(stored[lampang.code].tambon, "en") in unescape(one)
    one = client.get(f"{ITEMS}/{lampang.code}", {"f": "html", "lang": "th"}).content.decode()
    assert address(stored[lampang.code].tambon) in unescape(one)


def test_a_bangkok_feature_reads_khwaeng_and_khet_and_one_off_the_map_only_its_province():
    thai = address_of_names("10", tambon="พระบรมมหาราชวัง", amphoe="พระนคร", province_th="กรุงเทพมหานคร")
    assert thai == "แขวงพระบรมมหาราชวัง เขตพระนคร กรุงเทพมหานคร"
    english = address_of_names(
        "10", tambon="Phra Borom Maha Ratchawang", amphoe="Phra Nakhon", province_en="Bangkok", language="en"
    )
    assert english == "Khwaeng Phra Borom Maha Ratchawang, Khet Phra Nakhon, Bangkok"
    assert (
        address_of_names("52", province_th="ลำปาง", province_en="Lampang", language="en")
        == "Lampang Province"
    )
