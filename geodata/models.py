"""Thailand's provinces and their regions: the ground every domain stands on."""

from django.contrib.gis.db import models
from django.contrib.postgres.fields import ArrayField


class Region(models.Model):
    """NESDB region (the planning regions the programme reports by)."""

    code = models.CharField(max_length=20, unique=True)
    name_th = models.CharField(max_length=100)
    name_en = models.CharField(max_length=100)

    class Meta:
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name_th


class Province(models.Model):
    """One of Thailand's 77 provinces with its real boundary (geodata/data/provinces.geojson)."""

    code = models.CharField(max_length=2, unique=True)  # DOPA/NSO 2-digit code
    name_th = models.CharField(max_length=100, unique=True)
    name_en = models.CharField(max_length=100, unique=True)
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="provinces")
    region_royin = models.CharField(max_length=20)  # Royal Institute's six regions
    area_sqkm = models.FloatField()
    geom = models.MultiPolygonField(srid=4326)

    class Meta:
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name_th


class Amphoe(models.Model):
    """A district (อำเภอ; เขต in Bangkok): the union of its sub-districts' polygons."""

    code = models.CharField(max_length=4, primary_key=True)  # DOPA 4-digit code
    name_th = models.CharField(max_length=100)  # without อำเภอ/เขต: pages add the word
    name_en = models.CharField(max_length=100)
    # By code, not id: the provinces are reloaded with new ids after a test flush.
    province = models.ForeignKey(
        Province, to_field="code", db_column="province_code", on_delete=models.CASCADE, related_name="amphoes"
    )
    geom = models.MultiPolygonField(srid=4326)

    class Meta:
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name_th


class Tambon(models.Model):
    """A sub-district (ตำบล; แขวง in Bangkok) with its DOPA code and boundary (data/tambons.geojson)."""

    code = models.CharField(max_length=6, primary_key=True)  # DOPA 6-digit code
    name_th = models.CharField(max_length=100)  # without ตำบล/แขวง
    name_en = models.CharField(max_length=100)
    amphoe = models.ForeignKey(
        Amphoe, db_column="amphoe_code", on_delete=models.CASCADE, related_name="tambons"
    )
    province = models.ForeignKey(
        Province, to_field="code", db_column="province_code", on_delete=models.CASCADE, related_name="tambons"
    )
    postcodes = ArrayField(models.CharField(max_length=5), default=list, blank=True)
    # False for the two Bangkok khwaeng split after the boundary survey (data/README.md).
    current = models.BooleanField(default=True)
    geom = models.MultiPolygonField(srid=4326)

    class Meta:
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name_th
