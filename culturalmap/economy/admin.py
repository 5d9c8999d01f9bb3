from django.contrib.gis import admin

from culturalmap.core.admin import GeoModelAdmin

from .models import CulturalEnterprise, CulturalProduct, ProductPhoto


@admin.register(CulturalEnterprise)
class CulturalEnterpriseAdmin(GeoModelAdmin):
    list_display = ["code", "name_th", "kind", "strand", "province", "label", "status"]
    list_filter = ["strand", "kind", "category", "status"]
    search_fields = ["name_th", "name_en", "label", "code"]


@admin.register(CulturalProduct)
class CulturalProductAdmin(GeoModelAdmin):
    list_display = ["code", "name_th", "category", "strand", "province", "label", "in_showroom", "status"]
    list_filter = ["strand", "category", "kind", "in_showroom", "status"]
    search_fields = ["name_th", "name_en", "label", "code", "maker_name"]
    raw_id_fields = ["enterprise", "market", "district"]


@admin.register(ProductPhoto)
class ProductPhotoAdmin(admin.ModelAdmin):
    """Read-only: photos are added through the product page, which runs the image pipeline."""

    list_display = ["product", "caption_th", "created_at"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
