"""Writes on the cultural-asset catalogue, one record at a time (the admin, forms, scripts).

The rules are those of the bulk import (culturalmap.assets.interchange.rules): each rule lives
there once. The sub-district, and so the district and province, are always derived from the
geometry (culturalmap.assets.places); a province or tambon code given by the caller must agree with
them. One difference of consequence, not of rule: a tambon code that disagrees is an error here
(the editor can fix it on the spot) where the import stores the derived one with a warning.
"""

import json
from typing import Any

import numpy as np
import shapely
from django.contrib.gis.geos import GEOSGeometry
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from culturalmap.core.exceptions import RecordNotFound
from culturalmap.core.history import Change, Revision, RevisionAction, RevisionVia, revisions_record
from culturalmap.core.permissions import AnyUser, is_curator
from geodata.models import Province, Tambon
from geodata.selectors import province_by_name_or_code

from .history import KIND, asset_snapshots
from .interchange import rules
from .interchange.profiles import ColumnMapping, mapping_problems
from .interchange.rules import AssetProblem
from .models import Asset, ImportProfile, Risk
from .places import asset_public_places_derive, place_geometry

# Fields a caller may set; code, places and the generated locations are the catalogue's own
# (a tambon_code given is a claim, checked against the geometry: see asset_clean).
EDITABLE_FIELDS = (
    "ref",
    "name_th",
    "name_en",
    "description_th",
    "description_en",
    "archetype",
    "period",
    "keywords",
    "source",
    "tambon_code",
    "risk",
    "risk_reason",
    "status",
    "geom",
    "recorded_on",
)


def _field_errors(problems: list[AssetProblem]) -> ValidationError:
    errors: dict[str, list[str]] = {}
    for problem in problems:
        errors.setdefault(problem.field, []).append(str(problem))
    return ValidationError(errors)


def _checked_geometry(geom: GEOSGeometry | None) -> tuple[GEOSGeometry, Tambon]:
    """The geometry as stored (2-D, repaired when that keeps its area) and its sub-district."""
    if geom is not None and geom.srid and geom.srid != 4326:
        geom = geom.transform(4326, clone=True)
    if geom is None:
        shape = None
    else:  # GEOS writes no WKB for an empty point
        shape = shapely.from_wkt(geom.wkt) if geom.empty else shapely.from_wkb(bytes(geom.wkb))
    checked, problems = rules.check_geometries(np.array([shape], dtype=object))
    if problems[0]:
        raise problems[0]
    placed = place_geometry(checked[0])
    if placed.code is None:
        raise placed.problem
    return GEOSGeometry(memoryview(shapely.to_wkb(checked[0])), srid=4326), placed.tambon


def _place(
    asset: Asset, tambon, *, province: str | Province | None, claimed_tambon: str | None
) -> list[AssetProblem]:
    """Set the asset's places from the sub-district its geometry lies in; what the caller claimed
    (province, sub-district code) is checked against them, never used."""
    actual = tambon.province
    asset.province = actual
    asset.tambon_code = tambon.code
    # A high-risk site's public place is its generalised point's, derived once saved.
    if asset.risk != Risk.HIGH:
        asset.public_tambon_code = tambon.code
    if isinstance(province, Province):
        claimed_text, claimed_province = province.name_th, province
    else:
        claimed_text = rules.clean_text(province)
        claimed_province = province_by_name_or_code(claimed_text) if claimed_text else None
    problems = [
        rules.province_claim_problem(claimed_text, claimed_province, actual),
        rules.tambon_claim_problem(claimed_tambon, tambon, stored=False)
        if claimed_tambon is not None
        else None,
    ]
    return [problem for problem in problems if problem]


def asset_clean(
    *, asset: Asset, province: str | Province | None = None, tambon_code: str | None = None
) -> Asset:
    """Normalise the asset's fields and derive its sub-district, district and province from its
    geometry, without saving.

    Raises ValidationError (per field, in Thai and English) when a rule is broken. `province` and
    `tambon_code` are what the caller claims (a Province, or a Thai/English name or code; a DOPA
    code); they are checked, not used.
    """
    problems: list[AssetProblem] = []

    def attempt(check, *values: Any) -> Any:
        try:
            return check(*values)
        except AssetProblem as problem:
            problems.append(problem)
            return None

    names = attempt(rules.clean_names, asset.name_th, asset.name_en)
    if names:
        asset.name_th, asset.name_en = names
    asset.archetype = attempt(rules.clean_archetype, asset.archetype) or asset.archetype
    asset.risk = attempt(rules.clean_risk, asset.risk) or asset.risk
    asset.keywords = attempt(rules.clean_keywords, asset.keywords) or []
    asset.ref = attempt(rules.clean_ref, asset.ref)
    for name in ("period", "source"):
        setattr(asset, name, rules.clean_text(getattr(asset, name)))
        attempt(rules.check_length, name, getattr(asset, name))
    claimed_tambon = rules.clean_tambon(tambon_code)
    malformed = rules.tambon_format_problem(claimed_tambon)
    if malformed:
        problems.append(malformed)

    located = attempt(_checked_geometry, asset.geom)
    if located:
        asset.geom, tambon = located
        problems += _place(
            asset, tambon, province=province, claimed_tambon=None if malformed else claimed_tambon
        )
    if problems:
        raise _field_errors(problems)
    # The joins on the codes just set must not answer with the places cached before (full_clean
    # would even write a stale one back over the code).
    for relation in ("tambon", "public_tambon"):
        asset._state.fields_cache.pop(relation, None)
    asset.full_clean(exclude=["tambon", "public_tambon"])
    return asset


@transaction.atomic
def asset_save(
    *,
    asset: Asset,
    province: str | Province | None = None,
    tambon_code: str | None = None,
    user: "AnyUser | None" = None,
    via: str = RevisionVia.SERVICE,
    reverts: Revision | None = None,
) -> Asset:
    """Check and save one asset (new or changed); its places come from its geometry. The change is
    kept in the asset's history, with `user` and `via` (how it came: admin, page, import...)."""
    before = asset_snapshots([asset.pk]).get(asset.pk) if asset.pk else None
    asset_clean(asset=asset, province=province, tambon_code=tambon_code)
    asset.save()
    if asset.risk == Risk.HIGH:
        asset_public_places_derive(asset_ids=[asset.pk])
        asset.refresh_from_db(fields=["public_tambon_code", "public_location", "location", "public_geom"])
    revisions_record(
        kind=KIND,
        changes=[Change(asset.pk, before, asset_snapshots([asset.pk])[asset.pk])],
        user=user,
        via=via,
        action=RevisionAction.REVERT if reverts else None,
        reverts=reverts,
    )
    return asset


@transaction.atomic
def asset_create(
    *,
    name_th: str = "",
    name_en: str = "",
    archetype: str,
    geom: GEOSGeometry,
    province: str | Province | None = None,
    user: "AnyUser | None" = None,
    via: str = RevisionVia.SERVICE,
    **fields: Any,
) -> Asset:
    """A new asset; `fields` are any other of EDITABLE_FIELDS."""
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"asset_create() got fields it does not set: {', '.join(sorted(unknown))}")
    tambon_code = fields.pop("tambon_code", None)
    asset = Asset(name_th=name_th, name_en=name_en, archetype=archetype, geom=geom, **fields)
    return asset_save(asset=asset, province=province, tambon_code=tambon_code, user=user, via=via)


@transaction.atomic
def asset_update(
    *,
    asset: Asset,
    province: str | Province | None = None,
    user: "AnyUser | None" = None,
    via: str = RevisionVia.SERVICE,
    reverts: Revision | None = None,
    **changes: Any,
) -> Asset:
    """Change some fields of an asset; the province follows the (new) geometry."""
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"asset_update() got fields it does not set: {', '.join(sorted(unknown))}")
    tambon_code = changes.pop("tambon_code", None)
    for name, value in changes.items():
        setattr(asset, name, value)
    return asset_save(
        asset=asset, province=province, tambon_code=tambon_code, user=user, via=via, reverts=reverts
    )


@transaction.atomic
def asset_revision_revert(*, user: AnyUser, revision: Revision, via: str = RevisionVia.PAGE) -> Revision:
    """Curators only: bring the asset back to this revision's state, as a new revision (its places
    follow the geometry again; nothing else of the record's history changes)."""
    if not is_curator(user):
        raise PermissionDenied("เฉพาะผู้ดูแลข้อมูลเท่านั้นที่ย้อนกลับได้ / Only curators may revert.")
    asset = (
        Asset.objects.select_for_update().filter(pk=revision.record_id).first()
        if revision.kind == KIND
        else None
    )
    if asset is None:
        raise RecordNotFound(f"the asset of revision {revision.pk} is no longer in the catalogue")
    values = {name: revision.snapshot[name] for name in EDITABLE_FIELDS if name in revision.snapshot}
    values["geom"] = GEOSGeometry(json.dumps(values["geom"]), srid=4326)
    values.pop("tambon_code", None)  # derived from the geometry
    for name in ("recorded_on",):
        values[name] = Asset._meta.get_field(name).to_python(values.get(name))
    asset_update(asset=asset, user=user, via=via, reverts=revision, **values)
    return Revision.objects.filter(kind=KIND, record_id=asset.pk).order_by("-number").first()


@transaction.atomic
def import_profile_save(
    *, user: AnyUser, name: str, mapping: ColumnMapping, description: str = ""
) -> ImportProfile:
    """Curators only: keep a column mapping under a name (the same name replaces it)."""
    if not is_curator(user):
        raise PermissionDenied("เฉพาะผู้ดูแลข้อมูลเท่านั้น / Only curators may save import profiles.")
    name = rules.clean_text(name)
    if not name:
        raise ValidationError({"name": "ตั้งชื่อโปรไฟล์ / Give the profile a name."})
    problems = mapping_problems(mapping)
    if problems:
        raise ValidationError({"mapping": [f"{th} / {en}" for th, en in problems]})
    profile, _ = ImportProfile.objects.update_or_create(
        name=name,
        defaults={"mapping": mapping.as_json(), "description": description, "created_by": user},
    )
    return profile
