"""Tile endpoints: thin views over culturalmap.maps.tiles (parse, cached build, HTTP caching headers)."""

import logging
from collections.abc import Callable

from django.http import HttpResponse, HttpResponseNotModified, JsonResponse
from django.views.decorators.http import require_safe

from culturalmap.core import records
from culturalmap.core.permissions import is_curator

from . import cache as tile_cache
from .cache import Tile
from .params import TileRequestError, layer_named, parse_filters, parse_tile_request
from .render import render_png
from .selectors import tile_features, tile_mvt
from .tilejson import tilejson, tileset_metadata

logger = logging.getLogger(__name__)

CONTENT_TYPES = {"mvt": "application/vnd.mapbox-vector-tile", "png": "image/png"}
# `.pbf` is `.mvt` under the name tile set directories (and GDAL's MVT driver) give their tiles.
FORMATS = {"pbf": "mvt"}
# Browsers keep the tile but ask again each time (a cheap 304 while nothing changed), so nobody sees a
# record that was moved or deleted. A curator's exact tile is never kept by a shared cache.
CACHE_CONTROL = "public, max-age=0, must-revalidate"
CURATOR_CACHE_CONTROL = "private, max-age=0, must-revalidate"


def _bad(error: TileRequestError) -> JsonResponse:
    return JsonResponse({"error": str(error)}, status=error.status)


class _StoresAfterSending:
    """A response that puts a freshly made tile in the cache once it has been sent: the WSGI server
    calls close() after the body is out, so the visitor never waits for the cache write."""

    store: Callable[[], None] | None = None

    def close(self):
        try:
            if self.store is not None:
                self.store()
        except OSError:  # a full disk costs a rebuild next time, never this response
            logger.warning("could not cache a tile", exc_info=True)
        finally:
            super().close()


class TileResponse(_StoresAfterSending, HttpResponse):
    pass


class TileNotModified(_StoresAfterSending, HttpResponseNotModified):
    pass


def _respond(request, tile: Tile, content_type: str, *, exact: bool) -> HttpResponse:
    if tile.etag in [t.strip() for t in request.headers.get("If-None-Match", "").split(",")]:
        response = TileNotModified()
    else:
        response = TileResponse(tile.body, content_type=content_type)
    response.store = tile.store
    response["ETag"] = tile.etag
    response["Cache-Control"] = CURATOR_CACHE_CONTROL if exact else CACHE_CONTROL
    if not exact:
        response["Access-Control-Allow-Origin"] = "*"
    return response


@require_safe
def tile(request, layer: str, z: str, x: str, y: str, fmt: str):
    fmt = FORMATS.get(fmt, fmt)
    try:
        req = parse_tile_request(layer, z, x, y, request.GET)
    except TileRequestError as error:
        return _bad(error)
    # Exact tiles come through the whole middleware chain (maps.middleware), so request.user is set.
    if req.exact and not is_curator(request.user):
        return _bad(TileRequestError("exact locations are for signed-in curators only", status=403))
    if fmt == "png":

        def build() -> bytes:
            return render_png(tile_features(req))
    else:

        def build() -> bytes:
            return tile_mvt(req)

    tile = tile_cache.cached(req.layer.name, req.cache_key(fmt), build)
    return _respond(request, tile, CONTENT_TYPES[fmt], exact=req.exact)


@require_safe
def layer_tilejson(request, layer: str):
    try:
        found = layer_named(layer)
        fmt = request.GET.get("format", "mvt")
        if fmt not in CONTENT_TYPES:
            raise TileRequestError(f"format must be mvt or png, not {fmt!r}")
        query = request.GET.copy()
        query.pop("format", None)
        filters = parse_filters(found, query)
    except TileRequestError as error:
        return _bad(error)
    doc = tilejson(found, base_url=request.build_absolute_uri("/").rstrip("/"), filters=filters, fmt=fmt)
    return JsonResponse(doc, json_dumps_params={"ensure_ascii": False})


@require_safe
def layer_metadata(request, layer: str):
    """/tiles/<layer>/metadata.json: the layer as a tile set directory (culturalmap.maps.tiles.tilejson)."""
    try:
        found = layer_named(layer)
    except TileRequestError as error:
        return _bad(error)
    kind = records.get(found.kind) if found.kind else None
    # One geometry type lets GDAL type the layer: the provinces are polygons, a kind without shapes points.
    geometry = "Polygon" if kind is None else ("Point" if kind.tile.shape is None else None)
    response = JsonResponse(
        tileset_metadata(found, geometry=geometry), json_dumps_params={"ensure_ascii": False}
    )
    response["Access-Control-Allow-Origin"] = "*"
    return response
