"""Factories for every domain model. Geometries default to real places inside their province."""

import datetime
from decimal import Decimal

import factory
from django.contrib.auth import get_user_model
from django.contrib.gis.geos import MultiPolygon, Point, Polygon

from culturalmap.assets.models import Asset
from culturalmap.assets.places import asset_places_derive
from culturalmap.markets.models import (
    CulturalCity,
    CulturalDistrict,
    CulturalMarket,
    MarketEvent,
    SalesEntry,
)
from geodata.models import Province
from learningcity.models import Cohort, Course, LearningCity, LearningSpace, Outcome, SpaceType

# A few well-known points and the province (code) they lie in.
WAT_PHRA_THAT_LAMPANG_LUANG = Point(99.3886, 18.2176, srid=4326)  # Lampang (52)
THUNG_SONG = Point(99.6780, 8.1660, srid=4326)  # Nakhon Si Thammarat (80)
YALA_STATION = Point(101.2830, 6.5500, srid=4326)  # Yala (95)


def province(code: str) -> Province:
    return Province.objects.get(code=code)


def square_around(point: Point, half_side: float = 0.005) -> MultiPolygon:
    x, y = point.x, point.y
    ring = (
        (x - half_side, y - half_side),
        (x + half_side, y - half_side),
        (x + half_side, y + half_side),
        (x - half_side, y + half_side),
        (x - half_side, y - half_side),
    )
    return MultiPolygon(Polygon(ring), srid=4326)


PASSWORD = "secret-pass-123"  # every factory user's


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()

    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.django.Password(PASSWORD)


class AssetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Asset

    name_th = factory.Sequence(lambda n: f"วัดพระธาตุลำปางหลวง {n}")
    name_en = factory.Sequence(lambda n: f"Wat Phra That Lampang Luang {n}")
    archetype = "architecture"
    province = factory.LazyFunction(lambda: province("52"))
    # In the province given (the catalogue derives its places from the point): Lampang Luang by default.
    geom = factory.LazyAttribute(
        lambda o: WAT_PHRA_THAT_LAMPANG_LUANG if o.province.code == "52" else o.province.geom.point_on_surface
    )

    @classmethod
    def _after_postgeneration(cls, instance, create, results=None):
        # Stored past the services, as fixtures are: its sub-districts derived as the services do.
        if create:
            asset_places_derive(asset_ids=[instance.pk])
            instance.refresh_from_db(fields=["tambon_code", "public_tambon_code"])


class CulturalCityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CulturalCity

    name_th = "เมืองวัฒนธรรมลำปาง"
    name_en = "Lampang cultural city"
    province = factory.LazyFunction(lambda: province("52"))
    location = Point(99.4920, 18.2880, srid=4326)


class CulturalDistrictFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CulturalDistrict

    name_th = factory.Sequence(lambda n: f"ย่านกาดกองต้า {n}")
    name_en = factory.Sequence(lambda n: f"Kad Kong Ta district {n}")
    city = factory.SubFactory(CulturalCityFactory)
    province = factory.LazyFunction(lambda: province("52"))
    geom = factory.LazyFunction(lambda: square_around(Point(99.5060, 18.2930, srid=4326)))


class CulturalMarketFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CulturalMarket

    name_th = factory.Sequence(lambda n: f"กาดกองต้า {n}")
    name_en = factory.Sequence(lambda n: f"Kad Kong Ta market {n}")
    district = factory.SubFactory(CulturalDistrictFactory)
    province = factory.LazyFunction(lambda: province("52"))
    location = Point(99.5060, 18.2930, srid=4326)
    opened_on = datetime.date(2022, 10, 1)
    stimulus_multiplier = Decimal("1.469006")


class MarketEventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MarketEvent

    market = factory.SubFactory(CulturalMarketFactory)
    held_on = factory.Sequence(lambda n: datetime.date(2023, 1, 1) + datetime.timedelta(days=7 * n))


class SalesEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SalesEntry

    event = factory.SubFactory(MarketEventFactory)
    amount = Decimal("25048")


class LearningCityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LearningCity

    name_th = "ยะลา"
    name_en = "Yala"
    province = factory.LazyFunction(lambda: province("95"))
    joined_year = 2024
    location = YALA_STATION


class LearningSpaceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LearningSpace

    city = factory.SubFactory(LearningCityFactory)
    name_th = factory.Sequence(lambda n: f"ตรอกสุ่ย {n}")
    name_en = factory.Sequence(lambda n: f"Trok Sui {n}")
    space_type = SpaceType.CO_LEARNING_SPACE
    geom = YALA_STATION


class CourseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Course

    city = factory.SubFactory(LearningCityFactory)
    title_th = factory.Sequence(lambda n: f"การปักผ้าฉลุลาย รุ่นหลักสูตร {n}")
    title_en = "Cut-work embroidery"
    kind = "short_course"
    hours = Decimal("15")
    target_groups = factory.LazyFunction(lambda: ["informal_workers"])


class CohortFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Cohort

    course = factory.SubFactory(CourseFactory)
    name = factory.Sequence(lambda n: f"รุ่นที่ {n + 1}")
    starts_on = datetime.date(2024, 3, 4)
    ends_on = datetime.date(2024, 3, 15)
    enrolled = 24
    completed = 21


class OutcomeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Outcome

    cohort = factory.SubFactory(CohortFactory)
    course = factory.SelfAttribute("cohort.course")
    city = factory.SelfAttribute("cohort.course.city")
    period_start = factory.SelfAttribute("cohort.starts_on")
    period_end = datetime.date(2024, 7, 10)
    survey_date = datetime.date(2024, 7, 10)
    survey_method = "interview"
    respondents = 20
    applied = 9


class CulturalEnterpriseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "economy.CulturalEnterprise"

    name_th = factory.Sequence(lambda n: f"วิสาหกิจชุมชนผ้าทอบ้านหลุก {n}")
    name_en = factory.Sequence(lambda n: f"Ban Luk weaving enterprise {n}")
    category = "textiles"
    province = factory.LazyFunction(lambda: province("52"))
    location = Point(99.5060, 18.2930, srid=4326)


class CulturalProductFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "economy.CulturalProduct"

    name_th = factory.Sequence(lambda n: f"ผ้าทอมือลายน้ำไหล {n}")
    name_en = factory.Sequence(lambda n: f"Hand-woven cloth {n}")
    category = "textiles"
    enterprise = factory.SubFactory(CulturalEnterpriseFactory)
    province = factory.LazyFunction(lambda: province("52"))
    location = Point(99.5060, 18.2930, srid=4326)
    price_min = Decimal("450")
    price_max = Decimal("1200")
