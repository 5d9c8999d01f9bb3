"""Writes on the cultural-asset catalogue, one record at a time (the admin, forms, scripts).

The rules are those of the bulk import (culturalmap.assets.interchange.rules): each rule lives
there once. The province is always derived from the geometry; a province given by the caller
must agree with it. One difference of consequence, not of rule: a malformed tambon code is an
error here (the editor can fix it on the spot) where the import leaves it out with a warning.
"""

from typing import Any

import numpy as np
import shapely
from django.contrib.gis.geos import GEOSGeometry
from django.core.exceptions import ValidationError
from django.db import transaction

from geodata.models import Province
from geodata.selectors import province_by_name_or_code, province_for_geometry

from .interchange import rules
from .interchange.rules import AssetProblem
from .models import Asset

# Fields a caller may set; code, province and the generated locations are the catalogue's own.
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


def _checked_geometry(geom: GEOSGeometry | None) -> tuple[GEOSGeometry, Province]:
    """The geometry as stored (2-D, repaired when that keeps its area) and its province."""
    if geom is not None and geom.srid and geom.srid != 4326:
        geom = geom.transform(4326, clone=True)
    if geom is None:
        shape = None
    else:  # GEOS writes no WKB for an empty point
        shape = shapely.from_wkt(geom.wkt) if geom.empty else shapely.from_wkb(bytes(geom.wkb))
    checked, problems = rules.check_geometries(np.array([shape], dtype=object))
    if problems[0]:
        raise problems[0]
    geom = GEOSGeometry(memoryview(shapely.to_wkb(checked[0])), srid=4326)
    province = province_for_geometry(geom)
    if province is None:
        swapped = GEOSGeometry(memoryview(shapely.to_wkb(rules.swap_xy(checked[0]))), srid=4326)
        raise rules.location_problem(inside=False, swapped_inside=province_for_geometry(swapped) is not None)
    return geom, province


def asset_clean(*, asset: Asset, province: str | Province | None = None) -> Asset:
    """Normalise the asset's fields and derive its province from its geometry, without saving.

    Raises ValidationError (per field, in Thai and English) when a rule is broken. `province` is
    what the caller claims (a Province, or a Thai/English name or code); it is checked, not used.
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
    asset.tambon_code = rules.clean_tambon(asset.tambon_code)

    located = attempt(_checked_geometry, asset.geom)
    if located:
        asset.geom, actual = located
        asset.province = actual
        claimed = province
        if isinstance(claimed, Province):
            claimed_text, claimed_province = claimed.name_th, claimed
        else:
            claimed_text = rules.clean_text(claimed)
            claimed_province = province_by_name_or_code(claimed_text) if claimed_text else None
        for problem in (
            rules.province_claim_problem(claimed_text, claimed_province, actual),
            rules.tambon_problem(asset.tambon_code, actual.code),
        ):
            if problem:
                problems.append(problem)
    if problems:
        raise _field_errors(problems)
    asset.full_clean()
    return asset


@transaction.atomic
def asset_save(*, asset: Asset, province: str | Province | None = None) -> Asset:
    """Check and save one asset (new or changed); the province comes from its geometry."""
    asset_clean(asset=asset, province=province)
    asset.save()
    return asset


@transaction.atomic
def asset_create(
    *,
    name_th: str = "",
    name_en: str = "",
    archetype: str,
    geom: GEOSGeometry,
    province: str | Province | None = None,
    **fields: Any,
) -> Asset:
    """A new asset; `fields` are any other of EDITABLE_FIELDS."""
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"asset_create() got fields it does not set: {', '.join(sorted(unknown))}")
    asset = Asset(name_th=name_th, name_en=name_en, archetype=archetype, geom=geom, **fields)
    return asset_save(asset=asset, province=province)


@transaction.atomic
def asset_update(*, asset: Asset, province: str | Province | None = None, **changes: Any) -> Asset:
    """Change some fields of an asset; the province follows the (new) geometry."""
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"asset_update() got fields it does not set: {', '.join(sorted(unknown))}")
    for name, value in changes.items():
        setattr(asset, name, value)
    return asset_save(asset=asset, province=province)
