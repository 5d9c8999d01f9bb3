"""/search/: the catalogue search as a page (Thai first, works without JavaScript)."""

from urllib.parse import urlencode

from django.shortcuts import render
from django.utils.translation import get_language, pgettext
from django.utils.translation import gettext as _

from . import sync
from .api import MAX_QUERY_LENGTH, SearchParamsSerializer
from .documents import category_label, kind_labels
from .places import map_view, read_address
from .selectors import IndexMissing, PageOutOfRange, facet_label, search_catalogue

FILTERS = ("kind", "category", "archetype", "province", "region", "amphoe", "tambon", "bbox")
# A district or sub-district facet is listed when it narrows something a visitor chose, or is short.
SHORT_FACET = 12
BANGKOK = "10"  # a special administrative area: never called จังหวัด


def _parameter_labels() -> dict[str, str]:
    # q's own messages name the search words, so they need no label in front.
    return {
        "kind": _("ประเภทข้อมูล"),
        "category": _("หมวดหมู่"),
        "archetype": _("ประเภทมรดก"),
        "province": _("จังหวัด"),
        "region": _("ภาค"),
        "amphoe": _("อำเภอ/เขต"),
        "tambon": _("ตำบล/แขวง"),
        "bbox": _("พื้นที่บนแผนที่"),
        "page": pgettext("search parameter", "หน้า"),
        "page_size": _("จำนวนรายการต่อหน้า"),
    }


def _chip_label(name: str, value: str, lang: str) -> str:
    """An active filter as a visitor reads it: จังหวัดลำปาง, not province=52."""
    label = facet_label("category" if name == "archetype" else name, value, lang)
    if name == "archetype":  # beside a category chip of the same name, say which filter it is
        return f"{_('ประเภทมรดก')}: {label}"
    if name == "province" and lang != "en" and value != BANGKOK:
        return f"จังหวัด{label}"
    return label


def _facets(counts: dict, *, active: dict, english: bool, link) -> list[dict]:
    """The facet lists beside the results; a long district or sub-district list waits until a
    province (or district) narrows it."""
    facets = []
    for name, title in (
        ("kind", _("ประเภทข้อมูล")),
        ("category", _("หมวดหมู่")),
        ("province", _("จังหวัด")),
        ("amphoe", _("อำเภอ/เขต")),
        ("tambon", _("ตำบล/แขวง")),
        ("region", _("ภาค")),
    ):
        values = counts[name]
        narrowed = {"amphoe": active["province"], "tambon": active["amphoe"] or active["tambon"]}
        if name in narrowed and not narrowed[name] and len(values) > SHORT_FACET:
            continue
        if english:  # the selector orders equal counts by their Thai names
            values = sorted(values, key=lambda v: (-v.count, v.label_en.casefold()))
        values = [
            {
                "label": v.label_en if english else v.label_th,
                "count": v.count,
                "active": v.value in active[name],
                "url": link(**{name: "" if v.value in active[name] else v.value, "page": ""}),
            }
            for v in values
        ]
        if values:
            facets.append({"name": name, "title": title, "values": values})
    return facets


def search_page(request):
    params = SearchParamsSerializer(data=request.GET)
    context = {
        "q": request.GET.get("q", ""),
        "errors": [],
        "page": None,
        "max_query_length": MAX_QUERY_LENGTH,
    }
    if not params.is_valid():
        labels = _parameter_labels()
        context["errors"] = [
            f"{labels[name]}: {message}" if name in labels else str(message)
            for name, messages in params.errors.items()
            for message in messages
        ]
        return render(request, "search/search.html", context, status=400)
    sync.retry_when_due()  # changes an earlier index write could not take
    data = params.validated_data
    # "ตำบลบ้านแลง", "บ้านแลง ลำปาง": what lies in the one place named; several named: which one?
    q, filters, places, place = read_address(data["q"], params.filters())
    try:
        page = search_catalogue(q=q, filters=filters, page=data["page"], page_size=data["page_size"])
    except PageOutOfRange as error:
        context["errors"] = [error.reason]
        return render(request, "search/search.html", context, status=400)
    except IndexMissing:
        context["errors"] = [_("กำลังสร้างดัชนีค้นหา โปรดลองอีกครั้งในไม่ช้า")]
        response = render(request, "search/search.html", context, status=503)
        response["Retry-After"] = str(IndexMissing.RETRY_SECONDS)
        return response
    lang = "en" if get_language() == "en" else "th"
    english = lang == "en"
    current = {name: request.GET.get(name, "") for name in ("q", *FILTERS) if request.GET.get(name)}

    def link(**changes) -> str:
        query = {**current, **changes}
        return "?" + urlencode({k: v for k, v in query.items() if v})

    active = {name: data.get(name, ()) for name in FILTERS if name != "bbox"}
    if place is not None:  # the place the query named is the filter now: links keep it
        current = {**current, "q": "", place.level: place.code}
        active[place.level] = (place.code,)
    facets = _facets(page.facets, active=active, english=english, link=link)
    # One chip per active value; its ✕ removes that value and keeps the others.
    chips = [
        {
            "label": _chip_label(name, value, lang),
            "url": link(**{name: ",".join(v for v in values if v != value), "page": ""}),
        }
        for name, values in active.items()
        for value in values
    ]
    if data.get("bbox"):
        chips.append({"label": _("พื้นที่บนแผนที่"), "url": link(bbox="", page="")})
    kinds = kind_labels()
    results = [
        {
            "hit": hit,
            "kind_label": kinds[hit.kind][1 if english else 0],
            "category_label": category_label(hit.kind, hit.category, lang) if hit.category else "",
            "province_label": hit.province["name_en" if english else "name_th"],
            "name": hit.highlights.get("name_en" if english else "name_th")
            or (hit.name_en if english else hit.name_th)
            or hit.name_th
            or hit.name_en,
            "other_name": (hit.name_th if english else hit.name_en),
            "snippet": hit.highlights.get("description_en" if english else "description_th")
            or hit.highlights.get("description_th" if english else "description_en", ""),
        }
        for hit in page.results
    ]
    context.update(
        {
            "page": page,
            "place": place,
            "place_label": (place.label_en if english else place.label_th) if place else "",
            "place_map_url": "/?" + urlencode(map_view(place.bbox)) if place else "",
            "other_places": [
                {
                    "label": p.label_en if english else p.label_th,
                    "url": link(q="", page="", **{p.level: p.code}),
                }
                for p in places
            ]
            if place is None
            else [],
            "facets": facets,
            "results": results,
            "chips": chips,
            # The filters a new search from the box keeps.
            "kept_filters": [(name, current[name]) for name in FILTERS if current.get(name)],
            "previous_url": link(page=page.page - 1) if page.page > 1 else "",
            "next_url": link(page=page.page + 1) if page.page < page.pages else "",
            "first_result": (page.page - 1) * page.page_size + 1,
        }
    )
    return render(request, "search/search.html", context)
