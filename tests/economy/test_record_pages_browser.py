"""A visitor on a phone (390 px, in a real browser) opens a cultural product's page and its maker's:
no axe violation, nothing wider than the screen, the address and the digital label readable, and
"show on map" opens the map on the product, its layer on."""

import pytest
from django.contrib.gis.geos import Point
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from tests.factories import CulturalEnterpriseFactory, CulturalProductFactory
from tests.maps.test_map_phone_browser import PHONE, axe_violations

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_product_and_its_maker_on_a_phone_and_the_product_on_the_map(browser, live_server):
    enterprise = CulturalEnterpriseFactory(name_th="กลุ่มทอผ้าบ้านหลุก", name_en="Ban Luk weavers")
    product = CulturalProductFactory(
        enterprise=enterprise, name_th="ผ้าซิ่นตีนจกบ้านหลุก", location=Point(99.5071, 18.2881, srid=4326)
    )
    browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", PHONE)
    try:
        for record in (enterprise, product):
            browser.get(live_server.url + record.get_absolute_url())
            assert axe_violations(browser) == [], record
            assert browser.execute_script("return document.documentElement.scrollWidth <= window.innerWidth")
            address = browser.find_element(By.CSS_SELECTOR, ".facts .address")
            assert address.is_displayed() and "จังหวัดลำปาง" in address.text

        browser.find_element(By.CSS_SELECTOR, ".show-on-map a").click()
        WebDriverWait(browser, 15).until(lambda b: b.execute_script("return !!window.culturalMap"))
        lat, lon, zoom = browser.execute_script(
            "var m = window.culturalMap, c = m.getCenter(); return [c.lat, c.lng, m.getZoom()];"
        )
        assert abs(lat - 18.2881) < 1e-3 and abs(lon - 99.5071) < 1e-3 and zoom >= 14
        layer = browser.find_element(By.CSS_SELECTOR, 'input[name="layer"][value="cultural-products"]')
        assert layer.is_selected()
    finally:
        browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
