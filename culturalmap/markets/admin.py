from django.contrib.gis import admin

from culturalmap.core.admin import GeoModelAdmin

from .models import (
    CulturalCity,
    CulturalDistrict,
    CulturalMarket,
    ImpactSurvey,
    MarketEvent,
    ReportedFigure,
    SalesEntry,
    SocialReturn,
)


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


@admin.register(SocialReturn)
class SocialReturnAdmin(admin.ModelAdmin):
    """SROI studies: curators enter them (services.impact.social_return_record checks the inputs)."""

    list_display = ["project_th", "city", "district", "market", "investment", "as_of", "source"]


@admin.register(ReportedFigure)
class ReportedFigureAdmin(admin.ModelAdmin):
    """The reports' own figures, with their "as of" dates and sources."""

    list_display = ["code", "label_th", "value", "as_of", "source", "city", "district", "market"]
    list_editable = ["value", "as_of", "source"]


@admin.register(ImpactSurvey)
class ImpactSurveyAdmin(admin.ModelAdmin):
    """Read-only here: surveys are entered on the organisers' page, whose service refuses bad ones."""

    list_display = [
        "pk",
        "market",
        "district",
        "event",
        "period_start",
        "period_end",
        "total_stimulus",
        "as_of",
    ]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
