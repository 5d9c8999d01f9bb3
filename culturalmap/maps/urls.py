"""The map page and the tiles."""

from django.urls import path, re_path

from . import views
from .tiles import views as tiles

urlpatterns = [
    path("", views.home, name="home"),
    # z/x/y are checked in the view, so a bad coordinate gets a 400 with a reason, not a bare 404.
    re_path(
        r"^tiles/(?P<layer>[^/]+)/(?P<z>[^/]+)/(?P<x>[^/]+)/(?P<y>[^/.]+)\.(?P<fmt>mvt|pbf|png)$",
        tiles.tile,
        name="tile",
    ),
    # The same tile under its layer's data generation (from the TileJSON or the map page): kept for good.
    re_path(
        r"^tiles/v/(?P<generation>[0-9a-z]{1,32})/(?P<layer>[^/]+)/(?P<z>[^/]+)/(?P<x>[^/]+)/(?P<y>[^/.]+)"
        r"\.(?P<fmt>mvt|png)$",
        tiles.tile,
        name="tile-generation",
    ),
    re_path(r"^tiles/(?P<layer>[^/.]+)\.json$", tiles.layer_tilejson, name="tilejson"),
    re_path(r"^tiles/(?P<layer>[^/.]+)/metadata\.json$", tiles.layer_metadata, name="tileset-metadata"),
]
