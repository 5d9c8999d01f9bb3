"""The cultural asset as a public record kind (culturalmap.core.records): its names, colours, search
document and tile source. At-risk sites reach search and tiles at their generalised point only."""

from django.db.models import F

from culturalmap.core.records import (
    Category,
    MapStyle,
    RecordKind,
    SearchDocument,
    TileSource,
    lon_lat,
    province_columns,
)

from .archetypes import ARCHETYPES, LABEL_EN, LABEL_TH

# One colour per archetype, on the map, its legend and the PNG tiles: eleven hues told apart also by
# people with red-green or blue-yellow colour blindness (Paul Tol's and Okabe & Ito's colour-blind-safe
# sets; tests/core/test_palette.py checks every pair under simulated protanopia, deuteranopia and
# tritanopia).
ARCHETYPE_COLOURS = {
    "artefact": "#666633",
    "architecture": "#AA3377",
    "historic_site": "#663333",
    "cultural_space": "#BBCC33",
    "language": "#004488",
    "folk_literature": "#66CCEE",
    "nature_knowledge": "#009E73",
    "performing_art": "#EE99AA",
    "folk_sport": "#E1BE6A",
    "social_practice": "#006CD1",
    "craftsmanship": "#997700",
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
        **lon_lat("public_location"),
        **province_columns(),
    )


def document_texts(row: dict) -> tuple[list[str], list[str]]:
    archetype = row["archetype"]
    thai = [row["period"], " ".join(row["keywords"] or []), LABEL_TH.get(archetype, "")]
    return thai, [LABEL_EN.get(archetype, "")]


ASSET = RecordKind(
    code="asset",
    model="assets.Asset",
    name_th="มรดกทางวัฒนธรรม",
    name_en="Cultural asset",
    plural_en="Cultural assets",
    layer="assets",
    colour="#332288",
    categories=tuple(Category(code, th, en, ARCHETYPE_COLOURS[code]) for code, th, en in ARCHETYPES),
    search=SearchDocument(rows=document_rows, texts=document_texts, category="archetype"),
    tile=TileSource(point=F("public_location"), exact_point=F("location"), category=F("archetype")),
    map_style=MapStyle(radius=6, shape="circle"),
)
