"""The image pipeline: every kind of bad upload refused with a reason, good ones cleaned."""

import io
import struct
import zlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import ExifTags, Image

from culturalmap.core.images import (
    IMAGE_MAX_SIDE,
    MAX_UPLOAD_BYTES,
    THUMBNAIL_SIZE,
    ImageRejected,
    process_image_upload,
)

pytestmark = pytest.mark.django_db  # the image slots are PostgreSQL advisory locks


def upload(data: bytes, name: str = "photo.jpg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="image/jpeg")


def encoded(image: Image.Image, fmt: str, **params) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, fmt, **params)
    return buffer.getvalue()


def gradient(width: int, height: int, mode: str = "RGB") -> Image.Image:
    image = Image.linear_gradient("L").resize((width, height))
    return image.convert(mode)


def photo_with_gps() -> bytes:
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "PhoneMaker"
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = (6.0, 33.0, 0.0)
    gps[ExifTags.GPS.GPSLongitudeRef] = "E"
    gps[ExifTags.GPS.GPSLongitude] = (101.0, 17.0, 0.0)
    return encoded(gradient(320, 240), "JPEG", exif=exif)


def png_declaring(width: int, height: int) -> bytes:
    """A tiny PNG whose header claims a huge canvas (a decompression bomb's opening move)."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    data = zlib.compress(b"\x00" * 1024)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", data) + chunk(b"IEND", b"")


def test_a_photo_is_re_encoded_with_its_gps_position_removed():
    original = photo_with_gps()
    assert Image.open(io.BytesIO(original)).getexif().get_ifd(ExifTags.IFD.GPSInfo)  # the input has GPS

    result = process_image_upload(upload(original + b"PK\x03\x04 trailing zip payload"))

    stored = result.image.read()
    reopened = Image.open(io.BytesIO(stored))
    assert reopened.format == "JPEG"
    assert (reopened.width, reopened.height) == (320, 240) == (result.width, result.height)
    assert not reopened.getexif()  # no EXIF at all: no GPS, no camera make
    assert b"PhoneMaker" not in stored and b"Exif" not in stored
    assert b"trailing zip payload" not in stored
    assert result.image.name.endswith(".jpg")


def test_the_exif_orientation_is_applied_before_the_exif_is_dropped():
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = 6  # the camera was held upright: rotate 90° on display
    result = process_image_upload(upload(encoded(gradient(300, 100), "JPEG", exif=exif)))
    assert (result.width, result.height) == (100, 300)


def test_a_thumbnail_fits_the_thumbnail_size_and_keeps_the_shape():
    result = process_image_upload(upload(encoded(gradient(1600, 800), "PNG"), "big.png"))
    thumb = Image.open(io.BytesIO(result.thumbnail.read()))
    assert thumb.size == (THUMBNAIL_SIZE, THUMBNAIL_SIZE // 2)
    assert result.thumbnail.name != result.image.name


@pytest.mark.parametrize("fmt", ["PNG", "WEBP"])
def test_png_and_webp_are_accepted(fmt):
    result = process_image_upload(upload(encoded(gradient(64, 48), fmt), f"x.{fmt.lower()}"))
    assert (result.width, result.height) == (64, 48)


def test_transparency_is_kept_as_png():
    image = Image.new("RGBA", (40, 40), (200, 0, 0, 0))
    result = process_image_upload(upload(encoded(image, "PNG"), "logo.png"))
    assert result.format == "PNG"
    assert Image.open(io.BytesIO(result.image.read())).mode == "RGBA"


def test_sixteen_bit_greyscale_is_scaled_not_refused():
    image = Image.new("I;16", (30, 20), 65535)
    result = process_image_upload(upload(encoded(image, "PNG"), "scan.png"))
    assert Image.open(io.BytesIO(result.image.read())).getextrema() == (255, 255)


@pytest.mark.parametrize("data", [b"not an image at all", b"%PDF-1.7\n", b""])
def test_something_that_is_not_an_image_is_refused(data):
    with pytest.raises(ImageRejected) as info:
        process_image_upload(upload(data, "notes.jpg"))
    assert info.value.code == "not_an_image"
    assert "JPEG, PNG" in info.value.messages[0] and "ไม่ใช่รูปภาพ" in info.value.messages[0]


@pytest.mark.parametrize("fmt", ["GIF", "BMP", "TIFF"])
def test_other_image_formats_are_refused(fmt):
    with pytest.raises(ImageRejected) as info:
        process_image_upload(upload(encoded(gradient(20, 20), fmt), "x.img"))
    assert info.value.code == "not_an_image"


def test_a_file_over_the_byte_limit_is_refused_before_it_is_decoded():
    data = encoded(gradient(20, 20), "JPEG")
    data += b"\x00" * (MAX_UPLOAD_BYTES + 1 - len(data))
    with pytest.raises(ImageRejected) as info:
        process_image_upload(upload(data))
    assert info.value.code == "too_large"
    assert "15 MB" in info.value.messages[0]


def test_the_rejection_is_a_django_validation_error():
    with pytest.raises(ValidationError):
        process_image_upload(upload(b"junk"))


@pytest.mark.parametrize(
    ("width", "height"),
    [
        (7_000, 7_000),  # 49 Mpx: over the site's limit, under Pillow's own refusal threshold
        (20_000, 20_000),  # 400 Mpx: what Pillow itself calls a decompression bomb
    ],
)
def test_a_decompression_bomb_is_refused(width, height, settings):
    data = png_declaring(width, height)
    assert len(data) < 2_000  # small on disk, huge once decoded
    with pytest.raises(ImageRejected) as info:
        process_image_upload(upload(data, "bomb.png"))
    assert info.value.code == "too_many_pixels"
    assert f"{settings.IMAGE_MAX_PIXELS // 1_000_000:g}" in info.value.messages[0]


def test_the_pixel_limit_follows_the_setting(settings):
    settings.IMAGE_MAX_PIXELS = 100 * 100
    with pytest.raises(ImageRejected) as info:
        process_image_upload(upload(encoded(gradient(101, 100), "JPEG")))
    assert info.value.code == "too_many_pixels"
    assert process_image_upload(upload(encoded(gradient(100, 100), "JPEG"))).width == 100


def test_a_truncated_file_is_refused():
    data = encoded(gradient(400, 300), "JPEG", progressive=False)
    with pytest.raises(ImageRejected) as info:
        process_image_upload(upload(data[: len(data) // 2]))
    assert info.value.code == "corrupt"


def test_a_png_with_a_broken_checksum_is_refused():
    data = bytearray(encoded(gradient(64, 64), "PNG"))
    idat = data.index(b"IDAT")
    data[idat + 10] ^= 0xFF  # corrupt the compressed pixels
    with pytest.raises(ImageRejected) as info:
        process_image_upload(upload(bytes(data), "x.png"))
    assert info.value.code == "corrupt"


def test_a_big_jpeg_is_decoded_at_a_reduced_scale_and_stored_at_the_stored_size():
    data = encoded(gradient(6000, 4000), "JPEG", quality=70)
    result = process_image_upload(upload(data, "big.jpg"))
    assert (result.width, result.height) == (IMAGE_MAX_SIDE, round(4000 * IMAGE_MAX_SIDE / 6000))
    stored = Image.open(io.BytesIO(result.image.read()))
    assert stored.size == (result.width, result.height)


def test_a_big_png_is_reduced_right_after_decoding():
    data = encoded(gradient(7000, 2000), "PNG")
    result = process_image_upload(upload(data, "panorama.png"))
    assert (result.width, result.height) == (IMAGE_MAX_SIDE, round(2000 * IMAGE_MAX_SIDE / 7000))


def test_an_image_whose_decoding_would_pass_the_memory_budget_is_refused_before_decoding(settings):
    settings.IMAGE_DECODE_BUDGET = 40 * 1024 * 1024  # RGB takes 4 bytes a pixel: 10 Mpx
    with pytest.raises(ImageRejected) as info:
        process_image_upload(upload(encoded(gradient(4000, 3000), "PNG"), "big.png"))
    assert info.value.code == "too_much_memory"
    assert "4,000 × 3,000" in info.value.messages[0] and "40 MB" in info.value.messages[0]
    # A bigger JPEG decodes at half its size (draft: 3000 × 2500), within the budget.
    assert process_image_upload(upload(encoded(gradient(6000, 5000), "JPEG"))).width == IMAGE_MAX_SIDE


def test_a_palette_png_is_stored_as_a_jpeg_unless_it_uses_transparency():
    opaque = gradient(50, 40).convert("P", palette=Image.Palette.ADAPTIVE)
    assert process_image_upload(upload(encoded(opaque, "PNG"), "p.png")).format == "JPEG"
    clear = Image.new("P", (50, 40), 0)
    clear.info["transparency"] = 0
    result = process_image_upload(upload(encoded(clear, "PNG", transparency=0), "t.png"))
    assert result.format == "PNG"
    assert Image.open(io.BytesIO(result.image.read())).getextrema()[3] == (0, 0)
