import pytest


@pytest.fixture(autouse=True)
def fresh_tile_cache(request):
    """New layer generations for each test: tiles cached by an earlier test (a live-server test's
    commit) must not answer for this test's own records."""
    names = request.fixturenames
    if "transactional_db" in names or "live_server" in names:
        request.getfixturevalue("transactional_db")
    elif "db" in names or request.node.get_closest_marker("django_db"):
        request.getfixturevalue("db")
    else:
        return
    from culturalmap.maps.tiles.cache import invalidate_all

    invalidate_all()
