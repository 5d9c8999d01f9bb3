"""Market and learning-space pages give the address of where they lie (issue 19), as district and city
pages do: ตำบล/อำเภอ/จังหวัด (แขวง/เขต in Bangkok) derived from the record's geometry, never typed in,
in Thai, and in English on the English page."""

import pytest
from django.contrib.gis.geos import LineString, Point

from geodata.areas import address, tambon_for_geometry
from tests.factories import CulturalMarketFactory, LearningSpaceFactory

pytestmark = pytest.mark.django_db


def _address(html: str) -> str:
    start = html.index('class="address">') + len('class="address">')
    return html[start : html.index("<", start)]


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
