"""When the site cannot answer: a 503 with Retry-After while PostgreSQL is unreachable, never a 500;
and a 500 in production leaves its traceback in the log, one JSON line per record."""

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import OperationalError
from django.test import RequestFactory

from culturalmap.core.errors import server_error

ROOT = Path(__file__).resolve().parents[2]

DB_DOWN_SCRIPT = """
import django
django.setup()
from django.test.utils import setup_test_environment
setup_test_environment()
from django.test import Client
client = Client(raise_request_exception=False)
for path in ["/", "/assets/AS-XXXX/", "/api/learning-cities/", "/tiles/assets/0/0/0.mvt", "/accounts/login/"]:
    response = client.get(path)
    print(path, response.status_code, response.get("Retry-After"), response["Content-Type"])
"""

BOOM_SCRIPT = """
import django
django.setup()
from django.core import mail
from django.test.utils import override_settings, setup_test_environment
setup_test_environment()
from django.test import Client
static = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}  # no manifest here
storages = {"default": {"BACKEND": "django.core.files.storage.FileSystemStorage"}, "staticfiles": static}
with override_settings(ROOT_URLCONF="tests.core.boom_urls", STORAGES=storages):
    response = Client(raise_request_exception=False).get("/boom/?token=secret")
print("status", response.status_code, "mails", len(mail.outbox))
"""


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]  # free once the probe closes: nothing listens there


def run(script: str, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_pages_api_and_tiles_answer_503_with_retry_after_while_the_database_is_unreachable():
    result = run(
        DB_DOWN_SCRIPT, DJANGO_SETTINGS_MODULE="culturalmap.settings.test", PGPORT=str(closed_port())
    )
    assert result.returncode == 0, result.stderr[-3000:]
    answers = {line.split()[0]: line.split(maxsplit=3)[1:] for line in result.stdout.splitlines()}
    assert set(answers) == {
        "/",
        "/assets/AS-XXXX/",
        "/api/learning-cities/",
        "/tiles/assets/0/0/0.mvt",
        "/accounts/login/",
    }
    for path, (status, retry_after, _content_type) in answers.items():
        assert (status, retry_after) == ("503", "30"), path
    assert answers["/api/learning-cities/"][2] == "application/json"
    assert answers["/"][2].startswith("text/html")


def test_a_500_in_production_leaves_its_traceback_on_stderr_as_one_json_line_and_mails_the_admins():
    result = run(
        BOOM_SCRIPT,
        DJANGO_SETTINGS_MODULE="culturalmap.settings.production",
        DJANGO_SECRET_KEY="k" * 64,
        DJANGO_SECURE_SSL="0",
        DJANGO_ALLOWED_HOSTS="testserver",
        DJANGO_ADMINS="Site team <ops@example.org>",
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert "status 500 mails 1" in result.stdout
    records = [json.loads(line) for line in result.stderr.splitlines() if line.strip()]  # each line is JSON
    failure = next(r for r in records if r["level"] == "ERROR" and r["logger"] == "django.request")
    assert failure["path"] == "/boom/" and failure["status"] == 500 and failure["method"] == "GET"
    assert (
        "Traceback" in failure["exception"]
        and "RuntimeError: the view failed on purpose" in failure["exception"]
    )
    assert "secret" not in result.stderr  # the query string is not logged


@pytest.mark.django_db
def test_a_connection_lost_where_no_view_could_catch_it_is_a_503_too():
    request = RequestFactory().get("/markets/")
    try:
        raise OperationalError("server closed the connection unexpectedly")
    except OperationalError:
        response = server_error(request)
    assert response.status_code == 503 and response["Retry-After"] == "30"
    try:
        raise RuntimeError("a bug")
    except RuntimeError:
        assert server_error(request).status_code == 500
