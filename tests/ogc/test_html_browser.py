"""The OGC API's HTML views in a real browser, as a GIS officer finds them: from the landing page through
the collections to a page of items, the next page and one item, and the OpenAPI document's page, each
under the site's Content-Security-Policy with no violation reported and no request to another host."""

import json
from urllib.parse import urlparse

import pytest
from django.contrib.gis.geos import Point
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from tests.browser import csp_violations, requested_urls, watch_csp_violations
from tests.factories import AssetFactory

pytestmark = pytest.mark.django_db(transaction=True)


def _documents(driver) -> tuple[dict[str, dict[str, str]], set[str]]:
    """The headers of every page (document) the browser received since the log was last read, by URL,
    and the hosts of every URL it asked for."""
    pages, hosts = {}, set()
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        params = message.get("params", {})
        if message.get("method") == "Network.requestWillBeSent":
            url = params["request"]["url"]
            if urlparse(url).scheme in ("http", "https"):
                hosts.add(urlparse(url).netloc)
        if message.get("method") == "Network.responseReceived" and params.get("type") == "Document":
            response = params["response"]
            pages[response["url"]] = {name.lower(): value for name, value in response["headers"].items()}
    return pages, hosts


def _shown(browser, seen: list[str]) -> None:
    """The page shown reported no violation of the policy (each page starts a new list)."""
    assert csp_violations(browser) == [], browser.current_url
    seen.append(browser.current_url)


def _follow(browser, selector: str) -> None:
    link = browser.find_element(By.CSS_SELECTOR, selector)
    href = link.get_attribute("href")
    link.click()
    WebDriverWait(browser, 15).until(lambda d: d.current_url == href)


def test_the_ogc_pages_from_landing_to_an_item_under_the_policy_and_on_our_own_host(browser, live_server):
    assets = [AssetFactory(name_th=f"วัดพระธาตุลำปางหลวง {n}") for n in range(3)]
    watch_csp_violations(browser)
    requested_urls(browser)
    host = urlparse(live_server.url).netloc

    seen: list[str] = []
    browser.get(live_server.url + "/ogc/")  # a browser's Accept: the HTML view
    assert "OGC API" in browser.find_element(By.TAG_NAME, "h1").text
    assert f"OAPIF:{live_server.url}/ogc/" in browser.find_element(By.TAG_NAME, "body").text
    _shown(browser, seen)
    _follow(browser, 'a[href="/ogc/collections?f=html"]')
    rows = browser.find_elements(By.CSS_SELECTOR, ".ogc-table tbody tr")
    assert "assets" in [row.find_element(By.TAG_NAME, "code").text for row in rows]
    _shown(browser, seen)
    _follow(browser, 'a[href="/ogc/collections/assets?f=html"]')
    _shown(browser, seen)

    browser.get(live_server.url + "/ogc/collections/assets/items?f=html&limit=2")
    names = [td.text for td in browser.find_elements(By.CSS_SELECTOR, ".ogc-table tbody tr td:nth-child(2)")]
    assert len(names) == 2 and all(name.startswith("วัดพระธาตุลำปางหลวง") for name in names)
    _shown(browser, seen)
    _follow(browser, 'a[rel="next"]')  # the second page: the third asset
    names = [td.text for td in browser.find_elements(By.CSS_SELECTOR, ".ogc-table tbody tr td:nth-child(2)")]
    assert len(names) == 1
    _shown(browser, seen)
    _follow(browser, ".ogc-table tbody tr td:first-child a")  # one item
    assert browser.find_element(By.TAG_NAME, "h1").text in {a.name_th for a in assets}
    _shown(browser, seen)

    browser.get(live_server.url + "/ogc/api.html")  # the OpenAPI document, in Swagger UI
    WebDriverWait(browser, 20).until(lambda d: d.find_elements(By.CSS_SELECTOR, ".swagger-ui .opblock"))
    _shown(browser, seen)

    documents, hosts = _documents(browser)
    assert hosts == {host}, hosts
    for url in seen:
        policy = documents[url].get("content-security-policy", "")
        assert "default-src 'self'" in policy and "http" not in policy, url


def test_a_page_of_items_on_a_phone_reads_thai_addresses_and_never_scrolls_sideways(browser, live_server):
    from tests.maps.test_map_phone_browser import PHONE, axe_violations

    AssetFactory(name_th="วัดอรุณราชวราราม", geom=Point(100.4889, 13.7437, srid=4326))  # Bangkok
    AssetFactory(name_th="วัดพระธาตุลำปางหลวง")
    browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", PHONE)
    try:
        browser.get(live_server.url + "/ogc/collections/assets/items?f=html&lang=th")
        assert axe_violations(browser) == []
        assert browser.execute_script("return document.documentElement.scrollWidth <= window.innerWidth")
        shown = sorted(td.text for td in browser.find_elements(By.CSS_SELECTOR, ".ogc-table td.address"))
        assert shown[0].startswith("ตำบล") and "อำเภอเกาะคา จังหวัดลำปาง" in shown[0]
        assert shown[1].startswith("แขวง") and "เขตบางกอกใหญ่ กรุงเทพมหานคร" in shown[1]
    finally:
        browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
