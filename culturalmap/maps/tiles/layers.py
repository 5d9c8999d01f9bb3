"""The map's tile layers: one per record kind of the registry (culturalmap.core.records), the
provinces' asset density, the base map's places, and the catalogue (every record kind's layer and the
places in one tile, what the map page asks for); what each shows, which filters it takes, which
record changes refresh it."""

from dataclasses import dataclass, field
from functools import lru_cache

from django.core.exceptions import ImproperlyConfigured

from culturalmap.core import records

from . import places

# The kind whose layer is drawn from the cluster pyramid (culturalmap.maps.models.AssetCluster, kept
# by a trigger on its table); the provinces layer counts its records from the same pyramid.
PYRAMID_KIND = "asset"
PROVINCES = "provinces"
PLACES = "places"  # the base map (culturalmap.maps.tiles.places)
CATALOGUE = "catalogue"  # the places and every record kind's layer, one MVT layer each

# Properties a client finds on the features (TileJSON `vector_layers[].fields`).
_RECORD_FIELDS = {
    "code": "String",
    "name_th": "String",
    "name_en": "String",
    "kind": "String",
    "url": "String",
    "count": "Number",
    "cluster": "Boolean",
}


@dataclass(frozen=True)
class Layer:
    name: str  # as in the URL: /tiles/<name>/{z}/{x}/{y}.mvt
    title_th: str
    title_en: str
    kinds: frozenset[str]  # record kinds whose change refreshes this layer's tiles
    fields: dict[str, str]
    categories: dict[str, tuple[str, str]] = field(default_factory=dict)  # code -> (th, en)
    kind: str | None = None  # the record kind its features are
    url_template: str | None = None  # the record page, `{code}` for the code
    exact: bool = False  # curators may ask for at-risk records at their exact location
    parts: tuple[str, ...] = ()  # a composite layer: the layers whose tiles it joins, in drawing order
    vector_layers: tuple[str, ...] = ()  # the MVT layers in its tiles (default: one named as the layer)

    @property
    def mvt_layers(self) -> tuple[str, ...]:
        return self.vector_layers or (self.name,)


def layers() -> dict[str, Layer]:
    """Every layer by name: the record kinds' in the registry's order, then the provinces."""
    return _layers(records.version())


@lru_cache(maxsize=4)
def _layers(version: int) -> dict[str, Layer]:
    found = {kind.layer: _record_layer(kind) for kind in records.kinds()}
    taken = found.keys() & {PROVINCES, PLACES, CATALOGUE}
    if taken:
        raise ImproperlyConfigured(f"tile layer name(s) {', '.join(sorted(taken))} are the map's own")
    record_layers = list(found.values())
    found[PROVINCES] = Layer(
        PROVINCES,
        "จังหวัด",
        "Provinces",
        frozenset({PYRAMID_KIND}),
        {
            "code": "String",
            "name_th": "String",
            "name_en": "String",
            "kind": "String",
            "assets": "Number",
            "density": "Number",
        },
        categories=_categories(records.get(PYRAMID_KIND)),
    )
    found[PLACES] = Layer(
        PLACES,
        "จังหวัด อำเภอ ตำบล",
        "Provinces, districts and sub-districts",
        frozenset(),  # no record change touches them
        {},
        vector_layers=(places.LAND, places.BOUNDARIES, places.LABELS),
    )
    found[CATALOGUE] = Layer(
        CATALOGUE,
        "แผนที่ทุนวัฒนธรรม",
        "Cultural-capital map",
        frozenset().union(*(layer.kinds for layer in record_layers)),
        {},
        categories={code: name for layer in record_layers for code, name in layer.categories.items()},
        exact=any(layer.exact for layer in record_layers),
        parts=(PLACES, *(layer.name for layer in record_layers)),
        vector_layers=(*found[PLACES].mvt_layers, *(layer.name for layer in record_layers)),
    )
    return found


def _categories(kind: records.RecordKind) -> dict[str, tuple[str, str]]:
    return {c.code: (c.name_th, c.name_en) for c in kind.categories}


def _record_layer(kind: records.RecordKind) -> Layer:
    fields = dict(_RECORD_FIELDS)
    if kind.code == PYRAMID_KIND:
        fields["archetype"] = "String"
    if kind.tile.category is not None:
        fields["category"] = "String"
    return Layer(
        kind.layer,
        kind.name_th,
        kind.plural_en,
        frozenset({kind.code}),
        fields,
        categories=_categories(kind),
        kind=kind.code,
        url_template=kind.url_template,
        exact=kind.tile.exact_point is not None,
    )


def layers_for_kind(kind: str) -> list[str]:
    """The layers whose tiles show records of the kind (a composite follows its parts)."""
    return [name for name, layer in layers().items() if kind in layer.kinds and not layer.parts]


def exact_layers() -> list[str]:
    """The record layers a curator may ask for exact locations (and the composites holding them)."""
    return [name for name, layer in layers().items() if layer.exact and not layer.parts]
