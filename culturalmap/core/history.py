"""The history of public records: every change kept as a Revision (who, when, the record after it,
what changed), for any record kind; a revert is a new revision.

A domain decides what a snapshot of its record holds and calls `revisions_record` from its write
services, one record or a whole import at a time. A record written before history began gets its
first state as a baseline revision when it first changes, so even that state can be restored.
"""

import datetime
import json
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.contrib.gis.geos import GEOSGeometry
from django.db import connection, transaction
from django.db.models import Max, QuerySet

from .models import Revision, RevisionAction, RevisionVia
from .permissions import AnyUser

__all__ = ["Revision", "RevisionAction", "RevisionVia", "jsonable", "record_revisions", "revisions_record"]


def jsonable(value: Any) -> Any:
    """A field's value as JSON: a geometry as GeoJSON, dates as ISO text, decimals as text."""
    if isinstance(value, GEOSGeometry):
        return json.loads(value.json)
    if isinstance(value, datetime.date | datetime.datetime):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    return value


def snapshot_diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list]:
    """Each changed field as [before, after]."""
    return {
        key: [before.get(key), after.get(key)]
        for key in sorted(set(before) | set(after))
        if before.get(key) != after.get(key)
    }


@dataclass(frozen=True)
class Change:
    """One record's change: its id, its snapshot before (None: it is new) and after."""

    record_id: int
    before: dict[str, Any] | None
    after: dict[str, Any]


def _lock(kind: str) -> None:
    # Revisions of one kind are numbered one writer at a time (until the writer's commit).
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", [f"revisions:{kind}"])


@transaction.atomic
def revisions_record(
    *,
    kind: str,
    changes: Sequence[Change],
    user: "AnyUser | None",
    via: str = RevisionVia.SERVICE,
    action: str | None = None,
    reverts: Revision | None = None,
) -> list[Revision]:
    """Keep the changes of any number of records of a kind (an edit, a whole import). A change that
    changes nothing is left out; `action` defaults to create (no before) or update."""
    changes = [c for c in changes if c.before is None or c.before != c.after]
    if not changes:
        return []
    _lock(kind)
    ids = [c.record_id for c in changes]
    last = dict(
        Revision.objects.filter(kind=kind, record_id__in=ids)
        .values_list("record_id")
        .annotate(n=Max("number"))
        .order_by()
    )
    author = user if getattr(user, "is_authenticated", False) else None
    rows = []
    for change in changes:
        number = last.get(change.record_id, 0)
        if change.before is not None and number == 0:
            # Written before history began (the demo catalogue, an old import): keep its first state.
            number += 1
            rows.append(
                Revision(
                    kind=kind,
                    record_id=change.record_id,
                    number=number,
                    action=RevisionAction.BASELINE,
                    via=RevisionVia.SERVICE,
                    snapshot=change.before,
                )
            )
        rows.append(
            Revision(
                kind=kind,
                record_id=change.record_id,
                number=number + 1,
                action=action or (RevisionAction.CREATE if change.before is None else RevisionAction.UPDATE),
                via=via,
                snapshot=change.after,
                changes=snapshot_diff(change.before or {}, change.after) if change.before is not None else {},
                reverts=reverts,
                author=author,
            )
        )
    written = Revision.objects.bulk_create(rows, batch_size=1000)
    return [r for r in written if r.action != RevisionAction.BASELINE]


def record_revisions(kind: str, record_id: int) -> QuerySet[Revision]:
    """A record's revisions, newest first, with their authors."""
    return (
        Revision.objects.filter(kind=kind, record_id=record_id).select_related("author").order_by("-number")
    )
