"""Versioned writes and their history for a city's courses, cohorts, outcomes and self-assessments.

The rules of learning spaces (learningcity.services), for these records too: an edit names the version
it started from and a newer one in between is a StaleRecord (409, with the current record); every
change adds a RecordRevision with who, when, the record after it and what changed.
"""

from typing import Any

from django.db import models
from django.db.models import F
from django.utils import timezone

from .courses.models import Course, RecordAction, RecordRevision
from .models import LearningCity
from .services import StaleEdit, _jsonable, snapshot_diff


class StaleRecord(StaleEdit):
    """StaleEdit (a Conflict: 409 from the API's one handler) carrying the record's own snapshot."""

    def __init__(self, current: models.Model, latest: RecordRevision | None, snapshot: dict[str, Any]):
        StaleEdit.__init__(self, current, latest)
        self.code = "stale"
        self.extra = {"version": current.version, "current": snapshot}


def field_values(record: models.Model, fields: tuple[str, ...]) -> dict[str, Any]:
    """The record's fields as JSON values (a foreign key as its id: callers name it as they show it)."""
    return {name: _jsonable(getattr(record, name)) for name in fields}


def latest_record_revision(*, kind: str, record_id: int) -> RecordRevision | None:
    return RecordRevision.objects.filter(kind=kind, record_id=record_id).order_by("-version", "-id").first()


def record_revision_add(
    *,
    city: LearningCity,
    course: Course | None,
    kind: str,
    record: models.Model,
    action: str,
    before: dict[str, Any] | None,
    after: dict[str, Any],
    user,
    reverts: RecordRevision | None = None,
) -> RecordRevision:
    revisions = RecordRevision.objects.filter(kind=kind, record_id=record.pk)
    if before is not None and not revisions.exists():
        # A record loaded before history began (the demo catalogue): keep its first state.
        RecordRevision.objects.create(
            city=city,
            course=course,
            kind=kind,
            record_id=record.pk,
            version=max(record.version - 1, 1),
            action=RecordAction.BASELINE,
            snapshot=before,
        )
    return RecordRevision.objects.create(
        city=city,
        course=course,
        kind=kind,
        record_id=record.pk,
        version=record.version,
        action=action,
        snapshot=after,
        changes=snapshot_diff(before or {}, after),
        reverts=reverts,
        author=user if getattr(user, "is_authenticated", False) else None,
    )


def locked_at_version(record: models.Model, version: int, *, kind: str, snapshot) -> models.Model:
    """The record's row, locked for this transaction, if it is still at `version`; else StaleRecord."""
    current = type(record).objects.select_for_update().get(pk=record.pk)
    if current.version != version:
        raise StaleRecord(current, latest_record_revision(kind=kind, record_id=current.pk), snapshot(current))
    return current


def save_new_version(record: models.Model, values: dict[str, Any]) -> models.Model:
    """Write the changed values and bump the version, on a row locked by locked_at_version."""
    type(record).objects.filter(pk=record.pk).update(
        **values, version=F("version") + 1, updated_at=timezone.now()
    )
    record.refresh_from_db()
    return record
