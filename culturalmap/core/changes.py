"""One place where a committed write announces which records changed.

Search (the whoosh index) and the map tiles (their cache) listen here, so a visitor never sees
a moved or deleted record once its change is committed, and never sees a rolled-back one.
Single saves and deletes (admin, services) of every registered kind (culturalmap.core.records) are
caught by model signals; bulk writes, which send no signals, call `records_changed` themselves.
A change reaches the records that belong to the changed ones too: whether they are public, and
what their documents say of their parent, follows it.
"""

from collections.abc import Callable, Iterable, Iterator

from django.db import transaction
from django.db.models.signals import post_delete, post_save

from . import records

Listener = Callable[[str, list[int]], None]
_listeners: list[Listener] = []
_recorders: list[Listener] = []


def listen(listener: Listener) -> Listener:
    """Register `listener(kind, ids)`; it runs after the writing transaction commits."""
    if listener not in _listeners:
        _listeners.append(listener)
    return listener


def record_in_transaction(recorder: Listener) -> Listener:
    """Register `recorder(kind, ids)`; it runs at once, inside the writing transaction, so what it
    writes (a durable queue of work for after the commit) commits or rolls back with the change."""
    if recorder not in _recorders:
        _recorders.append(recorder)
    return recorder


def records_changed(kind: str, ids: Iterable[int]) -> None:
    records.get(kind)  # an unknown kind is a mistake of the caller's, said now rather than after commit
    ids = list(ids)
    if not ids:
        return
    for recorder in list(_recorders):
        recorder(kind, ids)

    def notify() -> None:
        for changed_kind, changed_ids in with_dependents(kind, ids):
            for listener in list(_listeners):
                listener(changed_kind, changed_ids)

    transaction.on_commit(notify)


def with_dependents(kind: str, ids: list[int]) -> Iterator[tuple[str, list[int]]]:
    """The changed records, then those that belong to them, kind by kind (read after the commit)."""
    yield kind, ids
    for child, parent in records.children(kind):
        child_ids = list(
            child.model_class._default_manager.filter(**{f"{parent.field}__in": ids}).values_list(
                "pk", flat=True
            )
        )
        if child_ids:
            yield from with_dependents(child.code, child_ids)


def _uid(event: str, kind: records.RecordKind) -> str:
    return f"changes-{event}-{kind.code}"


def watch(kind: records.RecordKind) -> None:
    """Announce every single save and delete of the kind's model (called when the kind registers)."""

    def on_change(sender, instance, **kwargs) -> None:
        records_changed(kind.code, [instance.pk])

    model = kind.model_class
    post_save.connect(on_change, sender=model, weak=False, dispatch_uid=_uid("save", kind))
    post_delete.connect(on_change, sender=model, weak=False, dispatch_uid=_uid("delete", kind))


def unwatch(kind: records.RecordKind) -> None:
    model = kind.model_class
    post_save.disconnect(sender=model, dispatch_uid=_uid("save", kind))
    post_delete.disconnect(sender=model, dispatch_uid=_uid("delete", kind))
