"""/search/: the search page, Thai first, facets as links, paging, no JavaScript needed."""

import re
from html import unescape

import pytest
from django.utils import translation
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from culturalmap.search import index, views
from tests.browser import requested_urls
from tests.factories import AssetFactory, LearningSpaceFactory, province

pytestmark = pytest.mark.django_db


def result_names(html: str) -> list[str]:
    items = re.findall(r'<li class="search-result".*?<a href="[^"]+">(.*?)</a>', html, re.S)
    return [unescape(re.sub(r"</?mark>", "", item)) for item in items]


def facet_link(html: str, label: str) -> str:
    found = re.search(r'<a href="([^"]+)"[^>]*>' + re.escape(label) + "</a>", html)
    assert found, f"no facet link {label!r}"
    return unescape(found.group(1))


@pytest.fixture
def temples(index_dir):
    AssetFactory(name_th="วัดพระธาตุลำปางหลวง", name_en="Wat Phra That Lampang Luang")
    AssetFactory(name_th="วัดพระธาตุหริภุญชัย", name_en="Wat Phra That Hariphunchai", province=province("51"))
    AssetFactory(
        name_th="ประเพณีตานก๋วยสลากวัดพระธาตุ",
        name_en="Salak festival at the temple",
        archetype="social_practice",
    )
    index.rebuild()


def test_the_page_finds_records_in_thai_and_marks_the_matched_word(client, temples):
    response = client.get("/search/", {"q": "ลำปางหลวง"})
    html = response.content.decode()
    assert response.status_code == 200
    assert result_names(html) == ["วัดพระธาตุลำปางหลวง"]
    assert "<mark>ลำปางหลวง</mark>" in html
    assert "พบ 1 รายการ" in html
    # Readable without JavaScript: the only script is the site's folding of the header on a phone
    # (static/js/site.js; without it everything is simply shown).
    assert re.findall(r"<script[^>]*>", html) == ['<script src="/static/js/site.js">']


def test_facet_links_narrow_the_results_and_a_second_click_removes_the_filter(client, temples):
    html = client.get("/search/", {"q": "พระธาตุ"}).content.decode()
    assert len(result_names(html)) == 3
    narrowed_url = facet_link(html, "ลำพูน")
    narrowed = client.get("/search/" + narrowed_url).content.decode()
    assert result_names(narrowed) == ["วัดพระธาตุหริภุญชัย"]
    widened = client.get("/search/" + facet_link(narrowed, "ลำพูน")).content.decode()
    assert len(result_names(widened)) == 3
    by_archetype = client.get("/search/" + facet_link(html, "แนวปฏิบัติทางสังคม พิธีกรรม และงานเทศกาล"))
    assert result_names(by_archetype.content.decode()) == ["ประเพณีตานก๋วยสลากวัดพระธาตุ"]


def test_the_page_speaks_english_when_asked(client, temples):
    client.cookies["django_language"] = "en"
    html = client.get("/search/", {"q": "Lampang"}, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Wat Phra That <mark>Lampang</mark> Luang" in html
    assert "Architecture" in html


def test_paging_links_lead_through_every_result(client, index_dir):
    LearningSpaceFactory.create_batch(25)
    index.rebuild()
    first = client.get("/search/", {"q": "ตรอกสุ่ย"}).content.decode()
    assert len(result_names(first)) == 20
    next_url = unescape(re.search(r'<a rel="next" href="([^"]+)"', first).group(1))
    second = client.get("/search/" + next_url).content.decode()
    assert len(result_names(second)) == 5
    assert not set(result_names(first)) & set(result_names(second))


def test_a_bad_parameter_is_explained_on_the_page(client, temples):
    response = client.get("/search/", {"q": "วัด", "bbox": "1,2"})
    assert response.status_code == 400
    assert "bbox" in response.content.decode()


def test_without_an_index_the_page_says_it_is_being_built(client, index_dir):
    response = client.get("/search/", {"q": "วัด"})
    assert response.status_code == 503
    assert "กำลังสร้างดัชนีค้นหา" in response.content.decode()


def test_searching_in_a_real_browser_and_narrowing_by_province(browser, live_server, settings, tmp_path):
    settings.SEARCH_INDEX_DIR = tmp_path / "search-index"
    index.rebuild()
    # Saved after the index exists: found through the on-commit sync.
    AssetFactory(name_th="วัดพระธาตุลำปางหลวง", name_en="Wat Phra That Lampang Luang")
    lamphun = AssetFactory(
        name_th="วัดพระธาตุหริภุญชัย", name_en="Wat Phra That Hariphunchai", province=province("51")
    )
    browser.get(live_server.url + "/search/")
    box = browser.find_element(By.NAME, "q")
    box.send_keys("พระธาตุ")
    box.submit()
    # Wait for the results page itself, not the page the form was on.
    WebDriverWait(browser, 10).until(lambda d: "q=" in d.current_url)
    results = WebDriverWait(browser, 10).until(lambda d: d.find_elements(By.CSS_SELECTOR, ".search-result"))
    assert len(results) == 2
    browser.find_element(By.CSS_SELECTOR, ".facet-province a[href*='province=51']").click()
    WebDriverWait(browser, 10).until(lambda d: "province=51" in d.current_url)
    results = browser.find_elements(By.CSS_SELECTOR, ".search-result")
    assert [r.get_attribute("data-code") for r in results] == [lamphun.code]
    assert [u for u in requested_urls(browser) if not u.startswith(live_server.url)] == []


def active_filters(html: str) -> list[str]:
    found = re.search(r'<p class="search-active">(.*?)</p>', html, re.S)
    labels = re.findall(r"<a [^>]*>(.*?)</a>", found.group(1)) if found else []
    return [unescape(label).strip() for label in labels]


def test_active_filters_are_named_in_the_page_language(client, temples):
    params = {
        "q": "พระธาตุ",
        "province": "52",
        "kind": "asset",
        "category": "architecture",
        "region": "UpperNorth",
        "bbox": "98,17,100,19",
    }
    html = client.get("/search/", params).content.decode()
    assert active_filters(html) == [
        "มรดกทางวัฒนธรรม ✕",
        "สถาปัตยกรรม ✕",
        "จังหวัดลำปาง ✕",
        "ภาคเหนือตอนบน ✕",
        "พื้นที่บนแผนที่ ✕",
    ]
    assert "province=52 ✕" not in html
    client.cookies["django_language"] = "en"
    html = client.get("/search/", params).content.decode()
    assert active_filters(html) == [
        "Cultural asset ✕",
        "Architecture ✕",
        "Lampang ✕",
        "Upper North ✕",
        "Map area ✕",
    ]


def test_removing_one_of_several_values_keeps_the_others(client, temples):
    html = client.get("/search/", {"q": "พระธาตุ", "province": "52,51"}).content.decode()
    assert active_filters(html) == ["จังหวัดลำปาง ✕", "จังหวัดลำพูน ✕"]
    without_lampang = re.search(r'<a href="([^"]+)" title="เอาออก">จังหวัดลำปาง', html).group(1)
    assert result_names(client.get("/search/" + unescape(without_lampang)).content.decode()) == [
        "วัดพระธาตุหริภุญชัย"
    ]


def test_bangkok_is_not_called_a_changwat(client, index_dir):
    AssetFactory(name_th="วัดอรุณราชวราราม", name_en="Wat Arun", province=province("10"))
    index.rebuild()
    html = client.get("/search/", {"province": "10"}).content.decode()
    assert active_filters(html) == ["กรุงเทพมหานคร ✕"]


def test_a_page_past_the_last_is_explained_in_the_page_language(client, temples):
    response = client.get("/search/", {"q": "วัด", "page": "999"})
    assert response.status_code == 400
    assert "ไม่มีหน้า 999: ผลการค้นหามีทั้งหมด 1 หน้า" in response.content.decode()
    client.cookies["django_language"] = "en"
    html = client.get("/search/", {"q": "วัด", "page": "999"}).content.decode()
    assert "There is no page 999: the results fill 1 page." in html


def test_an_over_long_query_is_explained_on_the_page(client, temples):
    response = client.get("/search/", {"q": "ก" * 250})
    assert response.status_code == 400
    assert "คำค้นยาวเกินไป: พิมพ์ได้ไม่เกิน 200 ตัวอักษร (พิมพ์มา 250 ตัวอักษร)" in response.content.decode()
    assert 'maxlength="200"' in response.content.decode()


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("th", "คำค้นมีอักขระ NUL ซึ่งใช้ไม่ได้"),
        ("en", "The search words contain a NUL character, which is not allowed."),
    ],
)
def test_a_nul_character_is_explained_in_the_page_language(rf, temples, language, message):
    # The view itself, whatever the middleware in front of it does with a NUL.
    with translation.override(language):
        response = views.search_page(rf.get("/search/", {"q": "a\x00b"}))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert "Null characters" not in response.content.decode()


def test_a_bad_parameter_is_named_in_the_page_language(client, temples):
    html = client.get("/search/", {"q": "วัด", "page": "two"}).content.decode()
    assert "หน้า: " in html
    assert "page: " not in html


def test_english_facets_of_equal_count_are_in_english_name_order(client, index_dir):
    for code in ("57", "54", "52"):  # Chiang Rai, Phrae, Lampang
        AssetFactory(province=province(code))
    index.rebuild()
    client.cookies["django_language"] = "en"
    html = client.get("/search/").content.decode()
    section = re.search(r'<section class="facet facet-province">(.*?)</section>', html, re.S).group(1)
    assert re.findall(r"<a [^>]*>(.*?)</a>", section) == ["Chiang Rai", "Lampang", "Phrae"]
    client.cookies["django_language"] = "th"
    html = client.get("/search/").content.decode()
    section = re.search(r'<section class="facet facet-province">(.*?)</section>', html, re.S).group(1)
    assert re.findall(r"<a [^>]*>(.*?)</a>", section) == ["เชียงราย", "แพร่", "ลำปาง"]
