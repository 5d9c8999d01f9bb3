"""Reading a tile request from its URL and query string, with a clear message for every bad input."""

import re

from django.http import QueryDict

from culturalmap.core.thai import MAX_NUMBER_LENGTH, ThaiInputError, parse_whole_number
from geodata.models import Province

from . import grid
from .layers import Layer, exact_layers, layers
from .selectors import TileFilters, TileRequest

_PROVINCE_CODE = re.compile(r"^[0-9]{2}$")


class TileRequestError(ValueError):
    """Bad tile input; `status` is the HTTP status to answer with."""

    def __init__(self, message: str, status: int = 400):
        super().__init__(message)
        self.status = status


def layer_named(name: str) -> Layer:
    found = layers()
    layer = found.get(name)
    if layer is None:
        raise TileRequestError(f"unknown layer {name!r}; layers: {', '.join(found)}", status=404)
    return layer


def _int(name: str, text: str) -> int:
    # The one number parser (ASCII or Thai digits; not ², ① or thousands of digits); a large number
    # it reads is a tile out of range, said below.
    try:
        return parse_whole_number(text, separators=False)
    except ThaiInputError:
        shown = text if len(text) <= 20 else text[:20] + "…"
        raise TileRequestError(
            f"{name} must be a whole number ≥ 0 of at most {MAX_NUMBER_LENGTH} digits, not {shown!r}"
        ) from None


def parse_filters(layer: Layer, query: QueryDict) -> TileFilters:
    """`category=` (repeatable or a comma list; the layer's category codes) and `province=` (2 digits)."""
    unknown = sorted(set(query) - {"category", "province", "v"})
    if unknown:
        raise TileRequestError(f"unknown parameter(s): {', '.join(unknown)}; use category= and province=")
    categories: set[str] = set()
    for value in query.getlist("category"):
        for part in value.split(","):
            code = part.strip()
            if not code:
                continue
            if not layer.categories:
                raise TileRequestError(f"layer {layer.name!r} has no categories to filter by")
            if code not in layer.categories:
                raise TileRequestError(
                    f"unknown category {code!r} for layer {layer.name!r}; categories: "
                    + ", ".join(layer.categories)
                )
            categories.add(code)
    province = (query.get("province") or "").strip() or None
    province_id = None
    if province is not None:
        if not _PROVINCE_CODE.match(province):
            raise TileRequestError(f"province must be a 2-digit province code, not {province!r}")
        province_id = Province.objects.filter(code=province).values_list("id", flat=True).first()
        if province_id is None:
            raise TileRequestError(f"no province has the code {province!r}")
    return TileFilters(categories=tuple(sorted(categories)), province=province, province_id=province_id)


def _exact(layer: Layer, query: QueryDict) -> bool:
    """`exact=1`: a curator's tile, at-risk assets at their exact location (the view checks who asks)."""
    value = query.get("exact")
    if value is None:
        return False
    if value != "1":
        raise TileRequestError(f"exact must be 1, not {value!r}")
    if not layer.exact:
        names = ", ".join(repr(name) for name in exact_layers())
        raise TileRequestError(f"only the {names} layer has exact locations, not {layer.name!r}")
    return True


def parse_tile_request(layer_name: str, z: str, x: str, y: str, query: QueryDict) -> TileRequest:
    layer = layer_named(layer_name)
    exact = _exact(layer, query)
    if exact:  # the filters are the rest of the query
        query = query.copy()
        query.pop("exact")
    zi, xi, yi = _int("z", z), _int("x", x), _int("y", y)
    if zi > grid.MAX_ZOOM:
        raise TileRequestError(f"zoom {zi} is out of range 0–{grid.MAX_ZOOM}")
    side = 2**zi
    if xi >= side or yi >= side:
        raise TileRequestError(
            f"tile {zi}/{xi}/{yi} is out of range: x and y must be 0–{side - 1} at zoom {zi}"
        )
    return TileRequest(layer, zi, xi, yi, parse_filters(layer, query), exact=exact)


def part_requests(req: TileRequest) -> list[TileRequest]:
    """A composite tile's parts as tile requests of their own. A category narrows the kind it belongs
    to and leaves the other kinds whole (the archetypes narrow the assets only, as on the map's list);
    the province narrows every record kind; exact locations apply to the kinds that have them."""
    found = layers()
    parts = []
    for name in req.layer.parts:
        part = found[name]
        filters = TileFilters()
        if part.kind is not None:
            categories = tuple(c for c in req.filters.categories if c in part.categories)
            filters = TileFilters(categories, req.filters.province, req.filters.province_id)
        parts.append(TileRequest(part, req.z, req.x, req.y, filters, exact=req.exact and part.exact))
    return parts
