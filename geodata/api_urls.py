"""Included from culturalmap/urls.py: the place lookup (geodata/api.py)."""

from django.urls import path

from . import api

urlpatterns = [path("api/places/", api.PlaceLookupApi.as_view(), name="api-places")]
