"""A visitor on a phone (390 px, in a real browser) reads where a learning space, its course and its
city lie: the address shown in full, nothing wider than the screen, no axe violation."""

import pytest
from selenium.webdriver.common.by import By

from tests.factories import CourseFactory, LearningSpaceFactory
from tests.maps.test_map_phone_browser import PHONE, axe_violations

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_addresses_of_a_space_its_course_and_its_city_on_a_phone(browser, live_server):
    space = LearningSpaceFactory(name_th="ศูนย์เรียนรู้สะพานดำ")
    course = CourseFactory(city=space.city, space=space)
    browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", PHONE)
    try:
        for record in (space, course, space.city):
            browser.get(live_server.url + record.get_absolute_url())
            assert axe_violations(browser) == [], record
            assert browser.execute_script("return document.documentElement.scrollWidth <= window.innerWidth")
            address = browser.find_element(By.CSS_SELECTOR, ".lc-profile .address")
            assert address.is_displayed() and "อำเภอเมืองยะลา จังหวัดยะลา" in address.text, record
            assert address.text.startswith("ตำบล")
    finally:
        browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
