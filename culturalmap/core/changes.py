"""One place where a committed write announces which records changed.

Search (the whoosh index) and the map tiles (their cache) listen here, so a visitor never sees
a moved or deleted record once its change is committed, and never sees a rolled-back one.
Single saves and deletes (admin, services) are caught by model signals; bulk writes, which
send no signals, call `records_changed` themselves.
"""

from collections.abc import Callable, Iterable

from django.db import transaction
from django.db.models.signals import post_delete, post_save

# Record kinds, as search results and tiles name them.
KIND_MODELS = {
    "asset": "assets.Asset",
    "district": "markets.CulturalDistrict",
    "city": "markets.CulturalCity",
    "market": "markets.CulturalMarket",
    "learning_city": "learningcity.LearningCity",
    "learning_space": "learningcity.LearningSpace",
}

Listener = Callable[[str, list[int]], None]
_listeners: list[Listener] = []


def listen(listener: Listener) -> Listener:
    """Register `listener(kind, ids)`; it runs after the writing transaction commits."""
    if listener not in _listeners:
        _listeners.append(listener)
    return listener


def records_changed(kind: str, ids: Iterable[int]) -> None:
    if kind not in KIND_MODELS:
        raise ValueError(f"unknown record kind {kind!r}")
    ids = list(ids)
    if not ids:
        return

    def notify() -> None:
        for listener in list(_listeners):
            listener(kind, ids)

    transaction.on_commit(notify)


def connect_model_signals() -> None:
    from django.apps import apps

    for kind, label in KIND_MODELS.items():
        model = apps.get_model(label)

        def on_change(sender, instance, _kind=kind, **kwargs) -> None:
            records_changed(_kind, [instance.pk])

        post_save.connect(on_change, sender=model, weak=False, dispatch_uid=f"changes-save-{kind}")
        post_delete.connect(on_change, sender=model, weak=False, dispatch_uid=f"changes-delete-{kind}")
