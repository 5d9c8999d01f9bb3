from django.contrib.gis import admin

from culturalmap.core.admin import GeoModelAdmin

from .models import CulturalCity, CulturalDistrict, CulturalMarket, MarketEvent, SalesEntry


@admin.register(CulturalCity)
class CulturalCityAdmin(GeoModelAdmin):
    list_display = ["code", "name_th", "name_en", "province"]


@admin.register(CulturalDistrict)
class CulturalDistrictAdmin(GeoModelAdmin):
    list_display = ["code", "name_th", "name_en", "city", "province"]
    list_filter = ["city", "province"]


@admin.register(CulturalMarket)
class CulturalMarketAdmin(GeoModelAdmin):
    list_display = ["code", "name_th", "district", "province", "opened_on"]
    filter_horizontal = ["organisers"]


@admin.register(MarketEvent)
class MarketEventAdmin(admin.ModelAdmin):
    list_display = ["market", "held_on", "vendors_present", "visitors"]
    list_filter = ["market"]
    date_hierarchy = "held_on"


@admin.register(SalesEntry)
class SalesEntryAdmin(admin.ModelAdmin):
    """Read-only: the ledger is append-only; corrections are logged through the organiser pages."""

    list_display = ["event", "amount", "vendor", "corrects", "recorded_by", "recorded_at"]
    list_select_related = ["event__market", "recorded_by"]

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
