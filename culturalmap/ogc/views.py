"""The OGC API's views: parse, read a document or a page of features, answer in the format asked."""

import json
from collections.abc import Callable
from functools import wraps

from django.shortcuts import render
from django.views.decorators.http import require_safe

from culturalmap.core import records
from culturalmap.core.records import RecordKind

from . import documents, features, openapi, params, responses, tilematrix
from .params import OgcRequestError


def _base(request) -> str:
    return request.build_absolute_uri("/").rstrip("/")


def _kind(collection_id: str) -> RecordKind:
    kind = records.by_layer(collection_id)
    if kind is None:
        raise OgcRequestError(
            f"no collection {collection_id!r}; collections: {', '.join(k.layer for k in records.kinds())}",
            status=404,
            code="NotFound",
        )
    return kind


def ogc(view: Callable) -> Callable:
    """GET and HEAD only; a bad request becomes its OGC exception document."""

    @require_safe
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except OgcRequestError as problem:
            return responses.error(request, problem)

    return wrapped


def _answer(request, doc: dict, template: str, content_type: str = documents.JSON, **context):
    params.check_known(request.GET, ())
    if responses.wants(request, ("json", "html")) == "html":
        return render(request, template, {"doc": doc, **context})
    return responses.document(request, doc, content_type)


@ogc
def landing(request):
    return _answer(request, documents.landing(_base(request)), "ogc/landing.html")


@ogc
def conformance(request):
    return _answer(request, documents.conformance(), "ogc/conformance.html")


@ogc
def api(request):
    params.check_known(request.GET, ())
    return responses.document(request, openapi.definition(_base(request)), documents.OPENAPI)


@ogc
def collections(request):
    doc = documents.collections(_base(request))
    return _answer(request, doc, "ogc/collections.html")


@ogc
def collection(request, collection_id: str):
    kind = _kind(collection_id)
    doc = documents.collection(kind, _base(request))
    return _answer(request, doc, "ogc/collection.html", columns=features.columns(kind))


@ogc
def queryables(request, collection_id: str):
    kind = _kind(collection_id)
    return _answer(
        request, documents.queryables(kind, _base(request)), "ogc/queryables.html", documents.SCHEMA
    )


@ogc
def items(request, collection_id: str):
    kind = _kind(collection_id)
    filters = params.item_filters(kind, request.GET)
    limit, offset = params.limit_offset(request.GET)
    fmt = responses.wants(request, ("json", "html"))
    base = _base(request)
    page = features.feature_page(kind, filters, limit=limit, offset=offset, base_url=base)

    def request_url(**changes) -> str:
        query = request.GET.copy()
        for name, value in changes.items():
            query[name] = str(value)
        if "f" not in changes:
            query.pop("f", None)
        return f"{base}{request.path}" + (f"?{query.urlencode()}" if query else "")

    links = documents.items_links(
        kind, request_url, offset=offset, limit=limit, matched=page.matched, base=base
    )
    if fmt == "html":
        return render(
            request,
            "ogc/items.html",
            {
                "kind": kind,
                "title": documents.collection_title(kind),
                "features": json.loads(page.features),
                "page": page,
                "offset": offset,
                "links": {link["rel"]: link["href"] for link in links},
                "json_url": request_url(f="json"),
            },
        )
    head = {
        "type": "FeatureCollection",
        "numberMatched": page.matched,
        "numberReturned": page.returned,
        "links": links,
    }
    # The features' text is PostgreSQL's: spliced in, never parsed.
    body = json.dumps(head, ensure_ascii=False)[:-1] + ',"features":' + page.features + "}"
    return responses.document(request, body, documents.GEOJSON)


@ogc
def item(request, collection_id: str, feature_id: str):
    kind = _kind(collection_id)
    params.check_known(request.GET, ())
    base = _base(request)
    found = features.feature(kind, feature_id, base_url=base)
    if found is None:
        raise OgcRequestError(
            f"no public {kind.name_en.lower()} has the code {feature_id!r}", status=404, code="NotFound"
        )
    url = f"{base}/ogc/collections/{kind.layer}"
    links = [
        documents.link(f"{url}/items/{feature_id}", "self", documents.GEOJSON, "This feature"),
        documents.link(base + kind.url(feature_id), "alternate", documents.HTML, "The record's page"),
        documents.link(url, "collection", documents.JSON, documents.collection_title(kind)),
    ]
    if responses.wants(request, ("json", "html")) == "html":
        return render(
            request,
            "ogc/item.html",
            {
                "kind": kind,
                "feature": json.loads(found),
                "links": links,
                "title": documents.collection_title(kind),
            },
        )
    body = found[:-1] + ',"links":' + json.dumps(links, ensure_ascii=False) + "}"
    return responses.document(request, body, documents.GEOJSON)


@ogc
def tilesets(request, collection_id: str):
    kind = _kind(collection_id)
    params.check_known(request.GET, ())
    return responses.document(request, documents.tilesets(kind, _base(request)), documents.JSON)


@ogc
def tileset(request, collection_id: str):
    kind = _kind(collection_id)
    params.check_known(request.GET, ())
    return responses.document(request, documents.tileset(kind, _base(request)), documents.JSON)


@ogc
def tile_matrix_sets(request):
    params.check_known(request.GET, ())
    return responses.document(request, documents.tile_matrix_sets(_base(request)), documents.JSON)


@ogc
def tile_matrix_set(request, tms_id: str):
    params.check_known(request.GET, ())
    if tms_id != "WebMercatorQuad":
        raise OgcRequestError(
            f"no tile matrix set {tms_id!r}; offered: WebMercatorQuad", status=404, code="NotFound"
        )
    return responses.document(request, tilematrix.definition(), documents.JSON)
