"""After a committed change of the thesaurus (a concept, its links, a curator's tag), listeners
(search: its label matcher and the records' tags) are told, with the records whose tags changed."""

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

from .models import Concept, ConceptTag

# listener(records): records is [(kind, code)] for a curator's tags, None when concepts changed.
Listener = Callable[[list[tuple[str, str]] | None], None]
_listeners: list[Listener] = []


def listen(listener: Listener) -> Listener:
    if listener not in _listeners:
        _listeners.append(listener)
    return listener


_held = threading.local()


@contextmanager
def told_once() -> Iterator[None]:
    """Changes made inside are told once, at the end: writing 411 concepts is one change of the
    thesaurus, not 411 (each notice rebuilds search's label matcher and re-tags every record)."""
    if getattr(_held, "changes", None) is not None:  # nested: the outer block tells
        yield
        return
    _held.changes = []
    try:
        yield
        changes, _held.changes = _held.changes, None
    except BaseException:
        _held.changes = None
        raise
    if changes:
        concepts_changed = any(records is None for records in changes)
        thesaurus_changed(None if concepts_changed else [r for records in changes for r in records])


def thesaurus_changed(changed_records: list[tuple[str, str]] | None = None) -> None:
    held = getattr(_held, "changes", None)
    if held is not None:
        held.append(changed_records)
        return

    def notify() -> None:
        for listener in list(_listeners):
            listener(changed_records)

    transaction.on_commit(notify)


def _concept_changed(sender, **kwargs) -> None:
    if kwargs.get("raw"):
        return
    thesaurus_changed(None)


def _tag_changed(sender, instance: ConceptTag, **kwargs) -> None:
    if kwargs.get("raw"):
        return
    thesaurus_changed([(instance.kind, instance.code)])


def connect() -> None:
    post_save.connect(_concept_changed, sender=Concept, dispatch_uid="thesaurus-concept-save")
    post_delete.connect(_concept_changed, sender=Concept, dispatch_uid="thesaurus-concept-delete")
    m2m_changed.connect(_concept_changed, sender=Concept.broader.through, dispatch_uid="thesaurus-broader")
    post_save.connect(_tag_changed, sender=ConceptTag, dispatch_uid="thesaurus-tag-save")
    post_delete.connect(_tag_changed, sender=ConceptTag, dispatch_uid="thesaurus-tag-delete")
