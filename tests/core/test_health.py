"""/healthz (culturalmap.core.health): what the front proxy and an operator ask an app node. 200 while
the primary answers, whatever the standby does (reads then go to the primary); 503 with Retry-After
when the primary cannot be reached; never kept by a cache."""

import pytest
from django.db import DEFAULT_DB_ALIAS, OperationalError

from culturalmap.core import routers
from tests.core.test_unavailable import closed_port, run

pytestmark = pytest.mark.django_db(databases=[DEFAULT_DB_ALIAS, routers.REPLICA])


@pytest.fixture(autouse=True)
def fresh_standby_view(settings, monkeypatch):
    settings.REPLICA_CHECK_INTERVAL = 0  # look at the standby on every request
    monkeypatch.setattr(routers, "standby", routers.Standby())


def test_a_node_with_its_databases_up_is_healthy_and_the_answer_is_never_cached(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok" and body["database"] == "ok"
    # The test settings' standby is a second connection to the same database: the primary itself.
    assert body["standby"] == {
        "usable": True,
        "lag_seconds": 0.0,
        "state": "the primary itself (promoted, or no standby)",
    }
    assert "no-store" in response["Cache-Control"] and "max-age=0" in response["Cache-Control"]
    assert client.post("/healthz").status_code == 405


def test_a_standby_down_or_lagging_is_reported_but_the_node_stays_in_rotation(client, monkeypatch):
    def standby_gone():
        raise OperationalError("connection to server at 127.0.0.1, port 55411 failed: Connection refused")

    monkeypatch.setattr(routers, "replication_lag", standby_gone)
    down = client.get("/healthz")
    assert down.status_code == 200 and down.json()["database"] == "ok"
    assert down.json()["standby"]["usable"] is False
    assert "Connection refused" in down.json()["standby"]["state"]

    monkeypatch.setattr(routers, "replication_lag", lambda: (7.5, "streaming"))
    lagging = client.get("/healthz").json()["standby"]
    assert lagging == {"usable": False, "lag_seconds": 7.5, "state": "lags 7.5 s"}


HEALTHZ_SCRIPT = """
import django
django.setup()
from django.test.utils import setup_test_environment
setup_test_environment()
from django.test import Client
response = Client(raise_request_exception=False).get("/healthz")
print(response.status_code, response.get("Retry-After"))
"""


def test_a_node_that_cannot_reach_the_primary_answers_503_so_the_proxy_takes_it_out():
    result = run(
        HEALTHZ_SCRIPT, DJANGO_SETTINGS_MODULE="culturalmap.settings.test", PGPORT=str(closed_port())
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert result.stdout.split() == ["503", "30"]
