"""The record-kind registry: the eight kinds declared once by their domains, the public-record rule
(a record is public only when the records it belongs to are), and a ninth kind that search, the
tiles, the change notices and the map page take up with no edit of theirs."""

import dataclasses
import json
import re

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db.models import F

from culturalmap.core import changes, records
from culturalmap.core.records import Category, Parent, RecordKind, SearchDocument, TileSource
from culturalmap.markets.records import market_rows, market_texts
from culturalmap.search import index
from tests.factories import (
    AssetFactory,
    CulturalCityFactory,
    CulturalDistrictFactory,
    CulturalMarketFactory,
    LearningCityFactory,
    LearningSpaceFactory,
)
from tests.maps.tilekit import features_at

pytestmark = pytest.mark.django_db


def test_the_eight_kinds_in_the_maps_order_each_named_once():
    assert records.codes() == [
        "asset",
        "district",
        "market",
        "city",
        "enterprise",
        "product",
        "learning_city",
        "learning_space",
    ]
    assert [k.layer for k in records.kinds()] == [
        "assets",
        "districts",
        "markets",
        "cultural-cities",
        "cultural-enterprises",
        "cultural-products",
        "learning-cities",
        "learning-spaces",
    ]
    space = records.get("learning_space")
    assert (space.name_th, space.name_en) == ("พื้นที่การเรียนรู้", "Learning space")
    for kind in records.kinds():
        assert kind.url("XX-1") == kind.model_class(code="XX-1").get_absolute_url()
    with pytest.raises(records.UnknownKind):
        records.get("festival")


def test_a_record_is_public_only_when_what_it_belongs_to_is_published():
    draft_city = LearningCityFactory(status="draft")
    hidden_space = LearningSpaceFactory(city=draft_city)
    shown_space = LearningSpaceFactory()
    kind = records.get("learning_space")
    assert list(kind.public()) == [shown_space]
    assert kind.is_public(shown_space) and not kind.is_public(hidden_space)

    # Two levels up: a market of a district of a withdrawn city; a district with no city is fine.
    withdrawn = CulturalCityFactory(status="withdrawn")
    district = CulturalDistrictFactory(city=withdrawn)
    lone_district = CulturalDistrictFactory(city=None)
    market = CulturalMarketFactory(district=district)
    assert not records.get("market").is_public(market)
    assert market not in records.get("market").public()
    assert list(records.get("district").public()) == [lone_district]
    assert records.get("district").is_public(lone_district)


def test_a_change_reaches_the_records_that_belong_to_the_changed_one(django_capture_on_commit_callbacks):
    space = LearningSpaceFactory()
    LearningSpaceFactory()  # another city's: not its business
    heard = []
    listener = changes.listen(lambda kind, ids: heard.append((kind, ids)))
    try:
        with django_capture_on_commit_callbacks(execute=True):
            space.city.status = "draft"
            space.city.save()
    finally:
        changes._listeners.remove(listener)
    assert heard == [("learning_city", [space.city.pk]), ("learning_space", [space.pk])]


# A ninth kind, registered by the test as a domain would from its AppConfig.ready(): the festivals
# that are coming, here drawn from the markets' table.
FESTIVAL = RecordKind(
    code="festival",
    model="markets.CulturalMarket",
    name_th="เทศกาลวัฒนธรรม",
    name_en="Cultural festival",
    plural_en="Cultural festivals",
    layer="festivals",
    colour="#aa3377",
    categories=(Category("lantern", "ประเพณีโคมไฟ", "Lantern festival", "#ffaa00"),),
    parents=(Parent("district", "district"),),
    search=SearchDocument(rows=market_rows, texts=market_texts),
    tile=TileSource(point=F("location")),
)


@pytest.fixture
def index_dir(tmp_path, settings):
    settings.SEARCH_INDEX_DIR = tmp_path / "search-index"
    return settings.SEARCH_INDEX_DIR


@pytest.fixture
def festival_kind():
    records.register(FESTIVAL)
    yield FESTIVAL
    records.unregister(FESTIVAL.code)


def test_a_seventh_kind_is_searched_mapped_and_announced_with_no_edit_elsewhere(
    client, festival_kind, index_dir, django_capture_on_commit_callbacks
):
    festival = CulturalMarketFactory(name_th="งานยี่เป็งลำปาง", name_en="Yi Peng Lampang")
    CulturalMarketFactory(name_th="งานยี่เป็งร่าง", status="draft")
    AssetFactory(name_th="วัดยี่เป็ง")
    index.rebuild()

    # Search: its documents, its filter value and its facet label.
    body = client.get("/api/search/", {"q": "ยี่เป็ง", "kind": "festival"}).json()
    assert [(r["kind"], r["code"], r["url"]) for r in body["results"]] == [
        ("festival", festival.code, festival.get_absolute_url())
    ]
    assert {
        "value": "festival",
        "label_th": "เทศกาลวัฒนธรรม",
        "label_en": "Cultural festival",
        "count": 1,
    } in body["facets"]["kind"]

    # Tiles: its layer, from its public records, and the layer's TileJSON.
    found = features_at(client, "festivals", festival.location.x, festival.location.y, 14)
    assert [(f["properties"]["kind"], f["properties"]["code"]) for f in found] == [
        ("festival", festival.code)
    ]
    assert client.get("/tiles/festivals.json").json()["name"] == "Cultural festivals"
    assert client.get("/tiles/festivals/14/0/0.png").status_code == 200

    # The map page: a layer of its own, and its name and colours for map.js.
    html = client.get("/").content.decode()
    assert re.search(r'CulturalMap.vectorLayer\(\s*"festivals"', html)
    kinds = json.loads(
        re.search(r'<script id="map-kinds" type="application/json">(.*?)</script>', html).group(1)
    )
    assert kinds["festivals"]["name"] == "เทศกาลวัฒนธรรม" and kinds["festivals"]["colour"] == "#aa3377"
    assert kinds["festivals"]["categories"]["lantern"]["colour"] == "#ffaa00"

    # Change notices: a save announces the festival as well as the market.
    heard = []
    listener = changes.listen(lambda kind, ids: heard.append((kind, ids)))
    try:
        with django_capture_on_commit_callbacks(execute=True):
            festival.save()
    finally:
        changes._listeners.remove(listener)
    assert ("festival", [festival.pk]) in heard and ("market", [festival.pk]) in heard


def test_a_kind_and_a_tile_layer_are_registered_once():
    with pytest.raises(ImproperlyConfigured, match="registered twice"):
        records.register(records.get("asset"))
    with pytest.raises(ImproperlyConfigured, match="is taken"):
        records.register(dataclasses.replace(FESTIVAL, code="fair", layer="markets"))
    assert "fair" not in records.codes()
