"""After a committed change of the thesaurus (a concept, its links, a curator's tag), listeners
(search: its label matcher and the records' tags) are told, with the records whose tags changed."""

from collections.abc import Callable

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


def thesaurus_changed(changed_records: list[tuple[str, str]] | None = None) -> None:
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
