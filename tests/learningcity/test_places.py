"""Learning-city pages give the full Thai address of where a space, a route, a course or a city lies
(issue 19): ตำบล… อำเภอ… จังหวัด… derived from its geometry, in English on the English page, as every
other record page does; and the address costs the page one query."""

import re
from html import unescape

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from geodata.areas import tambon_for_geometry
from tests.factories import CourseFactory, LearningSpaceFactory

from .conftest import TROK_SUI_LANE

pytestmark = pytest.mark.django_db


def _address(html: str) -> str:
    """The address as a reader sees it: the text of its links."""
    found = re.search(r'class="address">(.*?)</dd>', html, re.S)
    assert found, "no address on the page"
    return unescape(re.sub(r"<[^>]+>", "", found.group(1)))


def test_a_learning_space_page_names_its_tambon_and_amphoe_in_thai_and_english(client):
    space = LearningSpaceFactory()  # at Yala station, in ตำบลสะเตง อำเภอเมืองยะลา
    tambon = tambon_for_geometry(space.geom)
    thai = _address(client.get(space.get_absolute_url()).content.decode())
    assert f"ตำบล{tambon.name_th}" in thai and "อำเภอเมืองยะลา" in thai
    assert thai == f"ตำบล{tambon.name_th} อำเภอเมืองยะลา จังหวัดยะลา {tambon.postcodes[0]}"
    english = _address(client.get(space.get_absolute_url() + "?lang=en").content.decode())
    assert english == f"Tambon {tambon.name_en}, Amphoe Mueang Yala, Yala Province {tambon.postcodes[0]}"


def test_a_learning_route_page_gives_the_address_of_the_route(client):
    route = LearningSpaceFactory(space_type="learning_route", geom=TROK_SUI_LANE)
    thai = _address(client.get(route.get_absolute_url()).content.decode())
    assert thai.startswith("ตำบล") and "อำเภอเมืองยะลา จังหวัดยะลา" in thai


def test_a_course_page_gives_the_address_of_its_space_and_a_city_page_its_own(client, yala):
    space = LearningSpaceFactory(city=yala)
    course = CourseFactory(city=yala, space=space)
    tambon = tambon_for_geometry(space.geom)
    thai = _address(client.get(course.get_absolute_url()).content.decode())
    assert thai.startswith(f"ตำบล{tambon.name_th} อำเภอเมืองยะลา")
    english = _address(client.get(course.get_absolute_url() + "?lang=en").content.decode())
    assert english.startswith(f"Tambon {tambon.name_en}, Amphoe Mueang Yala")
    assert "Location" in client.get(course.get_absolute_url() + "?lang=en").content.decode()

    city = _address(client.get(yala.get_absolute_url() + "?lang=th").content.decode())
    assert city.startswith(f"ตำบล{tambon_for_geometry(yala.location).name_th} อำเภอเมืองยะลา")


def test_a_course_without_a_space_gives_no_address(client, yala):
    course = CourseFactory(city=yala)
    assert 'class="address"' not in client.get(course.get_absolute_url()).content.decode()


def test_the_address_costs_a_learning_space_page_one_query(client):
    space = LearningSpaceFactory()
    client.get(space.get_absolute_url())  # sessions, content types: what a first request reads once
    with CaptureQueriesContext(connection) as page:
        html = client.get(space.get_absolute_url()).content.decode()
    assert "อำเภอเมืองยะลา" in _address(html)
    places = [q["sql"] for q in page.captured_queries if "geodata_tambon" in q["sql"]]
    assert len(places) == 1, places


def test_a_city_page_lists_each_space_with_its_tambon_and_amphoe_in_two_queries_for_all(client, yala):
    from .conftest import SAPHAN_DAM

    spaces = [LearningSpaceFactory(city=yala), LearningSpaceFactory(city=yala, geom=SAPHAN_DAM)]
    spaces += [LearningSpaceFactory(city=yala, space_type="learning_route", geom=TROK_SUI_LANE)]
    client.get(yala.get_absolute_url() + "?lang=th")
    with CaptureQueriesContext(connection) as page:
        html = client.get(yala.get_absolute_url()).content.decode()
    listed = [unescape(p) for p in re.findall(r'<span class="lc-place">([^<]*)</span>', html)]
    assert len(listed) == len(spaces)
    for space in spaces:
        tambon = tambon_for_geometry(space.geom)
        assert f"ตำบล{tambon.name_th} อำเภอเมืองยะลา" in listed
    places = [q["sql"] for q in page.captured_queries if "geodata_tambon" in q["sql"]]
    assert len(places) == 3, places  # the spaces' two, the city's own address one

    english = client.get(yala.get_absolute_url() + "?lang=en").content.decode()
    assert "Amphoe Mueang Yala</span>" in english and "Tambon " in english
