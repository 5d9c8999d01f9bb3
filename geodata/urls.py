from django.urls import include, path, re_path

from . import views

urlpatterns = [
    # z/x/y are checked in the view, so a bad coordinate gets a 400 with a reason, not a bare 404.
    re_path(
        r"^tiles/(?P<layer>[^/]+)/(?P<z>[^/]+)/(?P<x>[^/]+)/(?P<y>[^/.]+)\.(?P<fmt>mvt|png)$",
        views.tile,
        name="tile",
    ),
    re_path(r"^tiles/(?P<layer>[^/.]+)\.json$", views.layer_tilejson, name="tilejson"),
    # The pages and API of cultural districts, cities and markets live in culturalmap.places.
    path("", include("culturalmap.places.urls")),
]
