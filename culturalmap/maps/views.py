"""The home page: the map of the whole catalogue, with its filters, its legend and the list of what is
in view."""

from django.shortcuts import render
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from culturalmap.assets.selectors import catalogue_summary
from culturalmap.core import records
from culturalmap.core.permissions import is_curator
from culturalmap.search.api import MAX_QUERY_LENGTH
from geodata.selectors import province_list

from .basemap import basemap_config
from .page import MapState, build_map, map_config
from .tiles import style
from .tiles.layers import PYRAMID_KIND
from .tiles.render import marker_points


def _map_strings() -> dict:
    """The words map.js writes (popups, the list), in the page's language. The kinds' and their
    categories' names come with the map's config, from the registry."""
    return {
        "assets": _("มรดกทางวัฒนธรรม"),
        "density": _("ต่อ 1,000 ตร.กม."),
        "only_province": _("ดูเฉพาะจังหวัดนี้"),
        "in_view": _("%(n)s รายการในบริเวณนี้"),
        "nothing_here": _("ไม่มีรายการในบริเวณนี้"),
        "list_unavailable": _("ยังแสดงรายการไม่ได้ในขณะนี้"),
        "more": _("ดูทั้ง %(n)s รายการในหน้าค้นหา"),
        "no_place": _("ไม่พบตำบล อำเภอ หรือจังหวัดชื่อนี้"),
    }


def _symbol(shape: str, colour: str, *, r: float = 6, weight: float = 1.5) -> dict:
    """A legend's marker as the map draws it: an SVG path (or circle) in a 20 px box."""
    corners = marker_points(shape, 10, 10, r)
    path = None if corners is None else "M" + " L".join(f"{x:.1f} {y:.1f}" for x, y in corners) + " Z"
    ring = shape == "ring"
    return {
        "path": path,
        "r": r,
        "fill": "#ffffff" if ring else colour,
        "stroke": colour if ring else "#ffffff",
        "weight": 3 if ring else weight,
    }


def legend(language: str, counts: dict[str, int]) -> list[dict]:
    """A row per record kind: its marker and name; the assets' archetypes as filters with their
    colours and counts, another kind's categories with colours of their own as a key."""
    en = language == "en"
    rows = []
    for kind in records.kinds():
        look = kind.map_style
        categories = [
            {
                "code": c.code,
                "name": c.name_en if en else c.name_th,
                "symbol": _symbol(look.shape, c.colour, r=5),
                "count": counts.get(c.code, 0),
            }
            for c in kind.categories
            if c.colour
        ]
        filters = kind.code == PYRAMID_KIND
        rows.append(
            {
                "layer": kind.layer,
                "name": kind.plural_en if en else kind.name_th,
                "symbol": _symbol(look.shape, kind.colour),
                "filters": categories if filters else [],
                "categories": [] if filters else categories,
            }
        )
    return rows


def density_legend() -> list[dict]:
    """The province density classes: colour and the range each stands for (assets per 1,000 km²)."""
    classes = style.DENSITY_CLASSES
    return [
        {"colour": colour, "low": low, "high": classes[i + 1][0] if i + 1 < len(classes) else None}
        for i, (low, colour) in enumerate(classes)
    ]


def home(request):
    """The map of the whole catalogue; the query string holds the view (a shared link reproduces it)."""
    language = get_language() or "th"
    state = MapState.from_query(request.GET)
    summary = catalogue_summary()
    return render(
        request,
        "home.html",
        {
            "summary": summary,
            "map": build_map(state, language=language, nonce=str(request.csp_nonce)),
            "map_config": map_config(state, language=language, exact=is_curator(request.user)),
            "state": state,
            "legend": legend(language, {a["code"]: a["count"] for a in summary["per_archetype"]}),
            "density_legend": density_legend(),
            "cluster_symbol": _symbol("circle", "#555555", r=9.5, weight=0),
            "external_basemap": bool(basemap_config(language)["url"]),
            "provinces": province_list(language),
            "map_strings": _map_strings(),
            "max_query_length": MAX_QUERY_LENGTH,
        },
    )
