"""Reads on cultural districts, cities and markets for their pages and the GeoJSON API: the public
sees the public records (culturalmap.core.records), a curator every record."""

from django.contrib.gis.geos import Polygon
from django.db.models import Count, Prefetch, Q, QuerySet

from culturalmap.core.permissions import is_curator
from culturalmap.core.publication import PublicationStatus
from culturalmap.core.records import RecordKind
from culturalmap.core.thai import thai_order
from culturalmap.markets.models import CulturalCity, CulturalDistrict, CulturalMarket
from culturalmap.markets.records import CITY, DISTRICT, MARKET


def _visible(kind: RecordKind, records: QuerySet, user) -> QuerySet:
    """Every record for a curator; the public ones (culturalmap.core.records) for anyone else."""
    return records if is_curator(user) else records.filter(kind.public_filter())


def visible_districts(user=None) -> QuerySet[CulturalDistrict]:
    return _visible(DISTRICT, CulturalDistrict.objects.select_related("city", "province"), user)


def visible_cities(user=None) -> QuerySet[CulturalCity]:
    return _visible(CITY, CulturalCity.objects.select_related("province"), user)


def _visible_markets(user=None) -> QuerySet[CulturalMarket]:
    return _visible(MARKET, CulturalMarket.objects.select_related("district", "province"), user)


def district_by_code(code: str, user=None) -> CulturalDistrict | None:
    return visible_districts(user).filter(code=code).first()


def city_by_code(code: str, user=None) -> CulturalCity | None:
    return visible_cities(user).filter(code=code).first()


def markets_of_district(district: CulturalDistrict, user=None) -> QuerySet[CulturalMarket]:
    return _visible_markets(user).filter(district=district).order_by(thai_order("name_th"))


def districts_of_city(city: CulturalCity, user=None) -> QuerySet[CulturalDistrict]:
    published = Q(markets__status=PublicationStatus.PUBLISHED)
    return (
        visible_districts(user)
        .filter(city=city)
        .annotate(market_count=Count("markets", filter=None if is_curator(user) else published))
        .order_by(thai_order("name_th"))
    )


def programme_cities(user=None) -> QuerySet[CulturalCity]:
    """Every visible city with its visible districts and their visible markets, for the index page."""
    markets = Prefetch("markets", queryset=_visible_markets(user).order_by(thai_order("name_th")))
    districts = visible_districts(user).prefetch_related(markets).order_by(thai_order("name_th"))
    cities = visible_cities(user).prefetch_related(Prefetch("districts", queryset=districts))
    return cities.order_by(thai_order("name_th"))


def districts_outside_cities(user=None) -> QuerySet[CulturalDistrict]:
    markets = Prefetch("markets", queryset=_visible_markets(user).order_by(thai_order("name_th")))
    districts = visible_districts(user).filter(city__isnull=True).prefetch_related(markets)
    return districts.order_by(thai_order("name_th"))


def _filtered(records: QuerySet, *, province: str | None, bbox, geometry_field: str) -> QuerySet:
    if province:
        records = records.filter(province__code=province)
    if bbox:
        area = Polygon.from_bbox(bbox)
        area.srid = 4326
        records = records.filter(**{f"{geometry_field}__intersects": area})
    return records.order_by("code")


def districts_for_map(*, user=None, province: str | None = None, bbox=None) -> QuerySet[CulturalDistrict]:
    return _filtered(visible_districts(user), province=province, bbox=bbox, geometry_field="geom")


def cities_for_map(*, user=None, province: str | None = None, bbox=None) -> QuerySet[CulturalCity]:
    return _filtered(visible_cities(user), province=province, bbox=bbox, geometry_field="location")


def markets_for_map(*, user=None, province: str | None = None, bbox=None) -> QuerySet[CulturalMarket]:
    return _filtered(_visible_markets(user), province=province, bbox=bbox, geometry_field="location")


def market_by_code(code: str, user=None) -> CulturalMarket | None:
    return _visible_markets(user).filter(code=code).first()
