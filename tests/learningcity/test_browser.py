"""A Yala city-team member in a real browser: signs in, moves a learning space on the map, uploads
a photo, draws a new co-learning space; a visitor then sees both on the public pages."""

import io
import json
import uuid

import pytest
from django.contrib.gis.geos import GEOSGeometry
from PIL import Image
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

from learningcity.models import LearningSpace
from tests.browser import requested_urls, sign_in
from tests.factories import YALA_STATION, LearningCityFactory, LearningSpaceFactory, province

from .conftest import saved_user


@pytest.fixture
def yala_setup(transactional_db):
    city = LearningCityFactory(name_th="เมืองยะลา", name_en="Yala", province=province("95"))
    member = saved_user(username=f"yala-{uuid.uuid4().hex[:8]}")
    city.team_members.add(member)
    space = LearningSpaceFactory(
        city=city, name_th="ตรอกสุ่ย", name_en="Trok Sui", geom=YALA_STATION, opening_hours="ทุกวัน 08:00–18:00"
    )
    return city, member, space


def photo_file(tmp_path, name="trok-sui.jpg") -> str:
    path = tmp_path / name
    image = Image.new("RGB", (800, 600), (30, 110, 160))
    for x in range(0, 800, 40):  # something to see, not a flat colour
        image.paste((240, 200, 60), (x, 0, x + 20, 600))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG")
    path.write_bytes(buffer.getvalue())
    return str(path)


def wait(browser, seconds=10):
    return WebDriverWait(browser, seconds)


def geom_input(browser):
    return json.loads(browser.find_element(By.ID, "id_geom").get_attribute("value") or "null")


def shown_photos_loaded(browser) -> list[int]:
    return browser.execute_script(
        "return Array.from(document.querySelectorAll('.lc-photos img'))"
        ".map(i => i.complete ? i.naturalWidth : 0)"
    )


def test_a_team_member_moves_a_space_uploads_a_photo_and_the_public_sees_it(
    browser, live_server, yala_setup, tmp_path, settings
):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    city, member, space = yala_setup
    sign_in(browser, live_server, member.username)

    browser.get(f"{live_server.url}/learning-spaces/{space.code}/edit/")
    marker = wait(browser).until(
        EC.presence_of_element_located((By.CSS_SELECTOR, "#lc-edit-map .leaflet-marker-icon"))
    )
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'});", marker)
    # The team places the space over the site's own base map (and a third-party one, when one is set).
    wait(browser).until(
        lambda b: (
            b.execute_script(
                "return [...document.querySelectorAll('#lc-edit-map img.leaflet-tile-loaded')]"
                ".filter(i => i.src.includes('/places/')).length"
            )
            >= 1
        )
    )
    before = geom_input(browser)
    assert before["coordinates"] == pytest.approx([YALA_STATION.x, YALA_STATION.y])

    # Drag the marker 120 px east and 60 px south, as a person would.
    ActionChains(browser).click_and_hold(marker).move_by_offset(40, 20).move_by_offset(40, 20).move_by_offset(
        40, 20
    ).release().perform()
    wait(browser).until(lambda b: geom_input(b)["coordinates"] != before["coordinates"])
    moved = geom_input(browser)["coordinates"]
    assert moved[0] > YALA_STATION.x and moved[1] < YALA_STATION.y

    browser.find_element(By.ID, "id_photo").send_keys(photo_file(tmp_path))
    browser.find_element(By.ID, "id_photo_caption_th").send_keys("ทางเข้าตรอกสุ่ย")
    browser.find_element(By.ID, "lc-save").click()
    wait(browser).until(EC.url_to_be(f"{live_server.url}/learning-spaces/{space.code}/"))

    space.refresh_from_db()
    assert space.version == 2
    assert space.geom.coords == pytest.approx(tuple(moved))
    assert space.images.count() == 1

    # A visitor (signed out) sees the photo and the new position on the public page.
    browser.delete_all_cookies()
    requested_urls(browser)
    browser.get(f"{live_server.url}/learning-spaces/{space.code}/")
    assert "ทางเข้าตรอกสุ่ย" in browser.page_source
    wait(browser).until(lambda b: shown_photos_loaded(b) and all(shown_photos_loaded(b)))
    assert shown_photos_loaded(browser) == [400]  # the thumbnail, 400 px wide
    shown = browser.execute_script(
        "var l = window.learningCityMap.spaces.getLayers()[0]; return [l.getLatLng().lng, l.getLatLng().lat];"
    )
    assert shown == pytest.approx(moved, abs=1e-6)
    others = [
        u for u in requested_urls(browser) if not u.startswith(live_server.url) and not u.startswith("data:")
    ]
    assert others == []


def test_a_team_member_draws_a_new_co_learning_space_and_the_public_city_page_shows_it(
    browser, live_server, yala_setup, tmp_path, settings
):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    city, member, _ = yala_setup
    sign_in(browser, live_server, member.username)

    browser.get(f"{live_server.url}/learning-cities/{city.code}/spaces/new/")
    browser.find_element(By.ID, "id_name_th").send_keys("สะพานดำ")
    browser.find_element(By.ID, "id_name_en").send_keys("Saphan Dam")
    browser.find_element(By.ID, "id_opening_hours").send_keys("ศุกร์–อาทิตย์ 16:00–21:00")
    browser.find_element(By.CSS_SELECTOR, "input[name=audiences][value=youth]").click()
    assert browser.find_element(By.ID, "id_space_type").get_attribute("value") == "co_learning_space"

    # Draw a polygon with Leaflet.draw's own toolbar: four clicks, then back on the first vertex.
    map_element = browser.find_element(By.ID, "lc-edit-map")
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'});", map_element)
    browser.find_element(By.CSS_SELECTOR, ".leaflet-draw-draw-polygon").click()
    corners = [(-60, -40), (60, -40), (60, 40), (-60, 40), (-60, -40)]
    for dx, dy in corners:
        ActionChains(browser).move_to_element_with_offset(map_element, dx, dy).click().perform()
    wait(browser).until(lambda b: geom_input(b) is not None)
    drawn = geom_input(browser)
    assert drawn["type"] == "Polygon" and len(drawn["coordinates"][0]) == 5

    browser.find_element(By.ID, "id_photo").send_keys(photo_file(tmp_path, "saphan-dam.jpg"))
    browser.find_element(By.ID, "lc-save").click()
    wait(browser).until(EC.presence_of_element_located((By.CSS_SELECTOR, ".lc-photos img")))

    created = LearningSpace.objects.get(name_th="สะพานดำ")
    assert created.city == city and created.status == "published"
    assert created.opening_hours == "ศุกร์–อาทิตย์ 16:00–21:00" and created.audiences == ["youth"]
    assert created.geom.geom_type == "Polygon"
    assert created.geom.equals_exact(GEOSGeometry(json.dumps(drawn), srid=4326), 1e-9)
    assert created.images.count() == 1

    browser.delete_all_cookies()
    browser.get(f"{live_server.url}{city.get_absolute_url()}")
    assert "สะพานดำ" in browser.find_element(By.CSS_SELECTOR, ".lc-spaces").text
    assert "ศุกร์–อาทิตย์ 16:00–21:00" in browser.find_element(By.CSS_SELECTOR, ".lc-spaces").text
    codes = browser.execute_script(
        "return window.learningCityMap.spaces.getLayers().map(l => l.feature.properties.code);"
    )
    assert created.code in codes
