"""The map in a real browser (Debian's headless Chromium): features drawn from the project's own tiles,
a click through to a record's page, the language switch, the view in the URL, and no other host."""

from urllib.parse import parse_qs, urlparse

import pytest
from django.contrib.gis.geos import Point
from django.core.management import call_command
from django.test import override_settings
from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select, WebDriverWait

from culturalmap.maps.tiles.cache import invalidate_all
from culturalmap.settings.base import content_security_policy
from tests.browser import requested_urls, sign_in
from tests.factories import WAT_PHRA_THAT_LAMPANG_LUANG, AssetFactory, CulturalDistrictFactory, UserFactory

LAMPANG = WAT_PHRA_THAT_LAMPANG_LUANG


def _wait(browser, condition, timeout=15):
    # A page being replaced (a click through, the language switch) leaves stale elements behind.
    return WebDriverWait(browser, timeout, ignored_exceptions=[StaleElementReferenceException]).until(
        condition
    )


def _drawn_features(browser):
    # Each record of a vector tile is an SVG path in the tile pane (one by a tile's edge is in both).
    return browser.find_elements(By.CSS_SELECTOR, ".leaflet-tile-pane svg path.leaflet-interactive")


def click_map_at(browser, lat: float, lon: float) -> None:
    """A click where the map draws a place, as a visitor's."""
    x, y = browser.execute_script(
        "var p = window.culturalMap.latLngToContainerPoint([arguments[0], arguments[1]]); return [p.x, p.y];",
        lat,
        lon,
    )
    container = browser.find_element(By.CSS_SELECTOR, ".folium-map")
    size = container.size
    ActionChains(browser).move_to_element_with_offset(
        container, int(x - size["width"] / 2), int(y - size["height"] / 2)
    ).click().perform()


@pytest.fixture
def catalogue(transactional_db):
    invalidate_all()  # no tile cached by an earlier test answers for these records
    temple = AssetFactory(
        name_th="วัดพระธาตุลำปางหลวง", name_en="Wat Phra That Lampang Luang", archetype="architecture"
    )
    for i in range(12):
        AssetFactory(
            name_th=f"บ้านช่างไม้ {i}",
            name_en=f"Woodcarvers' house {i}",
            archetype="craftsmanship",
            geom=Point(99.50 + 0.001 * i, 18.29, srid=4326),
        )
    district = CulturalDistrictFactory()
    call_command("rebuild_search_index", verbosity=0)  # the list beside the map searches it
    return {"temple": temple, "district": district}


def test_the_map_draws_our_tiles_opens_a_record_and_switches_language(browser, live_server, catalogue):
    temple = catalogue["temple"]
    browser.get(f"{live_server.url}/?lat={LAMPANG.y}&lon={LAMPANG.x}&z=15&layers=assets")
    _wait(browser, lambda b: len(_drawn_features(b)) >= 1)
    assert "แผนที่ทุนวัฒนธรรมไทย" in browser.find_element(By.TAG_NAME, "h1").text  # Thai first

    # Click the temple's point: a popup links to its page.
    click_map_at(browser, LAMPANG.y, LAMPANG.x)
    link = _wait(browser, EC.element_to_be_clickable((By.CSS_SELECTOR, ".leaflet-popup a.record-link")))
    assert link.text == "วัดพระธาตุลำปางหลวง"
    link.click()
    _wait(browser, EC.url_contains(temple.get_absolute_url()))
    assert "วัดพระธาตุลำปางหลวง" in browser.find_element(By.TAG_NAME, "h1").text

    # The language switch: the same page in English.
    browser.find_element(By.CSS_SELECTOR, "form.lang button[value=en]").click()
    _wait(browser, lambda b: "Wat Phra That Lampang Luang" in b.find_element(By.TAG_NAME, "h1").text)
    assert browser.find_element(By.TAG_NAME, "html").get_attribute("lang") == "en"
    assert "Archetype" in browser.page_source

    urls = requested_urls(browser)
    assert any("/catalogue/15/" in u and u.endswith(".mvt") for u in urls)
    others = [u for u in urls if not u.startswith(live_server.url) and not u.startswith(("data:", "blob:"))]
    assert others == []


def test_clusters_show_their_counts_and_the_view_lives_in_the_url(browser, live_server, catalogue):
    browser.get(f"{live_server.url}/?lat=18.29&lon=99.5&z=7&layers=assets,districts")
    label = _wait(browser, EC.visibility_of_element_located((By.CSS_SELECTOR, "text.cluster-count")))
    assert label.text == "13"  # the temple and the twelve houses are one cluster from afar
    assert browser.find_element(By.ID, "map-layers").is_displayed()

    # Untick an archetype: the tiles are asked again with the filter, and the URL keeps it.
    browser.find_element(By.CSS_SELECTOR, "input[name=category][value=architecture]").click()
    _wait(
        browser, lambda b: [t.text for t in b.find_elements(By.CSS_SELECTOR, "text.cluster-count")] == ["12"]
    )
    browser.execute_script("window.culturalMap.setView([18.2, 99.4], 9)")
    _wait(browser, lambda b: "z=9" in b.current_url)
    query = parse_qs(urlparse(browser.current_url).query)
    assert query["layers"] == ["assets,districts"]
    assert "architecture" not in query["category"][0] and "craftsmanship" in query["category"][0]
    assert float(query["lat"][0]) == pytest.approx(18.2, abs=1e-3)

    # The link reproduces the view.
    shared = browser.current_url
    browser.get("about:blank")
    browser.get(shared)
    _wait(
        browser, lambda b: b.execute_script("return window.culturalMap && window.culturalMap.getZoom()") == 9
    )
    assert not browser.find_element(By.CSS_SELECTOR, "input[name=category][value=architecture]").is_selected()

    # The list beside the map shows what is in view, from the search API.
    _wait(browser, lambda b: "บ้านช่างไม้" in b.find_element(By.ID, "area-list").text)
    assert "รายการในบริเวณนี้" in browser.find_element(By.ID, "area-count").text
    first = browser.find_element(By.CSS_SELECTOR, "#area-list li a")
    assert first.get_attribute("href").startswith(live_server.url + "/")
    urls = requested_urls(browser)
    assert any("/api/search/?" in u and "bbox=" in u for u in urls)
    others = [
        u
        for u in urls
        if not u.startswith(live_server.url) and not u.startswith(("data:", "blob:")) and u != "about:blank"
    ]
    assert others == []


def _list_answered(browser, asked: str) -> bool:
    """The list shows the answer to a question containing `asked` (and is not waiting for another)."""
    return browser.execute_script(
        "var l = document.getElementById('area-list');"
        "return (l.getAttribute('data-query') || '').indexOf(arguments[0]) >= 0"
        " && !l.hasAttribute('aria-busy');",
        asked,
    )


def test_a_chosen_province_comes_into_view_and_the_list_keeps_other_layers(browser, live_server, catalogue):
    browser.get(f"{live_server.url}/?lat=13.0&lon=100.5&z=6&layers=assets,districts")
    _wait(browser, lambda b: b.execute_script("return !!window.culturalMap"))
    Select(browser.find_element(By.ID, "map-province")).select_by_value("52")  # Lampang
    _wait(browser, lambda b: b.execute_script("return window.culturalMap.getZoom()") >= 8)
    centre = browser.execute_script("var c = window.culturalMap.getCenter(); return [c.lat, c.lng];")
    assert 17.2 < centre[0] < 19.5 and 98.8 < centre[1] < 100.2  # inside Lampang's extent
    assert "province=52" in browser.current_url

    # Unticking an archetype narrows the assets in the list, as on the map; the district stays.
    browser.find_element(By.CSS_SELECTOR, "input[name=category][value=architecture]").click()
    _wait(browser, lambda b: _list_answered(b, "archetype="))
    listed = browser.find_element(By.ID, "area-list").text
    assert "วัดพระธาตุลำปางหลวง" not in listed
    assert "บ้านช่างไม้" in listed and "ย่านกาดกองต้า" in listed
    assert any("archetype=" in u and "kind=asset%2Cdistrict" in u for u in requested_urls(browser))


def test_the_list_says_why_the_api_refused_its_question(browser, live_server, catalogue):
    browser.get(f"{live_server.url}/?lat=18.29&lon=99.5&z=11&layers=assets")
    _wait(browser, lambda b: "บ้านช่างไม้" in b.find_element(By.ID, "area-list").text)
    browser.execute_script(  # past the box's maxlength, as a script or an old browser might send it
        "var q = document.getElementById('area-q'); q.value = 'ก'.repeat(250);"
        "q.dispatchEvent(new Event('input'));"
    )
    _wait(browser, lambda b: "คำค้นยาวเกินไป" in b.find_element(By.ID, "area-list").text)
    assert not browser.find_element(By.ID, "area-list").text.startswith("q:")


def test_a_curator_signs_in_and_sees_an_at_risk_site_where_it_is(browser, live_server, transactional_db):
    invalidate_all()
    # Far from its grid point (99.50, 18.25): the generalised point lies outside a zoom-17 view of it.
    site = AssetFactory(name_th="แหล่งโบราณคดีบ้านนาตอง", risk="high", geom=Point(99.5249, 18.2749, srid=4326))
    curator = UserFactory(is_staff=True)
    view = f"{live_server.url}/?lat=18.2749&lon=99.5249&z=17&layers=assets"

    browser.get(view)  # the public: nothing at the exact place
    _wait(browser, lambda b: any("/catalogue/17/" in u for u in requested_urls(b)))
    _wait(browser, lambda b: b.find_elements(By.CSS_SELECTOR, 'g[data-layer="land"] path'))
    assert _drawn_features(browser) == []

    sign_in(browser, live_server, curator.username)
    browser.get(view)
    _wait(browser, lambda b: len(_drawn_features(b)) >= 1)  # twice when by a tile's edge
    click_map_at(browser, 18.2749, 99.5249)
    link = _wait(browser, EC.element_to_be_clickable((By.CSS_SELECTOR, ".leaflet-popup a.record-link")))
    assert link.text == site.name_th
    assert any("/catalogue/17/" in u and "exact=1" in u for u in requested_urls(browser))


def _land_drawn(browser) -> int:
    """Land (our provinces' areas) shown in the map's tiles."""
    return browser.execute_script(
        "return [...document.querySelectorAll('.leaflet-tile-pane g[data-layer=\"land\"]')]"
        ".filter(g => g.style.display !== 'none').reduce((n, g) => n + g.querySelectorAll('path').length, 0)"
    )


def test_with_no_base_map_configured_our_own_places_draw_thailand(browser, live_server, transactional_db):
    browser.get(f"{live_server.url}/")
    _wait(browser, lambda b: _land_drawn(b) >= 4)
    _wait(  # provinces named from afar
        browser,
        lambda b: (
            "ลำปาง"
            in b.execute_script(
                "return [...document.querySelectorAll('.leaflet-tile-pane text.place-label')]"
                ".map(t => t.textContent)"
            )
        ),
    )
    urls = requested_urls(browser)
    assert all(u.startswith(live_server.url) or u.startswith(("data:", "blob:")) for u in urls)
    assert not any(u.endswith(".png") for u in urls)  # the base map is in the vector tiles


def test_a_high_risk_record_page_draws_an_area_over_our_own_tiles(browser, live_server, transactional_db):
    asset = AssetFactory(risk="high")
    browser.get(live_server.url + asset.get_absolute_url())
    area = _wait(
        browser, EC.presence_of_element_located((By.CSS_SELECTOR, "#record-map path.leaflet-interactive"))
    )
    assert area.get_attribute("stroke-dasharray")  # the dashed circle of a generalised location
    _wait(
        browser,
        lambda b: (
            b.execute_script(
                "return [...document.querySelectorAll('#record-map img.leaflet-tile-loaded')]"
                ".filter(i => i.src.includes('/places/')).length"
            )
            >= 1
        ),
    )
    assert not browser.find_elements(By.CSS_SELECTOR, "#record-map .leaflet-marker-icon")


def test_with_a_third_party_base_map_unreachable_the_map_still_draws_thailand(
    browser, live_server, transactional_db
):
    # Port 9 (discard) on loopback: nothing answers, as with no internet.
    url = "http://127.0.0.1:9/{z}/{x}/{y}.png"
    with override_settings(BASEMAP_TILE_URL=url, CONTENT_SECURITY_POLICY=content_security_policy(url)):
        browser.get(f"{live_server.url}/")
        _wait(browser, lambda b: b.find_elements(By.CSS_SELECTOR, 'g[data-layer="boundaries"] path'))
        # The base map is a switch of the layers panel; without it our land comes back.
        switch = browser.find_element(By.CSS_SELECTOR, "input[name=layer][value=basemap]")
        assert switch.is_selected()
        switch.click()
        _wait(browser, lambda b: _land_drawn(b) >= 4 and "basemap" not in b.current_url)
    assert any(u.startswith("http://127.0.0.1:9/") for u in requested_urls(browser))


def test_typing_a_sub_district_moves_the_map_there(browser, live_server, transactional_db):
    browser.set_window_size(390, 844)  # a phone
    browser.get(f"{live_server.url}/")
    box = _wait(browser, EC.element_to_be_clickable((By.ID, "map-place")))
    box.send_keys("บ้านแลง ลำปาง")
    option = "ตำบลบ้านแลง อำเภอเมืองลำปาง จังหวัดลำปาง"
    _wait(browser, lambda b: b.find_elements(By.CSS_SELECTOR, f'#map-place-list option[value="{option}"]'))
    box.send_keys("\n")  # Enter: the first place found
    _wait(browser, lambda b: b.find_element(By.ID, "map-place-status").text == option)

    def centre(b):
        return b.execute_script("var c = window.culturalMap.getCenter(); return [c.lng, c.lat];")

    _wait(browser, lambda b: abs(centre(b)[0] - 99.69) < 0.1 and abs(centre(b)[1] - 18.52) < 0.1)
    assert browser.execute_script("return window.culturalMap.getZoom();") >= 10
    # The view is in the URL: a shared link opens on ตำบลบ้านแลง.
    query = parse_qs(urlparse(browser.current_url).query)
    assert abs(float(query["lat"][0]) - 18.52) < 0.1
    browser.set_window_size(1280, 900)
