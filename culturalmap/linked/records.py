"""A public record as schema.org JSON-LD and as a citation, from its public feature
(culturalmap.ogc.features): names in both languages, the place the public sees (an at-risk site's
generalised point and sub-district only), the time it last changed."""

import json
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db.models import Model

from culturalmap.core import records
from culturalmap.core.records import RecordKind
from culturalmap.ogc import features

# schema.org types whose records are places themselves; others (a work, an event) are *at* a place.
PLACE_TYPES = {
    "Place",
    "TouristAttraction",
    "LandmarksOrHistoricalBuildings",
    "City",
    "Library",
    "Museum",
    "CivicStructure",
}
EVENT_TYPES = {"Event", "EventSeries", "Festival"}


def kind_of(record: Model) -> RecordKind | None:
    return next((k for k in records.kinds() if isinstance(record, k.model_class)), None)


@dataclass(frozen=True)
class PublicRecord:
    kind: RecordKind
    feature: dict[str, Any]
    point: tuple[float, float] | None

    @property
    def properties(self) -> dict[str, Any]:
        return self.feature["properties"]

    @property
    def url(self) -> str:
        return self.properties["url"]

    @property
    def schema_type(self) -> str:
        category = self.properties.get("category")
        return dict(self.kind.features.category_schema_types).get(category, self.kind.features.schema_type)


def public_record(record: Model, *, base_url: str) -> PublicRecord | None:
    """The record as the public sees it; None when it is not public (a draft a curator is reading)."""
    kind = kind_of(record)
    if kind is None:
        return None
    found = features.feature(kind, record.code, base_url=base_url)
    if found is None:
        return None
    return PublicRecord(kind, json.loads(found), features.public_point(kind, record.code))


def _texts(properties: dict, name: str) -> list[dict[str, str]]:
    return [
        {"@language": language, "@value": properties[f"{name}_{language}"]}
        for language in ("th", "en")
        if properties.get(f"{name}_{language}")
    ]


def _place(found: PublicRecord) -> dict[str, Any]:
    p = found.properties
    place: dict[str, Any] = {"@type": "Place"}
    if found.point:
        place["geo"] = {"@type": "GeoCoordinates", "longitude": found.point[0], "latitude": found.point[1]}
    address = {"@type": "PostalAddress", "addressCountry": "TH"}
    for key, name in (
        ("addressRegion", "province"),
        ("addressLocality", "amphoe"),
        ("streetAddress", "tambon"),
    ):
        if p.get(f"{name}_th"):
            address[key] = p[f"{name}_th"]
    place["address"] = address
    return place


def json_ld(found: PublicRecord) -> dict[str, Any]:
    p = found.properties
    kind_type = found.schema_type
    doc: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": kind_type,
        "@id": found.url,
        "url": found.url,
        "identifier": p["code"],
        "name": _texts(p, "name"),
        "dateModified": p.get("updated_at"),
        "license": settings.OPEN_DATA_LICENCE.get("url") or None,
        "isAccessibleForFree": True,
    }
    description = _texts(p, "description")
    if description:
        doc["description"] = description
    if p.get("category"):
        doc["keywords"] = [v for v in (p.get("category_th"), p.get("category_en")) if v]
    place = _place(found)
    if kind_type in PLACE_TYPES:
        doc.update({key: value for key, value in place.items() if key != "@type"})
    elif kind_type in EVENT_TYPES:
        doc["location"] = place
        doc["eventAttendanceMode"] = "https://schema.org/OfflineEventAttendanceMode"
    else:
        doc["spatialCoverage"] = place
    return {key: value for key, value in doc.items() if value not in (None, [], "")}
