"""What every map draws under its layers: the project's own province tiles, then the configured base
map (settings.BASEMAP_TILE_URL; empty = none). Province tiles come first, so with the base map off or
unreachable the map still shows Thailand.

Pages get it through the `basemap` context processor and templates/map/_basemap.html, so the domain
pages with a small map (assets, places, learning cities) need nothing of the map app.
"""

from django.conf import settings


def basemap_config() -> dict:
    return {
        "own": "/tiles/provinces/{z}/{x}/{y}.png",
        "url": getattr(settings, "BASEMAP_TILE_URL", "") or "",
        "attribution": getattr(settings, "BASEMAP_ATTRIBUTION", ""),
    }


def basemap(request) -> dict:
    """Context processor: `basemap` for the page's maps (static/js/basemap.js reads it)."""
    return {"basemap": basemap_config()}
