"""The public pages on a 390×844 phone and under axe-core, in a real browser: a compact header, the
layers panel folded over a map that keeps most of the screen, the search results before their
filters, chart words legible as drawn, tables scrolling in their own box, and no axe violation on the
main pages (axe-core vendored under tests/vendor, injected by the test: the site never ships it)."""

import datetime
from pathlib import Path

import pytest
from django.core.management import call_command
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from tests.factories import (
    AssetFactory,
    CulturalMarketFactory,
    LearningSpaceFactory,
    MarketEventFactory,
    SalesEntryFactory,
)

pytestmark = pytest.mark.django_db(transaction=True)

AXE = Path(__file__).resolve().parents[1] / "vendor" / "axe-core-4.14.1" / "axe.min.js"
PHONE = {"width": 390, "height": 844, "deviceScaleFactor": 3, "mobile": True}


def _wait(browser, condition, timeout=15):
    return WebDriverWait(browser, timeout).until(condition)


@pytest.fixture
def phone(browser):
    browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", PHONE)
    yield browser
    browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


@pytest.fixture
def market_with_sales(transactional_db):
    market = CulturalMarketFactory(opened_on=datetime.date(2022, 10, 1))
    for week in range(30):
        event = MarketEventFactory(
            market=market, held_on=datetime.date(2022, 10, 2) + datetime.timedelta(weeks=week)
        )
        SalesEntryFactory(event=event)
    return market


def axe_violations(browser) -> list[str]:
    """axe-core's violations on the page shown (rule: the elements), none expected."""
    browser.execute_script(AXE.read_text(encoding="utf-8"))
    return browser.execute_async_script(
        "var done = arguments[arguments.length - 1];"
        "axe.run(document, {resultTypes: ['violations']}).then(function (r) {"
        "  done(r.violations.map(function (v) {"
        "    return v.id + ': ' + v.nodes.map(function (n) { return n.target.join(' '); }).join(', '); }));"
        "}, function (e) { done(['axe failed: ' + e]); });"
    )


def _box(browser, selector: str) -> dict:
    return browser.execute_script(
        "var r = document.querySelector(arguments[0]).getBoundingClientRect();"
        "return {top: r.top, bottom: r.bottom, height: r.height, width: r.width};",
        selector,
    )


def test_the_map_on_a_phone_keeps_the_screen_for_the_map_and_folds_the_rest(phone, live_server):
    AssetFactory()
    browser = phone
    browser.get(f"{live_server.url}/")
    _wait(browser, lambda b: b.find_elements(By.CSS_SELECTOR, '.leaflet-tile-pane g[data-layer="land"] path'))

    assert _box(browser, ".site-header")["height"] <= 64  # was 142 px
    nav = browser.find_element(By.CSS_SELECTOR, ".site-menu nav a")
    assert not nav.is_displayed()  # behind the menu button
    menu = browser.find_element(By.CSS_SELECTOR, ".menu-toggle")
    menu.click()
    _wait(browser, lambda b: nav.is_displayed())
    assert menu.get_attribute("aria-expanded") == "true"
    menu.click()

    layers = browser.find_element(By.ID, "map-layers")
    assert layers.get_attribute("open") is None  # folded: the map is not covered
    assert _box(browser, "#map-layers")["height"] < 60
    the_map = _box(browser, ".folium-map")
    assert the_map["top"] < 844 and the_map["height"] >= 300 and the_map["width"] >= 380
    layers.find_element(By.TAG_NAME, "summary").click()
    assert browser.find_element(By.CSS_SELECTOR, "input[name=layer][value=assets]").is_displayed()
    assert browser.execute_script("return document.documentElement.scrollWidth <= window.innerWidth")


def test_search_results_come_before_their_filters_on_a_phone(phone, live_server):
    for i in range(3):
        AssetFactory(name_th=f"ผ้าทอลายน้ำไหล {i}", archetype="craftsmanship")
    call_command("rebuild_search_index", verbosity=0)
    browser = phone
    browser.get(f"{live_server.url}/search/?q=%E0%B8%9C%E0%B9%89%E0%B8%B2%E0%B8%97%E0%B8%AD")
    first = browser.find_element(By.CSS_SELECTOR, "main section a[href^='/assets/']")
    assert first.is_displayed() and first.rect["y"] < 844  # the first result on the first screen
    facets = browser.find_element(By.ID, "search-facets-body")
    assert not facets.is_displayed()
    toggle = browser.find_element(By.CSS_SELECTOR, ".search-facets .fold-toggle")
    toggle.click()
    assert facets.is_displayed()


def test_a_market_s_charts_are_legible_on_a_phone_and_their_tables_scroll_in_their_own_box(
    phone, live_server, market_with_sales
):
    browser = phone
    browser.get(live_server.url + market_with_sales.get_absolute_url())
    charts = browser.find_elements(By.CSS_SELECTOR, "svg.chart")
    assert charts
    # Each word as drawn: its font size in the chart's units times the chart's scale on the screen.
    sizes = browser.execute_script(
        "var out = [];"
        "document.querySelectorAll('svg.chart').forEach(function (svg) {"
        "  var scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;"
        "  svg.querySelectorAll('text').forEach(function (t) {"
        "    if (getComputedStyle(t).display === 'none' || !t.getClientRects().length) { return; }"
        "    out.push(parseFloat(getComputedStyle(t).fontSize) * scale);"
        "  });"
        "});"
        "return out;"
    )
    assert sizes and min(sizes) >= 11, sorted(sizes)[:5]
    assert browser.execute_script("return document.documentElement.scrollWidth <= window.innerWidth")
    tables = browser.find_elements(By.CSS_SELECTOR, ".chart-table")
    assert tables and all(t.get_attribute("tabindex") == "0" for t in tables)  # reachable by keyboard


def test_the_main_pages_have_no_axe_violation(browser, live_server, market_with_sales):
    asset = AssetFactory()
    space = LearningSpaceFactory()
    call_command("rebuild_search_index", verbosity=0)
    pages = ["/", "/search/?q=%E0%B8%A7%E0%B8%B1%E0%B8%94", asset.get_absolute_url()]
    pages += [market_with_sales.get_absolute_url(), space.get_absolute_url()]
    found = {}
    for page in pages:
        browser.get(live_server.url + page)
        if page == "/":
            # The list settled: while a refresh is asked it is dimmed (aria-busy), which axe reads
            # as too little contrast, and a loaded machine can still be refreshing it.
            _wait(
                browser,
                lambda b: (
                    b.find_elements(By.CSS_SELECTOR, "#area-list li")
                    and not b.find_elements(By.CSS_SELECTOR, "#area-list[aria-busy]")
                ),
            )
        found[page] = axe_violations(browser)
    assert found == {page: [] for page in pages}
