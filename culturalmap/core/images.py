"""The one way an uploaded image enters the site: checked, decoded within a memory budget, re-encoded
from its pixels, thumbnailed. Every door (learning-space photos on pages and in the API, asset
images in the admin) calls `process_image_upload`, so:
- only JPEG, PNG and WebP are taken, up to MAX_UPLOAD_BYTES and settings.IMAGE_MAX_PIXELS;
- a decompression bomb (a small file declaring a huge canvas) is refused before it is decoded;
- memory is bounded: a JPEG is decoded at the smallest scale that still gives the stored size
  (`draft`), other formats are reduced by an integer factor (`reduce`) right after decoding, and an
  image whose decoding would need more than settings.IMAGE_DECODE_BUDGET bytes is refused before it
  is decoded (scripts/bench/bench_images.py measures the peak);
- at most settings.IMAGE_PROCESSING_SLOTS images are processed at once across every server process
  (culturalmap.core.concurrency); past that, a 503 with Retry-After rather than every worker busy;
- a truncated or corrupt file is refused, never half-stored;
- the stored file is rebuilt from decoded pixels only, so EXIF (GPS position of a photographer's
  phone, camera serials), ICC/XMP blocks and anything appended after the image data are gone;
- the stored image is at most IMAGE_MAX_SIDE pixels on its long side, its thumbnail THUMBNAIL_SIZE.
"""

import io
import math
import mimetypes
import re
import uuid
import warnings
from dataclasses import dataclass
from pathlib import PurePosixPath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404
from django.utils.translation import gettext as _
from PIL import ExifTags, Image, ImageFile, PngImagePlugin, UnidentifiedImageError

from .concurrency import database_slot

MAX_UPLOAD_BYTES = 15 * 1024 * 1024
IMAGE_MAX_SIDE = 2560  # stored image: sharp on a 2x screen at the widest the pages show a photo
THUMBNAIL_SIZE = 400
JPEG_QUALITY = 85
ALLOWED_FORMATS = ("JPEG", "PNG", "WEBP")

# Pillow's own bomb limit (~89 Mpx) is far above what a photo of a learning space needs; with
# the limit lowered here, Pillow warns above IMAGE_MAX_PIXELS and refuses outright above twice that.
Image.MAX_IMAGE_PIXELS = settings.IMAGE_MAX_PIXELS
# A truncated file must fail, not be padded with grey.
ImageFile.LOAD_TRUNCATED_IMAGES = False
# Compressed PNG text chunks are a bomb of their own (64 MB of text by default): nothing we keep.
PngImagePlugin.MAX_TEXT_MEMORY = 1024 * 1024

# Bytes per pixel in Pillow's memory ("RGB" is stored in 4), by the mode a file decodes to.
_BYTES_PER_PIXEL = {"1": 1, "L": 1, "P": 1, "LA": 4, "PA": 4, "La": 4, "I;16": 2, "I;16B": 2, "I;16L": 2}
# Modes that are converted before reducing (a palette cannot be averaged), and what they become.
_CONVERT_FIRST = {"1": "L", "P": "RGBA", "PA": "RGBA", "I;16": "I", "I;16B": "I", "I;16L": "I"}
# EXIF orientation → the transposition that shows the photo upright.
_ORIENTATION = {
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_270,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_90,
}


class ImageRejected(ValidationError):
    """An upload that is not stored; the message says why, in Thai and English."""


def _reject(code: str, thai: str, english: str) -> ImageRejected:
    return ImageRejected(f"{thai} / {english}", code=code)


def not_an_image() -> ImageRejected:
    return _reject(
        "not_an_image", "ไฟล์นี้ไม่ใช่รูปภาพ JPEG, PNG หรือ WebP", "This file is not a JPEG, PNG or WebP image."
    )


def too_many_pixels(width: int | None = None, height: int | None = None) -> ImageRejected:
    limit = settings.IMAGE_MAX_PIXELS / 1_000_000
    size = f" ({width:,} × {height:,})" if width and height else ""
    return _reject(
        "too_many_pixels",
        f"รูปภาพใหญ่เกิน {limit:g} ล้านพิกเซล{size}",
        f"The image has more than {limit:g} million pixels{size}.",
    )


def too_much_memory(width: int, height: int) -> ImageRejected:
    budget = settings.IMAGE_DECODE_BUDGET // (1024 * 1024)
    return _reject(
        "too_much_memory",
        f"รูปภาพ {width:,} × {height:,} พิกเซลชนิดนี้ต้องใช้หน่วยความจำเกิน {budget} MB ในการอ่าน:"
        " บันทึกเป็น JPEG หรือย่อขนาดแล้วอัปโหลดใหม่",
        f"Decoding this {width:,} × {height:,} image would take more than {budget} MB of memory:"
        " save it as a JPEG or make it smaller, then upload it again.",
    )


def busy() -> dict:
    """What Unavailable says when every image slot is taken (culturalmap.core.concurrency)."""
    return {
        "message": _("มีการอัปโหลดรูปภาพพร้อมกันมากเกินไป โปรดลองอีกครั้งในอีกสักครู่"),
        "retry_after": settings.IMAGE_PROCESSING_RETRY_AFTER,
        "code": "images_busy",
    }


@dataclass(frozen=True)
class ProcessedImage:
    image: ContentFile
    thumbnail: ContentFile
    width: int
    height: int
    format: str  # "JPEG" or, for images with transparency, "PNG"


def process_image_upload(uploaded_file, *, max_bytes: int = MAX_UPLOAD_BYTES) -> ProcessedImage:
    """Check and re-encode an uploaded image; raise ImageRejected (a ValidationError) if unfit, or
    Unavailable (a 503 with Retry-After) when the site is processing as many images as it may."""
    size = getattr(uploaded_file, "size", None)
    if size is None:
        uploaded_file.seek(0, io.SEEK_END)
        size = uploaded_file.tell()
    if size > max_bytes:
        mb = max_bytes / (1024 * 1024)
        raise _reject("too_large", f"ไฟล์ใหญ่เกิน {mb:g} MB", f"The file is larger than {mb:g} MB.")
    if size == 0:
        raise not_an_image()
    uploaded_file.seek(0)
    slots, wait = settings.IMAGE_PROCESSING_SLOTS, settings.IMAGE_PROCESSING_WAIT
    with database_slot("images", slots=slots, wait=wait, **busy()):
        return _processed(_decode(uploaded_file))


def _processed(clean: Image.Image) -> ProcessedImage:
    """The clean pixels encoded for storage, and their thumbnail."""
    out_format = "PNG" if clean.mode == "RGBA" else "JPEG"
    stem = uuid.uuid4().hex
    extension = "png" if out_format == "PNG" else "jpg"
    thumb = clean.copy()
    thumb.thumbnail((THUMBNAIL_SIZE, THUMBNAIL_SIZE), Image.Resampling.LANCZOS)
    return ProcessedImage(
        image=ContentFile(_encode(clean, out_format), name=f"{stem}.{extension}"),
        thumbnail=ContentFile(_encode(thumb, out_format), name=f"{stem}-thumb.{extension}"),
        width=clean.width,
        height=clean.height,
        format=out_format,
    )


def _decode(uploaded_file) -> Image.Image:
    """The upload's pixels, upright, at most IMAGE_MAX_SIDE on the long side, nothing else kept."""
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            with Image.open(uploaded_file, formats=ALLOWED_FORMATS) as source:
                width, height = source.size
                if width * height > settings.IMAGE_MAX_PIXELS:
                    raise too_many_pixels(width, height)
                source.seek(0)  # an animated PNG or WebP keeps its first frame only
                orientation = source.getexif().get(ExifTags.Base.Orientation)
                sixteen_bit = source.mode.startswith("I;16")
                pixels = _load_reduced(source)
                if orientation in _ORIENTATION:
                    pixels = pixels.transpose(_ORIENTATION[orientation])
                return _pixels_only(pixels, sixteen_bit=sixteen_bit)
        except ImageRejected:
            raise
        except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
            raise too_many_pixels() from exc
        except UnidentifiedImageError as exc:
            raise not_an_image() from exc
        except Exception as exc:
            # Decoders signal damage with many exception types (OSError, SyntaxError, ValueError,
            # struct.error, EOFError...): all mean the same thing to the person uploading.
            raise _reject(
                "corrupt", "ไฟล์รูปภาพเสียหายหรือไม่ครบ", "The image file is damaged or incomplete."
            ) from exc


def decoding_bytes(mode: str, width: int, height: int) -> int:
    """Peak bytes of decoding an image of this mode and size: its buffer, plus the converted one
    when it must be converted before it can be reduced (a palette, 16-bit greyscale)."""
    pixels = width * height
    decoded = pixels * _BYTES_PER_PIXEL.get(mode, 4)
    converted = _CONVERT_FIRST.get(mode)
    return decoded + (pixels * _BYTES_PER_PIXEL.get(converted, 4) if converted else 0)


def _load_reduced(source: Image.Image) -> Image.Image:
    """Decode within the memory budget: a JPEG at the smallest DCT scale still ≥ IMAGE_MAX_SIDE, any
    other image in full and then reduced by an integer factor before anything else touches it."""
    width, height = source.size
    scale = min(1.0, IMAGE_MAX_SIDE / max(width, height))
    if source.format == "JPEG" and scale < 1:
        source.draft(None, (math.ceil(width * scale), math.ceil(height * scale)))
    if decoding_bytes(source.mode, *source.size) > settings.IMAGE_DECODE_BUDGET:
        raise too_much_memory(width, height)
    source.load()
    image: Image.Image = source
    if image.mode in _CONVERT_FIRST:
        image = image.convert(_CONVERT_FIRST[image.mode])
    factor = max(image.size) // IMAGE_MAX_SIDE
    if factor >= 2:
        image = image.reduce(factor)  # a box average: fast, and the full-size buffer can go
    if max(image.size) > IMAGE_MAX_SIDE:
        ratio = IMAGE_MAX_SIDE / max(image.size)
        size = (max(1, round(image.width * ratio)), max(1, round(image.height * ratio)))
        image = image.resize(size, Image.Resampling.LANCZOS)
    return image


def _pixels_only(image: Image.Image, *, sixteen_bit: bool = False) -> Image.Image:
    """A new image holding nothing but the pixels, in RGB, L (greyscale) or RGBA (transparency)."""
    has_alpha = image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info)
    if image.mode in ("I;16", "I;16B", "I;16L", "I", "F"):
        # 16-bit and float greyscale (scans, some PNGs): scale to 8 bits rather than clip.
        peak = 65535 if sixteen_bit or image.mode.startswith("I;16") else max(image.getextrema()[1], 1)
        image = image.convert("F").point(lambda v: v * 255 / peak).convert("L")
    if has_alpha:
        mode = "RGBA"
    elif image.mode in ("1", "L"):
        mode = "L"
    else:
        mode = "RGB"
    converted = image.convert(mode)
    if mode == "RGBA" and converted.getextrema()[3][0] == 255:
        converted = converted.convert("RGB")  # a palette image that uses no transparency: a JPEG
    # frombytes: no info dict, no EXIF, no ICC, no text chunks carried over.
    return Image.frombytes(converted.mode, converted.size, converted.tobytes())


def _encode(image: Image.Image, out_format: str) -> bytes:
    buffer = io.BytesIO()
    if out_format == "JPEG":
        image.save(buffer, "JPEG", quality=JPEG_QUALITY, optimize=True, progressive=True)
    else:
        image.save(buffer, "PNG", optimize=True)
    return buffer.getvalue()


# --- images stored before every door went through the pipeline (a data migration cleans them) -----

_OURS = re.compile(r"^[0-9a-f]{32}\.(jpg|png)$")
_METADATA = ("exif", "icc_profile", "xmp", "XML:com.adobe.xmp", "comment", "photoshop", "adobe")


def stored_image_is_clean(image: FieldFile, thumbnail: FieldFile) -> bool:
    """Made by this pipeline (its file name), with a thumbnail, and carrying no metadata."""
    if not image or not thumbnail or not thumbnail.storage.exists(thumbnail.name):
        return False
    if not _OURS.match(PurePosixPath(image.name).name):
        return False
    with image.open("rb") as handle, Image.open(handle) as stored:
        return not stored.getexif() and not any(key in stored.info for key in _METADATA)


def clean_stored_image(record, *, log=print) -> str | None:
    """Re-encode a record's stored `image` through the pipeline and make its `thumbnail`, unless it
    is clean already; the raw file (its EXIF, its GPS position) is deleted. Returns the new image
    name, or None when nothing changed. A file that cannot be read as an image is moved to
    MEDIA_ROOT/quarantine/ and its record deleted: raw, it could only ever be served as it is."""
    image, thumbnail = record.image, record.thumbnail
    if not image or not image.storage.exists(image.name):
        return None  # nothing stored to leak; the page's image answers 404
    try:
        if stored_image_is_clean(image, thumbnail):
            return None
        with image.open("rb") as handle:
            processed = _processed(_decode(handle))
    except (ImageRejected, Image.DecompressionBombError, OSError, SyntaxError, ValueError) as exc:
        _quarantine(record, image, log=log, reason=str(exc))
        return None
    old_image, old_thumbnail = image.name, thumbnail.name if thumbnail else ""
    record.image.save(processed.image.name, processed.image, save=False)
    record.thumbnail.save(processed.thumbnail.name, processed.thumbnail, save=False)
    record.save(update_fields=["image", "thumbnail"])
    for name in (old_image, old_thumbnail):
        if name and name not in (record.image.name, record.thumbnail.name):
            image.storage.delete(name)
    log(f"re-encoded {old_image} as {record.image.name} (no EXIF, with a thumbnail)")
    return record.image.name


def _quarantine(record, image: FieldFile, *, log, reason: str) -> None:
    storage, name = image.storage, image.name
    target = storage.get_available_name(f"quarantine/{name}")
    with storage.open(name, "rb") as handle:
        storage.save(target, handle)
    storage.delete(name)
    record.delete()
    log(f"moved unreadable image {name} to {target} and deleted its record: {reason}")


def image_response(file: FieldFile, *, public: bool) -> FileResponse:
    """A stored image, sent by the view that checked who may see its record: no /media/ URL exists,
    so an unpublished record's images stay as private as the record (in production too).
    `public`: the record is published, so shared caches may keep the image."""
    if not file:  # a record saved without its file (a thumbnail never made): nothing to send
        raise Http404("No image file")
    try:
        handle = file.open("rb")
    except FileNotFoundError as exc:
        raise Http404("Image file missing") from exc
    content_type = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
    response = FileResponse(handle, content_type=content_type)
    response["Cache-Control"] = "public, max-age=86400" if public else "private, max-age=3600"
    return response
