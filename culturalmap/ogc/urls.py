"""/ogc/: OGC API – Features (Part 1 core, GeoJSON, HTML, OpenAPI 3.0; Part 3 queryables) and the
metadata of OGC API – Tiles over the map's vector tiles. Paths without a trailing slash, as OGC
clients build them; the landing page is /ogc/ (and /ogc)."""

from django.urls import path, re_path
from django.views.generic import RedirectView
from drf_spectacular.views import SpectacularSwaggerSplitView

from . import views

COLLECTION = "ogc/collections/<str:collection_id>"

urlpatterns = [
    path("ogc/", views.landing, name="ogc-landing"),
    re_path(r"^ogc$", RedirectView.as_view(url="/ogc/", query_string=True)),
    path("ogc/conformance", views.conformance, name="ogc-conformance"),
    path("ogc/api", views.api, name="ogc-api"),
    # Swagger UI's start-up script as a file (?script=), as /api/docs/: no inline script for the CSP.
    path("ogc/api.html", SpectacularSwaggerSplitView.as_view(url="/ogc/api"), name="ogc-api-docs"),
    path("ogc/collections", views.collections, name="ogc-collections"),
    path(COLLECTION, views.collection, name="ogc-collection"),
    path(f"{COLLECTION}/items", views.items, name="ogc-items"),
    path(f"{COLLECTION}/items/<str:feature_id>", views.item, name="ogc-item"),
    path(f"{COLLECTION}/queryables", views.queryables, name="ogc-queryables"),
    path(f"{COLLECTION}/tiles", views.tilesets, name="ogc-tilesets"),
    path(f"{COLLECTION}/tiles/WebMercatorQuad", views.tileset, name="ogc-tileset"),
    path("ogc/tileMatrixSets", views.tile_matrix_sets, name="ogc-tile-matrix-sets"),
    path("ogc/tileMatrixSets/<str:tms_id>", views.tile_matrix_set, name="ogc-tile-matrix-set"),
]
