"""What every admin of the site's records shares: geometries read by the one GeoJSON reader and drawn
on a map that asks no other host, images through the one image pipeline."""

from django import forms
from django.contrib.gis import admin
from django.contrib.gis.db import models
from django.contrib.gis.forms.widgets import OpenLayersWidget
from django.core.files.uploadedfile import UploadedFile

from .geojson import GeometryField
from .images import process_image_upload

OPENLAYERS = "vendor/ol-7.2.2"  # the version Django 5.2's map widget (gis/js/OLMapWidget.js) is made for


class OwnBaseMapWidget(OpenLayersWidget):
    """Django's OpenLayers map widget with OpenLayers from static/vendor (Django's loads it from a CDN)
    and the project's own base map under the geometry (Django's asks OpenStreetMap's tile servers),
    started by a static script from JSON options (Django's runs an inline script), so a curator's map
    works with no internet and under the site's Content-Security-Policy.

    static/js/admin-map-widget.js builds the base map from the page's "basemap-config" (the `basemap`
    context processor, templates/admin/base_site.html): this module knows nothing of the map app.
    """

    template_name = "core/admin_map_widget.html"
    # Where a map with no geometry yet opens: the whole country.
    default_lon, default_lat, default_zoom = 100.99, 13.04, 5

    class Media:
        extend = False  # in place of Django's, CDN and all
        css = {"all": (f"{OPENLAYERS}/ol.css", "gis/css/ol3.css")}
        js = (f"{OPENLAYERS}/ol.js", "gis/js/OLMapWidget.js", "js/admin-map-widget.js")

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["options"] = {
            "geom_name": context["geom_type"],
            "id": context["id"],
            "map_id": f"{context['id']}_map",
            "map_srid": context["map_srid"],
            "name": context["name"],
            "default_lon": self.default_lon,
            "default_lat": self.default_lat,
            "default_zoom": self.default_zoom,
        }
        context["options_id"] = f"{context['id']}_map_options"
        return context


class GeoModelAdmin(admin.GISModelAdmin):
    """GISModelAdmin whose map widgets' GeoJSON goes through culturalmap.core.geojson (a malformed
    or infinite coordinate is a form error, not a 500 from GDAL), drawn on the project's own map."""

    gis_widget = OwnBaseMapWidget

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
