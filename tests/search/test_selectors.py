"""search_catalogue: facets and name order over an index of several segments, Thai ordering."""

import pytest
from django.contrib.gis.geos import Point
from pythainlp.util import collate

from culturalmap.search import index
from culturalmap.search.selectors import SearchFilters, search_catalogue
from tests.factories import THUNG_SONG, AssetFactory, CulturalMarketFactory, LearningSpaceFactory, province

pytestmark = pytest.mark.django_db

PHIMAI = Point(102.4944, 15.2210, srid=4326)


def facet_counts(page) -> dict[str, dict[str, int]]:
    return {name: {v.value: v.count for v in values} for name, values in page.facets.items()}


def codes(page) -> set[str]:
    return {hit.code for hit in page.results}


@pytest.fixture
def segmented(index_dir):
    """An index as the on-commit sync leaves it: one segment per commit, some with no category at all.

    Markets, districts, cultural cities and learning cities have no category; assets and
    learning spaces do. Four segments: whoosh merges small segments only from the fifth on.
    """
    market = CulturalMarketFactory(
        name_th="ตลาดชุมชนทางทุ่งสง", name_en="Thung Song market", province=province("80"), location=THUNG_SONG
    )
    index.rebuild()  # segment 1: the market, its district and its cultural city
    assets = [
        AssetFactory(name_th="วัดพระธาตุลำปางหลวง", name_en="Wat Phra That Lampang Luang"),
        AssetFactory(
            name_th="ปราสาทหินพิมาย",
            name_en="Phimai",
            archetype="historic_site",
            geom=PHIMAI,
            province=province("30"),
        ),
    ]
    index.update_records("asset", [a.pk for a in assets])  # segment 2
    space = LearningSpaceFactory(name_th="ตรอกสุ่ย", name_en="Trok Sui")
    index.update_records("learning_space", [space.pk])  # segment 3
    index.update_records("learning_city", [space.city.pk])  # segment 4
    reader = index.searcher().reader()
    leaves = [leaf for leaf, _offset in reader.leaf_readers()]
    assert len(leaves) == 4, "the index has the segments this test is about"
    assert not leaves[0].has_column("category") and leaves[1].has_column("category")
    return {"market": market, "lampang_luang": assets[0], "phimai": assets[1], "space": space}


def test_facets_count_the_matched_records_whatever_segment_they_are_in(segmented):
    page = search_catalogue(q="")
    assert page.count == 7
    facets = facet_counts(page)
    assert facets["kind"] == {
        "market": 1,
        "district": 1,
        "city": 1,
        "asset": 2,
        "learning_space": 1,
        "learning_city": 1,
    }
    assert facets["category"] == {"architecture": 1, "historic_site": 1, "co_learning_space": 1}
    assert facets["province"] == {"52": 3, "80": 1, "30": 1, "95": 2}


def test_records_without_a_category_get_none_from_another_segment(segmented):
    # QA's case: a market, its district and its city counted under learning-space categories.
    page = search_catalogue(q="ทุ่งสง")
    assert codes(page) >= {segmented["market"].code}
    assert set(facet_counts(page)["kind"]) <= {"market", "district", "city"}
    assert facet_counts(page)["category"] == {}


def test_filtering_by_a_facet_returns_its_records_and_counts_them(segmented):
    page = search_catalogue(filters=SearchFilters(kinds=("asset",)))
    assert codes(page) == {segmented["lampang_luang"].code, segmented["phimai"].code}
    assert facet_counts(page)["category"] == {"architecture": 1, "historic_site": 1}
    page = search_catalogue(filters=SearchFilters(categories=("co_learning_space",)))
    assert codes(page) == {segmented["space"].code}
    assert facet_counts(page)["kind"] == {"learning_space": 1}
    assert facet_counts(page)["category"] == {"co_learning_space": 1}
    page = search_catalogue(filters=SearchFilters(categories=("historic_site",)))
    assert codes(page) == {segmented["phimai"].code}
    assert facet_counts(page)["province"] == {"30": 1}


def test_a_listing_is_in_thai_name_order_across_segments(segmented):
    names = [hit.name_th for hit in search_catalogue(q="").results]
    assert len(names) == 7
    assert names == collate(names)


def test_a_listing_puts_names_with_leading_vowels_in_thai_dictionary_order(index_dir):
    for name in ("สุโขทัย", "แพร่งภูธร", "กาดหลวง", "เชียงแสน", "ตลาดน้ำ"):
        AssetFactory(name_th=name, name_en="")
    index.rebuild()
    names = [hit.name_th for hit in search_catalogue(filters=SearchFilters(kinds=("asset",))).results]
    assert names == ["กาดหลวง", "เชียงแสน", "ตลาดน้ำ", "แพร่งภูธร", "สุโขทัย"]


def test_facet_values_of_equal_count_are_in_thai_dictionary_order(index_dir):
    for code in ("90", "57", "54", "52", "76"):  # สงขลา, เชียงราย, แพร่, ลำปาง, เพชรบุรี
        AssetFactory(province=province(code))
    index.rebuild()
    labels = [v.label_th for v in search_catalogue(q="").facets["province"]]
    assert labels == ["เชียงราย", "เพชรบุรี", "แพร่", "ลำปาง", "สงขลา"]
