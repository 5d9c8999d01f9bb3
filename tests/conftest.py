import pytest
from django.conf import settings
from django.core.cache import caches
from django.utils import translation

from geodata.areas import forget_gazetteer
from geodata.loaders import load_admin_areas, load_provinces
from geodata.models import Amphoe, Province, Region, Tambon

from .factories import UserFactory

pytest_plugins = ["tests.browser"]


def _seed_name(model) -> str:
    """A copy of a table that a flush leaves alone, named after what loaded it."""
    import hashlib
    from pathlib import Path

    import geodata.loaders

    source = Path(geodata.loaders.__file__)
    stamp = hashlib.sha1(source.read_bytes() + str(geodata.loaders.TAMBONS_FILE.stat().st_size).encode())
    return f"test_seed_{model._meta.db_table}_{stamp.hexdigest()[:8]}"


def _ensure_provinces() -> None:
    """The provinces and the sub-districts of the data migrations (a flush empties them). The
    sub-districts come back from a copy kept beside them (loading them afresh takes seconds)."""
    from django.db import connection

    if not Province.objects.exists():
        load_provinces(Region, Province)
    if Tambon.objects.exists():
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT to_regclass(%s)", [_seed_name(Tambon)])
        if cursor.fetchone()[0] is None:
            load_admin_areas(Amphoe, Tambon, connection)
            for model in (Amphoe, Tambon):
                cursor.execute(f"CREATE TABLE {_seed_name(model)} AS SELECT * FROM {model._meta.db_table}")
        else:
            for model in (Amphoe, Tambon):
                columns = ", ".join(f.column for f in model._meta.concrete_fields)
                cursor.execute(
                    f"INSERT INTO {model._meta.db_table} ({columns})"
                    f" SELECT {columns} FROM {_seed_name(model)}"
                )
    forget_gazetteer()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    # A reused test database may end on a transactional test's flush.
    with django_db_blocker.unblock():
        _ensure_provinces()


@pytest.fixture(autouse=True)
def _thai_first():
    """Each test starts in Thai, the site's language, whatever language an earlier test's request
    (an English page, say) left active in this thread."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _provinces_survive_flush(request):
    """Transactional tests (threads, live server) end with a flush that empties every table,
    the provinces of the data migration included: put them back for the next such test; their
    cached tiles go with them."""
    marker = request.node.get_closest_marker("django_db")
    transactional = marker is not None and marker.kwargs.get("transaction", False)
    if transactional or {"transactional_db", "live_server"} & set(request.fixturenames):
        request.getfixturevalue("transactional_db")
        _ensure_provinces()
        yield
        # The flush spares the cache table (no model owns it): a tile cached here under a layer
        # generation would be served to a later test that draws other records at the same place.
        caches["tiles"].clear()
    else:
        yield


@pytest.fixture
def user(db):
    return UserFactory()


@pytest.fixture
def curator(db):
    return UserFactory(is_staff=True)


@pytest.fixture(scope="module")
def demo_catalogue(django_db_setup, django_db_blocker):
    """The whole demo catalogue, for the tests of one module, rolled back after them.

    Loaded inside an outer transaction (as Django's setUpTestData does): each test's own
    transaction nests in it as a savepoint, and other modules never see the demo records.
    """
    from django.core.management import call_command
    from django.db import transaction

    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            call_command("load_demo", verbosity=0)
            yield
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
