"""The map's tile layers: what each one shows, which filters it takes, which record changes refresh it."""

from dataclasses import dataclass, field
from functools import cached_property

from culturalmap.assets.archetypes import ARCHETYPES
from culturalmap.assets.models import Asset
from culturalmap.markets.models import CulturalCity, CulturalDistrict, CulturalMarket
from learningcity.models import LearningCity, LearningSpace, SpaceType, english

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
    kind: str | None = None  # the record kind its features link to

    @cached_property
    def url_template(self) -> str | None:
        """The record page URL with `{code}` in place of the code, from the model's get_absolute_url."""
        model = _KIND_MODEL.get(self.kind or "")
        return model(code="{code}").get_absolute_url() if model else None


_KIND_MODEL = {
    "asset": Asset,
    "district": CulturalDistrict,
    "city": CulturalCity,
    "market": CulturalMarket,
    "learning_city": LearningCity,
    "learning_space": LearningSpace,
}

LAYERS: dict[str, Layer] = {
    layer.name: layer
    for layer in [
        Layer(
            "assets",
            "มรดกทางวัฒนธรรม",
            "Cultural assets",
            frozenset({"asset"}),
            {**_RECORD_FIELDS, "archetype": "String", "category": "String"},
            categories={code: (th, en) for code, th, en in ARCHETYPES},
            kind="asset",
        ),
        Layer(
            "districts",
            "ย่านวัฒนธรรม",
            "Cultural districts",
            frozenset({"district"}),
            dict(_RECORD_FIELDS),
            kind="district",
        ),
        Layer(
            "markets",
            "ตลาดวัฒนธรรม",
            "Cultural markets",
            frozenset({"market"}),
            dict(_RECORD_FIELDS),
            kind="market",
        ),
        Layer(
            "cultural-cities",
            "เมืองวัฒนธรรม",
            "Cultural cities",
            frozenset({"city"}),
            dict(_RECORD_FIELDS),
            kind="city",
        ),
        Layer(
            "learning-cities",
            "เมืองแห่งการเรียนรู้",
            "Learning cities",
            frozenset({"learning_city"}),
            dict(_RECORD_FIELDS),
            kind="learning_city",
        ),
        Layer(
            "learning-spaces",
            "พื้นที่การเรียนรู้",
            "Learning spaces",
            frozenset({"learning_space", "learning_city"}),
            {**_RECORD_FIELDS, "category": "String"},
            categories={c.value: (str(c.label), english(c.label)) for c in SpaceType},
            kind="learning_space",
        ),
        Layer(
            "provinces",
            "จังหวัด",
            "Provinces",
            frozenset({"asset"}),
            {
                "code": "String",
                "name_th": "String",
                "name_en": "String",
                "kind": "String",
                "assets": "Number",
                "density": "Number",
            },
            categories={code: (th, en) for code, th, en in ARCHETYPES},
        ),
    ]
}


def layers_for_kind(kind: str) -> list[str]:
    return [name for name, layer in LAYERS.items() if kind in layer.kinds]
