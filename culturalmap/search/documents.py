"""What the index holds for each record: read from PostGIS, public view only.

Only published records become documents; an at-risk (`high`) asset carries only its
generalised `public_location`, never `location` or `geom`. The records are read in a few
batched queries per kind (no per-record query), which keeps a full rebuild quick.
"""

import hashlib
import json
import re
from collections.abc import Iterable, Iterator
from typing import Any

from django.db.models import F, FloatField, Func, QuerySet

from culturalmap.assets.archetypes import LABEL_EN as ARCHETYPE_EN
from culturalmap.assets.archetypes import LABEL_TH as ARCHETYPE_TH
from culturalmap.assets.models import Asset, PublicationStatus
from culturalmap.core.location import point_on_surface
from culturalmap.markets.models import CulturalCity, CulturalDistrict, CulturalMarket
from learningcity.models import LearningCity, LearningSpace, SpaceType, english

from . import analysis
from .places import PLACES_BATCH, with_places

KIND_LABELS = {
    "asset": ("มรดกทางวัฒนธรรม", "Cultural asset"),
    "district": ("ย่านวัฒนธรรม", "Cultural district"),
    "city": ("เมืองวัฒนธรรม", "Cultural city"),
    "market": ("ตลาดวัฒนธรรม", "Cultural market"),
    "learning_city": ("เมืองแห่งการเรียนรู้", "Learning city"),
    "learning_space": ("พื้นที่เรียนรู้", "Learning space"),
}
SPACE_TYPE_TH = {choice.value: choice.label for choice in SpaceType}
SPACE_TYPE_EN = {choice.value: english(choice.label) for choice in SpaceType}


def category_label(kind: str, category: str, lang: str) -> str:
    if kind == "asset":
        return (ARCHETYPE_TH if lang == "th" else ARCHETYPE_EN).get(category, category)
    return (SPACE_TYPE_TH if lang == "th" else SPACE_TYPE_EN).get(category, category)


def _x(field: str) -> Func:
    return Func(F(field), function="ST_X", output_field=FloatField())


def _y(field: str) -> Func:
    return Func(F(field), function="ST_Y", output_field=FloatField())


_PROVINCE = {
    "province_code": F("province__code"),
    "province_th": F("province__name_th"),
    "province_en": F("province__name_en"),
    "region_code": F("province__region__code"),
}


def _public(model) -> QuerySet:
    return model.objects.filter(status=PublicationStatus.PUBLISHED).order_by()


def _asset_rows(ids: Iterable[int] | None) -> QuerySet:
    qs = _public(Asset)
    if ids is not None:
        qs = qs.filter(pk__in=ids)
    # public_location only: the generalised point of an at-risk site, the exact one otherwise.
    return qs.values(
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
        lon=_x("public_location"),
        lat=_y("public_location"),
        **_PROVINCE,
    )


def _district_rows(ids):
    qs = _public(CulturalDistrict)
    if ids is not None:
        qs = qs.filter(pk__in=ids)
    return qs.annotate(point=point_on_surface("geom")).values(
        "id",
        "code",
        "name_th",
        "name_en",
        "description_th",
        "description_en",
        parent_th=F("city__name_th"),
        parent_en=F("city__name_en"),
        lon=_x("point"),
        lat=_y("point"),
        **_PROVINCE,
    )


def _city_rows(ids):
    qs = _public(CulturalCity)
    if ids is not None:
        qs = qs.filter(pk__in=ids)
    return qs.values(
        "id",
        "code",
        "name_th",
        "name_en",
        "description_th",
        "description_en",
        lon=_x("location"),
        lat=_y("location"),
        **_PROVINCE,
    )


def _market_rows(ids):
    qs = _public(CulturalMarket)
    if ids is not None:
        qs = qs.filter(pk__in=ids)
    return qs.values(
        "id",
        "code",
        "name_th",
        "name_en",
        "description_th",
        "description_en",
        "opened_on",
        parent_th=F("district__name_th"),
        parent_en=F("district__name_en"),
        lon=_x("location"),
        lat=_y("location"),
        **_PROVINCE,
    )


def _learning_city_rows(ids):
    qs = _public(LearningCity)
    if ids is not None:
        qs = qs.filter(pk__in=ids)
    return qs.values(
        "id",
        "code",
        "name_th",
        "name_en",
        "local_government_th",
        "local_government_en",
        "joined_year",
        "motivation",
        "implementation",
        lon=_x("location"),
        lat=_y("location"),
        **_PROVINCE,
    )


def _learning_space_rows(ids):
    qs = _public(LearningSpace)
    if ids is not None:
        qs = qs.filter(pk__in=ids)
    return qs.values(
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
        lon=_x("location"),
        lat=_y("location"),
        province_code=F("city__province__code"),
        province_th=F("city__province__name_th"),
        province_en=F("city__province__name_en"),
        region_code=F("city__province__region__code"),
    )


_ROWS = {
    "asset": _asset_rows,
    "district": _district_rows,
    "city": _city_rows,
    "market": _market_rows,
    "learning_city": _learning_city_rows,
    "learning_space": _learning_space_rows,
}
_MODELS = {
    "asset": Asset,
    "district": CulturalDistrict,
    "city": CulturalCity,
    "market": CulturalMarket,
    "learning_city": LearningCity,
    "learning_space": LearningSpace,
}
KINDS = tuple(_ROWS)


def record_key(kind: str, pk: int) -> str:
    return f"{kind}:{pk}"


def _texts(kind: str, row: dict) -> tuple[list[str], list[str], str]:
    """Searchable Thai text, English text and the category of one record (descriptions first)."""
    th = [row.get("description_th") or "", row["province_th"], KIND_LABELS[kind][0]]
    en = [row.get("description_en") or "", row["province_en"], KIND_LABELS[kind][1]]
    category = ""
    if kind == "asset":
        category = row["archetype"]
        th += [row["period"], " ".join(row["keywords"] or []), ARCHETYPE_TH.get(category, "")]
        en += [ARCHETYPE_EN.get(category, "")]
    elif kind == "learning_space":
        category = row["space_type"]
        th += [SPACE_TYPE_TH.get(category, ""), row["programmes"]]
        en += [SPACE_TYPE_EN.get(category, "")]
    elif kind == "market":
        opened = row["opened_on"]
        th.append(str(opened.year) if opened else "")
    elif kind == "learning_city":
        # The UNESCO statements (written in Thai or English): the Thai analyzer reads both.
        th = [row["motivation"], row["implementation"], *th, row["local_government_th"]]
        en += [row["local_government_en"], str(row["joined_year"] or "")]
    if row.get("parent_th"):
        th.append(row["parent_th"])
    if row.get("parent_en"):
        en.append(row["parent_en"])
    return [t for t in th if t], [t for t in en if t], category


def to_document(kind: str, row: dict) -> dict[str, Any]:
    """The whoosh document of one record row (see the _*_rows readers)."""
    text_th, text_en, category = _texts(kind, row)
    name_th, name_en = row["name_th"] or "", row["name_en"] or ""
    doc = {
        "key": record_key(kind, row["id"]),
        "kind": kind,
        "code": row["code"],
        "ref": row.get("ref") or "",
        "name_th": name_th,
        "name_en": name_en,
        "text_th": "\n".join(text_th),
        "text_en": "\n".join(text_en),
        "description_th": row.get("description_th") or row.get("motivation") or "",
        "description_en": row.get("description_en") or "",
        "category": category,
        "province": row["province_code"],
        "province_th": row["province_th"],
        "province_en": row["province_en"],
        "region": row["region_code"],
        "lon": round(row["lon"], 6) if row["lon"] is not None else None,
        "lat": round(row["lat"], 6) if row["lat"] is not None else None,
        "url": _MODELS[kind](code=row["code"]).get_absolute_url(),
    }
    return doc  # its places and digest: with_places (documents() below)


def digest(doc: dict[str, Any]) -> str:
    """A fingerprint of what the document says: the catch-up rewrites the documents whose differ."""
    content = {k: v for k, v in doc.items() if k != "digest"}
    return hashlib.blake2b(
        json.dumps(content, sort_keys=True, ensure_ascii=False).encode(), digest_size=12
    ).hexdigest()


def index_fields(doc: dict[str, Any]) -> dict[str, Any]:
    """The document as whoosh fields: the derived (analysed) fields added, blanks left out."""
    name_th, name_en = doc["name_th"], doc["name_en"]
    keys = {analysis.compact(name_th), analysis.compact(name_en), roman_key(name_th)}
    # A name's other name in brackets is a name too: "วัดพระเชตุพน... (วัดโพธิ์)".
    for name in (name_th, name_en):
        keys.update(analysis.compact(alias) for alias in _NAME_PARTS.split(name) if alias.strip())
    fields = {
        **doc,
        "ident": " ".join(v for v in (doc["code"], doc["ref"]) if v),
        "name_roman": name_th,
        "name_key": " ".join(k for k in keys if k),
        "sort_name": analysis.compact(name_th or name_en) or doc["code"],
        "lon_e6": microdegrees(doc["lon"]),
        "lat_e6": microdegrees(doc["lat"]),
    }
    return {name: value for name, value in fields.items() if value not in ("", None)}


_NAME_PARTS = re.compile(r"[()\[\],]")


def microdegrees(value: float | None) -> int | None:
    return None if value is None else round(value * 1_000_000)


def roman_key(name: str) -> str:
    return "".join(analysis.romanize(w.text) if w.thai else w.text.lower() for w in analysis.words(name))


def documents(kind: str, ids: Iterable[int] | None = None) -> Iterator[dict[str, Any]]:
    """Documents of the public records of a kind (all of them, or those of `ids`), with the places
    of their shown points (one lookup per batch)."""
    batch: list[dict[str, Any]] = []
    for row in _ROWS[kind](ids).iterator(chunk_size=PLACES_BATCH):
        batch.append(to_document(kind, row))
        if len(batch) == PLACES_BATCH:
            yield from with_places(batch)
            batch = []
    yield from with_places(batch)


def all_documents() -> Iterator[dict[str, Any]]:
    for kind in KINDS:
        yield from documents(kind)


def province_names() -> list[str]:
    """Province names: words of the domain dictionary along with the records' names."""
    from geodata.models import Province

    return list(Province.objects.values_list("name_th", flat=True))
