"""Image processing is limited across server processes: when every slot is taken, uploads get a 503
with Retry-After at once instead of piling up on the workers."""

import time
from contextlib import contextmanager

import psycopg2
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection

from culturalmap.core.concurrency import _lock_key, database_slot
from culturalmap.core.exceptions import Unavailable
from culturalmap.core.images import process_image_upload
from tests.learningcity.conftest import jpeg_bytes

pytestmark = pytest.mark.django_db


@contextmanager
def slots_taken_elsewhere(name: str, slots: int):
    """Another server process (its own PostgreSQL session) holding `slots` slots of `name`."""
    other = psycopg2.connect(**connection.get_connection_params())
    try:
        with other.cursor() as cursor:
            for slot in range(slots):
                cursor.execute("SELECT pg_advisory_xact_lock(%s, %s)", [_lock_key(name), slot])
        yield
    finally:
        other.rollback()
        other.close()


def photo() -> SimpleUploadedFile:
    return SimpleUploadedFile("p.jpg", jpeg_bytes(64, 48), content_type="image/jpeg")


def test_an_upload_waits_briefly_then_is_told_to_come_back_when_every_slot_is_taken(settings):
    settings.IMAGE_PROCESSING_SLOTS, settings.IMAGE_PROCESSING_WAIT = 2, 0.3
    with slots_taken_elsewhere("images", 2):
        started = time.monotonic()
        with pytest.raises(Unavailable) as info:
            process_image_upload(photo())
        assert time.monotonic() - started < 2  # a worker is not held for the whole upload queue
    assert info.value.retry_after == settings.IMAGE_PROCESSING_RETRY_AFTER
    assert info.value.code == "images_busy"
    assert process_image_upload(photo()).width == 64  # a slot is free again


def test_one_free_slot_is_enough(settings):
    settings.IMAGE_PROCESSING_SLOTS = 2
    with slots_taken_elsewhere("images", 1):
        assert process_image_upload(photo()).width == 64


def test_the_slot_is_released_when_the_transaction_ends():
    with database_slot("test", slots=1, wait=0, message="busy", retry_after=1) as slot:
        assert slot == 0
    other = psycopg2.connect(**connection.get_connection_params())
    try:
        with other.cursor() as cursor:
            # In a test the outer transaction is still open: the lock is held until it ends.
            cursor.execute("SELECT pg_try_advisory_xact_lock(%s, 0)", [_lock_key("test")])
            assert cursor.fetchone()[0] is False
    finally:
        other.rollback()
        other.close()


def test_the_api_answers_503_with_retry_after(client, settings, trok_sui, yala_team):
    settings.IMAGE_PROCESSING_SLOTS, settings.IMAGE_PROCESSING_WAIT = 1, 0
    client.force_login(yala_team)
    with slots_taken_elsewhere("images", 1):
        response = client.post(f"/api/learning-spaces/{trok_sui.code}/photos/", {"photo": photo()})
    assert response.status_code == 503
    assert response["Retry-After"] == str(settings.IMAGE_PROCESSING_RETRY_AFTER)
    assert "พร้อมกันมากเกินไป" in response.json()["detail"]
    assert not trok_sui.images.exists()


def test_the_page_form_answers_503_with_retry_after(client, settings, trok_sui, yala_team):
    settings.IMAGE_PROCESSING_SLOTS, settings.IMAGE_PROCESSING_WAIT = 1, 0
    client.force_login(yala_team)
    with slots_taken_elsewhere("images", 1):
        response = client.post(
            f"/learning-spaces/{trok_sui.code}/edit/",
            {
                "name_th": trok_sui.name_th,
                "space_type": trok_sui.space_type,
                "geom": trok_sui.geom.json,
                "status": "published",
                "version": trok_sui.version,
                "photo": photo(),
            },
        )
    assert response.status_code == 503
    assert response["Retry-After"] == str(settings.IMAGE_PROCESSING_RETRY_AFTER)
    assert "พร้อมกันมากเกินไป" in response.content.decode()
