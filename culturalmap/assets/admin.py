from django import forms
from django.contrib.gis import admin
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError

from culturalmap.core.admin import GeoModelAdmin, ProcessedImageForm

from . import services
from .models import Asset, AssetImage
from .places import asset_address


class AssetImageInline(admin.TabularInline):
    model = AssetImage
    form = ProcessedImageForm  # the one image pipeline: no raw file, no GPS, always a thumbnail
    extra = 0
    max_num = AssetImage.MAX_PER_ASSET
    fields = ["image", "caption_th", "caption_en", "position"]


class AssetAdminForm(forms.ModelForm):
    """Shows the services' rules (swapped coordinates, outside Thailand...) on the form itself."""

    class Meta:
        model = Asset
        # The sub-district is derived from the geometry: shown, never typed.
        fields = [f for f in services.EDITABLE_FIELDS if f != "tambon_code"]

    def _post_clean(self) -> None:
        super()._post_clean()
        if self._errors:
            return
        try:
            services.asset_clean(asset=self.instance)
        except ValidationError as error:
            self._update_errors(
                ValidationError(
                    {
                        (name if name in self.fields else NON_FIELD_ERRORS): messages
                        for name, messages in error.message_dict.items()
                    }
                )
            )


@admin.register(Asset)
class AssetAdmin(GeoModelAdmin):
    form = AssetAdminForm
    list_display = ["code", "name_th", "name_en", "archetype", "province", "risk", "status"]
    list_filter = ["archetype", "risk", "status", "province__region"]
    search_fields = ["code", "ref", "name_th", "name_en"]
    readonly_fields = [
        "code",
        "address",
        "province",
        "tambon_code",
        "public_tambon_code",
        "view_count",
        "created_at",
        "updated_at",
    ]
    list_select_related = ["province"]
    inlines = [AssetImageInline]

    @admin.display(description="ที่อยู่ (จากตำแหน่ง) / address (from the location)")
    def address(self, obj: Asset) -> str:
        return asset_address(obj, exact=True) or "-"

    def save_model(self, request, obj, form, change) -> None:
        # The one way an asset is written: the province comes from the geometry.
        services.asset_save(asset=obj)

    def save_formset(self, request, form, formset, change) -> None:
        for image_form in formset.forms:
            if getattr(image_form, "processed", None) is not None:
                image_form.instance.uploaded_by = request.user
        super().save_formset(request, form, formset, change)
