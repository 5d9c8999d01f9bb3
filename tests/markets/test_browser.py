"""In a real browser: an organiser signs in, logs tonight's event and sees the market's chart move;
a visitor reads the market page without JavaScript and downloads the series as CSV."""

import datetime
from decimal import Decimal
from urllib.parse import urlparse

import pytest
from selenium.common.exceptions import WebDriverException
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
    # Chromium may answer "node does not belong to the document" for the page being replaced: that
    # is the staleness waited for, asked again.
    WebDriverWait(browser, 15, ignored_exceptions=(WebDriverException,)).until(
        expected_conditions.staleness_of(button)
    )


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
    assert len(charts) == 5 and all(c.get_attribute("aria-labelledby") for c in charts)
    link = browser.find_element(By.PARTIAL_LINK_TEXT, "รายเดือน").get_attribute("href")
    assert "format=csv" in link and f"/api/markets/{market.code}/revenue/" in link


def no_sideways_scroll(browser) -> bool:
    return browser.execute_script(
        "return document.documentElement.scrollWidth <= window.innerWidth && window.innerWidth <= 390"
    )


@pytest.fixture
def phone(browser):
    """The browser as a 390 px wide phone (its viewport and touch), back to a desktop afterwards."""
    browser.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": 390, "height": 844, "deviceScaleFactor": 3, "mobile": True},
    )
    yield browser
    browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


def test_an_organiser_on_a_phone_uploads_a_thai_excel_sheet_confirms_and_fixes_a_name(
    transactional_db, phone, live_server, tmp_path
):
    browser = phone
    market = CulturalMarketFactory(opened_on=datetime.date(2022, 10, 1), name_th="ตลาดชุมชนทางทุ่งสง")
    organiser = saved_user(username="organiser-phone")
    market.organisers.add(organiser)
    sheet = tmp_path / "ยอดขายกันยายน.csv"  # as Thai Windows Excel saves "CSV (Comma delimited)"
    sheet.write_bytes(
        "รายงานยอดขาย ตลาดชุมชนทางทุ่งสง\r\nวันที่,ชื่อร้าน,ยอดขาย (บาท)\r\n"
        '01/09/2567,ลุงดำ ผ้าทอ,"14,245.50"\r\n01/09/2567,ป้าแดง,๑,๒๐๐\r\n'.replace("๑,๒๐๐", '"๑,๒๐๐"').encode(
            "cp874"
        )
    )

    browser.get(f"{live_server.url}/accounts/login/?next=/organiser/")
    browser.find_element(By.ID, "id_username").send_keys("organiser-phone")
    browser.find_element(By.ID, "id_password").send_keys("secret-pass-123")
    submit_and_wait(browser, browser.find_element(By.CSS_SELECTOR, "main form button[type=submit]"))
    assert urlparse(browser.current_url).path == f"/organiser/{market.code}/"
    assert no_sideways_scroll(browser)

    browser.find_element(By.NAME, "file").send_keys(str(sheet))
    submit_and_wait(browser, browser.find_element(By.CSS_SELECTOR, "form[aria-labelledby=h-upload] button"))
    assert "/uploads/" in browser.current_url and no_sideways_scroll(browser)
    assert "0.00 → 15,445.50" in browser.find_element(By.CSS_SELECTOR, ".upload-days").text
    assert "Windows-874" in browser.find_element(By.CSS_SELECTOR, ".upload-facts").text
    confirm = browser.find_element(By.CSS_SELECTOR, "button[value=commit]")
    browser.execute_script("arguments[0].scrollIntoView()", confirm)
    submit_and_wait(browser, confirm)
    assert "บันทึกการอัปโหลด" in browser.find_element(By.CSS_SELECTOR, "[role=status]").text
    assert no_sideways_scroll(browser)

    # The correction form of a line is in reach: open it, fix the vendor's name, save.
    browser.get(f"{live_server.url}/organiser/{market.code}/?held_on=01/09/2567")
    assert no_sideways_scroll(browser)
    row = next(r for r in browser.find_elements(By.CSS_SELECTOR, ".ledger tbody tr") if "ลุงดำ ผ้าทอ" in r.text)
    summary = row.find_element(By.CSS_SELECTOR, "details.correct summary")
    browser.execute_script("arguments[0].scrollIntoView()", summary)
    summary.click()
    name = row.find_element(By.NAME, "vendor")
    assert name.is_displayed() and name.rect["x"] + name.rect["width"] <= 390
    name.send_keys("ลุงดำผ้าทอ")
    assert no_sideways_scroll(browser)
    submit_and_wait(browser, row.find_element(By.CSS_SELECTOR, "details.correct button"))
    ledger = browser.find_element(By.CSS_SELECTOR, ".ledger").text
    assert "ลุงดำผ้าทอ" in ledger and "ยอดรวม 15,445.50" in ledger

    browser.get(f"{live_server.url}/organiser/token/")
    submit_and_wait(browser, browser.find_element(By.CSS_SELECTOR, "main form.inline button"))
    key = browser.find_element(By.ID, "new-token").text
    assert len(key) == 40 and no_sideways_scroll(browser)
    browser.get(f"{live_server.url}/organiser/{market.code}/uploads/")
    assert "ยอดขายกันยายน.csv" in browser.find_element(By.CSS_SELECTOR, "table.uploads").text
    assert no_sideways_scroll(browser)
