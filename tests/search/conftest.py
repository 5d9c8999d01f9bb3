import pytest

from culturalmap.search import index


@pytest.fixture
def index_dir(tmp_path, settings):
    """This test's own search index location (nothing built there yet)."""
    settings.SEARCH_INDEX_DIR = tmp_path / "search-index"
    return settings.SEARCH_INDEX_DIR


@pytest.fixture
def search_index(db, index_dir):
    """A search index built from what the database holds now (rebuild it after adding records)."""
    index.rebuild()
    return index_dir
