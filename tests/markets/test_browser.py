"""In a real browser: an organiser signs in, logs tonight's event and sees the market's chart move;
a visitor reads the market page without JavaScript and downloads the series as CSV."""

import datetime
from decimal import Decimal
from urllib.parse import urlparse

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import WebDriverWait

from tests.browser import requested_urls
from tests.factories import CulturalMarketFactory, MarketEventFactory, SalesEntryFactory

from .conftest import saved_user

pytestmark = pytest.mark.django_db(transaction=True)


def submit_and_wait(browser, button) -> None:
    """Click a submit button and wait until the next page has replaced this one."""
    button.click()
    WebDriverWait(browser, 15).until(expected_conditions.staleness_of(button))


def test_an_organiser_logs_tonights_event_and_sees_the_chart_move(transactional_db, browser, live_server):
    market = CulturalMarketFactory(opened_on=datetime.date(2022, 10, 1))
    SalesEntryFactory(
        event=MarketEventFactory(market=market, held_on=datetime.date(2024, 9, 29)), amount=Decimal("593247")
    )
    organiser = saved_user(username="organiser-browser")
    market.organisers.add(organiser)

    browser.get(f"{live_server.url}{market.get_absolute_url()}")
    chart_before = browser.find_element(By.CSS_SELECTOR, "svg.chart").get_attribute("outerHTML")
    assert "593,247" in browser.find_element(By.CSS_SELECTOR, "dl.figures").text

    browser.get(f"{live_server.url}/accounts/login/?next=/organiser/")
    browser.find_element(By.ID, "id_username").send_keys("organiser-browser")
    browser.find_element(By.ID, "id_password").send_keys("secret-pass-123")
    submit_and_wait(browser, browser.find_element(By.CSS_SELECTOR, "main form button[type=submit]"))
    assert urlparse(browser.current_url).path == f"/organiser/{market.code}/"

    # The date field is filled with today's date in the Buddhist Era.
    held_on = browser.find_element(By.NAME, "held_on").get_attribute("value")
    assert held_on.endswith(str(datetime.date.today().year + 543))
    browser.find_element(By.NAME, "total").send_keys("๔๒,๐๐๐")
    browser.find_element(By.NAME, "vendors_present").send_keys("57")
    submit_and_wait(browser, browser.find_element(By.CSS_SELECTOR, "form[aria-labelledby=h-log] button"))
    assert browser.find_element(By.CSS_SELECTOR, "[role=status]").text.startswith("บันทึก 1 รายการ")
    assert "42,000" in browser.find_element(By.CSS_SELECTOR, ".ledger").text

    browser.get(f"{live_server.url}{market.get_absolute_url()}")
    assert "635,247" in browser.find_element(By.CSS_SELECTOR, "dl.figures").text
    assert browser.find_element(By.CSS_SELECTOR, "svg.chart").get_attribute("outerHTML") != chart_before
    hosts = {urlparse(url).netloc for url in requested_urls(browser) if url.startswith("http")}
    assert hosts <= {urlparse(live_server.url).netloc}


def test_a_visitor_reads_the_tables_and_finds_the_csv(transactional_db, browser, live_server):
    market = CulturalMarketFactory()
    SalesEntryFactory(
        event=MarketEventFactory(market=market, held_on=datetime.date(2023, 10, 1)), amount=Decimal("25048")
    )
    browser.get(f"{live_server.url}{market.get_absolute_url()}")
    captions = browser.find_elements(By.CSS_SELECTOR, "table caption")
    assert len(captions) >= 4
    charts = browser.find_elements(By.CSS_SELECTOR, "svg.chart[role=img]")
    assert len(charts) == 4 and all(c.get_attribute("aria-labelledby") for c in charts)
    link = browser.find_element(By.PARTIAL_LINK_TEXT, "รายเดือน").get_attribute("href")
    assert "format=csv" in link and f"/api/markets/{market.code}/revenue/" in link
