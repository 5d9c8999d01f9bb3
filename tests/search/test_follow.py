"""`manage.py follow_changes`: another node's process, woken by NOTIFY, brings its own index level with
changes made elsewhere; stopped and started again, it catches up with what it missed."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.db import connection

from culturalmap.search import index
from culturalmap.search.selectors import search_catalogue
from tests.factories import AssetFactory

ROOT = Path(__file__).resolve().parents[2]


class OtherNode:
    """An app node's follower in a process of its own, with its own var folder, as on another machine."""

    def __init__(self, var_dir: Path):
        self.var_dir = var_dir
        # Where the test settings put that node's index (culturalmap.settings.test).
        self.index_dir = var_dir / "test-search" / django_settings.DATABASES["default"]["TEST"]["NAME"]
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "culturalmap.settings.test",
            "CULTURALMAP_DB_NAME": connection.settings_dict["NAME"],  # this test's database
            "CULTURALMAP_VAR_DIR": str(self.var_dir),
            "CULTURALMAP_NODE": "other",
        }
        self.process = subprocess.Popen(
            [sys.executable, "manage.py", "follow_changes", "--poll", "3600"],  # only NOTIFY wakes it
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert "following the change feed for node other" in self.process.stdout.readline()

    def stop(self) -> int:
        self.process.send_signal(signal.SIGTERM)
        return self.process.wait(timeout=20)

    def codes(self, q: str, settings) -> list[str]:
        here = settings.SEARCH_INDEX_DIR, settings.SEARCH_NODE
        settings.SEARCH_INDEX_DIR, settings.SEARCH_NODE = self.index_dir, "other"
        try:
            return [hit.code for hit in search_catalogue(q=q).results]
        finally:
            settings.SEARCH_INDEX_DIR, settings.SEARCH_NODE = here

    def finds(self, q: str, code: str, settings, *, within: float = 30.0) -> bool:
        deadline = time.monotonic() + within
        while time.monotonic() < deadline:
            if self.codes(q, settings) == [code]:
                return True
            time.sleep(0.05)
        return False


@pytest.fixture
def other_node(transactional_db, settings, tmp_path):
    settings.SEARCH_INDEX_DIR, settings.SEARCH_NODE = tmp_path / "here" / "search-index", "here"
    index.rebuild()
    node = OtherNode(tmp_path / "other")
    settings.SEARCH_INDEX_DIR, settings.SEARCH_NODE = node.index_dir, "other"
    index.rebuild()  # the other node's index and place, as its start-up would make them
    settings.SEARCH_INDEX_DIR, settings.SEARCH_NODE = tmp_path / "here" / "search-index", "here"
    node.start()
    yield node
    if node.process.poll() is None:
        node.process.kill()
        node.process.wait()


def test_the_follower_applies_a_change_made_elsewhere_and_catches_up_after_a_stop(other_node, settings):
    asset = AssetFactory(name_th="วัดพระธาตุหริภุญชัย", name_en="Wat Phra That Hariphunchai")
    assert other_node.finds("หริภุญชัย", asset.code, settings)  # woken by the commit's NOTIFY

    assert other_node.stop() == 0  # SIGTERM: a clean stop
    missed = AssetFactory(name_th="วัดจามเทวี", name_en="Wat Chamthewi")
    assert other_node.codes("จามเทวี", settings) == []  # it was down
    other_node.start()
    assert other_node.finds("จามเทวี", missed.code, settings)  # caught up from where it stopped
