import pytest
from selenium.webdriver.common.by import By

from tests.browser import requested_urls
from tests.factories import AssetFactory


@pytest.mark.django_db
def test_home_page_counts_the_catalogue_in_thai(client):
    AssetFactory.create_batch(3)
    response = client.get("/")
    assert response.status_code == 200
    assert "มรดกทางวัฒนธรรม 3 รายการ" in response.content.decode()


@pytest.mark.django_db
def test_api_schema_is_served(client):
    response = client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == 200
    assert response.json()["info"]["title"]


def test_home_page_in_a_real_browser_calls_no_other_host(browser, live_server):
    AssetFactory()
    browser.get(live_server.url + "/")
    assert "แผนที่ทุนวัฒนธรรมไทย" in browser.find_element(By.TAG_NAME, "h1").text
    others = [u for u in requested_urls(browser) if not u.startswith(live_server.url)]
    assert others == []
