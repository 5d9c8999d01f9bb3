"""The registry of public record kinds: each kind of record the public sees, declared once.

A domain declares its kinds in its own `records.py` (a RecordKind each: code, model, names, URL,
colour, categories, what it belongs to, its search document, its tile source) and registers them from
its AppConfig.ready(). Search (documents, labels), the map tiles (layers, sources, colours), the change
notifications, the map page and the public-record rule read them from here and list no kind of their
own, so a new kind is one domain module plus its model (docs/architecture.md).
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from django.apps import apps
from django.core.exceptions import ImproperlyConfigured
from django.db.models import F, FloatField, Func, Model, Q, QuerySet

from .publication import PUBLISHED, published_here


@dataclass(frozen=True)
class Category:
    """A category of a kind's records: an asset's archetype, a learning space's type."""

    code: str
    name_th: str
    name_en: str
    colour: str = ""  # on the map; blank: the kind's own colour


@dataclass(frozen=True)
class Parent:
    """A record a kind's records belong to: the foreign key `field`, to a record of kind `kind`."""

    field: str
    kind: str


def no_texts(row: dict) -> tuple[list[str], list[str]]:
    return [], []


@dataclass(frozen=True)
class RecordSignals:
    """What a record's row says of its quality, for search's ranking: the share of its fields that are
    filled (0..1), how many images it has, and how often it was viewed before it came here (the view
    count a record imported from the national cultural map carries)."""

    completeness: float = 0.0
    images: int = 0
    views_before: int = 0


def name_and_description_signals(row: dict) -> RecordSignals:
    """The default: completeness of the names and descriptions every kind may carry."""
    fields = ("name_th", "name_en", "description_th", "description_en")
    return RecordSignals(completeness=sum(bool(row.get(name)) for name in fields) / len(fields))


@dataclass(frozen=True)
class SearchDocument:
    """What the search index holds for a kind.

    `rows` turns the kind's public queryset into value rows holding at least id, code, name_th,
    name_en, lon, lat (`lon_lat`), province_code, province_th, province_en and region_code
    (`province_columns`); optionally ref, description_th, description_en, parent_th, parent_en and
    whatever `texts` reads. `texts` gives a row's other searchable Thai and English text; `category`
    names the row's category column; `signals` reads the row's quality signals for ranking.
    """

    rows: Callable[[QuerySet], QuerySet]
    texts: Callable[[dict], tuple[list[str], list[str]]] = no_texts
    category: str = ""
    signals: Callable[[dict], RecordSignals] = name_and_description_signals


@dataclass(frozen=True)
class TileSource:
    """What the kind's tile layer draws, as ORM expressions over its public queryset.

    `point` is clustered at low zoom and is what the public sees; `shape` is drawn above
    `point_max_zoom` (default: the point); `province` is the province id the `province=` filter
    compares; `category` the category code; `exact_point` the exact location of a kind whose public
    point is generalised (at-risk sites), drawn on curators' tiles only.
    """

    point: Any
    shape: Any = None
    province: Any = field(default_factory=lambda: F("province_id"))
    category: Any = None
    point_max_zoom: int = 9
    exact_point: Any = None


MARKER_SHAPES = ("circle", "square", "diamond", "triangle", "star", "ring", "pentagon", "hexagon")


@dataclass(frozen=True)
class Property:
    """A column of a kind's public features beyond those every kind has (culturalmap.ogc.features):
    an ORM expression over its public queryset, what it means in Thai and English (the open data's
    dictionary) and its JSON type."""

    expression: Any
    th: str
    en: str
    type: str = "string"  # JSON Schema: string, integer, number, boolean, array


@dataclass(frozen=True)
class FeatureSource:
    """What the kind's public features hold: the OGC API – Features collections, the open-data
    release and the records' linked data read it, so each shows what the map shows.

    `geometry` is the shape the public sees (default: the tile's shape, else its point; an at-risk
    site's generalised point for assets); `tambon` the DOPA code of the sub-district of the public
    place (default: the sub-district the tile's point lies in, looked up); `properties` gives the
    kind's own columns (default: its Thai and English descriptions, when the model has them);
    `schema_type` the schema.org type of its records, `category_schema_types` per category.
    The model has `updated_at` (the features' time).
    """

    geometry: Any = None
    tambon: Any = None
    properties: Callable[[], dict[str, Property]] | None = None
    schema_type: str = "Place"
    category_schema_types: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class MapStyle:
    """How the map page draws the kind's features (static/js/map.js): a marker's shape (one of
    MARKER_SHAPES: each kind its own, so a kind is told by its shape as well as its colour) and radius
    in pixels, an outline in the kind's colour and its weight, the fill opacity of one record and of a
    cluster."""

    radius: int = 6
    outline: bool = False
    weight: float | None = None
    fill_opacity: float | None = None
    cluster_fill_opacity: float | None = None
    shape: str = "circle"

    def __post_init__(self) -> None:
        if self.shape not in MARKER_SHAPES:
            shapes = ", ".join(MARKER_SHAPES)
            raise ImproperlyConfigured(f"marker shape {self.shape!r} is not one of {shapes}")

    def as_json(self) -> dict[str, Any]:
        style = {
            "shape": self.shape,
            "radius": self.radius,
            "outline": self.outline,
            "weight": self.weight,
            "fillOpacity": self.fill_opacity,
            "clusterFillOpacity": self.cluster_fill_opacity,
        }
        return {name: value for name, value in style.items() if value is not None}


@dataclass(frozen=True)
class RecordKind:
    code: str  # as search results, change notices and tile features name it: "learning_space"
    model: str  # "app_label.ModelName"; the model has code, name_th, name_en, status, get_absolute_url
    name_th: str  # one record, in Thai; also the map layer's title
    name_en: str  # one record, in English
    plural_en: str  # the map layer's title in English
    layer: str  # the tile layer, as in its URL: /tiles/<layer>/{z}/{x}/{y}.mvt
    colour: str  # on the map and the PNG tiles
    search: SearchDocument
    tile: TileSource
    categories: tuple[Category, ...] = ()
    parents: tuple[Parent, ...] = ()
    map_style: MapStyle = MapStyle()
    features: FeatureSource = FeatureSource()
    # The related name of the record's photos, each with get_thumbnail_url(): the first is the picture
    # a shared link of its page shows (Open Graph). Blank: the kind has none.
    images: str = ""

    @property
    def model_class(self) -> type[Model]:
        return apps.get_model(self.model)

    @cached_property
    def url_template(self) -> str:
        """The record page's URL with `{code}` for the code, from the model's get_absolute_url."""
        return self.model_class(code="{code}").get_absolute_url()

    def url(self, code: str) -> str:
        return self.url_template.replace("{code}", code)

    def category(self, code: str) -> Category | None:
        return next((c for c in self.categories if c.code == code), None)

    # The public-record rule ---------------------------------------------------------------------

    def public_filter(self, prefix: str = "") -> Q:
        """Published, and so is every record it belongs to (a missing optional parent is no bar)."""
        rule = published_here(prefix)
        for parent in self.parents:
            parents_rule = get(parent.kind).public_filter(f"{prefix}{parent.field}__")
            if self.model_class._meta.get_field(parent.field).null:
                parents_rule = Q(**{f"{prefix}{parent.field}__isnull": True}) | parents_rule
            rule &= parents_rule
        return rule

    def public(self) -> QuerySet:
        """The records the public may see: search documents, tiles and pages all start here."""
        return self.model_class._default_manager.filter(self.public_filter())

    def is_public(self, record: Model) -> bool:
        """The same rule for a record already in hand (its parents are read through it)."""
        if record.status != PUBLISHED:
            return False
        for parent in self.parents:
            value = getattr(record, parent.field)
            if value is not None and not get(parent.kind).is_public(value):
                return False
        return True


# The registry ---------------------------------------------------------------------------------------

_kinds: dict[str, RecordKind] = {}
_version = 0


class UnknownKind(ValueError):
    pass


def register(*kinds: RecordKind) -> None:
    """Add kinds (from a domain's AppConfig.ready()); their saves and deletes then announce changes."""
    from . import changes

    global _version
    for kind in kinds:
        if kind.code in _kinds:
            raise ImproperlyConfigured(f"record kind {kind.code!r} is registered twice")
        if any(other.layer == kind.layer for other in _kinds.values()):
            raise ImproperlyConfigured(f"tile layer {kind.layer!r} of {kind.code!r} is taken")
        _kinds[kind.code] = kind
        changes.watch(kind)
    _version += 1


def unregister(code: str) -> None:
    """Remove a kind (tests that register one of their own)."""
    from . import changes

    global _version
    changes.unwatch(_kinds.pop(code))
    _version += 1


def kinds() -> list[RecordKind]:
    """Every kind, in the order the apps registered them (the map's layer order)."""
    return list(_kinds.values())


def codes() -> list[str]:
    return list(_kinds)


def get(code: str) -> RecordKind:
    try:
        return _kinds[code]
    except KeyError:
        raise UnknownKind(f"unknown record kind {code!r}") from None


def by_layer(layer: str) -> RecordKind | None:
    return next((kind for kind in _kinds.values() if kind.layer == layer), None)


def children(code: str) -> list[tuple[RecordKind, Parent]]:
    """The kinds whose records belong to records of `code`, with the foreign key that says so."""
    return [(kind, parent) for kind in _kinds.values() for parent in kind.parents if parent.kind == code]


def version() -> int:
    """Changes whenever a kind is added or removed: a key for what consumers derive from the registry."""
    return _version


# Helpers for the domains' search rows ---------------------------------------------------------------


def lon_lat(point: str) -> dict[str, Func]:
    """`lon` and `lat` columns of a point field (the public point of a kind that generalises)."""
    return {
        "lon": Func(F(point), function="ST_X", output_field=FloatField()),
        "lat": Func(F(point), function="ST_Y", output_field=FloatField()),
    }


def province_columns(path: str = "province") -> dict[str, F]:
    """The province and region columns every search row carries, through the lookup `path`."""
    return {
        "province_code": F(f"{path}__code"),
        "province_th": F(f"{path}__name_th"),
        "province_en": F(f"{path}__name_en"),
        "region_code": F(f"{path}__region__code"),
    }
