"""`manage.py rebuild_search_index`: PostGIS is the source of truth, the index is rebuilt from it."""

import os
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from culturalmap.assets.models import Asset
from culturalmap.search import index
from culturalmap.search.selectors import search_catalogue
from tests.factories import AssetFactory

pytestmark = pytest.mark.django_db


def codes(q: str) -> list[str]:
    return [hit.code for hit in search_catalogue(q=q).results]


def rebuild(*args) -> str:
    out = StringIO()
    call_command("rebuild_search_index", *args, stdout=out)
    return out.getvalue()


def test_the_command_builds_the_index_from_the_database(index_dir):
    asset = AssetFactory(name_th="วัดภูมินทร์", name_en="Wat Phumin")
    assert "1 records" in rebuild()
    assert codes("ภูมินทร์") == [asset.code]


def test_a_rebuild_swaps_in_a_new_build_and_removes_the_old_one(index_dir):
    AssetFactory(name_th="วัดภูมินทร์")
    rebuild()
    first = Path(os.path.realpath(index_dir))
    AssetFactory(name_th="วัดหนองบัว")
    rebuild()
    second = Path(os.path.realpath(index_dir))
    assert index_dir.is_symlink()
    assert first != second and not first.exists()
    assert codes("หนองบัว")


def test_if_stale_repairs_an_index_that_missed_changes(index_dir):
    kept = AssetFactory(name_th="วัดภูมินทร์")
    renamed = AssetFactory(name_th="วัดหนองบัว")
    removed = AssetFactory(name_th="วัดพระธาตุแช่แห้ง")
    rebuild()
    # Writes the index never heard of (no commit here, no signal for a queryset update).
    Asset.objects.filter(pk=renamed.pk).update(name_th="วัดศรีรองเมือง")
    Asset.objects.filter(pk=removed.pk).update(status="withdrawn")
    added = AssetFactory(name_th="วัดพระธาตุเขาน้อย")
    assert "3 records updated" in rebuild("--if-stale")
    assert codes("ศรีรองเมือง") == [renamed.code]
    assert codes("แช่แห้ง") == []
    assert codes("เขาน้อย") == [added.code]
    assert codes("ภูมินทร์") == [kept.code]
    assert "0 records updated" in rebuild("--if-stale")


def test_if_stale_builds_the_index_when_there_is_none(index_dir):
    asset = AssetFactory(name_th="วัดภูมินทร์")
    assert "built" in rebuild("--if-stale")
    assert codes("ภูมินทร์") == [asset.code]


def test_an_index_of_another_schema_version_counts_as_missing(index_dir, monkeypatch):
    AssetFactory(name_th="วัดภูมินทร์")
    rebuild()
    monkeypatch.setattr(index, "SCHEMA_VERSION", index.SCHEMA_VERSION + 1)
    with pytest.raises(index.IndexMissing):
        search_catalogue(q="ภูมินทร์")
    assert "built" in rebuild("--if-stale")
    assert len(codes("ภูมินทร์")) == 1
