"""What search engines and citing readers get of a record: schema.org JSON-LD (names in both
languages; an at-risk site at its public place only), a citation, and the sitemap with hreflang."""

import json
import re
import xml.etree.ElementTree as ET

import pytest
from django.contrib.gis.geos import Point

from tests.factories import (
    AssetFactory,
    CulturalCityFactory,
    CulturalDistrictFactory,
    CulturalMarketFactory,
    LearningSpaceFactory,
)

pytestmark = pytest.mark.django_db

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"


def json_ld(page: str) -> list[dict]:
    found = re.findall(r'<script type="application/ld\+json"[^>]*>(.*?)</script>', page, re.S)
    return [json.loads(text) for text in found]


def test_an_asset_page_carries_its_record_in_both_languages_and_a_citation(client):
    asset = AssetFactory(
        archetype="historic_site", name_th="วัดพระธาตุลำปางหลวง", name_en="Wat Phra That Lampang Luang"
    )
    page = client.get(asset.get_absolute_url()).content.decode()
    [doc] = json_ld(page)
    assert doc["@context"] == "https://schema.org" and doc["@type"] == "LandmarksOrHistoricalBuildings"
    assert doc["@id"] == f"http://testserver{asset.get_absolute_url()}"
    assert {"@language": "th", "@value": "วัดพระธาตุลำปางหลวง"} in doc["name"]
    assert {"@language": "en", "@value": "Wat Phra That Lampang Luang"} in doc["name"]
    assert doc["geo"]["latitude"] == pytest.approx(18.2176, abs=1e-4)
    assert doc["address"]["addressRegion"] == "ลำปาง" and doc["identifier"] == asset.code
    cite = page[page.index('class="cite-record"') :]
    assert asset.code in cite and f"http://testserver{asset.get_absolute_url()}" in cite
    assert f"/assets/{asset.code}/history/" in page


def test_an_at_risk_site_gives_search_engines_its_generalised_point_only(client):
    site = AssetFactory(risk="high", geom=Point(99.3886, 18.2176, srid=4326))
    site.refresh_from_db()
    [doc] = json_ld(client.get(site.get_absolute_url()).content.decode())
    place = doc.get("spatialCoverage", doc)
    assert place["geo"]["longitude"] == pytest.approx(site.public_location.x, abs=1e-9)
    assert place["geo"]["latitude"] == pytest.approx(site.public_location.y, abs=1e-9)
    assert "18.2176" not in json.dumps(doc)


def test_intangible_heritage_is_a_work_set_in_its_place(client):
    craft = AssetFactory(archetype="craftsmanship")
    [doc] = json_ld(client.get(craft.get_absolute_url()).content.decode())
    assert doc["@type"] == "CreativeWork" and doc["spatialCoverage"]["@type"] == "Place"


def test_every_kind_of_record_page_has_its_type(client):
    market = CulturalMarketFactory()
    expected = {
        market.get_absolute_url(): "EventSeries",
        market.district.get_absolute_url(): "Place",
        CulturalCityFactory().get_absolute_url(): "City",
        LearningSpaceFactory(space_type="museum").get_absolute_url(): "Museum",
    }
    for url, kind in expected.items():
        [doc] = json_ld(client.get(url).content.decode())
        assert doc["@type"] == kind, url
    assert "location" in json_ld(client.get(market.get_absolute_url()).content.decode())[0]


def test_a_record_the_public_cannot_see_is_not_described(client, curator):
    draft = AssetFactory(status="draft")
    client.force_login(curator)
    page = client.get(draft.get_absolute_url()).content.decode()
    assert json_ld(page) == [] and "cite-record" not in page


def test_the_sitemap_lists_public_records_in_thai_and_english_with_alternates(client):
    shown = AssetFactory()
    hidden = AssetFactory(status="draft")
    CulturalDistrictFactory()
    index = ET.fromstring(client.get("/sitemap.xml").content)
    sections = [loc.text for loc in index.iter(f"{SITEMAP}loc")]
    assert (
        "http://testserver/sitemap-assets.xml" in sections
        and "http://testserver/sitemap-districts.xml" in sections
    )
    assets = ET.fromstring(client.get("/sitemap-assets.xml").content)
    locations = [loc.text for loc in assets.iter(f"{SITEMAP}loc")]
    page = f"http://testserver{shown.get_absolute_url()}"
    assert locations == [page, f"{page}?lang=en"]
    assert hidden.code not in client.get("/sitemap-assets.xml").content.decode()
    alternates = {
        link.get("hreflang"): link.get("href")
        for link in next(assets.iter(f"{SITEMAP}url")).iter(f"{XHTML}link")
    }
    assert alternates == {"th": page, "en": f"{page}?lang=en", "x-default": page}


def test_the_english_alternate_is_the_page_in_english(client):
    asset = AssetFactory()
    english = client.get(f"{asset.get_absolute_url()}?lang=en").content.decode()
    assert '<html lang="en">' in english and "Cite this record" in english
    client.cookies.clear()  # the English link keeps that visitor in English; a new visitor gets Thai
    assert '<html lang="th">' in client.get(asset.get_absolute_url()).content.decode()
