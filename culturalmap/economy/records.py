"""Cultural enterprises and cultural products as public record kinds (culturalmap.core.records).

A product belongs to its enterprise and to the market that sells it, an enterprise to its market and
district (each when it has one): a record of a draft or withdrawn parent is not public. Colours are
Paul Tol's green and sand, apart from every other kind's for colour-blind eyes (tests/core/test_palette.py),
and each kind has its own marker shape.
"""

from django.db.models import F

from culturalmap.core.records import (
    Category,
    MapStyle,
    Parent,
    RecordKind,
    SearchDocument,
    TileSource,
    lon_lat,
    province_columns,
)

from .models import CATEGORY_ENGLISH, ProductCategory

_TEXT = ("id", "code", "name_th", "name_en", "description_th", "description_en", "category", "label")

CATEGORIES = tuple(Category(c.value, str(c.label), CATEGORY_ENGLISH[c.value]) for c in ProductCategory)


def enterprise_rows(public):
    return public.values(
        *_TEXT,
        parent_th=F("district__name_th"),
        parent_en=F("district__name_en"),
        **lon_lat("location"),
        **province_columns(),
    )


def product_rows(public):
    return public.values(
        *_TEXT,
        "maker_name",
        enterprise_th=F("enterprise__name_th"),
        parent_th=F("market__name_th"),
        parent_en=F("market__name_en"),
        **lon_lat("location"),
        **province_columns(),
    )


def _category_names(row: dict) -> tuple[str, str]:
    category = next((c for c in CATEGORIES if c.code == row["category"]), None)
    return (category.name_th, category.name_en) if category else ("", "")


def enterprise_texts(row: dict) -> tuple[list[str], list[str]]:
    th, en = _category_names(row)
    return [th, row["label"]], [en]


def product_texts(row: dict) -> tuple[list[str], list[str]]:
    th, en = _category_names(row)
    return [th, row["label"], row["maker_name"], row["enterprise_th"] or ""], [en]


ENTERPRISE = RecordKind(
    code="enterprise",
    model="economy.CulturalEnterprise",
    name_th="ผู้ประกอบการวัฒนธรรม",
    name_en="Cultural enterprise",
    plural_en="Cultural enterprises",
    layer="cultural-enterprises",
    colour="#117733",
    categories=CATEGORIES,
    parents=(Parent("market", "market"), Parent("district", "district")),
    search=SearchDocument(rows=enterprise_rows, texts=enterprise_texts, category="category"),
    tile=TileSource(point=F("location"), category=F("category")),
    map_style=MapStyle(radius=7, outline=True, weight=2, shape="hexagon"),
)

PRODUCT = RecordKind(
    code="product",
    model="economy.CulturalProduct",
    name_th="ผลิตภัณฑ์วัฒนธรรม",
    name_en="Cultural product",
    plural_en="Cultural products",
    layer="cultural-products",
    colour="#DDCC77",
    categories=CATEGORIES,
    parents=(Parent("enterprise", "enterprise"), Parent("market", "market")),
    search=SearchDocument(rows=product_rows, texts=product_texts, category="category"),
    tile=TileSource(point=F("location"), category=F("category")),
    map_style=MapStyle(radius=6, outline=True, weight=2, shape="pentagon"),
    images="photos",
)

KINDS = (ENTERPRISE, PRODUCT)
