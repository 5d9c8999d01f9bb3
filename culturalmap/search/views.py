"""/search/: the catalogue search as a page (Thai first, works without JavaScript)."""

from urllib.parse import urlencode

from django.shortcuts import render
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from .api import SearchParamsSerializer
from .documents import KIND_LABELS, category_label
from .selectors import IndexMissing, PageOutOfRange, search_catalogue

FILTERS = ("kind", "category", "province", "region", "bbox")


def search_page(request):
    params = SearchParamsSerializer(data=request.GET)
    context = {"q": request.GET.get("q", ""), "errors": [], "page": None}
    if not params.is_valid():
        context["errors"] = [f"{name}: {' '.join(map(str, messages))}"
                             for name, messages in params.errors.items()]
        return render(request, "search/search.html", context, status=400)
    data = params.validated_data
    try:
        page = search_catalogue(q=data["q"], filters=params.filters(), page=data["page"],
                                page_size=data["page_size"])
    except PageOutOfRange as error:
        context["errors"] = [f"page: {error}"]
        return render(request, "search/search.html", context, status=400)
    except IndexMissing:
        context["errors"] = [_("กำลังสร้างดัชนีค้นหา โปรดลองอีกครั้งในไม่ช้า")]
        response = render(request, "search/search.html", context, status=503)
        response["Retry-After"] = "30"
        return response
    english = get_language() == "en"
    current = {name: request.GET.get(name, "") for name in ("q", *FILTERS) if request.GET.get(name)}

    def link(**changes) -> str:
        query = {**current, **changes}
        return "?" + urlencode({k: v for k, v in query.items() if v})

    active = {name: set(filter(None, current.get(name, "").split(","))) for name in FILTERS}
    facets = []
    for name, title in (("kind", _("ประเภทข้อมูล")), ("category", _("หมวดหมู่")),
                        ("province", _("จังหวัด")), ("region", _("ภาค"))):
        values = [{
            "label": v.label_en if english else v.label_th, "count": v.count,
            "active": v.value in active[name],
            "url": link(**{name: "" if v.value in active[name] else v.value, "page": ""}),
        } for v in page.facets[name]]
        if values:
            facets.append({"name": name, "title": title, "values": values})
    results = [{
        "hit": hit,
        "kind_label": KIND_LABELS[hit.kind][1 if english else 0],
        "category_label": category_label(hit.kind, hit.category, "en" if english else "th")
        if hit.category else "",
        "province_label": hit.province["name_en" if english else "name_th"],
        "name": hit.highlights.get("name_en" if english else "name_th")
        or (hit.name_en if english else hit.name_th) or hit.name_th or hit.name_en,
        "other_name": (hit.name_th if english else hit.name_en),
        "snippet": hit.highlights.get("description_en" if english else "description_th")
        or hit.highlights.get("description_th" if english else "description_en", ""),
    } for hit in page.results]
    context.update({
        "page": page, "facets": facets, "results": results,
        "remove_links": [{"name": name, "value": current[name], "url": link(**{name: "", "page": ""})}
                         for name in FILTERS if current.get(name)],
        "previous_url": link(page=page.page - 1) if page.page > 1 else "",
        "next_url": link(page=page.page + 1) if page.page < page.pages else "",
        "first_result": (page.page - 1) * page.page_size + 1,
    })
    return render(request, "search/search.html", context)
