"""The list beside the map shows why each record matched a query: the passage of its text holding the
words, marked (in a real browser, at a phone's width)."""

from django.core.management import call_command
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from tests.factories import WAT_PHRA_THAT_LAMPANG_LUANG, AssetFactory

DESCRIPTION = (
    "วิหารไม้ทรงล้านนาที่งดงามที่สุดแห่งหนึ่ง หลังคาซ้อนลดหลั่นสามชั้น ภายในมีจิตรกรรมฝาผนังเก่าแก่ "
    "เล่าเรื่องชาดกและวิถีชีวิตชาวบ้าน ทุกปีมีงานประเพณีตานก๋วยสลากที่ชาวบ้านทั้งตำบลมาร่วมกัน "
    "และเป็นที่ประดิษฐานพระแก้วมรกตจำลองซึ่งชาวลำปางนับถือมาก"
)


def test_the_map_list_shows_the_passage_that_matched(browser, live_server, transactional_db):
    AssetFactory(
        name_th="วัดพระธาตุลำปางหลวง", name_en="Wat Phra That Lampang Luang", description_th=DESCRIPTION
    )
    call_command("rebuild_search_index", verbosity=0)
    browser.set_window_size(390, 844)
    point = WAT_PHRA_THAT_LAMPANG_LUANG
    browser.get(f"{live_server.url}/?lat={point.y}&lon={point.x}&z=14&layers=assets")
    WebDriverWait(browser, 15).until(lambda b: "วัดพระธาตุลำปางหลวง" in b.find_element(By.ID, "area-list").text)
    browser.execute_script(
        "var q = document.getElementById('area-q'); q.value = 'ก๋วยสลาก'; q.dispatchEvent(new Event('input'));"
    )
    WebDriverWait(browser, 15).until(lambda b: b.find_elements(By.CSS_SELECTOR, "#area-list .snippet mark"))
    snippet = browser.find_element(By.CSS_SELECTOR, "#area-list .snippet")
    marked = [m.text for m in snippet.find_elements(By.TAG_NAME, "mark")]
    assert any("สลาก" in m for m in marked), marked
    assert "ตานก๋วยสลาก" in snippet.text and not snippet.text.startswith("วิหารไม้ทรงล้านนา")
    assert "<mark>" not in snippet.text, "marked, not shown as markup"
