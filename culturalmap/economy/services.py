"""Writes on cultural products and enterprises. Curators keep them; a market's organisers keep those
of their market. Photos go through the one image pipeline (culturalmap.core.images)."""

from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from culturalmap.core.changes import records_changed
from culturalmap.core.images import process_image_upload
from culturalmap.core.permissions import AnyUser, is_curator
from culturalmap.core.thai import ThaiInputError, parse_amount

from .models import CulturalEnterprise, CulturalProduct, ProductPhoto

MAX_PHOTOS = 5
FIELDS = (
    "name_th",
    "name_en",
    "description_th",
    "description_en",
    "kind",
    "strand",
    "category",
    "enterprise",
    "maker_name",
    "market",
    "district",
    "province",
    "location",
    "price_min",
    "price_max",
    "in_showroom",
    "status",
)


def can_keep(user: AnyUser, market_id: int | None) -> bool:
    if is_curator(user):
        return True
    if not getattr(user, "is_authenticated", False) or market_id is None:
        return False
    return user.organised_markets.filter(pk=market_id).exists()


def _price(errors: dict, field: str, value: object) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        return parse_amount(value)
    except ThaiInputError as exc:
        errors[field] = str(exc)
        return None


def _placed(values: dict) -> dict:
    """Where a product lies when not given: its enterprise's, its market's or its district's place."""
    holder = values.get("enterprise") or values.get("market")
    if values.get("location") is None and holder is not None:
        values["location"] = holder.location
    if values.get("location") is None and values.get("district") is not None:
        values["location"] = values["district"].geom.point_on_surface
    if values.get("province") is None:
        holder = holder or values.get("district")
        values["province"] = holder.province if holder is not None else None
    return values


@transaction.atomic
def product_create(*, user: AnyUser, **values) -> CulturalProduct:
    """A product or service; its price range in baht (Thai digits and separators read)."""
    if not can_keep(user, getattr(values.get("market"), "pk", None)):
        raise PermissionDenied(
            "เฉพาะผู้ดูแลข้อมูลและผู้จัดตลาดของผลิตภัณฑ์นี้ / Curators and the market's organisers only."
        )
    unknown = set(values) - set(FIELDS)
    if unknown:
        raise ValidationError({name: "ไม่ใช่ข้อมูลที่แก้ไขได้ / Not an editable field." for name in unknown})
    errors: dict[str, str] = {}
    values["price_min"] = _price(errors, "price_min", values.get("price_min"))
    values["price_max"] = _price(errors, "price_max", values.get("price_max"))
    if (
        values["price_min"] is not None
        and values["price_max"] is not None
        and values["price_max"] < values["price_min"]
    ):
        errors["price_max"] = "ราคาสูงสุดต่ำกว่าราคาต่ำสุด / The highest price is below the lowest."
    if not values.get("enterprise") and not (values.get("maker_name") or "").strip():
        errors["maker_name"] = "ระบุผู้ผลิตหรือกิจการ / Name the maker or the enterprise."
    if errors:
        raise ValidationError(errors)
    product = CulturalProduct(**_placed(values))
    product.full_clean(exclude=["code", "label"])
    product.save()
    return product


@transaction.atomic
def enterprise_create(*, user: AnyUser, **values) -> CulturalEnterprise:
    if not can_keep(user, getattr(values.get("market"), "pk", None)):
        raise PermissionDenied("เฉพาะผู้ดูแลข้อมูลและผู้จัดตลาด / Curators and the market's organisers only.")
    enterprise = CulturalEnterprise(**_placed(values))
    enterprise.full_clean(exclude=["code", "label"])
    enterprise.save()
    return enterprise


@transaction.atomic
def product_photo_add(
    *, user: AnyUser, product: CulturalProduct, photo, caption_th: str = "", caption_en: str = ""
) -> ProductPhoto:
    """Add a photo (checked, stripped of EXIF/GPS, re-encoded, thumbnailed by the pipeline)."""
    if not can_keep(user, product.market_id):
        raise PermissionDenied(
            "เฉพาะผู้ดูแลข้อมูลและผู้จัดตลาดของผลิตภัณฑ์นี้ / Curators and the market's organisers only."
        )
    processed = process_image_upload(photo)  # refused before anything is written
    product = CulturalProduct.objects.select_for_update().get(pk=product.pk)
    if product.photos.count() >= MAX_PHOTOS:
        raise ValidationError(
            {"photo": f"มีรูปครบ {MAX_PHOTOS} รูปแล้ว / This product already has {MAX_PHOTOS} photos."}
        )
    image = ProductPhoto.objects.create(
        product=product,
        image=processed.image,
        thumbnail=processed.thumbnail,
        caption_th=caption_th.strip()[:300],
        caption_en=caption_en.strip()[:300],
        width=processed.width,
        height=processed.height,
        uploaded_by=user if getattr(user, "pk", None) else None,
    )
    records_changed("product", [product.pk])
    return image
