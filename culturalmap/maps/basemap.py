"""What a map page draws under its layers: the project's own province tiles, then the configured base
map (settings.BASEMAP_TILE_URL; empty = none). Province tiles come first, so with the base map off or
unreachable the map still shows Thailand."""

from django.conf import settings


def basemap_config() -> dict:
    return {
        "own": "/tiles/provinces/{z}/{x}/{y}.png",
        "url": getattr(settings, "BASEMAP_TILE_URL", "") or "",
        "attribution": getattr(settings, "BASEMAP_ATTRIBUTION", ""),
    }
