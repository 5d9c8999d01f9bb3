"""A Content-Security-Policy on the site's pages: scripts from this site only (or with the response's
nonce), no other host; the map still works in a real browser with it, and no violation is reported."""

import re

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from tests.browser import csp_violations, watch_csp_violations
from tests.factories import AssetFactory, LearningSpaceFactory

pytestmark = pytest.mark.django_db


def policy(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in header.split(";") if part.strip()}


@pytest.mark.parametrize("path", ["/", "/learning-cities/", "/cultural-cities/", "/api/docs/"])
def test_every_page_has_a_policy_of_its_own_host_and_a_nonce(client, path):
    response = client.get(path)
    assert response.status_code == 200
    directives = policy(response)
    assert directives["default-src"] == ["'self'"] and directives["object-src"] == ["'none'"]
    assert all(not source.startswith("http") for sources in directives.values() for source in sources)
    assert (
        "'unsafe-inline'" not in directives["script-src"] and "'unsafe-eval'" not in directives["script-src"]
    )


def test_the_map_page_s_inline_scripts_all_carry_the_response_s_nonce(client):
    response = client.get("/")
    nonce = re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"]).group(1)
    html = response.content.decode()
    inline = re.findall(r"<script(?![^>]*\bsrc=)([^>]*)>", html)
    assert inline, "the map page has inline scripts"
    for attributes in inline:
        assert f'nonce="{nonce}"' in attributes or 'type="application/json"' in attributes
    assert nonce not in client.get("/").content.decode()  # a new nonce for every response


def test_the_admin_and_its_map_widget_run_under_the_policy_with_no_inline_script(admin_client):
    asset = AssetFactory()
    for path in ("/admin/", f"/admin/assets/asset/{asset.pk}/change/", "/admin/geodata/province/"):
        response = admin_client.get(path)
        assert response.status_code == 200
        directives = policy(response)
        assert directives["script-src"][0] == "'self'" and "'unsafe-inline'" not in directives["script-src"]
        assert all(not source.startswith("http") for sources in directives.values() for source in sources)
    html = admin_client.get(f"/admin/assets/asset/{asset.pk}/change/").content.decode()
    # The map widget's scripts are files of ours (OpenLayers vendored); its options are JSON data.
    assert re.findall(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")[^>]*>", html) == []
    assert "/static/vendor/ol-7.2.2/ol.js" in html and "cdn" not in html


def test_the_map_and_a_learning_space_page_run_with_the_policy_and_report_no_violation(browser, live_server):
    AssetFactory(name_th="วัดพระธาตุลำปางหลวง")
    space = LearningSpaceFactory()
    watch_csp_violations(browser)
    browser.get(live_server.url + "/")
    # map.js ran (started by the page's inline script) and drew the base map's land from our tiles.
    WebDriverWait(browser, 20).until(
        lambda d: d.find_elements(By.CSS_SELECTOR, '.leaflet-tile-pane g[data-layer="land"] path')
    )
    WebDriverWait(browser, 20).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#area-list li"))
    assert csp_violations(browser) == []
    browser.get(live_server.url + space.get_absolute_url())
    WebDriverWait(browser, 20).until(lambda d: d.find_elements(By.CSS_SELECTOR, ".leaflet-container"))
    assert csp_violations(browser) == []
