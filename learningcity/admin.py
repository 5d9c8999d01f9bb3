"""Admin: who belongs to which city team, and where a city is. Profiles and spaces are edited on the
site's own pages (through the services), so every change keeps its history and version check."""

from django import forms
from django.contrib.gis import admin
from django.core.exceptions import ValidationError

from culturalmap.core.admin import GeoModelAdmin

from .models import KeyFeatureAssessment, LearningCity, LearningRevision, LearningSpace, LearningSpaceImage
from .services import PROFILE_FIELDS


class ReadOnlyAdmin(GeoModelAdmin):
    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class LearningCityAdminForm(forms.ModelForm):
    class Meta:
        model = LearningCity
        # The admin passes its own field list; these are what it keeps after the profile is made read-only.
        fields = [
            "name_th",
            "name_en",
            "province",
            "joined_year",
            "approved_on",
            "location",
            "area",
            "status",
            "team_members",
        ]

    def clean_team_members(self):
        # A team account belongs to one city: it may change only that city's profile and spaces.
        members = self.cleaned_data["team_members"]
        taken = LearningCity.objects.filter(team_members__in=members).exclude(pk=self.instance.pk)
        clashes = sorted(
            {
                f"{user.get_username()} ({city.name_th})"
                for city in taken
                for user in city.team_members.filter(pk__in=[m.pk for m in members])
            }
        )
        if clashes:
            raise ValidationError(
                "อยู่ในทีมของเมืองอื่นแล้ว / Already in another city's team: " + ", ".join(clashes)
            )
        return members


@admin.register(LearningCity)
class LearningCityAdmin(GeoModelAdmin):
    form = LearningCityAdminForm
    list_display = ["code", "name_th", "name_en", "province", "joined_year", "status"]
    filter_horizontal = ["team_members"]

    def get_readonly_fields(self, request, obj=None):
        # Once the city exists, its UNESCO profile is edited on /learning-cities/<code>/edit/,
        # where the history is kept and the version checked.
        return ["code", "version"] if obj is None else ["code", *PROFILE_FIELDS, "version"]


class LearningSpaceImageInline(admin.TabularInline):
    model = LearningSpaceImage
    extra = 0
    fields = ["image", "caption_th", "caption_en", "position", "uploaded_by"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(LearningSpace)
class LearningSpaceAdmin(ReadOnlyAdmin):
    list_display = ["code", "name_th", "city", "space_type", "status", "version"]
    list_filter = ["city", "space_type", "status"]
    inlines = [LearningSpaceImageInline]


@admin.register(KeyFeatureAssessment)
class KeyFeatureAssessmentAdmin(ReadOnlyAdmin):
    list_display = ["city", "feature", "rating", "updated_by", "updated_at"]
    list_filter = ["city"]


@admin.register(LearningRevision)
class LearningRevisionAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "city", "space", "version", "action", "author"]
    list_filter = ["action", "city"]
