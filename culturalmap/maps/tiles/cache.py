"""The server-side tile cache, the layers' data generations and their invalidation.

Each layer has a generation token; a tile's key includes it, and so does the tile's URL on the map
(/tiles/v/<generation>/…), so a browser may keep a tile for good: a changed record gives the layer a
new generation, hence new URLs. When a record changes, `culturalmap.core.changes` calls
`records_changed` after the commit and the layers showing that kind get a new random token, so every
process stops finding the old tiles at once and a visitor never sees a moved or deleted record once
its change is committed. A random token, not a counter, so two concurrent bumps can never leave a
stale generation behind (no lost increment). A composite layer's generation is made of its parts',
and its tile is joined from their cached tiles.

The tokens live in the database (TILE_GENERATION_CACHE), not with the tiles in a node's own files:
every app node reads the same generation, so a change made through one retires every node's tiles.

A tile is kept with its gzip (made once, when the tile is made) for the browsers that accept it.
"""

import gzip
import hashlib
import random
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.filebased import FileBasedCache
from django.db import DEFAULT_DB_ALIAS, connection

from culturalmap.core.routers import reads_from

from .layers import layers, layers_for_kind

TILE_TIMEOUT = 7 * 24 * 3600
GZIP_MIN_BYTES = 200  # smaller bodies gain nothing (Django's GZipMiddleware's threshold)


class TileFileCache(FileBasedCache):
    """Django's file cache, culled now and then instead of on every write: its cull lists the whole
    directory, which with tens of thousands of tiles would cost more than making the tile."""

    CULL_CHANCE = 0.002

    def _cull(self):
        if random.random() < self.CULL_CHANCE:
            super()._cull()


def _cache():
    return caches[getattr(settings, "TILE_CACHE", "default")]


def _prefix() -> str:
    # Several databases (test runs, the dev site) may share one cache directory.
    return f"tiles:{connection.settings_dict['NAME']}"


def _generations():
    return caches[settings.TILE_GENERATION_CACHE]


def _new_token() -> str:
    return uuid.uuid4().hex[:12]


def _tokens(names: tuple[str, ...]) -> dict[str, str]:
    cache = _generations()
    keys = {f"{_prefix()}:gen:{name}": name for name in names}
    found = cache.get_many(list(keys))
    for key in keys.keys() - found.keys():
        token = _new_token()
        if not cache.add(key, token, timeout=None):  # another process's came first: read it where written
            with reads_from(DEFAULT_DB_ALIAS):
                token = cache.get(key) or "0"
        found[key] = token
    return {name: found[key] for key, name in keys.items()}


def generation(layer: str) -> str:
    """The layer's data generation, as tile URLs carry it (a composite's from its parts')."""
    parts = layers()[layer].parts
    if not parts:
        return _tokens((layer,))[layer]
    return _joined(_tokens(parts))


def _joined(tokens: dict[str, str]) -> str:
    return hashlib.blake2b("".join(tokens.values()).encode(), digest_size=6).hexdigest()


def invalidate(layers: list[str]) -> None:
    cache = _generations()
    cache.set_many({f"{_prefix()}:gen:{layer}": _new_token() for layer in layers}, timeout=None)


def records_changed(kind: str, ids: list[int]) -> None:
    """The `changes.listen` listener."""
    invalidate(layers_for_kind(kind))


def invalidate_all() -> None:
    invalidate([name for name, layer in layers().items() if not layer.parts])


@dataclass(frozen=True)
class Tile:
    body: bytes
    etag: str
    gzipped: bytes | None = None  # the body gzipped, when that is worth it
    # For a tile just made: puts it (and the parts it was joined from) in the cache. The view calls it
    # after the response is sent.
    stores: tuple[Callable[[], None], ...] = field(default=())

    def store(self) -> None:
        for store in self.stores:
            store()


def _made(body: bytes, full_key: str, stores: tuple[Callable[[], None], ...] = (), *, compress: bool) -> Tile:
    etag = '"' + hashlib.blake2b(body, digest_size=12).hexdigest() + '"'
    worth = compress and len(body) >= GZIP_MIN_BYTES
    gzipped = gzip.compress(body, compresslevel=6, mtime=0) if worth else None

    def store() -> None:
        _cache().set(full_key, (body, etag, gzipped), timeout=TILE_TIMEOUT)

    return Tile(body, etag, gzipped, (*stores, store))


def cached(
    layer: str,
    key: str,
    build: Callable[[], bytes],
    *,
    generation_token: str | None = None,
    compress: bool = True,
) -> Tile:
    """A tile or document of `layer`, built once per generation; `compress`: kept gzipped too (not
    for a PNG, compressed already)."""
    token = generation_token or generation(layer)
    full_key = f"{_prefix()}:{layer}:{token}:{key}"
    hit = _cache().get(full_key)
    if hit is not None:
        return Tile(*hit)
    return _made(build(), full_key, compress=compress)


def cached_composite(
    layer: str,
    key: str,
    parts: list[tuple[str, str, Callable[[], bytes]]],
    join: Callable[[list[bytes]], bytes],
) -> Tile:
    """A composite tile: joined from its parts' tiles, each (layer, key, build) taken from the cache or
    built, once per generation of the parts."""
    tokens = _tokens(layers()[layer].parts)
    full_key = f"{_prefix()}:{layer}:{_joined(tokens)}:{key}"
    hit = _cache().get(full_key)
    if hit is not None:
        return Tile(*hit)
    tiles = [cached(name, part_key, build, generation_token=tokens[name]) for name, part_key, build in parts]
    stores = tuple(store for tile in tiles for store in tile.stores)
    return _made(join([tile.body for tile in tiles]), full_key, stores, compress=True)
