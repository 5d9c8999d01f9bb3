"""Tile endpoints: thin views over culturalmap.maps.tiles (parse, cached build, HTTP caching headers).

/tiles/v/<generation>/<layer>/{z}/{x}/{y}.mvt|png is what the map and the TileJSON documents ask for:
the URL names the layer's data generation, so the tile is sent to be kept for good (a change of the
data makes new URLs). A URL of an older generation is answered with the current tile, not kept, and
every tile names the current generation in `X-Tile-Generation`, so an open map learns it and moves on.
/tiles/<layer>/… without a generation is for clients that keep no URL (revalidated every time).
"""

import logging
from collections.abc import Callable

from django.http import HttpResponse, HttpResponseNotModified, JsonResponse
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_safe

from culturalmap.core import records
from culturalmap.core.permissions import is_curator

from . import cache as tile_cache
from .cache import Tile
from .params import TileRequestError, layer_named, parse_filters, parse_tile_request, part_requests
from .render import render_png
from .selectors import TileRequest, tile_features, tile_mvt
from .tilejson import tilejson, tileset_metadata

logger = logging.getLogger(__name__)

CONTENT_TYPES = {"mvt": "application/vnd.mapbox-vector-tile", "png": "image/png"}
# `.pbf` is `.mvt` under the name tile set directories (and GDAL's MVT driver) give their tiles.
FORMATS = {"pbf": "mvt"}
# A tile under its generation's URL never changes: browsers and proxies keep it for good.
IMMUTABLE = "public, max-age=31536000, immutable"
# Without a generation (or of an older one) the browser keeps the tile but asks again each time (a
# cheap 304 while nothing changed), so nobody sees a record that was moved or deleted. A curator's
# exact tile is never kept by a shared cache.
CACHE_CONTROL = "public, max-age=0, must-revalidate"
CURATOR_CACHE_CONTROL = "private, max-age=0, must-revalidate"
GENERATION_HEADER = "X-Tile-Generation"


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


def _accepts_gzip(request) -> bool:
    return "gzip" in request.headers.get("Accept-Encoding", "").lower()


def _respond(request, tile: Tile, content_type: str, *, exact: bool, cache_control: str) -> HttpResponse:
    gzipped = tile.gzipped is not None and _accepts_gzip(request)
    # Each encoding is its own representation, with its own entity tag.
    etag = tile.etag[:-1] + '-gz"' if gzipped else tile.etag
    if etag in [t.strip() for t in request.headers.get("If-None-Match", "").split(",")]:
        response = TileNotModified()
    else:
        response = TileResponse(tile.gzipped if gzipped else tile.body, content_type=content_type)
        if gzipped:
            response["Content-Encoding"] = "gzip"
    response.store = tile.store
    response["ETag"] = etag
    response["Cache-Control"] = CURATOR_CACHE_CONTROL if exact else cache_control
    if tile.gzipped is not None:
        patch_vary_headers(response, ["Accept-Encoding"])
    if not exact:
        response["Access-Control-Allow-Origin"] = "*"
        response["Access-Control-Expose-Headers"] = GENERATION_HEADER
    return response


def _build(req: TileRequest, fmt: str) -> Callable[[], bytes]:
    if fmt == "png":
        return lambda: render_png(tile_features(req))
    return lambda: tile_mvt(req)


def _composite(req: TileRequest, fmt: str) -> Tile:
    parts = part_requests(req)
    if fmt == "mvt":
        # Concatenated vector tiles are one tile holding all their layers (a tile is a repeated field).
        return tile_cache.cached_composite(
            req.layer.name,
            req.cache_key(fmt),
            [(part.layer.name, part.cache_key(fmt), _build(part, fmt)) for part in parts],
            b"".join,
        )
    # One picture of every part's features, drawn together (areas under points).
    return tile_cache.cached(
        req.layer.name,
        req.cache_key(fmt),
        lambda: render_png([feature for part in parts for feature in tile_features(part)]),
        compress=False,
    )


@require_safe
def tile(request, layer: str, z: str, x: str, y: str, fmt: str, generation: str | None = None):
    fmt = FORMATS.get(fmt, fmt)
    try:
        req = parse_tile_request(layer, z, x, y, request.GET)
    except TileRequestError as error:
        return _bad(error)
    # Exact tiles come through the whole middleware chain (maps.middleware), so request.user is set.
    if req.exact and not is_curator(request.user):
        return _bad(TileRequestError("exact locations are for signed-in curators only", status=403))
    current = tile_cache.generation(req.layer.name)
    if req.layer.parts:
        made = _composite(req, fmt)
    else:
        made = tile_cache.cached(
            req.layer.name, req.cache_key(fmt), _build(req, fmt), generation_token=current
        )
    cache_control = IMMUTABLE if generation == current else CACHE_CONTROL
    response = _respond(request, made, CONTENT_TYPES[fmt], exact=req.exact, cache_control=cache_control)
    response[GENERATION_HEADER] = current
    return response


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
    doc = tilejson(
        found,
        base_url=request.build_absolute_uri("/").rstrip("/"),
        filters=filters,
        fmt=fmt,
        generation=tile_cache.generation(found.name),
    )
    response = JsonResponse(doc, json_dumps_params={"ensure_ascii": False})
    # The document names the current generation's URLs: always asked again (a 304 is cheap).
    response["Cache-Control"] = "public, no-cache"
    response["Access-Control-Allow-Origin"] = "*"
    return response


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
