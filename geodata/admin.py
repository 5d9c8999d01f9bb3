from django.contrib.gis import admin

from culturalmap.core.admin import GeoModelAdmin

from .models import Province, Region


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["code", "name_th", "name_en"]


@admin.register(Province)
class ProvinceAdmin(GeoModelAdmin):
    list_display = ["code", "name_th", "name_en", "region", "area_sqkm"]
    search_fields = ["name_th", "name_en", "code"]
    list_filter = ["region"]
