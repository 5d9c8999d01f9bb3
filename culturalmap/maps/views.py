"""The home page: the map of the whole catalogue, with its filters and the list of what is in view."""

from django.shortcuts import render
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from culturalmap.assets.selectors import catalogue_summary
from culturalmap.core import records
from culturalmap.core.permissions import is_curator
from culturalmap.search.api import MAX_QUERY_LENGTH
from geodata.selectors import province_list

from .page import MapState, build_map, kinds_config
from .tiles.layers import PYRAMID_KIND


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


def home(request):
    """The map of the whole catalogue; the query string holds the view (a shared link reproduces it)."""
    language = get_language() or "th"
    state = MapState.from_query(request.GET)
    return render(
        request,
        "home.html",
        {
            "summary": catalogue_summary(),
            "map": build_map(
                state, language=language, exact=is_curator(request.user), nonce=str(request.csp_nonce)
            ),
            "state": state,
            "archetypes": records.get(PYRAMID_KIND).categories,
            "provinces": province_list(language),
            "map_strings": _map_strings(),
            "map_kinds": kinds_config(language=language),
            "max_query_length": MAX_QUERY_LENGTH,
        },
    )
