"""What every map draws under its layers: the project's own base map (provinces, districts and
sub-districts from geodata, culturalmap.maps.tiles.places), and a third-party base map only when one
is configured (settings.BASEMAP_TILE_URL, empty by default: no page asks another host for anything).

The map page draws the places from its vector tiles; the small maps of the record pages draw the same
places as PNG tiles (one picture per tile, no vector library to load). Pages get it through the
`basemap` context processor and templates/map/_basemap.html, so the domain pages with a small map
(assets, places, learning cities) need nothing of the map app.
"""

from django.conf import settings

from .tiles.cache import generation
from .tiles.layers import PLACES

# The geography's sources and licences (geodata/data/README.md, in full on the about-the-data page):
# the attribution every map shows.
PLACES_ATTRIBUTION = {
    "th": '<a href="/about-the-data/">แผนที่ฐาน</a>: OpenGISData-Thailand, กรมแผนที่ทหาร/OCHA HDX (CC BY-IGO), '
    "กรมการปกครอง (CC BY)",
    "en": '<a href="/about-the-data/">Base map</a>: OpenGISData-Thailand, '
    "Royal Thai Survey Department/OCHA HDX (CC BY-IGO), DOPA (CC BY)",
}


def basemap_config(language: str = "th") -> dict:
    return {
        "own": f"/tiles/v/{generation(PLACES)}/{PLACES}/{{z}}/{{x}}/{{y}}.png",
        "url": getattr(settings, "BASEMAP_TILE_URL", "") or "",
        "attribution": getattr(settings, "BASEMAP_ATTRIBUTION", ""),
        "places_attribution": PLACES_ATTRIBUTION["en" if language == "en" else "th"],
    }


def basemap(request) -> dict:
    """Context processor: `basemap` for the page's maps (static/js/basemap.js reads it)."""
    return {"basemap": basemap_config(getattr(request, "LANGUAGE_CODE", "th"))}
