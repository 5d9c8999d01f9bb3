from django.shortcuts import render
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from culturalmap.assets.archetypes import ARCHETYPES
from culturalmap.assets.selectors import catalogue_summary
from culturalmap.core.permissions import is_curator
from culturalmap.search.api import MAX_QUERY_LENGTH
from geodata.selectors import province_list
from learningcity.models import SpaceType, english

from .map_page import MapState, build_map


def _map_strings(language: str) -> dict:
    """The words map.js writes (popups, the list), in the page's language."""
    en = language == "en"
    strings = {
        "assets": _("มรดกทางวัฒนธรรม"),
        "density": _("ต่อ 1,000 ตร.กม."),
        "only_province": _("ดูเฉพาะจังหวัดนี้"),
        "in_view": _("%(n)s รายการในบริเวณนี้"),
        "nothing_here": _("ไม่มีรายการในบริเวณนี้"),
        "list_unavailable": _("ยังแสดงรายการไม่ได้ในขณะนี้"),
        "more": _("ดูทั้ง %(n)s รายการในหน้าค้นหา"),
        "kind_asset": _("มรดกทางวัฒนธรรม"),
        "kind_district": _("ย่านวัฒนธรรม"),
        "kind_market": _("ตลาดวัฒนธรรม"),
        "kind_city": _("เมืองวัฒนธรรม"),
        "kind_learning_city": _("เมืองแห่งการเรียนรู้"),
        "kind_learning_space": _("พื้นที่การเรียนรู้"),
        "no_place": _("ไม่พบตำบล อำเภอ หรือจังหวัดชื่อนี้"),
    }
    for code, th, label_en in ARCHETYPES:
        strings[f"cat_{code}"] = label_en if en else th
    for choice in SpaceType:
        strings[f"cat_{choice.value}"] = english(choice.label) if en else str(choice.label)
    return strings


def home(request):
    """The map of the whole catalogue; the query string holds the view (a shared link reproduces it)."""
    language = get_language() or "th"
    state = MapState.from_query(request.GET)
    return render(
        request,
        "home.html",
        {
            "summary": catalogue_summary(),
            "map": build_map(state, language=language, exact=is_curator(request.user)),
            "state": state,
            "archetypes": ARCHETYPES,
            "provinces": province_list(language),
            "map_strings": _map_strings(language),
            "max_query_length": MAX_QUERY_LENGTH,
        },
    )
