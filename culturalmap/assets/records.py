"""The cultural asset as a public record kind (culturalmap.core.records): its names, colours, search
document and tile source. At-risk sites reach search and tiles at their generalised point only."""

from django.db.models import Count, F, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce

from culturalmap.core.records import (
    Category,
    MapStyle,
    RecordKind,
    RecordSignals,
    SearchDocument,
    TileSource,
    lon_lat,
    province_columns,
)

from .archetypes import ARCHETYPES, LABEL_EN, LABEL_TH

# One colour per archetype, on the map, its legend and the PNG tiles.
ARCHETYPE_COLOURS = {
    "artefact": "#8c510a",
    "architecture": "#b2182b",
    "historic_site": "#762a83",
    "cultural_space": "#1b7837",
    "language": "#2166ac",
    "folk_literature": "#5e3c99",
    "nature_knowledge": "#35978f",
    "performing_art": "#d6604d",
    "folk_sport": "#e08214",
    "social_practice": "#c51b7d",
    "craftsmanship": "#4d9221",
}


def document_rows(public):
    # public_location only: the generalised point of an at-risk site, the exact one otherwise.
    return public.values(
        "id",
        "code",
        "ref",
        "name_th",
        "name_en",
        "description_th",
        "description_en",
        "archetype",
        "period",
        "keywords",
        # Quality signals for ranking (document_signals).
        "source",
        "recorded_on",
        "view_count",
        image_count=Coalesce(Subquery(_image_count(), output_field=IntegerField()), 0),
        **lon_lat("public_location"),
        **province_columns(),
    )


def _image_count():
    from .models import AssetImage

    return (
        AssetImage.objects.filter(asset=OuterRef("pk"))
        .order_by()
        .values("asset")
        .annotate(n=Count("pk"))
        .values("n")[:1]
    )


def document_texts(row: dict) -> tuple[list[str], list[str]]:
    archetype = row["archetype"]
    thai = [row["period"], " ".join(row["keywords"] or []), LABEL_TH.get(archetype, "")]
    return thai, [LABEL_EN.get(archetype, "")]


# What makes a record complete: the fields of the national cultural map's record beside its names.
COMPLETE_FIELDS = (
    "name_th",
    "name_en",
    "description_th",
    "description_en",
    "period",
    "keywords",
    "source",
    "recorded_on",
)


# Living heritage (a festival, a craft, a language) has no period to give.
DATED = {"artefact", "architecture", "historic_site", "cultural_space"}


def document_signals(row: dict) -> RecordSignals:
    fields = [name for name in COMPLETE_FIELDS if name != "period" or row.get("archetype") in DATED]
    filled = sum(bool(row.get(name)) for name in fields)
    return RecordSignals(
        completeness=filled / len(fields),
        images=row.get("image_count") or 0,
        views_before=row.get("view_count") or 0,  # views counted by the national map, imported
    )


ASSET = RecordKind(
    code="asset",
    model="assets.Asset",
    name_th="มรดกทางวัฒนธรรม",
    name_en="Cultural asset",
    plural_en="Cultural assets",
    layer="assets",
    colour="#6b1d1d",
    categories=tuple(Category(code, th, en, ARCHETYPE_COLOURS[code]) for code, th, en in ARCHETYPES),
    search=SearchDocument(
        rows=document_rows, texts=document_texts, category="archetype", signals=document_signals
    ),
    tile=TileSource(point=F("public_location"), exact_point=F("location"), category=F("archetype")),
    map_style=MapStyle(radius=6),
)
