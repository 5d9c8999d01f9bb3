"""Cultural products and services, and the cultural enterprises that make them: public records of
their own (on the map, in search), each with a digital label code a QR tag can carry."""

import secrets

from django.conf import settings
from django.contrib.gis.db import models
from django.db.models import F, Q

from culturalmap.core.codes import new_code
from culturalmap.core.publication import PublicationStatus
from culturalmap.markets.models import CulturalDistrict, CulturalMarket
from geodata.models import Province


def enterprise_code() -> str:
    return new_code("CE")


def product_code() -> str:
    return new_code("CP")


def label_code() -> str:
    """A digital label: what the tag on a product carries; /label/<code>/ opens its record."""
    return new_code("DL", rng=secrets.SystemRandom(), length=8)


class Strand(models.TextChoices):
    """Which of the programme's strands recorded it (the reports count them apart)."""

    CIVIL_SOCIETY = "civil_society", "เมืองและย่านวัฒนธรรม (ภาคประชาสังคม)"
    UNIVERSITY = "university", "เครือข่ายมหาวิทยาลัย"


class ProductCategory(models.TextChoices):
    TEXTILES = "textiles", "ผ้าและสิ่งทอ"
    FOOD = "food", "อาหารและขนมพื้นถิ่น"
    CRAFTS = "crafts", "หัตถกรรมและจักสาน"
    CERAMICS = "ceramics", "เครื่องปั้นดินเผา"
    WOODWORK = "woodwork", "งานไม้และแกะสลัก"
    HERBAL = "herbal", "สมุนไพรและความงาม"
    PERFORMANCE = "performance", "การแสดงและดนตรี"
    TOURISM = "tourism", "ท่องเที่ยวและเรียนรู้วัฒนธรรม"


CATEGORY_ENGLISH = {
    "textiles": "Textiles",
    "food": "Local food",
    "crafts": "Crafts and basketry",
    "ceramics": "Ceramics",
    "woodwork": "Woodwork and carving",
    "herbal": "Herbal and beauty",
    "performance": "Performance and music",
    "tourism": "Cultural tours and workshops",
}


class EnterpriseKind(models.TextChoices):
    COMMUNITY = "community", "วิสาหกิจชุมชน"
    GROUP = "group", "กลุ่มอาชีพ"
    MAKER = "maker", "ผู้ประกอบการรายบุคคล"
    COMPANY = "company", "ธุรกิจเพื่อสังคม/บริษัท"


class CatalogueRecord(models.Model):
    """What a product and an enterprise both are: a named, placed, labelled public record."""

    name_th = models.CharField(max_length=300)
    name_en = models.CharField(max_length=300, blank=True)
    description_th = models.TextField(blank=True)
    description_en = models.TextField(blank=True)
    strand = models.CharField(max_length=16, choices=Strand.choices, default=Strand.CIVIL_SOCIETY)
    category = models.CharField(max_length=16, choices=ProductCategory.choices)
    market = models.ForeignKey(
        CulturalMarket, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    district = models.ForeignKey(
        CulturalDistrict, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    province = models.ForeignKey(Province, on_delete=models.PROTECT, related_name="+")
    location = models.PointField(srid=4326)
    label = models.CharField(max_length=32, unique=True, default=label_code, help_text="Digital label code.")
    status = models.CharField(
        max_length=12, choices=PublicationStatus.choices, default=PublicationStatus.PUBLISHED
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name_th


class CulturalEnterprise(CatalogueRecord):
    """A cultural enterprise or entrepreneur: a community enterprise, a craft group, a maker."""

    code = models.CharField(max_length=32, unique=True, default=enterprise_code, editable=False)
    kind = models.CharField(max_length=12, choices=EnterpriseKind.choices, default=EnterpriseKind.COMMUNITY)
    members = models.PositiveIntegerField(null=True, blank=True)

    class Meta(CatalogueRecord.Meta):
        pass

    def get_absolute_url(self) -> str:
        return f"/cultural-enterprises/{self.code}/"


class CulturalProduct(CatalogueRecord):
    """A cultural product or service: who makes it, where it is sold, its price range, its photos."""

    class Kind(models.TextChoices):
        PRODUCT = "product", "ผลิตภัณฑ์"
        SERVICE = "service", "บริการ"

    code = models.CharField(max_length=32, unique=True, default=product_code, editable=False)
    kind = models.CharField(max_length=8, choices=Kind.choices, default=Kind.PRODUCT)
    enterprise = models.ForeignKey(
        CulturalEnterprise, null=True, blank=True, on_delete=models.PROTECT, related_name="products"
    )
    maker_name = models.CharField(
        max_length=300, blank=True, help_text="The maker, when not an enterprise of ours."
    )
    price_min = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    price_max = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    in_showroom = models.BooleanField(
        default=False, help_text="Shown at the national showroom (Culture Connex)."
    )

    class Meta(CatalogueRecord.Meta):
        constraints = [
            models.CheckConstraint(
                condition=Q(price_min__isnull=True)
                | Q(price_max__isnull=True)
                | Q(price_max__gte=F("price_min")),
                name="product_price_range",
            ),
            models.CheckConstraint(
                condition=Q(price_min__isnull=True) | Q(price_min__gte=0), name="product_price_not_negative"
            ),
        ]

    def get_absolute_url(self) -> str:
        return f"/cultural-products/{self.code}/"

    @property
    def maker(self) -> str:
        return self.enterprise.name_th if self.enterprise_id else self.maker_name


class ProductPhoto(models.Model):
    """A photo of a product, through the one image pipeline (culturalmap.core.images)."""

    product = models.ForeignKey(CulturalProduct, on_delete=models.CASCADE, related_name="photos")
    image = models.ImageField(upload_to="products/%Y/")
    thumbnail = models.ImageField(upload_to="products/thumbs/%Y/")
    caption_th = models.CharField(max_length=300, blank=True)
    caption_en = models.CharField(max_length=300, blank=True)
    width = models.PositiveIntegerField(null=True, blank=True)
    height = models.PositiveIntegerField(null=True, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["product", "id"]

    def __str__(self) -> str:
        return self.caption_th or self.image.name

    def get_absolute_url(self) -> str:
        return f"/cultural-products/{self.product.code}/photos/{self.pk}/"

    def get_thumbnail_url(self) -> str:
        return f"/cultural-products/{self.product.code}/photos/{self.pk}/thumbnail/"
