"""The public map, built with folium and embedded in a Django template (templates/home.html).

Folium writes the Leaflet map, its layers and the layer control; every script and stylesheet it links
is our vendored copy (folium's defaults point at CDNs), and the layers are the project's own tiles:
the province raster as the base (drawn even with no internet), the configured base map over it, and
one vector-tile layer per kind of record in the registry (culturalmap.core.records). The archetypes
are filters of the assets layer (one tile request per view, clusters counted across the chosen
archetypes). static/js/map.js styles the features with the kinds' colours and marker styles (the
page's JSON "map-kinds", from `kinds_config`), keeps the map state in the URL and fills the list
beside the map.
"""

import re
from contextlib import suppress
from dataclasses import dataclass, field

import folium
from branca.element import MacroElement
from django.http import QueryDict
from django.templatetags.static import static
from folium.elements import JSCSSMixin
from folium.map import Layer
from folium.template import Template

from culturalmap.core import records
from culturalmap.core.thai import ThaiInputError, parse_whole_number
from geodata.models import Province
from geodata.selectors import province_bounds

from .basemap import basemap_config
from .tiles import grid
from .tiles.layers import PROVINCES, layers
from .tiles.selectors import pyramid_layer


def vector_layers() -> list[tuple[str, str | None, bool]]:
    """The layers the visitor can switch on and off, in the layer control's order: each record kind's
    (in the registry's order, on when the URL says nothing) with its kind, then asset density by
    province (off)."""
    return [(kind.layer, kind.code, True) for kind in records.kinds()] + [(PROVINCES, None, False)]


DEFAULT_VIEW = (13.2, 100.9, 6)  # lat, lon, zoom: the whole country
MIN_ZOOM, MAX_ZOOM = 4, 19


@dataclass
class MapState:
    """What the URL says about the view: centre, zoom, layers and filters (a shared link)."""

    lat: float = DEFAULT_VIEW[0]
    lon: float = DEFAULT_VIEW[1]
    zoom: int = DEFAULT_VIEW[2]
    layers: list[str] = field(default_factory=lambda: [n for n, _, on in vector_layers() if on])
    basemap: bool = True
    categories: list[str] = field(default_factory=list)
    province: str = ""

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
            names = {n for n, _, _ in vector_layers()}
            asked = [n for n in query["layers"].split(",") if n]
            state.layers = [n for n in asked if n in names]
            state.basemap = "basemap" in asked
        codes = pyramid_layer().categories
        state.categories = [c for c in (query.get("category") or "").split(",") if c in codes]
        province = (query.get("province") or "").strip()
        if province.isdigit() and len(province) == 2 and Province.objects.filter(code=province).exists():
            state.province = province
        return state


_VECTORGRID = "vendor/leaflet.vectorgrid-1.3.0/Leaflet.VectorGrid.bundled.min.js"


class VectorTileLayer(JSCSSMixin, Layer):
    """One of the project's vector-tile layers (Leaflet.VectorGrid, styled by static/js/map.js)."""

    _template = Template("""
        {% macro script(this, kwargs) %}
            var {{ this.get_name() }} = CulturalMap.vectorLayer(
                {{ this.layer|tojson }}, {{ this.url|tojson }});
        {% endmacro %}
    """)

    def __init__(self, layer: str, url: str, name: str, show: bool):
        super().__init__(name=name, overlay=True, control=True, show=show)
        self._name = "VectorTileLayer"
        self.layer, self.url = layer, url
        self.default_js = [("vectorgrid", static(_VECTORGRID)), ("culturalmap", static("js/map.js"))]
        self.default_css = []


class MapStart(MacroElement):
    """Hands the finished map and its layers to static/js/map.js (URL state, list, labels)."""

    _template = Template("""
        {% macro script(this, kwargs) %}
            CulturalMap.start({{ this._parent.get_name() }}, {
                {%- for name, layer in this.layers.items() %}
                {{ name|tojson }}: {{ layer.get_name() }},{% endfor %}
            }, {{ this.basemap }}, {{ this.config|tojson }});
        {% endmacro %}
    """)

    def __init__(self, layers: dict[str, Layer], basemap: Layer | None, config: dict):
        super().__init__()
        self._name = "MapStart"
        self.layers, self.config = layers, config
        self.basemap = basemap.get_name() if basemap is not None else "null"


def _vendored_map(**kwargs) -> folium.Map:
    m = folium.Map(**kwargs)
    # Folium's defaults load Leaflet, jQuery, Bootstrap and Font Awesome from CDNs: only our Leaflet.
    m.default_js = [("leaflet", static("vendor/leaflet-1.9.4/leaflet.js"))]
    m.default_css = [("leaflet_css", static("vendor/leaflet-1.9.4/leaflet.css"))]
    return m


def tile_url(layer: str, state: MapState, *, exact: bool = False) -> str:
    query = []
    if state.categories and layers()[layer].categories.keys() >= set(state.categories):
        query.append("category=" + ",".join(state.categories))
    if state.province:
        query.append("province=" + state.province)
    if exact and layers()[layer].exact:
        query.append("exact=1")
    return f"/tiles/{layer}/{{z}}/{{x}}/{{y}}.mvt" + ("?" + "&".join(query) if query else "")


def kinds_config(*, language: str) -> dict[str, dict]:
    """The record kinds as static/js/map.js draws and names them, by layer: the kind's code, its name
    in the page's language, colour, marker style, and its categories' names and colours."""
    en = language == "en"
    return {
        kind.layer: {
            "kind": kind.code,
            "name": kind.name_en if en else kind.name_th,
            "colour": kind.colour,
            "style": kind.map_style.as_json(),
            "categories": {
                c.code: {"name": c.name_en if en else c.name_th, "colour": c.colour} for c in kind.categories
            },
        }
        for kind in records.kinds()
    }


def build_map(state: MapState, *, language: str, exact: bool = False, nonce: str = "") -> dict:
    """The folium map as three pieces for the template: header (links, styles), html (the map's div)
    and script. `exact`: a curator's map, with at-risk assets at their exact location. `nonce`: the
    response's Content-Security-Policy nonce, put on folium's inline scripts (the template puts it
    on the one that holds `script`)."""
    basemap = basemap_config()
    m = _vendored_map(
        location=[state.lat, state.lon],
        zoom_start=state.zoom,
        tiles=None,
        min_zoom=MIN_ZOOM,
        max_zoom=MAX_ZOOM,
        control_scale=True,
        prefer_canvas=False,
    )
    th = language != "en"
    folium.TileLayer(
        tiles=basemap["own"],
        attr="จังหวัด: แผนที่ทุนวัฒนธรรมไทย" if th else "Provinces: Thailand cultural map",
        name="จังหวัด (แผนที่ของเว็บไซต์)" if th else "Provinces (this site's own map)",
        overlay=False,
        control=False,
        max_zoom=MAX_ZOOM,
    ).add_to(m)
    base_layer = None
    if basemap["url"]:
        base_layer = folium.TileLayer(
            tiles=basemap["url"],
            attr=basemap["attribution"],
            name="แผนที่ฐาน" if th else "Base map",
            overlay=True,
            control=True,
            show=state.basemap,
            max_zoom=MAX_ZOOM,
            z_index=2,
        )
        base_layer.add_to(m)
    shown = {}
    for name, _kind, _on in vector_layers():
        layer = layers()[name]
        title = layer.title_th if th else layer.title_en
        if name == PROVINCES:
            title = "ความหนาแน่นของมรดกรายจังหวัด" if th else "Asset density by province"
        url = tile_url(name, state, exact=exact)
        shown[name] = VectorTileLayer(name, url, title, show=name in state.layers)
        shown[name].add_to(m)
    # autoZIndex off: the layers keep their own order (province density under the records).
    folium.LayerControl(collapsed=False, position="topright", autoZIndex=False).add_to(m)
    config = {
        "language": "en" if not th else "th",
        "state": {"categories": state.categories, "province": state.province},
        "maxClusterZoom": grid.ASSET_PYRAMID_MAX_LEVEL,
        "provinceBounds": province_bounds(),
    }
    MapStart(shown, base_layer, config).add_to(m)

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
