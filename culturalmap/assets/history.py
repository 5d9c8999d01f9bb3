"""What the history of an asset keeps (culturalmap.core.history), and what each reader sees of it.

A snapshot holds every field a curator may change, with the places derived from the geometry. The
public reads what changed and when, never who, nor the location of a site at risk: a change of
geometry, sub-district or risk shows as a change of location, without the values.
"""

import json
from dataclasses import dataclass
from typing import Any

from django.contrib.gis.db.models.functions import AsGeoJSON
from django.db.models import F

from culturalmap.core.history import Revision, jsonable, record_revisions

from .models import Asset

KIND = "asset"
# Every field the services write (their EDITABLE_FIELDS), the derived places beside them.
PLAIN_FIELDS = (
    "ref",
    "name_th",
    "name_en",
    "description_th",
    "description_en",
    "archetype",
    "period",
    "keywords",
    "source",
    "risk",
    "risk_reason",
    "status",
    "recorded_on",
    "tambon_code",
    "public_tambon_code",
)
# What the public never reads the values of: where an at-risk site lies, and the curators' notes.
LOCATION_FIELDS = ("geom", "tambon_code", "public_tambon_code", "province", "risk")
CURATORS_ONLY = ("risk_reason",)


def asset_snapshots(ids: list[int]) -> dict[int, dict[str, Any]]:
    """The snapshot of each asset, by id: one query for any number of them."""
    if not ids:
        return {}
    rows = Asset.objects.filter(pk__in=ids).values(
        "pk", *PLAIN_FIELDS, province_code=F("province__code"), geojson=AsGeoJSON("geom", precision=7)
    )
    found = {}
    for row in rows:
        snapshot = {name: jsonable(row[name]) for name in PLAIN_FIELDS}
        snapshot["province"] = row["province_code"]
        snapshot["geom"] = json.loads(row["geojson"])
        found[row["pk"]] = snapshot
    return found


@dataclass(frozen=True)
class FieldChange:
    field: str
    before: Any = None
    after: Any = None
    shown: bool = True  # False: the reader learns that it changed, not from what to what


@dataclass(frozen=True)
class HistoryEntry:
    revision: Revision
    changes: list[FieldChange]

    @property
    def location_changed(self) -> bool:
        return any(not c.shown for c in self.changes)


def asset_history(asset: Asset, *, curator: bool) -> list[HistoryEntry]:
    """The asset's revisions, newest first, as its reader may see them."""
    entries = []
    for revision in record_revisions(KIND, asset.pk):
        changes = []
        for field, (before, after) in sorted(revision.changes.items()):
            if curator:
                changes.append(FieldChange(field, before, after))
            elif field in LOCATION_FIELDS:
                if not any(c.field == "location" for c in changes):
                    changes.append(FieldChange("location", shown=False))
            elif field not in CURATORS_ONLY:
                changes.append(FieldChange(field, before, after))
        entries.append(HistoryEntry(revision, changes))
    return entries
