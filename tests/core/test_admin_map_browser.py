"""The admin's map widget (culturalmap.core.admin.OwnBaseMapWidget) in a real browser: a curator's
change page of an asset draws its geometry on the project's own base map, on the vendored OpenLayers,
under the site's Content-Security-Policy, with no request to another host; a point placed on the map
is what the form sends."""

import json
from urllib.parse import urlparse

import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from tests.browser import csp_violations, requested_urls, sign_in, watch_csp_violations
from tests.factories import AssetFactory, CulturalDistrictFactory
from tests.markets.conftest import saved_user

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_admin_map_widget_draws_the_asset_on_our_own_base_map_and_asks_no_other_host(
    browser, live_server
):
    asset = AssetFactory(name_th="วัดพระธาตุลำปางหลวง")
    curator = saved_user(is_staff=True, is_superuser=True)
    watch_csp_violations(browser)
    sign_in(browser, live_server, curator.username)
    requested_urls(browser)  # only the change page's requests from here

    browser.get(f"{live_server.url}/admin/assets/asset/{asset.pk}/change/")
    widget = "return typeof geodjango_geom === 'object' && geodjango_geom.ready"
    WebDriverWait(browser, 20).until(lambda d: d.execute_script(widget))
    # The asset's point is on the map, the view centred on it (map in Web Mercator: back to degrees).
    centre = browser.execute_script(
        "const view = geodjango_geom.map.getView();"
        "return [geodjango_geom.featureCollection.getLength(),"
        " ol.proj.toLonLat(view.getCenter(), view.getProjection())];"
    )
    assert centre[0] == 1
    assert abs(centre[1][0] - asset.geom.x) < 1e-3 and abs(centre[1][1] - asset.geom.y) < 1e-3
    # The base map's tiles came (drawn on the map's canvas) from our own PNG tiles.
    WebDriverWait(browser, 20).until(
        lambda d: d.execute_script(
            "return performance.getEntriesByType('resource')"
            ".filter(e => e.name.includes('/places/') && e.name.endsWith('.png')).length"
        )
    )
    assert browser.find_element(By.CSS_SELECTOR, "#id_geom_map .ol-viewport canvas").is_displayed()
    # Attribution of the geography's sources, as on every map of the site.
    assert "OpenGISData-Thailand" in browser.find_element(By.CSS_SELECTOR, "#id_geom_map").get_attribute(
        "innerHTML"
    )

    urls = requested_urls(browser)
    hosts = {urlparse(u).netloc for u in urls if urlparse(u).scheme in ("http", "https")}
    assert hosts == {urlparse(live_server.url).netloc}, hosts
    assert any("/static/vendor/ol-7.2.2/ol" in u for u in urls)
    assert csp_violations(browser) == []

    # A curator clears the point and places another: the form sends the new one.
    clear = browser.find_element(By.CSS_SELECTOR, "#id_geom_div_map .clear_features a")
    assert clear.text == "ลบตำแหน่งทั้งหมดบนแผนที่"  # in the curator's language (Django's has no Thai)
    clear.click()
    assert browser.find_element(By.ID, "id_geom").get_attribute("value") == ""
    ActionChains(browser).move_to_element_with_offset(
        browser.find_element(By.CSS_SELECTOR, "#id_geom_map .ol-viewport"), 40, 30
    ).click().perform()
    WebDriverWait(browser, 10).until(lambda d: d.find_element(By.ID, "id_geom").get_attribute("value"))
    placed = json.loads(browser.find_element(By.ID, "id_geom").get_attribute("value"))
    assert placed["type"] == "Point"
    assert csp_violations(browser) == []


def test_a_district_s_outline_fills_the_admin_map(browser, live_server):
    district = CulturalDistrictFactory()
    curator = saved_user(is_staff=True, is_superuser=True)
    watch_csp_violations(browser)
    sign_in(browser, live_server, curator.username)
    browser.get(f"{live_server.url}/admin/markets/culturaldistrict/{district.pk}/change/")
    WebDriverWait(browser, 20).until(
        lambda d: d.execute_script("return typeof geodjango_geom === 'object' && geodjango_geom.ready")
    )
    # The outline is drawn and the view fits it (a point's view is opened wider; an area's is not).
    shown = browser.execute_script(
        "const view = geodjango_geom.map.getView();"
        "const geometry = geodjango_geom.featureCollection.item(0).getGeometry();"
        "const extent = ol.proj.transformExtent(view.calculateExtent(), view.getProjection(), 'EPSG:4326');"
        "return [geometry.getType(), extent];"
    )
    west, south, east, north = district.geom.extent
    assert shown[0] in ("Polygon", "MultiPolygon")
    view_west, view_south, view_east, view_north = shown[1]
    tolerance = 1e-6  # the view fits the outline exactly on one axis
    assert view_west <= west + tolerance and view_south <= south + tolerance
    assert view_east >= east - tolerance and view_north >= north - tolerance
    assert (view_east - view_west) < 20 * (east - west)  # fitted to the outline, not the whole province
    assert csp_violations(browser) == []
