"""Two imports of the same file at once: the advisory lock lets one create, the other update."""

import threading

import pytest
from django.db import connection

from culturalmap.assets.interchange import asset_frame_import
from culturalmap.assets.models import Asset

from .interchange_rows import frame, row

pytestmark = pytest.mark.django_db(transaction=True)


def test_two_simultaneous_imports_of_new_refs_neither_duplicate_nor_fail():
    rows = frame(*(row() for _ in range(200)))
    start = threading.Barrier(2)
    reports, errors = [], []

    def run() -> None:
        try:
            start.wait()
            reports.append(asset_frame_import(rows))
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    mine = Asset.objects.filter(ref__in=rows["ref"].tolist())
    try:
        assert not errors
        assert sorted((r.created, r.updated) for r in reports) == [(0, 200), (200, 0)]
        assert mine.count() == 200
    finally:
        mine.delete()  # committed rows: not left for the tests that follow
