import pytest
from django.contrib.gis.geos import Point

from geodata.models import Province, Region
from geodata.selectors import province_by_name_or_code, province_for_geometry
from tests.factories import THUNG_SONG, WAT_PHRA_THAT_LAMPANG_LUANG

pytestmark = pytest.mark.django_db


def test_the_77_provinces_and_7_regions_are_loaded_with_valid_boundaries():
    assert Province.objects.count() == 77
    assert Region.objects.count() == 7
    assert not Province.objects.filter(geom__isvalid=False).exists()
    assert Province.objects.get(code="52").name_en == "Lampang"
    assert Province.objects.get(code="57").region.code == "UpperNorth"


@pytest.mark.parametrize("text", ["ลำปาง", "จังหวัดลำปาง", "Lampang", "lampang", "52"])
def test_a_province_is_found_by_thai_or_english_name_or_code(text):
    assert province_by_name_or_code(text).code == "52"


def test_an_unknown_province_name_finds_nothing():
    assert province_by_name_or_code("Atlantis") is None


def test_the_province_of_a_point_comes_from_the_boundaries():
    assert province_for_geometry(WAT_PHRA_THAT_LAMPANG_LUANG).name_en == "Lampang"
    assert province_for_geometry(THUNG_SONG).name_en == "Nakhon Si Thammarat"


def test_a_point_outside_thailand_has_no_province():
    assert province_for_geometry(Point(139.69, 35.69, srid=4326)) is None  # Tokyo
