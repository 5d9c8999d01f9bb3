"""Cultural products and enterprises: declared once in economy/records.py, they are searched, tiled,
mapped and announced with no edit of search, tiles or the map; photos go through the one pipeline;
a digital label opens its record; a record of a hidden enterprise or market is hidden too."""

import io
import json
import re
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import ExifTags, Image

from culturalmap.core import changes, records
from culturalmap.economy.services import product_create, product_photo_add
from culturalmap.search import index
from tests.factories import CulturalEnterpriseFactory, CulturalMarketFactory, CulturalProductFactory
from tests.maps.tilekit import features_at

pytestmark = pytest.mark.django_db


@pytest.fixture
def index_dir(tmp_path, settings):
    settings.SEARCH_INDEX_DIR = tmp_path / "search-index"
    return settings.SEARCH_INDEX_DIR


@pytest.fixture
def media(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def photo_with_gps() -> bytes:
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "PhoneMaker"
    exif.get_ifd(ExifTags.IFD.GPSInfo)[ExifTags.GPS.GPSLatitudeRef] = "N"
    buffer = io.BytesIO()
    Image.linear_gradient("L").resize((320, 200)).convert("RGB").save(buffer, "JPEG", exif=exif)
    return buffer.getvalue()


def test_products_and_enterprises_are_searched_mapped_and_tiled_from_the_registry(
    client, index_dir, django_capture_on_commit_callbacks
):
    weaving = CulturalEnterpriseFactory(name_th="วิสาหกิจชุมชนผ้าทอบ้านหลุก", name_en="Ban Luk weavers")
    cloth = CulturalProductFactory(name_th="ผ้าซิ่นตีนจกบ้านหลุก", enterprise=weaving)
    CulturalProductFactory(name_th="ผ้าซิ่นตีนจกร่าง", status="draft", enterprise=weaving)
    index.rebuild()

    body = client.get("/api/search/", {"q": "ตีนจก", "kind": "product"}).json()
    assert [(r["kind"], r["code"], r["url"]) for r in body["results"]] == [
        ("product", cloth.code, cloth.get_absolute_url())
    ]
    assert client.get("/api/search/", {"q": cloth.label}).json()["results"][0]["code"] == cloth.code
    found = client.get("/api/search/", {"q": "ผ้าทอบ้านหลุก", "kind": "enterprise"}).json()["results"]
    assert [r["code"] for r in found] == [weaving.code]

    tiles = features_at(client, "cultural-products", cloth.location.x, cloth.location.y, 14)
    assert [(f["properties"]["kind"], f["properties"]["code"]) for f in tiles] == [("product", cloth.code)]
    assert client.get("/tiles/cultural-enterprises.json").json()["name"] == "Cultural enterprises"

    html = client.get("/").content.decode()
    kinds = json.loads(
        re.search(r'<script id="map-config" type="application/json">(.*?)</script>', html).group(1)
    )["kinds"]
    assert (
        kinds["cultural-products"]["colour"] == "#DDCC77"
        and kinds["cultural-enterprises"]["colour"] == "#117733"
    )
    colours = [kind.colour for kind in records.kinds()]
    assert len(set(colours)) == len(colours)  # distinct from every other kind

    heard = []
    listener = changes.listen(lambda kind, ids: heard.append((kind, ids)))
    try:
        with django_capture_on_commit_callbacks(execute=True):
            weaving.status = "withdrawn"
            weaving.save()
    finally:
        changes._listeners.remove(listener)
    assert any(
        kind == "product" and cloth.pk in ids for kind, ids in heard
    )  # a product belongs to its enterprise


def test_a_product_of_a_withdrawn_enterprise_or_draft_market_is_not_public(client):
    hidden = CulturalProductFactory(enterprise=CulturalEnterpriseFactory(status="withdrawn"))
    of_draft_market = CulturalProductFactory(market=CulturalMarketFactory(status="draft"))
    shown = CulturalProductFactory()
    assert set(records.get("product").public()) == {shown}
    assert client.get(hidden.get_absolute_url()).status_code == 404
    assert client.get(of_draft_market.get_absolute_url()).status_code == 404
    page = client.get(shown.get_absolute_url()).content.decode()
    assert "450" in page and "1,200" in page and shown.label in page


def test_the_digital_label_opens_its_record(client):
    product = CulturalProductFactory()
    enterprise = product.enterprise
    assert client.get(f"/label/{product.label}/")["Location"] == product.get_absolute_url()
    assert client.get(f"/label/{enterprise.label.lower()}/")["Location"] == enterprise.get_absolute_url()
    assert client.get("/label/DL-NOTHING/").status_code == 404


def test_a_price_range_upside_down_or_no_maker_is_refused(curator):
    enterprise = CulturalEnterpriseFactory()
    with pytest.raises(ValidationError) as refused:
        product_create(user=curator, name_th="ขนมครก", category="food", price_min="120", price_max="80")
    assert {"price_max", "maker_name"} <= set(refused.value.message_dict)
    product = product_create(
        user=curator,
        name_th="ขนมครก",
        category="food",
        enterprise=enterprise,
        price_min="๔๐",
        price_max="120",
    )
    assert (product.price_min, product.price_max, product.province) == (
        Decimal("40"),
        Decimal("120"),
        enterprise.province,
    )
    assert product.location == enterprise.location and product.label.startswith("DL-")


def test_photos_go_through_the_image_pipeline(client, media, organiser, market, other_organiser):
    product = CulturalProductFactory(market=market)
    with pytest.raises(PermissionDenied):
        product_photo_add(
            user=other_organiser, product=product, photo=SimpleUploadedFile("a.jpg", photo_with_gps())
        )
    with pytest.raises(ValidationError, match="ไม่ใช่รูปภาพ"):
        product_photo_add(
            user=organiser, product=product, photo=SimpleUploadedFile("a.jpg", b"%PDF-1.4 not a photo")
        )
    client.force_login(organiser)
    response = client.post(
        product.get_absolute_url(),
        {"photo": SimpleUploadedFile("a.jpg", photo_with_gps()), "caption_th": "ผ้าซิ่น"},
    )
    assert response.status_code == 302
    photo = product.photos.get()
    served = b"".join(client.get(photo.get_absolute_url()).streaming_content)
    assert not Image.open(io.BytesIO(served)).getexif()  # EXIF (GPS) gone
    assert client.get(photo.get_thumbnail_url()).status_code == 200
    client.logout()
    assert (
        client.post(
            product.get_absolute_url(), {"photo": SimpleUploadedFile("a.jpg", photo_with_gps())}
        ).status_code
        == 403
    )


def test_the_catalogue_counts_beside_the_reports_figures(client):
    CulturalProductFactory(strand="university", kind="service", category="tourism")
    CulturalProductFactory(in_showroom=True)
    page = client.get("/cultural-products/").content.decode()
    assert "ผลิตภัณฑ์และบริการ (เครือข่ายมหาวิทยาลัย)" in page
    assert client.get("/cultural-products/", {"strand": "university"}).status_code == 200
