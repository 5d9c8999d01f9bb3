"""Learning-city fixtures: two cities in different provinces, their teams, and a private media folder."""

import io

import pytest
from django.contrib.gis.geos import LineString, Point
from PIL import Image

from tests.factories import YALA_STATION, LearningCityFactory, LearningSpaceFactory, UserFactory, province

PHAYAO_TOWN = Point(99.8990, 19.1666, srid=4326)  # by Kwan Phayao lake, Phayao (56)
PATTANI_TOWN = Point(101.2500, 6.8680, srid=4326)  # just across Yala's border, in Pattani (94)
SAPHAN_DAM = Point(101.2868, 6.5523, srid=4326)  # the black bridge by Yala station
TROK_SUI_LANE = LineString((101.2830, 6.5500), (101.2850, 6.5480), (101.2870, 6.5460), srid=4326)


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")


@pytest.fixture
def yala(db):
    return LearningCityFactory(name_th="เมืองยะลา", name_en="Yala")


@pytest.fixture
def phayao(db):
    return LearningCityFactory(
        name_th="พะเยา", name_en="Phayao", province=province("56"), joined_year=2022, location=PHAYAO_TOWN
    )


def saved_user(**fields):
    # tests/factories.UserFactory sets the password after creation without saving it
    # (skip_postgeneration_save): save, so sign-in and force_login sessions stay valid.
    user = UserFactory(**fields)
    user.save()
    return user


@pytest.fixture
def curator(db):
    return saved_user(username="curator", is_staff=True)


@pytest.fixture
def yala_team(yala):
    member = saved_user(username="yala-team")
    yala.team_members.add(member)
    return member


@pytest.fixture
def phayao_team(phayao):
    member = saved_user(username="phayao-team")
    phayao.team_members.add(member)
    return member


@pytest.fixture
def trok_sui(yala):
    return LearningSpaceFactory(
        city=yala, name_th="ตรอกสุ่ย", name_en="Trok Sui", geom=YALA_STATION, opening_hours="ทุกวัน 08:00–18:00"
    )


def jpeg_bytes(width: int = 640, height: int = 480, colour=(180, 90, 40)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), colour).save(buffer, "JPEG")
    return buffer.getvalue()


def approved_assessment(city, team_member, curator, *, year: int, ratings: dict):
    """A self-assessment year rated by the city's team and approved by a curator (then public)."""
    from learningcity.assessment import services as assessment_services

    assessment = assessment_services.self_assessment_start(user=team_member, city=city, year=year)
    assessment = assessment_services.self_assessment_save(
        user=team_member, assessment=assessment, version=assessment.version, ratings=ratings
    )
    assessment = assessment_services.self_assessment_submit(
        user=team_member, assessment=assessment, version=assessment.version
    )
    return assessment_services.self_assessment_review(
        user=curator, assessment=assessment, version=assessment.version, approve=True
    )
