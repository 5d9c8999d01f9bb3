"""The public map, built with folium and embedded in a Django template (templates/home.html).

Folium writes the Leaflet map (every script and stylesheet it links is our vendored copy: folium's
defaults point at CDNs) and hands it to static/js/map.js, which draws the project's own tiles: one
vector tile per place and zoom, the catalogue (culturalmap.maps.tiles: the base map's places and one
layer per record kind of the registry), under its data generation so the browser keeps it; the
province density layer when asked for; a third-party base map only when one is configured. The
record kinds' names, colours and marker shapes, the base map's look, the tile URLs and the view
reach map.js as the page's JSON "map-config" (`map_config`); map.js keeps the view in the URL and
fills the list beside the map.
"""

import re
from contextlib import suppress
from dataclasses import dataclass, field

import folium
from branca.element import MacroElement
from django.http import QueryDict
from django.templatetags.static import static
from folium.template import Template

from culturalmap.core import records
from culturalmap.core.location import THAILAND_BBOX
from culturalmap.core.thai import ThaiInputError, parse_whole_number
from geodata.models import Province
from geodata.selectors import province_bounds

from .basemap import basemap_config
from .tiles import grid, style
from .tiles.cache import generation
from .tiles.layers import CATALOGUE, PROVINCES, layers
from .tiles.render import marker_points
from .tiles.selectors import pyramid_layer

DEFAULT_VIEW = (13.2, 100.9, 6)  # lat, lon, zoom: the whole country
MIN_ZOOM, MAX_ZOOM = 4, 19
BASEMAP = "basemap"  # the third-party base map, in the URL's `layers`
MAX_QUERY = 200  # the list's search text kept in a shared link


def record_layers() -> list[str]:
    """The record kinds' layers, in the registry's order (all shown when the URL says nothing)."""
    return [kind.layer for kind in records.kinds()]


@dataclass
class MapState:
    """What the URL says about the view: centre, zoom, layers, filters and the list's search text
    (a shared link reproduces it; its language is the page's, `lang=`)."""

    lat: float = DEFAULT_VIEW[0]
    lon: float = DEFAULT_VIEW[1]
    zoom: int = DEFAULT_VIEW[2]
    layers: list[str] = field(default_factory=record_layers)
    basemap: bool = True
    categories: list[str] = field(default_factory=list)
    province: str = ""
    q: str = ""

    @classmethod
    def from_query(cls, query: QueryDict) -> "MapState":
        """A view from the query string; a value that cannot be read keeps the default (this is a
        page's view, not stored data)."""
        state = cls()
        try:
            lat, lon = float(query.get("lat", "")), float(query.get("lon", ""))
            if -85 < lat < 85 and -180 <= lon <= 180:
                state.lat, state.lon = lat, lon
        except ValueError:
            pass
        with suppress(ThaiInputError):  # ², ① or a thousand digits: the default zoom, never a 500
            state.zoom = min(max(parse_whole_number(query.get("z"), separators=False), MIN_ZOOM), MAX_ZOOM)
        if "layers" in query:
            names = {*record_layers(), PROVINCES}
            asked = [n for n in query["layers"].split(",") if n]
            state.layers = [n for n in asked if n in names]
            state.basemap = BASEMAP in asked
        codes = pyramid_layer().categories
        state.categories = [c for c in (query.get("category") or "").split(",") if c in codes]
        province = (query.get("province") or "").strip()
        if province.isdigit() and len(province) == 2 and Province.objects.filter(code=province).exists():
            state.province = province
        state.q = (query.get("q") or "").strip()[:MAX_QUERY]
        return state


class MapStart(MacroElement):
    """Hands the finished map to static/js/map.js, which reads the rest from the page's JSON."""

    _template = Template("""
        {% macro script(this, kwargs) %}
            CulturalMap.start({{ this._parent.get_name() }});
        {% endmacro %}
    """)

    def __init__(self):
        super().__init__()
        self._name = "MapStart"


_VECTORGRID = "vendor/leaflet.vectorgrid-1.3.0/Leaflet.VectorGrid.bundled.min.js"


def _vendored_map(**kwargs) -> folium.Map:
    m = folium.Map(**kwargs)
    # Folium's defaults load Leaflet, jQuery, Bootstrap and Font Awesome from CDNs: only our Leaflet,
    # Leaflet.VectorGrid and the map's own script.
    m.default_js = [
        ("leaflet", static("vendor/leaflet-1.9.4/leaflet.js")),
        ("vectorgrid", static(_VECTORGRID)),
        ("culturalmap", static("js/map.js")),
    ]
    m.default_css = [("leaflet_css", static("vendor/leaflet-1.9.4/leaflet.css"))]
    return m


def tile_url(layer: str, state: MapState, *, exact: bool = False) -> str:
    """The layer's tile URL template under its current data generation, with the view's filters."""
    query = []
    found = layers()[layer]
    chosen = [c for c in state.categories if c in found.categories]
    if chosen:
        query.append("category=" + ",".join(chosen))
    if state.province and layer != PROVINCES:
        query.append("province=" + state.province)
    if exact and found.exact:
        query.append("exact=1")
    path = f"/tiles/v/{generation(layer)}/{layer}/{{z}}/{{x}}/{{y}}.mvt"
    return path + ("?" + "&".join(query) if query else "")


def marker_shapes() -> dict[str, list[list[float]] | None]:
    """Each marker shape as corners around a unit radius (None: drawn as a circle)."""
    shapes = {}
    for shape in records.MARKER_SHAPES:
        corners = marker_points(shape, 0, 0, 1)
        shapes[shape] = None if corners is None else [[round(x, 4), round(y, 4)] for x, y in corners]
    return shapes


def kinds_config(*, language: str) -> dict[str, dict]:
    """The record kinds as static/js/map.js draws and names them, by layer: the kind's code, its name
    (one record) and its layer's title in the page's language, colour, marker style, and its
    categories' names and colours."""
    en = language == "en"
    return {
        kind.layer: {
            "kind": kind.code,
            "name": kind.name_en if en else kind.name_th,
            "title": kind.plural_en if en else kind.name_th,
            "colour": kind.colour,
            "style": kind.map_style.as_json(),
            "categories": {
                c.code: {"name": c.name_en if en else c.name_th, "colour": c.colour} for c in kind.categories
            },
        }
        for kind in records.kinds()
    }


def map_config(state: MapState, *, language: str, exact: bool) -> dict:
    """Everything map.js needs besides the map itself (the page's JSON "map-config")."""
    base = basemap_config(language)
    return {
        "language": language,
        "state": {
            "layers": state.layers,
            "basemap": state.basemap,
            "categories": state.categories,
            "province": state.province,
            "q": state.q,
        },
        "tiles": {CATALOGUE: tile_url(CATALOGUE, state, exact=exact), PROVINCES: tile_url(PROVINCES, state)},
        "exact": exact,
        "recordLayers": record_layers(),
        "kinds": kinds_config(language=language),
        "shapes": marker_shapes(),
        "style": style.map_style(),
        "bounds": list(THAILAND_BBOX),
        "maxNativeZoom": MAX_ZOOM,
        "maxClusterZoom": grid.ASSET_PYRAMID_MAX_LEVEL,
        "provinceBounds": province_bounds(),
        "basemap": {"url": base["url"], "attribution": base["attribution"]},
        "attribution": base["places_attribution"],
    }


def build_map(state: MapState, *, language: str, nonce: str = "") -> dict:
    """The folium map as three pieces for the template: header (links, styles), html (the map's div)
    and script. `nonce`: the response's Content-Security-Policy nonce, put on folium's inline scripts
    (the template puts it on the one that holds `script`)."""
    m = _vendored_map(
        location=[state.lat, state.lon],
        zoom_start=state.zoom,
        tiles=None,
        min_zoom=MIN_ZOOM,
        max_zoom=MAX_ZOOM,
        control_scale=True,
        prefer_canvas=False,
    )
    MapStart().add_to(m)
    figure = m.get_root()
    figure.render()
    return {
        # Folium's own viewport tag forbids pinch-zoom (user-scalable=no): the page keeps base.html's.
        "header": _with_nonce(re.sub(r"<meta name=\"viewport\"[^>]*>", "", figure.header.render()), nonce),
        "html": _with_nonce(figure.html.render(), nonce),
        "script": figure.script.render(),
        "map_id": m.get_name(),
    }


def _with_nonce(html: str, nonce: str) -> str:
    """Folium's inline <script> blocks (its Leaflet flags) carry the CSP nonce; linked ones need none."""
    return html.replace("<script>", f'<script nonce="{nonce}">') if nonce else html
