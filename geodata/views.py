"""Tile endpoints: thin views over geodata.tiles (parse, cached build, HTTP caching headers)."""

from django.http import HttpResponse, HttpResponseNotModified, JsonResponse
from django.views.decorators.http import require_safe

from .tiles import cache as tile_cache
from .tiles.params import TileRequestError, layer_named, parse_filters, parse_tile_request
from .tiles.render import render_png
from .tiles.selectors import tile_features, tile_mvt
from .tiles.tilejson import tilejson

CONTENT_TYPES = {"mvt": "application/vnd.mapbox-vector-tile", "png": "image/png"}
# Browsers keep the tile but ask again each time (a cheap 304 while nothing changed), so nobody sees a
# record that was moved or deleted.
CACHE_CONTROL = "public, max-age=0, must-revalidate"


def _bad(error: TileRequestError) -> JsonResponse:
    return JsonResponse({"error": str(error)}, status=error.status)


def _respond(request, body: bytes, etag: str, content_type: str) -> HttpResponse:
    if etag in [t.strip() for t in request.headers.get("If-None-Match", "").split(",")]:
        response = HttpResponseNotModified()
    else:
        response = HttpResponse(body, content_type=content_type)
    response["ETag"] = etag
    response["Cache-Control"] = CACHE_CONTROL
    response["Access-Control-Allow-Origin"] = "*"
    return response


@require_safe
def tile(request, layer: str, z: str, x: str, y: str, fmt: str):
    try:
        req = parse_tile_request(layer, z, x, y, request.GET)
    except TileRequestError as error:
        return _bad(error)
    if fmt == "png":

        def build() -> bytes:
            return render_png(tile_features(req))
    else:

        def build() -> bytes:
            return tile_mvt(req)

    key = f"{fmt}:{req.z}/{req.x}/{req.y}:{req.filters.key()}"
    body, etag = tile_cache.cached(req.layer.name, key, build)
    return _respond(request, body, etag, CONTENT_TYPES[fmt])


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
