"""The one way an uploaded image enters the site: checked, re-encoded from its pixels, thumbnailed.

Every upload (learning-space photos, asset images) goes through `process_image_upload`, so:
- only JPEG, PNG and WebP are taken, up to MAX_UPLOAD_BYTES and settings.IMAGE_MAX_PIXELS;
- a decompression bomb (a small file declaring a huge canvas) is refused before it is decoded;
- a truncated or corrupt file is refused, never half-stored;
- the stored file is rebuilt from decoded pixels only, so EXIF (GPS position of a photographer's
  phone, camera serials), ICC/XMP blocks and anything appended after the image data are gone.
"""

import io
import mimetypes
import uuid
import warnings
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404
from PIL import Image, ImageFile, ImageOps, UnidentifiedImageError

MAX_UPLOAD_BYTES = 15 * 1024 * 1024
THUMBNAIL_SIZE = 400
JPEG_QUALITY = 85
ALLOWED_FORMATS = ("JPEG", "PNG", "WEBP")

# Pillow's own bomb limit (~89 Mpx) is far above what a photo of a learning space needs; with
# the limit lowered here, Pillow warns above IMAGE_MAX_PIXELS and refuses outright above twice that.
Image.MAX_IMAGE_PIXELS = settings.IMAGE_MAX_PIXELS
# A truncated file must fail, not be padded with grey.
ImageFile.LOAD_TRUNCATED_IMAGES = False


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


@dataclass(frozen=True)
class ProcessedImage:
    image: ContentFile
    thumbnail: ContentFile
    width: int
    height: int
    format: str  # "JPEG" or, for images with transparency, "PNG"


def process_image_upload(uploaded_file, *, max_bytes: int = MAX_UPLOAD_BYTES) -> ProcessedImage:
    """Check and re-encode an uploaded image; raise ImageRejected (a ValidationError) if unfit."""
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

    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            with Image.open(uploaded_file, formats=ALLOWED_FORMATS) as source:
                width, height = source.size
                if width * height > settings.IMAGE_MAX_PIXELS:
                    raise too_many_pixels(width, height)
                source.seek(0)  # an animated PNG or WebP keeps its first frame only
                source.load()
                pixels = ImageOps.exif_transpose(source)
                clean = _pixels_only(pixels)
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


def _pixels_only(image: Image.Image) -> Image.Image:
    """A new image holding nothing but the pixels, in RGB, L (greyscale) or RGBA (transparency)."""
    has_alpha = image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info)
    if image.mode in ("I;16", "I;16B", "I;16L", "I", "F"):
        # 16-bit and float greyscale (scans, some PNGs): scale to 8 bits rather than clip.
        peak = 65535 if image.mode.startswith("I;16") else max(image.getextrema()[1], 1)
        image = image.convert("F").point(lambda v: v * 255 / peak).convert("L")
    if has_alpha:
        mode = "RGBA"
    elif image.mode in ("1", "L"):
        mode = "L"
    else:
        mode = "RGB"
    converted = image.convert(mode)
    # frombytes: no info dict, no EXIF, no ICC, no text chunks carried over.
    return Image.frombytes(mode, converted.size, converted.tobytes())


def _encode(image: Image.Image, out_format: str) -> bytes:
    buffer = io.BytesIO()
    if out_format == "JPEG":
        image.save(buffer, "JPEG", quality=JPEG_QUALITY, optimize=True, progressive=True)
    else:
        image.save(buffer, "PNG", optimize=True)
    return buffer.getvalue()


def image_response(file: FieldFile, *, public: bool) -> FileResponse:
    """A stored image, sent by the view that checked who may see its record: no /media/ URL exists,
    so an unpublished record's images stay as private as the record (in production too).
    `public`: the record is published, so shared caches may keep the image."""
    try:
        handle = file.open("rb")
    except FileNotFoundError as exc:
        raise Http404("Image file missing") from exc
    content_type = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
    response = FileResponse(handle, content_type=content_type)
    response["Cache-Control"] = "public, max-age=86400" if public else "private, max-age=3600"
    return response
