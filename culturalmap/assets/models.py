from django.conf import settings
from django.contrib.gis.db import models
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GistIndex
from django.core.validators import RegexValidator
from django.db.models import Q

from culturalmap.core.codes import asset_code
from culturalmap.core.location import point_on_surface, public_geometry, public_point
from culturalmap.core.publication import PublicationStatus
from geodata.models import Province, Tambon

from .archetypes import Archetype


class Risk(models.TextChoices):
    NONE = "none", "ไม่มี"
    LOW = "low", "ต่ำ"
    MEDIUM = "medium", "ปานกลาง"
    HIGH = "high", "สูง"


tambon_code_validator = RegexValidator(r"^\d{6}$", "รหัสตำบลต้องเป็นตัวเลข 6 หลัก (DOPA)")


class Asset(models.Model):
    """A cultural asset of one archetype: a point for most records, a (multi)polygon for sites."""

    code = models.CharField(max_length=32, unique=True, default=asset_code, editable=False)
    ref = models.CharField(
        max_length=100,
        unique=True,
        null=True,
        blank=True,
        help_text="Identifier in the source system; re-import updates by it.",
    )
    name_th = models.CharField(max_length=300, blank=True)
    name_en = models.CharField(max_length=300, blank=True)
    description_th = models.TextField(blank=True)
    description_en = models.TextField(blank=True)
    archetype = models.CharField(max_length=32, choices=Archetype.choices, db_index=True)
    period = models.CharField(max_length=200, blank=True)
    keywords = ArrayField(models.CharField(max_length=100), default=list, blank=True)
    source = models.CharField(max_length=300, blank=True)
    # Derived from the geometry by the services, never taken on trust from the input.
    province = models.ForeignKey(Province, on_delete=models.PROTECT, related_name="assets")
    tambon_code = models.CharField(max_length=6, blank=True, validators=[tambon_code_validator])
    # The sub-district of the point the public sees: of a high-risk site's generalised point, so that
    # no page or export names the sub-district (or province) of its exact place.
    public_tambon_code = models.CharField(max_length=6, blank=True, validators=[tambon_code_validator])
    # Joins on those codes (no columns of their own): asset.tambon.amphoe.name_th, select_related.
    tambon = models.ForeignObject(
        Tambon,
        on_delete=models.DO_NOTHING,
        from_fields=["tambon_code"],
        to_fields=["code"],
        null=True,
        related_name="assets",
    )
    public_tambon = models.ForeignObject(
        Tambon,
        on_delete=models.DO_NOTHING,
        from_fields=["public_tambon_code"],
        to_fields=["code"],
        null=True,
        related_name="+",
    )
    risk = models.CharField(max_length=10, choices=Risk.choices, default=Risk.NONE)
    risk_reason = models.TextField(blank=True)
    status = models.CharField(
        max_length=12, choices=PublicationStatus.choices, default=PublicationStatus.PUBLISHED, db_index=True
    )
    geom = models.GeometryField(srid=4326)
    # The database keeps these two in step with geom and risk: see culturalmap.core.location.
    location = models.GeneratedField(
        expression=point_on_surface(), db_persist=True, output_field=models.PointField(srid=4326)
    )
    public_location = models.GeneratedField(
        expression=public_point(), db_persist=True, output_field=models.PointField(srid=4326)
    )
    # The whole shape, or a high-risk site's generalised point: what OGC API features and open data show.
    public_geom = models.GeneratedField(
        expression=public_geometry(), db_persist=True, output_field=models.GeometryField(srid=4326)
    )
    view_count = models.PositiveIntegerField(default=0)
    recorded_on = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["code"]
        indexes = [
            models.Index(fields=["province", "archetype"]),
            models.Index(fields=["tambon_code"], name="asset_tambon_code"),
            models.Index(fields=["public_tambon_code"], name="asset_public_tambon_code"),
            GistIndex(fields=["location"], name="asset_location_gist"),
            GistIndex(fields=["public_location"], name="asset_public_location_gist"),
            GistIndex(fields=["public_geom"], name="asset_public_geom_gist"),
        ]
        constraints = [
            models.CheckConstraint(condition=~Q(name_th="") | ~Q(name_en=""), name="asset_has_a_name"),
            models.CheckConstraint(condition=Q(geom__isvalid=True), name="asset_geom_valid"),
        ]

    def __str__(self) -> str:
        return self.name_th or self.name_en

    def get_absolute_url(self) -> str:
        return f"/assets/{self.code}/"

    @property
    def name(self) -> str:
        return self.name_th or self.name_en


class AssetImage(models.Model):
    """Up to five captioned images per asset; stored re-encoded, with a thumbnail."""

    MAX_PER_ASSET = 5

    asset = models.ForeignKey(Asset, on_delete=models.CASCADE, related_name="images")
    image = models.ImageField(upload_to="assets/%Y/")
    thumbnail = models.ImageField(upload_to="assets/thumbs/%Y/")
    caption_th = models.CharField(max_length=300, blank=True)
    caption_en = models.CharField(max_length=300, blank=True)
    position = models.PositiveSmallIntegerField(default=0)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["asset", "position"]

    def get_absolute_url(self) -> str:
        return f"/assets/{self.asset.code}/images/{self.pk}/"

    def get_thumbnail_url(self) -> str:
        return f"/assets/{self.asset.code}/images/{self.pk}/thumbnail/"


class ImportProfile(models.Model):
    """A saved column mapping (culturalmap.assets.interchange.profiles) for a partner's files: which of
    their columns is which field of ours, the constants, their category words, the CRS and sheet."""

    name = models.CharField(max_length=100, unique=True)
    description = models.CharField(max_length=300, blank=True)
    mapping = models.JSONField(default=dict)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name
