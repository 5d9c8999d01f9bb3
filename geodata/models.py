"""Thailand's provinces and their regions: the ground every domain stands on."""

from django.contrib.gis.db import models


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
