"""Images added in the admin go through the image pipeline: no GPS position of an at-risk site reaches
a visitor, every image has its thumbnail; and images stored raw before are cleaned by a migration."""

import importlib
import io

import pytest
from django.apps import apps
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import ExifTags, Image

from culturalmap.assets.models import AssetImage
from tests.core.test_images import photo_with_gps
from tests.factories import AssetFactory

from .test_services import admin_client, admin_form

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")


def served_bytes(response) -> bytes:
    return b"".join(response.streaming_content)


def image_rows(*files: SimpleUploadedFile) -> dict:
    rows = {
        "images-TOTAL_FORMS": str(len(files)),
        "images-INITIAL_FORMS": "0",
        "images-MIN_NUM_FORMS": "0",
        "images-MAX_NUM_FORMS": "5",
    }
    for n, upload in enumerate(files):
        rows |= {
            f"images-{n}-image": upload,
            f"images-{n}-caption_th": "วิหารหลวง",
            f"images-{n}-caption_en": "",
            f"images-{n}-position": str(n),
        }
    return rows


def test_a_phone_photo_of_an_at_risk_site_added_in_the_admin_is_served_without_its_gps(client):
    site = AssetFactory(ref="risk-1", risk="high", risk_reason="looting")
    raw = photo_with_gps()
    response = admin_client(client).post(
        f"/admin/assets/asset/{site.pk}/change/",
        admin_form(ref="risk-1", risk="high", risk_reason="looting")
        | image_rows(SimpleUploadedFile("IMG_0001.jpg", raw, content_type="image/jpeg")),
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    image = AssetImage.objects.get(asset=site)
    assert image.uploaded_by is not None

    client.logout()  # what an anonymous visitor gets
    for url in (image.get_absolute_url(), image.get_thumbnail_url()):
        served = client.get(url)
        assert served.status_code == 200 and served["Content-Type"] == "image/jpeg"
        body = served_bytes(served)
        with Image.open(io.BytesIO(body)) as shown:
            assert not shown.getexif().get_ifd(ExifTags.IFD.GPSInfo)
            assert not shown.getexif()
        assert b"PhoneMaker" not in body and b"Exif" not in body
    with Image.open(io.BytesIO(served_bytes(client.get(image.get_thumbnail_url())))) as thumb:
        assert max(thumb.size) <= 400


def test_a_file_that_is_not_an_image_is_an_error_on_the_admin_form_and_nothing_is_stored(client):
    site = AssetFactory(ref="risk-2")
    response = admin_client(client).post(
        f"/admin/assets/asset/{site.pk}/change/",
        admin_form(ref="risk-2")
        | image_rows(SimpleUploadedFile("x.gif", b"GIF89a....", content_type="image/gif")),
    )
    assert response.status_code == 200
    assert "ไม่ใช่รูปภาพ" in response.content.decode()
    assert not AssetImage.objects.exists()


def test_a_record_without_a_thumbnail_file_is_a_404_not_a_500(client):
    asset = AssetFactory()
    image = AssetImage.objects.create(asset=asset, image=ContentFile(photo_with_gps(), name="raw.jpg"))
    assert client.get(image.get_thumbnail_url()).status_code == 404


def run_migration(module: str, function: str) -> None:
    getattr(importlib.import_module(module), function)(apps, None)


def test_the_migration_re_encodes_raw_images_and_makes_their_thumbnails(client, settings):
    site = AssetFactory(risk="high", risk_reason="looting")
    raw = AssetImage.objects.create(asset=site, image=ContentFile(photo_with_gps(), name="IMG_0002.jpg"))
    broken = AssetImage.objects.create(
        asset=site, image=ContentFile(b"\xff\xd8 not really", name="IMG_0003.jpg")
    )
    raw_name, broken_name = raw.image.name, broken.image.name
    storage = raw.image.storage

    run_migration("culturalmap.assets.migrations.0004_clean_stored_images", "clean_stored_images")

    raw.refresh_from_db()
    assert raw.image.name != raw_name and not storage.exists(raw_name)  # the GPS-carrying file is gone
    with raw.image.open("rb") as handle:
        assert b"Exif" not in handle.read()
    assert client.get(raw.get_thumbnail_url()).status_code == 200
    assert not AssetImage.objects.filter(pk=broken.pk).exists()  # unreadable: out of public reach
    assert storage.exists(f"quarantine/{broken_name}") and not storage.exists(broken_name)

    cleaned = raw.image.name
    run_migration("culturalmap.assets.migrations.0004_clean_stored_images", "clean_stored_images")
    raw.refresh_from_db()
    assert raw.image.name == cleaned  # a clean image is left as it is


def test_the_migration_keeps_a_revert_able_to_bring_a_re_encoded_photo_back(settings):
    from learningcity.models import LearningRevision, LearningSpaceImage
    from tests.factories import LearningSpaceFactory

    space = LearningSpaceFactory()
    photo = LearningSpaceImage.objects.create(
        space=space, image=ContentFile(photo_with_gps(), name="old.jpg"), width=320, height=240
    )
    old = photo.image.name
    revision = LearningRevision.objects.create(
        city=space.city, space=space, version=1, action="create", snapshot={"photos": [old]}, changes={}
    )

    run_migration("learningcity.migrations.0008_clean_stored_photos", "clean_stored_photos")

    photo.refresh_from_db()
    revision.refresh_from_db()
    assert photo.image.name != old and photo.thumbnail
    assert revision.snapshot["photos"] == [photo.image.name]
