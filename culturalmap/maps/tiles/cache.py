"""The server-side tile cache and its invalidation.

Each layer has a generation token in the cache; a tile's key includes it. When a record changes,
`culturalmap.core.changes` calls `records_changed` after the commit and the layers showing that kind
get a new random token, so every process stops finding the old tiles at once and a visitor never sees
a moved or deleted record once its change is committed. A random token, not a counter, so two
concurrent bumps can never leave a stale generation behind (no lost increment).

The tokens live in the database (TILE_GENERATION_CACHE), not with the tiles in a node's own files:
every app node reads the same generation, so a change made through one retires every node's tiles.
"""

import hashlib
import random
import uuid
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.filebased import FileBasedCache
from django.db import DEFAULT_DB_ALIAS, connection

from culturalmap.core.routers import reads_from

from .layers import layers, layers_for_kind

TILE_TIMEOUT = 7 * 24 * 3600


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


def generation(layer: str) -> str:
    cache = _generations()
    key = f"{_prefix()}:gen:{layer}"
    token = cache.get(key)
    if token is None:
        token = uuid.uuid4().hex
        if not cache.add(key, token, timeout=None):  # another process's came first: read it where written
            with reads_from(DEFAULT_DB_ALIAS):
                token = cache.get(key) or "0"
    return token


def invalidate(layers: list[str]) -> None:
    cache = _generations()
    cache.set_many({f"{_prefix()}:gen:{layer}": uuid.uuid4().hex for layer in layers}, timeout=None)


def records_changed(kind: str, ids: list[int]) -> None:
    """The `changes.listen` listener."""
    invalidate(layers_for_kind(kind))


def invalidate_all() -> None:
    invalidate(list(layers()))


@dataclass(frozen=True)
class Tile:
    body: bytes
    etag: str
    # For a tile just made: puts it in the cache. The view calls it after the response is sent.
    store: Callable[[], None] | None = None


def cached(layer: str, key: str, build: Callable[[], bytes]) -> Tile:
    """A tile or document of `layer`, built once per generation."""
    cache = _cache()
    full_key = f"{_prefix()}:{layer}:{generation(layer)}:{key}"
    hit = cache.get(full_key)
    if hit is not None:
        return Tile(*hit)
    body = build()
    etag = '"' + hashlib.blake2b(body, digest_size=12).hexdigest() + '"'
    return Tile(body, etag, store=lambda: cache.set(full_key, (body, etag), timeout=TILE_TIMEOUT))
