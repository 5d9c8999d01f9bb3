"""The map's tile layers: one per record kind of the registry (culturalmap.core.records) and the
provinces; what each shows, which filters it takes, which record changes refresh it."""

from dataclasses import dataclass, field
from functools import lru_cache

from culturalmap.core import records

# The kind whose layer is drawn from the cluster pyramid (culturalmap.maps.models.AssetCluster, kept
# by a trigger on its table); the provinces layer counts its records from the same pyramid.
PYRAMID_KIND = "asset"
PROVINCES = "provinces"

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


def layers() -> dict[str, Layer]:
    """Every layer by name: the record kinds' in the registry's order, then the provinces."""
    return _layers(records.version())


@lru_cache(maxsize=4)
def _layers(version: int) -> dict[str, Layer]:
    found = {kind.layer: _record_layer(kind) for kind in records.kinds()}
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
    return [name for name, layer in layers().items() if kind in layer.kinds]


def exact_layers() -> list[str]:
    return [name for name, layer in layers().items() if layer.exact]
