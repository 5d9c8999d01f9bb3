"""What the index holds for each record: read from PostGIS, public view only.

Each record kind (culturalmap.core.records) says which rows of its public queryset make its documents
and what text they carry; this module turns those rows into whoosh documents, for every registered
kind alike. An at-risk (`high`) asset carries only its generalised `public_location`, never
`location` or `geom`. The records are read in a few batched queries per kind (no per-record query),
which keeps a full rebuild quick.
"""

import hashlib
import json
import re
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import Any

from django.db.models import QuerySet

from culturalmap.core import records

from . import analysis, concepts
from .places import PLACES_BATCH, place_names, with_places
from .schema import build_schema

# The quality prior (0..1) of a record, from its signals (culturalmap.core.records.RecordSignals) and
# its concept tags: completeness counts most; then images, a designation (World Heritage, a registered
# monument, UNESCO's intangible heritage...) and being tagged at all.
QUALITY_WEIGHTS = {"completeness": 0.45, "images": 0.2, "standing": 0.25, "concepts": 0.1}
QUALITY_IMAGES = 3  # images that count: a record with three is as well illustrated as one with five
QUALITY_CONCEPTS = 2  # tagged with a concept or two says what it is; more tags are not a better record


def kind_labels() -> dict[str, tuple[str, str]]:
    """Each kind's Thai and English name (the facet and the result list say what a record is)."""
    return {kind.code: (kind.name_th, kind.name_en) for kind in records.kinds()}


def category_labels() -> dict[str, tuple[str, str]]:
    """Every category of every kind (archetypes, learning-space types): Thai and English names."""
    return {c.code: (c.name_th, c.name_en) for kind in records.kinds() for c in kind.categories}


def category_label(kind: str, category: str, lang: str) -> str:
    found = records.get(kind).category(category)
    if found is None:
        return category
    return found.name_th if lang == "th" else found.name_en


def record_rows(kind: str, ids: Iterable[int] | None = None) -> QuerySet:
    """The document rows of a kind's public records (all of them, or those of `ids`)."""
    record_kind = records.get(kind)
    public = record_kind.public().order_by()
    if ids is not None:
        public = public.filter(pk__in=ids)
    return record_kind.search.rows(public)


def record_key(kind: str, pk: int) -> str:
    return f"{kind}:{pk}"


def _texts(kind: records.RecordKind, row: dict) -> tuple[list[str], list[str]]:
    """Searchable Thai and English text of one record (descriptions first)."""
    extra_th, extra_en = kind.search.texts(row)
    th = [row.get("description_th") or "", row["province_th"], kind.name_th, *extra_th]
    en = [row.get("description_en") or "", row["province_en"], kind.name_en, *extra_en]
    if row.get("parent_th"):
        th.append(row["parent_th"])
    if row.get("parent_en"):
        en.append(row["parent_en"])
    return [t for t in th if t], [t for t in en if t]


def to_document(kind: str, row: dict) -> dict[str, Any]:
    """The whoosh document of one record row (see `record_rows`)."""
    record_kind = records.get(kind)
    text_th, text_en = _texts(record_kind, row)
    extra_th, extra_en = record_kind.search.texts(row)
    signals = record_kind.search.signals(row)
    category = row[record_kind.search.category] if record_kind.search.category else ""
    doc = {
        "key": record_key(kind, row["id"]),
        "kind": kind,
        "code": row["code"],
        "ref": row.get("ref") or "",
        "name_th": row["name_th"] or "",
        "name_en": row["name_en"] or "",
        "text_th": "\n".join(text_th),
        "text_en": "\n".join(text_en),
        "description_th": row.get("description_th") or "",
        "description_en": row.get("description_en") or "",
        "category": category or "",
        "province": row["province_code"],
        "province_th": row["province_th"],
        "province_en": row["province_en"],
        "region": row["region_code"],
        "lon": round(row["lon"], 6) if row["lon"] is not None else None,
        "lat": round(row["lat"], 6) if row["lat"] is not None else None,
        "url": record_kind.url(row["code"]),
        "completeness": round(signals.completeness, 3),
        "images": signals.images,
        "views_before": signals.views_before,
        # What concepts are read from (then dropped): the names and the record's own short texts
        # (keywords, period, category), not the descriptions, whose addresses name places.
        "_tag_th": "\n".join(t for t in (row["name_th"], *extra_th) if t),
        "_tag_en": "\n".join(t for t in (row["name_en"], *extra_en) if t),
    }
    return doc  # its places, concepts, quality and digest: documents() below


def quality(doc: dict[str, Any], matcher: concepts.ConceptMatcher) -> int:
    """The quality prior in ten-thousandths (0..10000)."""
    tags = doc.get("concepts", ())
    parts = {
        "completeness": doc.get("completeness", 0.0),
        "images": min(doc.get("images", 0), QUALITY_IMAGES) / QUALITY_IMAGES,
        "standing": 1.0 if matcher.designations.intersection(tags) else 0.0,
        "concepts": min(len(tags), QUALITY_CONCEPTS) / QUALITY_CONCEPTS,
    }
    return round(10_000 * sum(QUALITY_WEIGHTS[name] * value for name, value in parts.items()))


def digest(doc: dict[str, Any]) -> str:
    """A fingerprint of what the document says: the catch-up rewrites the documents whose differ."""
    content = {k: v for k, v in doc.items() if k != "digest"}
    return hashlib.blake2b(
        json.dumps(content, sort_keys=True, ensure_ascii=False).encode(), digest_size=12
    ).hexdigest()


def index_fields(doc: dict[str, Any]) -> dict[str, Any]:
    """The document as whoosh fields: the derived (analysed) fields added, blanks left out."""
    name_th, name_en = doc["name_th"], doc["name_en"]
    tags = doc.get("concepts") or []
    # Each made once: segmenting and romanising a name is most of a document's cost outside whoosh.
    th_key, en_key, roman = analysis.compact(name_th), analysis.compact(name_en), roman_key(name_th)
    keys = {th_key, en_key, roman}
    # A name's other name in brackets is a name too: "วัดพระเชตุพน... (วัดโพธิ์)".
    for name in (name_th, name_en):
        keys.update(analysis.compact(alias) for alias in _NAME_PARTS.split(name) if alias.strip())
    whole = {th_key, en_key, roman}
    fields = {
        **doc,
        "ident": " ".join(v for v in (doc["code"], doc["ref"]) if v),
        "name_roman": name_th,
        "name_key": " ".join(k for k in keys if k),
        "name_whole": " ".join(k for k in whole if k),
        "sort_name": (th_key if name_th else en_key) or doc["code"],
        "lon_e6": microdegrees(doc["lon"]),
        "lat_e6": microdegrees(doc["lat"]),
        "concepts": " ".join(tags),
        "spell": "\n".join((name_th, name_en)),
    }
    fields = {name: value for name, value in fields.items() if value not in ("", None)}
    for name in ("completeness", "images"):
        fields.pop(name, None)
    return fields


_NAME_PARTS = re.compile(r"[()\[\],]")


ANALYSED_FIELDS = ("name_th", "name_en", "name_roman", "text_th", "text_en", "spell")


@lru_cache(maxsize=1)
def _analysed() -> dict[str, tuple[analysis.IndexTerms, bool]]:
    """The text fields whose terms are made here rather than by whoosh (see `whoosh_fields`), each
    with whether it is stored."""
    schema = build_schema()
    return {
        name: (analysis.IndexTerms(schema[name].analyzer), schema[name].stored) for name in ANALYSED_FIELDS
    }


def whoosh_fields(doc: dict[str, Any]) -> dict[str, Any]:
    """`index_fields` with the text fields' terms already made (whoosh indexes a list of terms as
    given and stores the `_stored_` value): the same index, made with the analysis's chunk memo."""
    fields = index_fields(doc)
    for name, (terms, stored) in _analysed().items():
        value = fields.get(name)
        if value is None:
            continue
        fields[name] = terms(value)
        if stored:
            fields[f"_stored_{name}"] = value
    return fields


def microdegrees(value: float | None) -> int | None:
    return None if value is None else round(value * 1_000_000)


def roman_key(name: str) -> str:
    return "".join(analysis.romanize(w.text) if w.thai else w.text.lower() for w in analysis.words(name))


def documents(
    kind: str, ids: Iterable[int] | None = None, *, matcher: concepts.ConceptMatcher | None = None
) -> Iterator[dict[str, Any]]:
    """Documents of the public records of a kind (all of them, or those of `ids`), with the places
    of their shown points and their concepts (a few queries per batch)."""
    return _finished([(kind, _read(kind, ids))], matcher or concepts.EMPTY)


def all_documents(matcher: concepts.ConceptMatcher | None = None) -> Iterator[dict[str, Any]]:
    return _finished([(kind, _read(kind)) for kind in records.codes()], matcher or concepts.EMPTY)


def _read(kind: str, ids: Iterable[int] | None = None) -> list[dict[str, Any]]:
    return [to_document(kind, row) for row in record_rows(kind, ids).iterator(chunk_size=PLACES_BATCH)]


def _finished(
    read: list[tuple[str, list[dict[str, Any]]]], matcher: concepts.ConceptMatcher
) -> Iterator[dict[str, Any]]:
    # Every name's words go into the Thai dictionary before any text is segmented: a word added
    # later would make the segmentation done so far (the concepts' here, cached for the index's
    # analysis) be done again.
    analysis.DICTIONARY.add_names(doc["name_th"] for _kind, docs in read for doc in docs)
    for _kind, docs in read:
        for start in range(0, len(docs), PLACES_BATCH):
            yield from _finish(docs[start : start + PLACES_BATCH], matcher)


def _finish(batch: list[dict[str, Any]], matcher: concepts.ConceptMatcher) -> Iterator[dict[str, Any]]:
    placed = list(with_places(batch))
    for doc in placed:
        # The record's own places are not what it is about (ตำบลคลองหลวง is no canal).
        own = place_names(doc)
        doc["_tag_th"], doc["_tag_en"] = (_without(doc[f"_tag_{lang}"], own) for lang in ("th", "en"))
    concepts.tag_documents(placed, matcher)
    for doc in placed:
        del doc["_tag_th"], doc["_tag_en"]
        doc["quality"] = quality(doc, matcher)
        doc["digest"] = digest(doc)
        yield doc


def _without(text: str, names: list[str]) -> str:
    for name in names:
        text = text.replace(name, " ")
    return text


def province_names() -> list[str]:
    """Province names: words of the domain dictionary along with the records' names."""
    from geodata.models import Province

    return list(Province.objects.values_list("name_th", flat=True))
