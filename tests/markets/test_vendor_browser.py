"""In a real browser at a phone's width (390 px): an organiser keeps the register, confirms a
suggested spelling, hands a vendor a statement (print button from a static file, no sideways scroll),
logs a three-day festival, and the district's dashboard shows the stimulus from its measured parts."""

import datetime
from urllib.parse import urlparse

import pytest
from selenium.webdriver.common.by import By

from culturalmap.markets import vendors
from culturalmap.markets.impact import impact_survey_record
from culturalmap.markets.services import event_sales_log
from tests.browser import requested_urls, sign_in
from tests.factories import CulturalMarketFactory

from .conftest import saved_user
from .test_browser import submit_and_wait

pytestmark = pytest.mark.django_db(transaction=True)
D = datetime.date


def no_sideways_scroll(browser) -> bool:
    return browser.execute_script("return document.documentElement.scrollWidth <= window.innerWidth + 1")


def test_register_statement_festival_and_measured_stimulus_on_a_phone(transactional_db, browser, live_server):
    market = CulturalMarketFactory(opened_on=D(2022, 10, 1))
    organiser = saved_user(username="organiser-register")
    market.organisers.add(organiser)
    lung_dam = vendors.vendor_register(market=market, user=organiser, name="ลุงดำ ผ้าทอ", goods="ผ้าทอมือ")
    vendors.vendor_register(market=market, user=organiser, name="ป้าแดง ขนมครก")
    event_sales_log(
        market=market, user=organiser, held_on=D(2024, 3, 2), vendor_sales=[("ลุงดำผ้าทอ", "1,200")]
    )
    event_sales_log(
        market=market, user=organiser, held_on=D(2024, 3, 9), vendor_sales=[("ป้าแดง ขนมคก", "650")]
    )
    impact_survey_record(
        user=organiser,
        market=market,
        period_start=D(2023, 10, 1),
        period_end=D(2024, 9, 30),
        direct_sales="1,850",
        production_chain="700",
        employment_income="300",
        as_of=D(2024, 10, 1),
        source="แบบสำรวจผู้ค้า 2567",
    )
    browser.set_window_size(390, 844)
    try:
        sign_in(browser, live_server, "organiser-register")
        browser.get(f"{live_server.url}/organiser/{market.code}/vendors/")
        assert (
            "คล้าย ป้าแดง ขนมครก"
            in browser.find_element(By.ID, "h-unmatched").find_element(By.XPATH, "..").text
        )
        assert no_sideways_scroll(browser)
        submit_and_wait(browser, browser.find_element(By.CSS_SELECTOR, "table.unmatched button[type=submit]"))
        assert "เป็นของผู้ค้ารายนี้" in browser.find_element(By.CSS_SELECTOR, "[role=status]").text

        browser.get(
            f"{live_server.url}/organiser/{market.code}/vendors/{lung_dam.pk}/statement/"
            "?date_from=01/03/2567&date_to=31/03/2567"
        )
        statement = browser.find_element(By.CSS_SELECTOR, ".statement").text
        assert (
            "1 มี.ค. 2567 – 31 มี.ค. 2567" in statement and "1,200.00" in statement and "รวม 1 ครั้ง" in statement
        )
        assert browser.find_element(By.CSS_SELECTOR, "[data-print]").is_displayed()
        assert no_sideways_scroll(browser)
        assert all(urlparse(u).hostname in (None, "localhost", "127.0.0.1") for u in requested_urls(browser))

        browser.get(f"{live_server.url}/organiser/{market.code}/festivals/")
        browser.find_element(By.NAME, "name_th").send_keys("งานแห่เทียนพรรษา")
        browser.find_element(By.NAME, "held_on").send_keys("20/07/2567")
        browser.find_element(By.NAME, "ends_on").send_keys("22/07/2567")
        browser.find_element(By.NAME, "total").send_keys("๕๐๐,๐๐๐")
        submit_and_wait(
            browser, browser.find_element(By.CSS_SELECTOR, "form[aria-labelledby=h-festival] button")
        )
        assert "(3 วัน)" in browser.find_element(By.CSS_SELECTOR, "[role=status]").text

        browser.get(f"{live_server.url}{market.district.get_absolute_url()}?kind=all")
        figures = browser.find_element(By.CSS_SELECTOR, "dl.figures").text
        assert "เป็นงานเทศกาล 1 ครั้ง" in figures
        table = browser.find_element(By.CSS_SELECTOR, "table.stimulus").text
        assert "1,850" in table and "700" in table and "300" in table
        assert no_sideways_scroll(browser)
    finally:
        browser.set_window_size(1280, 900)
