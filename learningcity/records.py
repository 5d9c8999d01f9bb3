"""Learning cities and learning spaces as public record kinds (culturalmap.core.records).

A learning space belongs to its learning city: the spaces of a draft or withdrawn city are not public.
"""

from django.db.models import F

from culturalmap.core.records import (
    Category,
    FeatureSource,
    MapStyle,
    Parent,
    RecordKind,
    SearchDocument,
    TileSource,
    lon_lat,
    province_columns,
)

from .models import SpaceType, english


def city_rows(public):
    return public.values(
        "id",
        "code",
        "name_th",
        "name_en",
        "local_government_th",
        "local_government_en",
        "joined_year",
        "implementation",
        # The UNESCO motivation statement (written in Thai or English) is the city's description;
        # the Thai analyzer reads both languages.
        description_th=F("motivation"),
        **lon_lat("location"),
        **province_columns(),
    )


def city_texts(row: dict) -> tuple[list[str], list[str]]:
    return (
        [row["implementation"], row["local_government_th"]],
        [row["local_government_en"], str(row["joined_year"] or "")],
    )


def space_rows(public):
    return public.values(
        "id",
        "code",
        "name_th",
        "name_en",
        "description_th",
        "description_en",
        "space_type",
        "programmes",
        parent_th=F("city__name_th"),
        parent_en=F("city__name_en"),
        **lon_lat("location"),
        **province_columns("city__province"),
    )


def space_texts(row: dict) -> tuple[list[str], list[str]]:
    space_type = SPACE_TYPES.get(row["space_type"])
    return (
        [space_type.name_th if space_type else "", row["programmes"]],
        [space_type.name_en if space_type else ""],
    )


SPACE_TYPES = {c.value: Category(c.value, str(c.label), english(c.label)) for c in SpaceType}

LEARNING_CITY = RecordKind(
    code="learning_city",
    model="learningcity.LearningCity",
    name_th="เมืองแห่งการเรียนรู้",
    name_en="Learning city",
    plural_en="Learning cities",
    layer="learning-cities",
    colour="#1A85FF",
    search=SearchDocument(rows=city_rows, texts=city_texts),
    tile=TileSource(point=F("location")),
    map_style=MapStyle(radius=10, shape="star"),
    features=FeatureSource(schema_type="City"),
)

LEARNING_SPACE = RecordKind(
    code="learning_space",
    model="learningcity.LearningSpace",
    name_th="พื้นที่การเรียนรู้",
    name_en="Learning space",
    plural_en="Learning spaces",
    layer="learning-spaces",
    colour="#999933",
    categories=tuple(SPACE_TYPES.values()),
    parents=(Parent("city", "learning_city"),),
    search=SearchDocument(rows=space_rows, texts=space_texts, category="space_type"),
    # Points up to zoom 9; a space's area and a route's line above it.
    tile=TileSource(
        point=F("location"), shape=F("geom"), province=F("city__province_id"), category=F("space_type")
    ),
    map_style=MapStyle(radius=7, outline=True, weight=3, fill_opacity=0.6, shape="triangle"),
    images="images",
    features=FeatureSource(
        category_schema_types=(
            ("library", "Library"),
            ("museum", "Museum"),
            ("learning_route", "TouristTrip"),
        ),
    ),
)

KINDS = (LEARNING_CITY, LEARNING_SPACE)
