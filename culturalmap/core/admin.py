"""What every admin of the site's records shares: geometries read by the one GeoJSON reader, images
through the one image pipeline."""

from django import forms
from django.contrib.gis import admin
from django.contrib.gis.db import models
from django.core.files.uploadedfile import UploadedFile

from .geojson import GeometryField
from .images import process_image_upload


class GeoModelAdmin(admin.GISModelAdmin):
    """GISModelAdmin whose map widgets' GeoJSON goes through culturalmap.core.geojson: a malformed
    or infinite coordinate is a form error, not a 500 from GDAL."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if isinstance(db_field, models.GeometryField):
            kwargs["form_class"] = GeometryField
        return super().formfield_for_dbfield(db_field, request, **kwargs)


class ProcessedImageForm(forms.ModelForm):
    """An admin form for a model with `image` and `thumbnail` fields: a new upload goes through
    culturalmap.core.images (checked, EXIF and GPS stripped, re-encoded, thumbnailed) before it is
    stored; a form that keeps the stored image leaves it as it is."""

    image = forms.FileField(
        help_text="JPEG, PNG หรือ WebP: บันทึกใหม่โดยไม่มีข้อมูล EXIF/GPS / "
        "JPEG, PNG or WebP: stored re-encoded, without EXIF or GPS data."
    )

    def clean_image(self):
        upload = self.cleaned_data["image"]
        if isinstance(upload, UploadedFile):  # a new file, not the one already stored
            self.processed = process_image_upload(upload)
            return self.processed.image
        return upload

    def save(self, commit=True):
        record = super().save(commit=False)
        processed = getattr(self, "processed", None)
        if processed is not None:
            record.thumbnail = processed.thumbnail
        if commit:
            record.save()
        return record
