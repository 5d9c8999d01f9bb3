"""Cultural districts, markets and cities as public record kinds (culturalmap.core.records).

A district belongs to its cultural city (when it has one) and a market to its district: a record of
a draft or withdrawn parent is not public.
"""

from django.db.models import F

from culturalmap.core.location import point_on_surface
from culturalmap.core.records import (
    FeatureSource,
    MapStyle,
    Parent,
    RecordKind,
    SearchDocument,
    TileSource,
    lon_lat,
    province_columns,
)

_TEXT = ("id", "code", "name_th", "name_en", "description_th", "description_en")


def district_rows(public):
    return public.annotate(point=point_on_surface("geom")).values(
        *_TEXT,
        parent_th=F("city__name_th"),
        parent_en=F("city__name_en"),
        **lon_lat("point"),
        **province_columns(),
    )


def market_rows(public):
    return public.values(
        *_TEXT,
        "opened_on",
        parent_th=F("district__name_th"),
        parent_en=F("district__name_en"),
        **lon_lat("location"),
        **province_columns(),
    )


def market_texts(row: dict) -> tuple[list[str], list[str]]:
    opened = row["opened_on"]
    return [str(opened.year) if opened else ""], []


def city_rows(public):
    return public.values(*_TEXT, **lon_lat("location"), **province_columns())


DISTRICT = RecordKind(
    code="district",
    model="markets.CulturalDistrict",
    name_th="ย่านวัฒนธรรม",
    name_en="Cultural district",
    plural_en="Cultural districts",
    layer="districts",
    colour="#882255",
    parents=(Parent("city", "city"),),
    search=SearchDocument(rows=district_rows),
    # A district (a few hundred metres) is a point up to zoom 9, its outline above.
    tile=TileSource(point=point_on_surface("geom"), shape=F("geom"), point_max_zoom=9),
    map_style=MapStyle(
        radius=7, outline=True, weight=2, fill_opacity=0.35, cluster_fill_opacity=0.35, shape="square"
    ),
    features=FeatureSource(schema_type="Place"),
)

MARKET = RecordKind(
    code="market",
    model="markets.CulturalMarket",
    name_th="ตลาดวัฒนธรรม",
    name_en="Cultural market",
    plural_en="Cultural markets",
    layer="markets",
    colour="#EE6677",
    parents=(Parent("district", "district"),),
    search=SearchDocument(rows=market_rows, texts=market_texts),
    tile=TileSource(point=F("location")),
    map_style=MapStyle(radius=7, shape="diamond"),
    # A market is held night after night from its opening: an event series at a place.
    features=FeatureSource(schema_type="EventSeries"),
)

CITY = RecordKind(
    code="city",
    model="markets.CulturalCity",
    name_th="เมืองวัฒนธรรม",
    name_en="Cultural city",
    plural_en="Cultural cities",
    layer="cultural-cities",
    colour="#CC79A7",
    search=SearchDocument(rows=city_rows),
    tile=TileSource(point=F("location")),
    map_style=MapStyle(radius=9, shape="ring", weight=4),
    features=FeatureSource(schema_type="City"),
)

# In the map's layer order.
KINDS = (DISTRICT, MARKET, CITY)
