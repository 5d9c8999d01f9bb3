"""The demo catalogue reads as real to a Thai reader: every record in a real sub-district whose names
its text gives (issue 19), current DOPA codes, no doubled words, no placeholder contacts."""

import re

import geothai
import pytest
from django.db import connection
from django.test import Client

from culturalmap.assets.models import Asset
from culturalmap.demo.models import DemoCatalogue
from culturalmap.demo.names import LEADING_WORDS
from culturalmap.markets.models import CulturalCity, CulturalDistrict, CulturalMarket
from learningcity.models import LearningCity, LearningSpace

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_catalogue")]


def demo_assets():
    return Asset.objects.filter(ref__startswith="DEMO-")


def codes(kind: str) -> list[str]:
    return DemoCatalogue.objects.get().codes[kind]


def test_every_demo_asset_has_a_current_dopa_code_and_lies_in_that_sub_district():
    stored = set(demo_assets().values_list("tambon_code", flat=True))
    assert all(geothai.subdistrict(code) is not None for code in stored), "a code DOPA does not list"
    assert len(stored) > 2500  # spread over the country, not a handful of places
    with connection.cursor() as cursor:
        cursor.execute("""
            SELECT count(*) FILTER (WHERE t.code IS NULL OR NOT ST_Intersects(t.geom, a.location)),
                   count(*) FILTER (WHERE t.province_code <> p.code)
            FROM assets_asset a JOIN geodata_province p ON p.id = a.province_id
            LEFT JOIN geodata_tambon t ON t.code = a.tambon_code
            WHERE a.ref LIKE 'DEMO-%%'""")
        outside, other_province = cursor.fetchone()
    assert (outside, other_province) == (0, 0)


def test_every_description_names_its_sub_district_and_district_in_thai_and_english():
    assets = demo_assets().select_related("tambon__amphoe", "tambon__province")
    wrong = []
    for a in assets.iterator(chunk_size=1000):
        t = a.tambon
        bangkok = t.province_id == "10"
        th = f"{'แขวง' if bangkok else 'ตำบล'}{t.name_th} {'เขต' if bangkok else 'อำเภอ'}{t.amphoe.name_th}"
        en = f"{'Khwaeng' if bangkok else 'Tambon'} {t.name_en}, "
        en += f"{'Khet' if bangkok else 'Amphoe'} {t.amphoe.name_en}"
        if th not in a.description_th or en not in a.description_en:
            wrong.append(a.ref)
    assert wrong == []


def test_the_issue_19_example_reads_right_now():
    # Not "ตำบลลาดขาว อำเภอลาดไผ่" under a code of บางช้าง: the text and the code name one place.
    lampang = demo_assets().filter(tambon__amphoe__province__code="52").select_related("tambon__amphoe")
    assert lampang.exists()
    assert "แม่ประดู่" not in " ".join(lampang.values_list("description_th", flat=True))
    for asset in lampang[:50]:
        assert f"อำเภอ{asset.tambon.amphoe.name_th}" in asset.description_th


def test_no_name_doubles_its_leading_word():
    thai = re.compile("|".join(f"{w}{w}" for w, _ in LEADING_WORDS))
    english = re.compile(
        "|".join(rf"\b{e} {e}\b" for th, e in LEADING_WORDS if th in ("วัด", "บ้าน", "ป่า", "ตลาด"))
    )
    names = list(demo_assets().values_list("name_th", "name_en"))
    names += list(
        LearningSpace.objects.filter(code__in=codes("learning_space")).values_list("name_th", "name_en")
    )
    assert [th for th, _ in names if thai.search(th)] == []
    assert [en for _, en in names if english.search(en)] == []


def test_a_lanna_temple_is_not_described_like_a_southern_mosque():
    def notes(**filters) -> set[str]:
        # The note is the sentence between the address and the period or practitioners.
        return set(demo_assets().filter(**filters).values_list("description_en", flat=True))

    north_temples = notes(
        archetype="architecture", name_th__startswith="วัด", province__code__in=["50", "52", "57"]
    )
    mosques = notes(archetype="architecture", name_th__startswith="มัสยิด")
    assert north_temples and mosques
    assert not any("mosque" in d.lower() or "minbar" in d.lower() for d in north_temples)
    assert any("Lanna" in d or "khong" in d or "Salak" in d or "library" in d for d in north_temples)
    assert all(any(w in d for w in ("mosque", "minbar", "Friday", "Qur'an", "Malay")) for d in mosques)


def test_markets_districts_cities_and_learning_spaces_name_their_real_places():
    records = [
        *CulturalCity.objects.filter(code__in=codes("city")),
        *CulturalDistrict.objects.filter(code__in=codes("district")),
        *CulturalMarket.objects.filter(code__in=codes("market")),
        *LearningSpace.objects.filter(code__in=codes("learning_space")),
    ]
    words = re.compile(r"(ตำบล|แขวง)\S+ (อำเภอ|เขต)\S+")
    assert [r.code for r in records if not words.search(r.description_th)] == []
    # The named districts are where they really are: Ban Luk in Mae Tha, Hat Siao in Si Satchanalai.
    ban_luk = CulturalDistrict.objects.get(name_th="ย่านบ้านหลุก")
    assert "ตำบลนาครัว อำเภอแม่ทะ" in ban_luk.description_th
    hat_siao = CulturalDistrict.objects.get(name_th="ย่านหาดเสี้ยว")
    assert "อำเภอศรีสัชนาลัย" in hat_siao.description_th


def test_learning_spaces_keep_varied_hours_and_contacts_and_no_placeholder_reaches_a_page():
    spaces = LearningSpace.objects.filter(code__in=codes("learning_space"))
    phayao_sources = spaces.filter(city__name_en="Phayao", space_type="learning_source")
    assert phayao_sources.values("opening_hours").distinct().count() >= 3
    assert phayao_sources.values("programmes").distinct().count() >= 5
    assert spaces.values("contact").distinct().count() == spaces.count()
    yala = spaces.filter(city__name_en="Yala").values_list("contact", flat=True)
    assert all("073" in c for c in yala)  # Yala's area code
    cities = LearningCity.objects.filter(code__in=codes("learning_city"))
    assert not cities.exclude(contact_email="").exists()
    placeholder = re.compile(r"demo\.invalid|example\.(com|org)|@example")
    client = Client()
    pages = ["/", "/learning-cities/", "/about-the-data/"]
    pages += [c.get_absolute_url() for c in cities] + [s.get_absolute_url() for s in spaces[:12]]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        assert not placeholder.search(response.content.decode()), url


def test_the_home_page_leaves_the_note_on_the_two_counts_to_the_about_page():
    client = Client()
    home = client.get("/").content.decode()
    assert "มากกว่า 4,800 รายการ" not in home and "/about-the-data/" in home
    about = client.get("/about-the-data/").content.decode()
    assert "มากกว่า 4,000 รายการ" in about and "มากกว่า 4,800 รายการ" in about
    assert "CC BY-IGO" in about and "GeoThai" in about and "OpenGISData-Thailand" in about
