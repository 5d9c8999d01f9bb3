from django.contrib.gis import admin

from .models import Asset, AssetImage


class AssetImageInline(admin.TabularInline):
    model = AssetImage
    extra = 0
    fields = ["image", "caption_th", "caption_en", "position"]


@admin.register(Asset)
class AssetAdmin(admin.GISModelAdmin):
    list_display = ["code", "name_th", "name_en", "archetype", "province", "risk", "status"]
    list_filter = ["archetype", "risk", "status", "province__region"]
    search_fields = ["code", "ref", "name_th", "name_en"]
    readonly_fields = ["code", "province", "view_count", "created_at", "updated_at"]
    list_select_related = ["province"]
    inlines = [AssetImageInline]
