from django.contrib.gis import admin

from .models import LearningCity, LearningSpace, LearningSpaceImage


@admin.register(LearningCity)
class LearningCityAdmin(admin.GISModelAdmin):
    list_display = ["code", "name_th", "name_en", "province", "joined_year"]
    filter_horizontal = ["team_members"]


class LearningSpaceImageInline(admin.TabularInline):
    model = LearningSpaceImage
    extra = 0
    fields = ["image", "caption_th", "caption_en", "position"]


@admin.register(LearningSpace)
class LearningSpaceAdmin(admin.GISModelAdmin):
    list_display = ["code", "name_th", "city", "space_type", "status"]
    list_filter = ["city", "space_type", "status"]
    inlines = [LearningSpaceImageInline]
