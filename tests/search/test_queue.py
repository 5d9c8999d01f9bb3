"""Index writes that fail are not lost: the change stays in the feed (written with the change itself)
ahead of the node's place, and goes in with the next change, a search request or
`apply_search_changes`; `manage.py check` says when the index lags."""

import datetime
import io
import os
import subprocess
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from culturalmap.search import feed, index, sync
from culturalmap.search.models import IndexCursor, RecordChange
from culturalmap.search.selectors import search_catalogue
from tests.factories import AssetFactory


def codes(q: str) -> list[str]:
    return [hit.code for hit in search_catalogue(q=q).results]


@contextmanager
def read_only(directory: Path):
    """The index directory cannot be written (a read-only mount, a full disk): even root cannot
    create a file in an immutable directory."""
    if os.geteuid() == 0:
        if subprocess.run(["chattr", "+i", str(directory)], capture_output=True).returncode != 0:
            pytest.skip("this file system cannot make a directory immutable")
        try:
            yield
        finally:
            subprocess.run(["chattr", "-i", str(directory)], check=True)
    else:
        mode = directory.stat().st_mode
        directory.chmod(0o555)
        try:
            yield
        finally:
            directory.chmod(mode)


@pytest.fixture
def live_index(transactional_db, index_dir):
    index.rebuild()
    return index_dir


def check_output() -> str:
    out = io.StringIO()
    call_command("check", stdout=out, stderr=out)
    return out.getvalue()


def test_a_change_the_index_cannot_take_waits_and_goes_in_with_the_next_change(live_index, caplog):
    build = index.current_build()
    with read_only(build):
        first = AssetFactory(name_th="ปราสาทเมืองต่ำ", name_en="Prasat Mueang Tam")
    assert codes("เมืองต่ำ") == []  # not yet in the index, but not lost:
    assert RecordChange.objects.filter(kind="asset", record_id=first.pk).exists()
    place = IndexCursor.objects.get(node=feed.node_name())
    assert place.attempts == 1 and "Error" in place.last_error
    assert feed.lag(feed.node_name()).changes == 1
    assert "search index not updated" in caplog.text  # logged with its traceback

    second = AssetFactory(name_th="ปราสาทหินพิมาย", name_en="Phimai")  # the index is writable again
    assert codes("เมืองต่ำ") == [first.code] and codes("พิมาย") == [second.code]
    assert feed.lag(feed.node_name()).changes == 0
    assert IndexCursor.objects.get(node=feed.node_name()).attempts == 0


def test_manage_py_check_reports_an_index_that_lags_and_the_command_catches_it_up(live_index):
    with read_only(index.current_build()):
        asset = AssetFactory(name_th="วัดภูมินทร์", name_en="Wat Phumin")
    assert "search.W001" not in check_output()  # a moment's lag is normal
    RecordChange.objects.update(created_at=timezone.now() - datetime.timedelta(minutes=10))
    report = check_output()
    assert "search.W001" in report and "1 change(s)" in report and "10 minute(s)" in report
    assert "The last try failed" in report  # with the error that kept it out

    out = io.StringIO()
    call_command("apply_search_changes", stdout=out)
    assert "1 change(s) applied, 0 left" in out.getvalue()
    assert codes("ภูมินทร์") == [asset.code]
    assert "search.W001" not in check_output()


def test_a_search_request_applies_what_is_still_queued(live_index, client, monkeypatch):
    with read_only(index.current_build()):
        asset = AssetFactory(name_th="หอไตรวัดระฆัง", name_en="Ho Trai")
    monkeypatch.setattr(sync, "_last_retry", 0.0)
    found = client.get("/api/search/", {"q": "หอไตร"}).json()["results"]
    assert [hit["code"] for hit in found] == [asset.code]


def test_a_rolled_back_change_leaves_nothing_in_the_feed(live_index):
    with pytest.raises(RuntimeError), transaction.atomic():
        AssetFactory(name_th="เวียงท่ากาน")
        raise RuntimeError("the write fails")
    assert not RecordChange.objects.exists()


def test_a_rebuild_moves_the_node_past_what_it_read(live_index):
    with read_only(index.current_build()):
        asset = AssetFactory(name_th="กู่ช้างกู่ม้า")
    assert feed.lag(feed.node_name()).changes == 1
    index.rebuild()
    assert feed.lag(feed.node_name()).changes == 0
    assert codes("กู่ช้าง") == [asset.code]


def test_manage_py_check_reports_a_missing_index(db, index_dir):
    assert "search.W002" in check_output()
