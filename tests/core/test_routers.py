"""Reads on the standby (culturalmap.core.routers): a request that only reads is answered from the
standby's connection, a write and the writer's next reads from the primary; a standby that is down
or lags beyond the bound sends reads to the primary, with no error for the visitor.

The `replica` connection here is a second connection to the test database (culturalmap.settings.test):
what a streaming standby with no lag would show. `make cluster-check` runs the same code against a
real hot standby."""

import pytest
from django.db import DEFAULT_DB_ALIAS, connections
from django.test.utils import CaptureQueriesContext

from culturalmap.core import routers
from culturalmap.maps.tiles import cache as tile_cache
from tests.factories import PASSWORD, AssetFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True, databases=[DEFAULT_DB_ALIAS, routers.REPLICA])


@pytest.fixture(autouse=True)
def reads_on_standby(settings, monkeypatch):
    """The cluster's settings (culturalmap.settings.base with CULTURALMAP_REPLICA_PORT)."""
    settings.DATABASE_ROUTERS = ["culturalmap.core.routers.PrimaryReplicaRouter"]
    middleware = list(settings.MIDDLEWARE)
    middleware.insert(
        middleware.index("culturalmap.core.middleware.ServiceUnavailableMiddleware") + 1,
        "culturalmap.core.routers.ReadsOnStandbyMiddleware",
    )
    settings.MIDDLEWARE = middleware
    settings.REPLICA_CHECK_INTERVAL = 0  # look at the standby on every request
    monkeypatch.setattr(routers, "standby", routers.Standby())
    yield
    connections[routers.REPLICA].close()


class Queries:
    """The queries each database answered during the block."""

    def __enter__(self):
        self.primary = CaptureQueriesContext(connections[DEFAULT_DB_ALIAS])
        self.standby = CaptureQueriesContext(connections[routers.REPLICA])
        self.primary.__enter__(), self.standby.__enter__()
        return self

    def __exit__(self, *exc):
        self.primary.__exit__(*exc), self.standby.__exit__(*exc)

    def on(self, alias: str, table: str) -> bool:
        queries = self.primary if alias == DEFAULT_DB_ALIAS else self.standby
        return any(table in q["sql"] for q in queries.captured_queries)


def test_a_page_and_an_api_read_come_from_the_standby(client):
    asset = AssetFactory(name_th="วัดพระธาตุลำปางหลวง", name_en="Wat Phra That Lampang Luang")
    with Queries() as queries:
        page = client.get(f"/assets/{asset.code}/")
        api = client.get(f"/api/assets/{asset.code}/")
    assert page.status_code == 200 and "วัดพระธาตุลำปางหลวง" in page.content.decode()
    assert api.status_code == 200 and api.json()["properties"]["name_th"] == "วัดพระธาตุลำปางหลวง"
    assert queries.on(routers.REPLICA, "assets_asset")
    assert not queries.on(DEFAULT_DB_ALIAS, "assets_asset")


def test_a_tile_is_drawn_from_the_standby(client):
    AssetFactory(name_th="วัดพระธาตุลำปางหลวง")
    with Queries() as queries:
        response = client.get("/tiles/assets/5/25/14.mvt")
    assert response.status_code == 200
    assert queries.on(routers.REPLICA, "ST_AsMVT") and not queries.on(DEFAULT_DB_ALIAS, "ST_AsMVT")


def test_a_sign_in_writes_on_the_primary_and_the_writers_next_reads_stay_there(client):
    organiser = UserFactory()
    with Queries() as queries:
        signed_in = client.post("/accounts/login/", {"username": organiser.username, "password": PASSWORD})
    assert signed_in.status_code == 302
    assert queries.on(DEFAULT_DB_ALIAS, "django_session") and not queries.on(
        routers.REPLICA, "django_session"
    )
    assert routers.PIN_COOKIE in signed_in.cookies  # read-your-writes: the session just written

    with Queries() as queries:
        assert client.get("/").status_code == 200
    assert queries.on(DEFAULT_DB_ALIAS, "django_session") and not queries.on(
        routers.REPLICA, "django_session"
    )

    client.cookies.pop(routers.PIN_COOKIE)  # the pin expired: back on the standby
    with Queries() as queries:
        assert client.get("/").status_code == 200
    assert queries.on(routers.REPLICA, "django_session")


def test_reads_go_to_the_primary_while_the_standby_is_down_and_come_back_after(client):
    asset = AssetFactory(name_th="ปราสาทหินพิมาย")
    standby = connections[routers.REPLICA]
    port = standby.settings_dict["PORT"]
    standby.close()
    standby.settings_dict["PORT"] = "1"  # nothing listens there: the standby is down
    try:
        with CaptureQueriesContext(connections[DEFAULT_DB_ALIAS]) as primary:
            response = client.get(f"/api/assets/{asset.code}/")
        assert response.status_code == 200 and response.json()["properties"]["name_th"] == "ปราสาทหินพิมาย"
        assert any("assets_asset" in q["sql"] for q in primary.captured_queries)
        assert not routers.standby.state.usable and "OperationalError" in routers.standby.state.reason
    finally:
        standby.close()
        standby.settings_dict["PORT"] = port
    with Queries() as queries:
        assert client.get(f"/api/assets/{asset.code}/").status_code == 200
    assert queries.on(routers.REPLICA, "assets_asset")  # back on the next look


def test_a_replica_out_of_recovery_that_is_not_the_primary_gets_no_reads(client):
    """A standby promoted while the primary still runs: two histories. Here the replica connection
    reaches another database, which is not in recovery either: reads stay on the primary."""
    asset = AssetFactory(name_th="ปราสาทหินพิมาย")
    standby = connections[routers.REPLICA]
    name = standby.settings_dict["NAME"]
    standby.close()
    standby.settings_dict["NAME"] = "postgres"
    try:
        with Queries() as queries:
            response = client.get(f"/api/assets/{asset.code}/")
        assert response.status_code == 200 and response.json()["properties"]["name_th"] == "ปราสาทหินพิมาย"
        assert queries.on(DEFAULT_DB_ALIAS, "assets_asset")
        assert not routers.standby.state.usable and "not the primary" in routers.standby.state.reason
    finally:
        standby.close()
        standby.settings_dict["NAME"] = name


def test_reads_go_to_the_primary_while_the_standby_lags_beyond_the_bound(client, settings):
    asset = AssetFactory(name_th="ปราสาทหินพิมาย")
    settings.REPLICA_MAX_LAG = -1.0  # any lag, even none, is beyond this bound
    with Queries() as queries:
        assert client.get(f"/api/assets/{asset.code}/").status_code == 200
    assert queries.on(DEFAULT_DB_ALIAS, "assets_asset") and not queries.on(routers.REPLICA, "assets_asset")
    assert "lags" in routers.standby.state.reason


def test_a_script_signed_with_a_token_reads_from_the_primary(client):
    asset = AssetFactory(name_th="ปราสาทหินพิมาย")
    with Queries() as queries:
        client.get(f"/api/assets/{asset.code}/", HTTP_AUTHORIZATION="Token nothing-valid")
    assert not queries.on(routers.REPLICA, "assets_asset")


def test_layer_generations_live_in_the_database_for_every_node(client, settings):
    """A change made through one node retires the tiles every node cached: the generation a tile's key
    names is read from the database, not from a node's own files."""
    before = tile_cache.generation("assets")
    with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM culturalmap_tile_generation WHERE cache_key LIKE %s", ["%gen:assets"]
        )
        assert cursor.fetchone()[0] == 1
    AssetFactory(name_th="วัดพระธาตุดอยสุเทพ")  # a committed change to the layer
    assert tile_cache.generation("assets") != before
