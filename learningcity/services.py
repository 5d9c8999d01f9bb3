"""Writes on learning cities and spaces: who may, what is valid, and the history of every change.

- Only the city's team (`LearningCity.team_members`) or a curator may write: PermissionDenied (403).
- A space's geometry must be valid, of its type's shape, and inside the city's area or province.
- Optimistic concurrency: an edit names the version it started from; the UPDATE only matches that
  version, so of two people editing at once the second gets StaleEdit (409) with the newer record.
- Every change adds a LearningRevision (snapshot + what changed); a revert is a new revision.
"""

import datetime
import json
import math
from decimal import Decimal
from typing import Any

from django.contrib.gis.gdal.error import GDALException
from django.contrib.gis.geos import GEOSException, GEOSGeometry, WKBWriter
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.db.models import F
from django.utils import timezone

from culturalmap.core.changes import records_changed
from culturalmap.core.exceptions import Conflict
from culturalmap.core.geojson import GeometryRefused, parse_geometry
from culturalmap.core.images import process_image_upload
from culturalmap.core.permissions import AnyUser, is_curator
from culturalmap.core.publication import PublicationStatus

from .models import (
    LearningCity,
    LearningRevision,
    LearningSpace,
    LearningSpaceImage,
    RevisionAction,
    SpaceType,
    clean_challenges,
)
from .selectors import can_edit_city, geometry_outside_city, latest_revision

# What a team may change on a learning space, and on its city's profile.
SPACE_FIELDS = (
    "name_th",
    "name_en",
    "description_th",
    "description_en",
    "space_type",
    "geom",
    "opening_hours",
    "programmes",
    "audiences",
    "accessibility",
    "contact",
    "learners_per_year",
    "status",
)
PROFILE_FIELDS = (
    "name_th",
    "name_en",
    "local_government_th",
    "local_government_en",
    "website",
    "mayor",
    "contact_name",
    "contact_email",
    "data_year",
    "population",
    "area_km2",
    "gdp_per_capita_city_usd",
    "gdp_per_capita_country_usd",
    "schooling_years_men",
    "schooling_years_women",
    "motivation",
    "implementation",
    "challenges",
)
MAX_PHOTOS_PER_SPACE = 12


class StaleEdit(Conflict):
    """The record changed since the editor opened it; `current` is the newer record (a 409 with its
    `version` and the record, culturalmap.core.exceptions)."""

    def __init__(self, current: LearningSpace | LearningCity, latest: LearningRevision | None = None):
        self.latest = latest
        who = latest.author.get_username() if latest and latest.author else None
        message = (
            "มีผู้แก้ไขข้อมูลนี้ก่อนคุณ"
            + (f" ({who})" if who else "")
            + f" ขณะนี้เป็นฉบับที่ {current.version}: ตรวจค่าปัจจุบันแล้วบันทึกอีกครั้ง"
            + " / Someone else saved this record while you were editing it"
            + (f" ({who})" if who else "")
            + f"; it is now version {current.version}. Check the current values and save again."
        )
        super().__init__(message, current=current, version=current.version)


def require_team(user: AnyUser, city: LearningCity) -> None:
    if not can_edit_city(user, city):
        raise PermissionDenied("ต้องเป็นทีมของเมืองแห่งการเรียนรู้นี้ / Only this city's team may change it.")


# --- geometry ----------------------------------------------------------------------------------


def geometry_from_input(value: Any) -> GEOSGeometry:
    """A GEOS geometry from GeoJSON (text, dict, or a Feature) or WKT; ValidationError if unreadable."""
    geom = value if isinstance(value, GEOSGeometry) else _read_geometry(value)
    if geom.hasz:  # a GPS export's heights: the map is flat, so they are dropped, not refused
        flat = WKBWriter()
        flat.outdim = 2
        geom = GEOSGeometry(flat.write(geom), srid=geom.srid)
    if geom.srid is None:
        geom.srid = 4326
    elif geom.srid != 4326:
        geom = geom.transform(4326, clone=True)
    return geom


def _read_geometry(value: Any) -> GEOSGeometry:
    """GeoJSON (text, dict or Feature: culturalmap.core.geojson, the one reader) or WKT text."""
    if isinstance(value, str):
        text = value.strip()
        if not text:
            raise ValidationError({"geom": "ต้องวาดตำแหน่งบนแผนที่ / Draw the location on the map."})
        if not text.startswith("{"):
            return _read_wkt(text)
    try:
        return parse_geometry(value, field="geom")
    except GeometryRefused as refused:
        if any(error.code == "too_few_points" for error in refused.error_dict["geom"]):
            raise ValidationError({"geom": ROUTE_NEEDS_TWO_POINTS}) from refused
        raise


def _read_wkt(text: str) -> GEOSGeometry:
    try:
        geom = GEOSGeometry(text)
    except (GEOSException, GDALException, ValueError, TypeError) as exc:
        raise ValidationError({"geom": "อ่านรูปทรงไม่ได้ / The geometry could not be read."}) from exc
    if not geom.empty and not all(math.isfinite(n) for n in geom.extent):
        raise ValidationError({"geom": "อ่านรูปทรงไม่ได้ / The geometry could not be read."})
    return geom


ROUTE_NEEDS_TWO_POINTS = (
    "เส้นทางการเรียนรู้ต้องมีอย่างน้อย 2 จุดที่ต่างกัน / A learning route needs at least 2 distinct points."
)


def check_space_geometry(
    *, city: LearningCity, space_type: str, geom: GEOSGeometry, check_area: bool = True
) -> None:
    """The shape fits the space type, is valid, and lies inside the city's area or province."""
    if geom.empty:
        raise ValidationError({"geom": "ต้องวาดตำแหน่งบนแผนที่ / Draw the location on the map."})
    if space_type == SpaceType.LEARNING_ROUTE:
        if geom.geom_type not in ("LineString", "MultiLineString"):
            raise ValidationError({"geom": "เส้นทางการเรียนรู้ต้องวาดเป็นเส้น / Draw a learning route as a line."})
        if geom.num_points < 2 or len({tuple(c) for c in _coords(geom)}) < 2:
            raise ValidationError({"geom": ROUTE_NEEDS_TWO_POINTS})
    elif geom.geom_type not in ("Point", "Polygon", "MultiPolygon"):
        raise ValidationError(
            {
                "geom": "พื้นที่เรียนรู้ต้องเป็นจุดหรือรูปหลายเหลี่ยม (เส้นใช้กับเส้นทางการเรียนรู้)"
                " / A learning space is a point or a polygon (lines are for routes)."
            }
        )
    if not geom.valid:
        raise ValidationError(
            {"geom": f"รูปทรงไม่ถูกต้อง ({geom.valid_reason}) / The geometry is invalid ({geom.valid_reason})."}
        )
    if check_area and geometry_outside_city(city, geom):
        where_th = f"พื้นที่ของ{city.name_th}" if city.area else f"จังหวัด{city.province.name_th}"
        where_en = f"{city.name_en}'s stated area" if city.area else f"{city.province.name_en} province"
        raise ValidationError({"geom": f"ตำแหน่งอยู่นอก{where_th} / The location is outside {where_en}."})


def _coords(geom: GEOSGeometry) -> list:
    if geom.geom_type == "MultiLineString":
        return [c for line in geom for c in line.coords]
    return list(geom.coords)


# --- snapshots and diffs -----------------------------------------------------------------------


def _jsonable(value: Any) -> Any:
    if isinstance(value, GEOSGeometry):
        return json.loads(value.json)
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def space_snapshot(space: LearningSpace) -> dict[str, Any]:
    snapshot = {name: _jsonable(getattr(space, name)) for name in SPACE_FIELDS}
    snapshot["photos"] = [image.image.name for image in space.images.order_by("position", "id")]
    return snapshot


def profile_snapshot(city: LearningCity) -> dict[str, Any]:
    # The Key Features are rated in yearly self-assessments (learningcity.assessment), apart from the
    # profile; profile revisions from before keep theirs, shown in the history.
    return {name: _jsonable(getattr(city, name)) for name in PROFILE_FIELDS}


def snapshot_diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list]:
    """Each changed field as [before, after]; the self-assessment per Key Feature."""
    changes: dict[str, list] = {}
    for key in sorted(set(before) | set(after)):
        old, new = before.get(key), after.get(key)
        if key == "key_features":
            for feature in sorted(set(old or {}) | set(new or {})):
                a, b = (old or {}).get(feature), (new or {}).get(feature)
                if a != b:
                    changes[f"key_features.{feature}"] = [a, b]
        elif old != new:
            changes[key] = [old, new]
    return changes


def _record(
    *,
    city: LearningCity,
    space: LearningSpace | None,
    version: int,
    action: str,
    before: dict[str, Any] | None,
    after: dict[str, Any],
    user: AnyUser,
    reverts: LearningRevision | None = None,
) -> LearningRevision:
    if before is not None and not LearningRevision.objects.filter(city=city, space=space).exists():
        # A record loaded or created before history began: keep its first state so it can be restored.
        LearningRevision.objects.create(
            city=city,
            space=space,
            version=_previous_version(version, action),
            action=RevisionAction.BASELINE,
            snapshot=before,
            changes={},
        )
    return LearningRevision.objects.create(
        city=city,
        space=space,
        version=version,
        action=action,
        snapshot=after,
        changes=snapshot_diff(before or {}, after),
        reverts=reverts,
        author=user if getattr(user, "is_authenticated", False) else None,
    )


def _previous_version(version: int, action: str) -> int:
    photo_only = action in (RevisionAction.PHOTO_ADDED, RevisionAction.PHOTO_REMOVED)
    return version if photo_only else max(version - 1, 1)


# --- learning spaces ---------------------------------------------------------------------------


def _clean_space_values(
    *, city: LearningCity, values: dict[str, Any], previous_geom: GEOSGeometry | None = None
) -> dict[str, Any]:
    """Validate a full set of space values (field rules + geometry rules); return them cleaned.

    The inside-the-city rule is checked when the geometry is set or moved: a space recorded
    before the rule (or before the city's area was drawn) can still have its hours corrected.
    """
    values = dict(values)
    unknown = set(values) - set(SPACE_FIELDS)
    if unknown:
        raise ValidationError({name: "ไม่ใช่ข้อมูลที่แก้ไขได้ / Not an editable field." for name in unknown})
    values["geom"] = geometry_from_input(values.get("geom"))
    values["audiences"] = list(dict.fromkeys(values.get("audiences") or []))
    candidate = LearningSpace(city=city, **values)
    candidate.full_clean(exclude=["code", "city", "version", "location"], validate_constraints=False)
    moved = previous_geom is None or not candidate.geom.equals_exact(previous_geom, 0)
    check_space_geometry(city=city, space_type=candidate.space_type, geom=candidate.geom, check_area=moved)
    return {name: getattr(candidate, name) for name in SPACE_FIELDS}


def _process_photo(photo) -> Any:
    return process_image_upload(photo) if photo else None


def _attach_photo(
    *, space: LearningSpace, processed, caption_th: str, caption_en: str, user: AnyUser
) -> LearningSpaceImage:
    if space.images.count() >= MAX_PHOTOS_PER_SPACE:
        raise ValidationError(
            {
                "photo": f"มีรูปภาพครบ {MAX_PHOTOS_PER_SPACE} รูปแล้ว"
                f" / This space already has {MAX_PHOTOS_PER_SPACE} photos."
            }
        )
    last = space.images.order_by("-position").values_list("position", flat=True).first()
    return LearningSpaceImage.objects.create(
        space=space,
        image=processed.image,
        thumbnail=processed.thumbnail,
        width=processed.width,
        height=processed.height,
        caption_th=caption_th[:300],
        caption_en=caption_en[:300],
        position=0 if last is None else last + 1,
        uploaded_by=user if getattr(user, "is_authenticated", False) else None,
    )


@transaction.atomic
def space_create(
    *,
    user: AnyUser,
    city: LearningCity,
    data: dict[str, Any],
    photo=None,
    photo_caption_th: str = "",
    photo_caption_en: str = "",
) -> LearningSpace:
    require_team(user, city)
    values = {"status": PublicationStatus.PUBLISHED, **data}
    processed = _process_photo(photo)  # refuse a bad photo before anything is written
    cleaned = _clean_space_values(city=city, values=values)
    space = LearningSpace.objects.create(city=city, **cleaned)
    if processed:
        _attach_photo(
            space=space,
            processed=processed,
            caption_th=photo_caption_th,
            caption_en=photo_caption_en,
            user=user,
        )
    _record(
        city=city,
        space=space,
        version=space.version,
        action=RevisionAction.CREATE,
        before=None,
        after=space_snapshot(space),
        user=user,
    )
    return space


def _apply_space_update(
    *,
    user: AnyUser,
    space: LearningSpace,
    version: int,
    data: dict[str, Any],
    action: str,
    reverts: LearningRevision | None = None,
    processed=None,
    photo_caption_th: str = "",
    photo_caption_en: str = "",
    photos: list[str] | None = None,
) -> LearningSpace:
    """`photos` (a revert): the image names the space shows afterwards, removed ones brought back."""
    current = LearningSpace.objects.select_related("city__province").get(pk=space.pk)
    if current.version != version:
        raise StaleEdit(current, latest_revision(city=current.city, space=current))
    before = space_snapshot(current)
    values = {name: getattr(current, name) for name in SPACE_FIELDS}
    values.update(data)
    cleaned = _clean_space_values(city=current.city, values=values, previous_geom=current.geom)
    changed = {name: value for name, value in cleaned.items() if _jsonable(value) != before[name]}
    if changed:
        # The version guard is in the UPDATE itself: of two concurrent edits from the same version,
        # the second waits for the first's row lock, then matches no row.
        rows = LearningSpace.objects.filter(pk=current.pk, version=version).update(
            **changed, version=F("version") + 1, updated_at=timezone.now()
        )
        if rows == 0:
            fresh = LearningSpace.objects.select_related("city").get(pk=current.pk)
            raise StaleEdit(fresh, latest_revision(city=fresh.city, space=fresh))
        records_changed("learning_space", [current.pk])
    updated = LearningSpace.objects.select_related("city__province").get(pk=current.pk)
    if photos is not None:
        _show_only_photos(space=updated, names=photos)
    if processed:
        _attach_photo(
            space=updated,
            processed=processed,
            caption_th=photo_caption_th,
            caption_en=photo_caption_en,
            user=user,
        )
    after = space_snapshot(updated)
    if after != before:
        if action == RevisionAction.UPDATE and changed.get("status") == PublicationStatus.WITHDRAWN:
            action = RevisionAction.RETIRE
        elif action == RevisionAction.UPDATE and not changed:
            action = RevisionAction.PHOTO_ADDED
        _record(
            city=updated.city,
            space=updated,
            version=updated.version,
            action=action,
            before=before,
            after=after,
            user=user,
            reverts=reverts,
        )
    return updated


@transaction.atomic
def space_update(
    *,
    user: AnyUser,
    space: LearningSpace,
    version: int,
    data: dict[str, Any],
    photo=None,
    photo_caption_th: str = "",
    photo_caption_en: str = "",
) -> LearningSpace:
    """Apply an edit made from `version`; StaleEdit if someone saved a newer one meanwhile."""
    require_team(user, space.city)
    processed = _process_photo(photo)
    return _apply_space_update(
        user=user,
        space=space,
        version=version,
        data=data,
        action=RevisionAction.UPDATE,
        processed=processed,
        photo_caption_th=photo_caption_th,
        photo_caption_en=photo_caption_en,
    )


@transaction.atomic
def space_retire(*, user: AnyUser, space: LearningSpace, version: int) -> LearningSpace:
    """Take a space off the public map and pages; its record and history stay (a curator can revert)."""
    require_team(user, space.city)
    return _apply_space_update(
        user=user,
        space=space,
        version=version,
        data={"status": PublicationStatus.WITHDRAWN},
        action=RevisionAction.RETIRE,
    )


@transaction.atomic
def space_photo_add(
    *, user: AnyUser, space: LearningSpace, photo, caption_th: str = "", caption_en: str = ""
) -> LearningSpaceImage:
    require_team(user, space.city)
    processed = process_image_upload(photo)
    space = LearningSpace.objects.select_for_update().get(pk=space.pk)
    before = space_snapshot(space)
    image = _attach_photo(
        space=space, processed=processed, caption_th=caption_th, caption_en=caption_en, user=user
    )
    _record(
        city=space.city,
        space=space,
        version=space.version,
        action=RevisionAction.PHOTO_ADDED,
        before=before,
        after=space_snapshot(space),
        user=user,
    )
    records_changed("learning_space", [space.pk])
    return image


@transaction.atomic
def space_photo_remove(*, user: AnyUser, image: LearningSpaceImage) -> None:
    space = LearningSpace.objects.select_for_update().select_related("city").get(pk=image.space_id)
    require_team(user, space.city)
    before = space_snapshot(space)
    # Hidden, not deleted: the file stays so a curator's revert can bring the photo back.
    LearningSpaceImage.objects.filter(pk=image.pk).update(removed_at=timezone.now())
    _record(
        city=space.city,
        space=space,
        version=space.version,
        action=RevisionAction.PHOTO_REMOVED,
        before=before,
        after=space_snapshot(space),
        user=user,
    )
    records_changed("learning_space", [space.pk])


# --- learning-city profile and self-assessment -------------------------------------------------


def _apply_profile_update(
    *,
    user: AnyUser,
    city: LearningCity,
    version: int,
    data: dict[str, Any],
    action: str,
    reverts: LearningRevision | None = None,
) -> LearningCity:
    current = LearningCity.objects.select_for_update().get(pk=city.pk)
    if current.version != version:
        raise StaleEdit(current, latest_revision(city=current, space=None))
    unknown = set(data) - set(PROFILE_FIELDS)
    if unknown:
        raise ValidationError({name: "ไม่ใช่ข้อมูลที่แก้ไขได้ / Not an editable field." for name in unknown})
    before = profile_snapshot(current)
    # A cleared text field is stored as "" (Django's convention), whichever form or API cleared it.
    data = {
        name: "" if value is None and _is_text_field(LearningCity, name) else value
        for name, value in data.items()
    }
    if "challenges" in data:
        data = {**data, "challenges": clean_challenges(data["challenges"])}
    for name, value in data.items():
        setattr(current, name, value)
    current.full_clean(
        exclude=["code", "province", "location", "area", "version", "team_members"],
        validate_constraints=False,
    )
    changed = [name for name in data if _jsonable(getattr(current, name)) != before[name]]
    if changed:
        current.save(update_fields=[*changed, "updated_at"])
    after = profile_snapshot(current)
    if after == before:
        return current
    # The row is locked (select_for_update) and its version was checked: bump it under the lock.
    LearningCity.objects.filter(pk=current.pk).update(version=F("version") + 1)
    records_changed("learning_city", [current.pk])
    current.refresh_from_db()
    _record(
        city=current,
        space=None,
        version=current.version,
        action=action,
        before=before,
        after=after,
        user=user,
        reverts=reverts,
    )
    return current


@transaction.atomic
def city_profile_update(
    *,
    user: AnyUser,
    city: LearningCity,
    version: int,
    data: dict[str, Any],
) -> LearningCity:
    """Edit the UNESCO profile, from `version`."""
    require_team(user, city)
    return _apply_profile_update(
        user=user,
        city=city,
        version=version,
        data=data,
        action=RevisionAction.UPDATE,
    )


# --- revert ------------------------------------------------------------------------------------


def _show_only_photos(*, space: LearningSpace, names: list[str]) -> None:
    """Show exactly the named photos: removed ones come back, ones added since are hidden. A photo
    deleted outright before removals were kept (no file left) cannot come back."""
    photos = LearningSpaceImage.with_removed.filter(space=space)
    photos.filter(image__in=names, removed_at__isnull=False).update(removed_at=None)
    photos.filter(removed_at__isnull=True).exclude(image__in=names).update(removed_at=timezone.now())


def _is_text_field(model, name: str) -> bool:
    field = model._meta.get_field(name)
    return isinstance(field, models.CharField | models.TextField) and not field.null


def _from_snapshot(model, snapshot: dict[str, Any], fields: tuple[str, ...]) -> dict[str, Any]:
    values = {}
    for name in fields:
        if name not in snapshot:
            continue
        value = snapshot[name]
        if name == "geom":
            values[name] = GEOSGeometry(json.dumps(value), srid=4326)
        else:
            values[name] = model._meta.get_field(name).to_python(value)
    return values


@transaction.atomic
def revision_revert(
    *, user: AnyUser, revision: LearningRevision, version: int | None = None
) -> LearningRevision:
    """Curators only: bring the record back to this revision's state, as a new revision.

    `version` is the record's version the curator saw; a newer one in between is StaleEdit.
    A space's photos come back to that revision's set too (a removed photo is only hidden).
    """
    if not is_curator(user):
        raise PermissionDenied("เฉพาะผู้ดูแลข้อมูลเท่านั้นที่ย้อนกลับได้ / Only curators may revert.")
    if revision.space_id:
        space = LearningSpace.objects.get(pk=revision.space_id)
        data = _from_snapshot(LearningSpace, revision.snapshot, SPACE_FIELDS)
        updated = _apply_space_update(
            user=user,
            space=space,
            version=space.version if version is None else version,
            data=data,
            action=RevisionAction.REVERT,
            reverts=revision,
            photos=revision.snapshot.get("photos"),
        )
        result = latest_revision(city=updated.city, space=updated)
    else:
        city = LearningCity.objects.get(pk=revision.city_id)
        data = _from_snapshot(LearningCity, revision.snapshot, PROFILE_FIELDS)
        updated = _apply_profile_update(
            user=user,
            city=city,
            version=city.version if version is None else version,
            data=data,
            action=RevisionAction.REVERT,
            reverts=revision,
        )
        result = latest_revision(city=updated, space=None)
    return result
