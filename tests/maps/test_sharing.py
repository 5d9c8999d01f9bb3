"""Sharing the map and its records: a link keeps the view, the search text and the language; record
pages carry Open Graph tags and a "show on map" link (never an at-risk site's exact place); every page
has its `hreflang` alternates and skip links; the legend names every layer."""

import re
from html import unescape
from urllib.parse import parse_qs, urlparse

import pytest
from django.contrib.gis.geos import Point

from culturalmap.core import records
from culturalmap.maps.tiles import style
from tests.factories import AssetFactory, CulturalMarketFactory

pytestmark = pytest.mark.django_db


def _meta(html: str, key: str) -> str | None:
    found = re.search(rf'<meta (?:property|name)="{re.escape(key)}" content="([^"]*)"', html)
    return unescape(found.group(1)) if found else None


def _show_on_map(html: str) -> dict[str, list[str]]:
    found = re.search(r'<p class="show-on-map"><a href="([^"]+)"', html)
    assert found, "no 'show on map' link"
    url = urlparse(unescape(found.group(1)))
    assert url.path == "/"
    return parse_qs(url.query)


def test_an_asset_page_shares_its_name_description_and_address_in_both_languages(client):
    asset = AssetFactory(
        name_th="วัดพระธาตุลำปางหลวง",
        name_en="Wat Phra That Lampang Luang",
        description_th="วัดเก่าแก่ " * 40,  # longer than a preview shows
        description_en="An old temple of Lampang.",
    )
    html = client.get(asset.get_absolute_url()).content.decode()
    assert _meta(html, "og:title") == "วัดพระธาตุลำปางหลวง"
    description = _meta(html, "description")  # cut to 160 letters (Thai tone marks ride on theirs)
    assert description.startswith("วัดเก่าแก่") and description.endswith("…") and len(description) < 250
    assert _meta(html, "og:url") == "http://testserver" + asset.get_absolute_url()
    assert _meta(html, "og:locale") == "th_TH"
    alternates = dict(re.findall(r'<link rel="alternate" hreflang="([\w-]+)" href="([^"]+)"', html))
    assert alternates["en"] == "http://testserver" + asset.get_absolute_url() + "?lang=en"
    assert alternates["x-default"] == "http://testserver" + asset.get_absolute_url()

    # The English link opens the page in English and keeps the visit in English.
    response = client.get(alternates["en"])
    english = response.content.decode()
    assert '<html lang="en">' in english
    assert _meta(english, "og:title") == "Wat Phra That Lampang Luang"
    assert _meta(english, "og:description") == "An old temple of Lampang."
    assert _meta(english, "og:url").endswith("?lang=en")
    assert response.cookies["django_language"].value == "en"
    assert '<html lang="en">' in client.get("/").content.decode()


def test_show_on_map_opens_the_map_on_the_record_and_never_on_an_at_risk_site_s_exact_place(client):
    asset = AssetFactory()
    query = _show_on_map(client.get(asset.get_absolute_url()).content.decode())
    assert (
        abs(float(query["lat"][0]) - asset.geom.y) < 1e-4
        and abs(float(query["lon"][0]) - asset.geom.x) < 1e-4
    )
    assert int(query["z"][0]) >= 14
    assert query["layers"][0].split(",") == [kind.layer for kind in records.kinds()]

    exact = Point(99.5249, 18.2749, srid=4326)
    at_risk = AssetFactory(risk="high", geom=exact)
    page = client.get(at_risk.get_absolute_url()).content.decode()
    query = _show_on_map(page)
    shown = Point(float(query["lon"][0]), float(query["lat"][0]), srid=4326)
    assert shown.distance(exact) > 0.01  # the generalised point, as the public map draws it
    assert "99.5249" not in page and "18.2749" not in page

    market = CulturalMarketFactory()
    english = client.get(market.get_absolute_url() + "?lang=en").content.decode()
    query = _show_on_map(english)
    assert query["lang"] == ["en"]  # the map opens in the page's language
    assert abs(float(query["lat"][0]) - market.location.y) < 1e-4


def test_the_map_page_has_skip_links_a_legend_for_every_layer_and_a_link_that_keeps_the_language(client):
    html = client.get("/?lang=en&q=silk").content.decode()
    assert 'href="#map-area"' in html and 'id="map-area"' in html
    assert 'href="#area-results"' in html and 'id="area-results"' in html
    for kind in records.kinds():
        assert f'name="layer" value="{kind.layer}"' in html
        assert kind.plural_en in html  # the legend row's name, in the page's language
    density = re.search(r'<div id="density-legend".*?</div>', html, re.S).group(0)
    assert [c for c in re.findall(r'fill="(#[0-9a-f]{6})"', density)] == [c for _, c in style.DENSITY_CLASSES]
    # The language switch comes back to this view without `lang`, so the language chosen wins.
    assert 'name="next" type="hidden" value="/?q=silk"' in html
