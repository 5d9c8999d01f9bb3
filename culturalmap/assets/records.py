"""The cultural asset as a public record kind (culturalmap.core.records): its names, colours, search
document and tile source. At-risk sites reach search and tiles at their generalised point only."""

from django.db.models import Case, Count, F, Func, IntegerField, OuterRef, Subquery, TextField, Value, When
from django.db.models.functions import Coalesce

from culturalmap.core.records import (
    Category,
    FeatureSource,
    MapStyle,
    Property,
    RecordKind,
    RecordSignals,
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


def feature_properties() -> dict[str, Property]:
    """The interchange format's columns (shared/spec/asset-interchange.md), so that a download of the
    collection imports back; the place columns every kind has come on top (province as its code)."""
    return {
        "ref": Property(
            Coalesce(F("ref"), F("code")),
            "รหัสในระบบต้นทาง (รหัสถาวรเมื่อไม่มี)",
            "identifier in the source system (the permalink code when there is none)",
        ),
        "description_th": Property(F("description_th"), "คำอธิบายภาษาไทย", "description in Thai"),
        "description_en": Property(F("description_en"), "คำอธิบายภาษาอังกฤษ", "description in English"),
        "period": Property(F("period"), "สมัยหรือยุค", "era or period"),
        "keywords": Property(
            Func(F("keywords"), Value(";"), function="array_to_string", output_field=TextField()),
            "คำสำคัญ คั่นด้วย ;",
            "keywords, ;-separated",
        ),
        "source": Property(F("source"), "ผู้บันทึก ทีม หรือมหาวิทยาลัย", "recorder, team or university"),
        "risk": Property(
            F("risk"),
            "ความเสี่ยงต่อการถูกทำลาย: none low medium high (high: แสดงเพียงตำแหน่งโดยประมาณ)",
            "risk of looting or damage: none, low, medium, high (high: only a generalised location)",
        ),
        "location_generalised": Property(
            Case(When(risk="high", then=Value(True)), default=Value(False)),
            "จริงเมื่อตำแหน่งเป็นตำแหน่งโดยประมาณ (ตาราง 0.05 องศา) ไม่ใช่ที่ตั้งจริง",
            "true when the geometry is a generalised point (0.05° grid), not the site's location",
            "boolean",
        ),
    }


# Tangible heritage is a place one can visit; the intangible is a work of its community.
SCHEMA_TYPES = (
    ("artefact", "TouristAttraction"),
    ("architecture", "LandmarksOrHistoricalBuildings"),
    ("historic_site", "LandmarksOrHistoricalBuildings"),
    ("cultural_space", "TouristAttraction"),
)

ASSET = RecordKind(
    code="asset",
    model="assets.Asset",
    name_th="มรดกทางวัฒนธรรม",
    name_en="Cultural asset",
    plural_en="Cultural assets",
    layer="assets",
    colour="#332288",
    categories=tuple(Category(code, th, en, ARCHETYPE_COLOURS[code]) for code, th, en in ARCHETYPES),
    search=SearchDocument(
        rows=document_rows, texts=document_texts, category="archetype", signals=document_signals
    ),
    tile=TileSource(point=F("public_location"), exact_point=F("location"), category=F("archetype")),
    map_style=MapStyle(radius=6, shape="circle"),
    images="images",
    # The full shape of a site, but an at-risk site's generalised point and its sub-district only.
    features=FeatureSource(
        geometry=F("public_geom"),
        tambon=F("public_tambon_code"),
        properties=feature_properties,
        schema_type="CreativeWork",
        category_schema_types=SCHEMA_TYPES,
    ),
)
