"""The economy's record pages share and map like every other record page (issue 13): a product's and an
enterprise's page carry the description and Open Graph tags a shared link shows (a product's first
photo as its picture), in the page's language, and a "show on map" link that opens the map on it."""

from urllib.parse import urlparse

import pytest
from django.contrib.gis.geos import Point
from django.core.files.uploadedfile import SimpleUploadedFile

from culturalmap.core import records
from culturalmap.economy.services import product_photo_add
from tests.economy.test_products import media, photo_with_gps  # noqa: F401
from tests.factories import CulturalEnterpriseFactory, CulturalProductFactory
from tests.maps.test_sharing import _meta, _show_on_map

pytestmark = pytest.mark.django_db


@pytest.mark.usefixtures("media")  # photos stored in a folder of the test's own
def test_a_product_page_shares_its_name_description_and_first_photo_in_both_languages(
    client, organiser, market
):
    product = CulturalProductFactory(
        market=market,
        name_th="ผ้าซิ่นตีนจกแม่แจ่ม",
        name_en="Mae Chaem tin chok skirt",
        description_th="ผ้าทอมือลายตีนจก " * 30,  # longer than a preview shows
        description_en="A hand-woven skirt of Mae Chaem.",
    )
    html = client.get(product.get_absolute_url()).content.decode()
    assert _meta(html, "og:title") == "ผ้าซิ่นตีนจกแม่แจ่ม"
    description = _meta(html, "description")
    assert description.startswith("ผ้าทอมือลายตีนจก") and description.endswith("…")
    assert _meta(html, "og:url") == "http://testserver" + product.get_absolute_url()
    assert _meta(html, "og:locale") == "th_TH"
    assert _meta(html, "og:image") is None and _meta(html, "twitter:card") == "summary"

    photo = product_photo_add(
        user=organiser, product=product, photo=SimpleUploadedFile("a.jpg", photo_with_gps())
    )
    english = client.get(product.get_absolute_url() + "?lang=en").content.decode()
    assert _meta(english, "og:title") == "Mae Chaem tin chok skirt"
    assert _meta(english, "og:description") == "A hand-woven skirt of Mae Chaem."
    assert _meta(english, "og:locale") == "en_US"
    image = _meta(english, "og:image")
    assert image == "http://testserver" + photo.get_thumbnail_url()
    assert client.get(urlparse(image).path).status_code == 200  # the picture a shared link shows
    assert _meta(english, "twitter:card") == "summary_large_image"


def test_an_enterprise_page_shares_its_kind_and_name_when_it_has_no_description(client):
    enterprise = CulturalEnterpriseFactory(name_th="กลุ่มทอผ้าบ้านหลุก", description_th="", description_en="")
    html = client.get(enterprise.get_absolute_url()).content.decode()
    assert _meta(html, "og:title") == "กลุ่มทอผ้าบ้านหลุก"
    assert _meta(html, "description") == "ผู้ประกอบการวัฒนธรรม: กลุ่มทอผ้าบ้านหลุก"
    assert _meta(html, "og:url") == "http://testserver" + enterprise.get_absolute_url()


def test_show_on_map_opens_the_map_on_a_product_or_an_enterprise_in_the_page_s_language(client):
    enterprise = CulturalEnterpriseFactory(location=Point(99.4890, 18.2936, srid=4326))
    product = CulturalProductFactory(enterprise=enterprise, location=Point(99.5071, 18.2881, srid=4326))
    every_layer = [kind.layer for kind in records.kinds()]
    for record in (product, enterprise):
        query = _show_on_map(client.get(record.get_absolute_url()).content.decode())
        assert abs(float(query["lat"][0]) - record.location.y) < 1e-4
        assert abs(float(query["lon"][0]) - record.location.x) < 1e-4
        assert int(query["z"][0]) >= 14
        assert query["layers"][0].split(",") == every_layer  # its own layer among them
        assert "lang" not in query
    for record in (product, enterprise):  # an English link keeps the visit in English
        english = _show_on_map(client.get(record.get_absolute_url() + "?lang=en").content.decode())
        assert english["lang"] == ["en"]
        # The map opened by the link answers, at the record's place.
        assert client.get("/?" + "&".join(f"{k}={v[0]}" for k, v in english.items())).status_code == 200
