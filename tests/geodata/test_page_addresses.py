"""Every record page gives the address of where the record lies (issue 19): ตำบล/อำเภอ/จังหวัด (แขวง/เขต
in Bangkok) derived from its geometry, never typed in, in Thai, and in English on the English page,
each part a link to what else lies there (geodata/templatetags/places.py)."""

import re
from html import unescape

import pytest
from django.contrib.gis.geos import LineString, Point
from django.db import connection
from django.test.utils import CaptureQueriesContext

from culturalmap.assets.models import Asset
from geodata.areas import address, tambon_for_geometry
from tests.factories import (
    AssetFactory,
    CourseFactory,
    CulturalDistrictFactory,
    CulturalEnterpriseFactory,
    CulturalMarketFactory,
    CulturalProductFactory,
    LearningSpaceFactory,
)

pytestmark = pytest.mark.django_db


def _address_html(html: str) -> str:
    return re.search(r'class="address">(.*?)</(?:dd|span)>', html, re.S).group(1)


def _address(html: str) -> str:
    """The address as a reader sees it (its links' text)."""
    return unescape(re.sub(r"<[^>]+>", "", _address_html(html)))


def test_a_market_page_gives_the_address_of_its_point_in_the_page_s_language(client):
    market = CulturalMarketFactory()  # Kad Kong Ta, by the Wang river in Lampang town
    tambon = tambon_for_geometry(market.location)
    thai = _address(client.get(market.get_absolute_url()).content.decode())
    assert thai == address(tambon, "th", postcode=True)
    assert thai.startswith("ตำบล") and thai.endswith("อำเภอเมืองลำปาง จังหวัดลำปาง 52000")
    english = _address(client.get(market.get_absolute_url() + "?lang=en").content.decode())
    assert english == address(tambon, "en", postcode=True)
    assert english.endswith("Amphoe Mueang Lampang, Lampang Province 52000")


def test_a_bangkok_market_is_in_a_khwaeng_and_khet_whatever_province_it_was_given(client):
    # Tha Tien by Wat Pho; the record says Lampang (the factory's), the point is in Phra Nakhon.
    market = CulturalMarketFactory(location=Point(100.4925, 13.7462, srid=4326))
    thai = _address(client.get(market.get_absolute_url()).content.decode())
    assert thai.startswith("แขวง") and "เขตพระนคร กรุงเทพมหานคร" in thai and "จังหวัด" not in thai


def test_a_learning_space_page_gives_the_address_of_its_place_or_its_route(client):
    space = LearningSpaceFactory()  # at Yala station
    html = client.get(space.get_absolute_url()).content.decode()
    assert '<dt>ที่ตั้ง</dt><dd class="address">' in html
    assert _address(html) == address(tambon_for_geometry(space.geom), "th", postcode=True)
    assert "อำเภอเมืองยะลา จังหวัดยะลา" in _address(html)
    english = client.get(space.get_absolute_url() + "?lang=en").content.decode()
    assert "<dt>Location</dt>" in english
    assert "Amphoe Mueang Yala, Yala Province" in _address(english)

    route = LearningSpaceFactory(
        space_type="learning_route", geom=LineString((101.2830, 6.5500), (101.2860, 6.5420), srid=4326)
    )
    html = client.get(route.get_absolute_url() + "?lang=th").content.decode()
    assert _address(html) == address(tambon_for_geometry(route.geom), "th", postcode=True)


def test_each_part_of_an_address_links_to_what_lies_there(client):
    market = CulturalMarketFactory()
    tambon = tambon_for_geometry(market.location)
    links = re.findall(
        r'<a href="([^"]+)">([^<]+)</a>',
        _address_html(client.get(market.get_absolute_url()).content.decode()),
    )
    assert links == [
        (f"/search/?tambon={tambon.code}", f"ตำบล{tambon.name_th}"),
        (f"/search/?amphoe={tambon.amphoe.code}", "อำเภอเมืองลำปาง"),
        ("/?province=52", "จังหวัดลำปาง"),
    ]
    # What the sub-district's link opens: the search answers for that sub-district.
    assert client.get(links[0][0]).status_code in (200, 503)  # 503: no search index in this test


def test_district_product_and_enterprise_pages_give_their_address_too(client):
    district = CulturalDistrictFactory()
    product = CulturalProductFactory()
    enterprise = CulturalEnterpriseFactory()
    for record, geom in (
        (district, district.geom),
        (product, product.location),
        (enterprise, enterprise.location),
    ):
        html = client.get(record.get_absolute_url()).content.decode()
        assert _address(html) == address(tambon_for_geometry(geom), "th", postcode=True), record


def test_every_record_page_reads_its_address_in_one_query_and_no_boundary(client):
    """The sub-district with its district and province in one statement, an asset's joined to the
    asset's own query; and no page reads a province's or a sub-district's boundary to write it."""
    space = LearningSpaceFactory()
    course = CourseFactory(city=space.city, space=space)
    records = [CulturalMarketFactory(), CulturalProductFactory(), CulturalEnterpriseFactory()]
    # (A learning city's page lists its spaces with theirs: tests/learningcity/test_places.py.)
    records += [CulturalDistrictFactory(), space, course, AssetFactory()]
    for record in records:
        client.get(record.get_absolute_url())  # what a first request reads once (sessions, types)
        with CaptureQueriesContext(connection) as page:
            html = client.get(record.get_absolute_url()).content.decode()
        assert _address(html), record
        places = [q["sql"] for q in page.captured_queries if '"geodata_tambon"' in q["sql"]]
        # Assets (the page's own, the neighbours listed) carry their places joined to their rows.
        lookups = [q for q in places if 'FROM "assets_asset"' not in q]
        assert len(lookups) == (0 if isinstance(record, Asset) else 1), (record, lookups)
        assert not [q for q in places if re.search(r'"geodata_(tambon|amphoe|province)"\."geom"', q)], record
