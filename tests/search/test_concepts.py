"""The thesaurus in search: records tagged with the concepts their names and keywords speak of,
queries that name a concept find its records, the concept facet and filter, curators' tags."""

import pytest

from culturalmap.search import index
from culturalmap.search.concepts import ConceptMatcher
from culturalmap.search.query import query_words
from culturalmap.search.selectors import SearchFilters, search_catalogue
from culturalmap.thesaurus.models import Concept
from culturalmap.thesaurus.selectors import concept_data
from culturalmap.thesaurus.services import concept_tag_set
from tests.factories import AssetFactory, province

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def matcher(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        return ConceptMatcher(concept_data())


def test_labels_are_found_as_words_of_a_name_not_inside_other_words(matcher):
    assert {"temple", "reliquary"} <= matcher.text_concepts("วัดพระธาตุดอยสุเทพ", "")
    assert "nang_talung" in matcher.text_concepts("หนังตะลุงบ้านถ้ำ", "")
    assert "world_heritage" in matcher.text_concepts("มรดกโลก", ""), "a label of two words"
    assert "mor_lam" not in matcher.text_concepts("ลำปาง", "")
    assert "temple" not in matcher.text_concepts("สวัสดี", "")
    assert "shadow_theatre" in matcher.text_concepts("", "Southern shadow puppets of Nakhon")


def test_a_query_names_a_concept_by_a_run_of_its_words(matcher):
    found = matcher.query_concepts(query_words("shadow puppet Nakhon"))
    assert [(c.keys, c.first, c.last) for c in found] == [(("shadow_theatre",), 0, 1)]
    assert [c.keys for c in matcher.query_concepts(query_words("บั้งไฟ"))] == [("rocket_festival",)]
    assert matcher.query_concepts(query_words("Lampang")) == []


@pytest.fixture
def temples(index_dir):
    records = {
        "hariphunchai": AssetFactory(
            name_th="วัดพระธาตุหริภุญชัย", name_en="Wat Phra That Hariphunchai", province=province("51")
        ),
        "lampang": AssetFactory(name_th="วัดพระธาตุลำปางหลวง", name_en="Wat Phra That Lampang Luang"),
        "drum": AssetFactory(
            name_th="กลองปูจาบ้านมะเขือแจ้",
            name_en="Klong Puja drumming",
            archetype="performing_art",
            province=province("51"),
        ),
        "puppets": AssetFactory(
            name_th="หนังตะลุงคณะเมืองนคร",
            name_en="Nang Talung troupe of Nakhon",
            archetype="performing_art",
            province=province("80"),
        ),
    }
    index.rebuild()
    return records


def codes(**kwargs) -> list[str]:
    return [hit.code for hit in search_catalogue(**kwargs).results]


def test_an_english_word_finds_the_thai_records_of_its_concept(temples):
    assert codes(q="temple Lamphun") == [temples["hariphunchai"].code]
    assert codes(q="shadow puppet Nakhon") == [temples["puppets"].code]
    page = search_catalogue(q="temple")
    assert {h.code for h in page.results} == {temples["hariphunchai"].code, temples["lampang"].code}
    assert [c["key"] for c in page.concepts] == ["temple"]
    assert [c["key"] for c in page.results[0].concepts] == ["temple"], "why it matched"


def test_the_concept_facet_counts_and_the_filter_narrows(temples):
    page = search_catalogue(q="")
    facet = {v.value: v.count for v in page.facets["concept"]}
    assert facet["temple"] == 2 and facet["nang_talung"] == 1
    assert "architecture" not in facet, "archetypes are the category facet's"
    narrowed = codes(q="", filters=SearchFilters(concepts=("nang_talung",)))
    assert narrowed == [temples["puppets"].code]


def test_a_curators_tag_adds_and_excludes_concepts_once_committed(
    temples, curator, django_capture_on_commit_callbacks
):
    drum = temples["drum"]
    with django_capture_on_commit_callbacks(execute=True):
        concept_tag_set(user=curator, kind="asset", code=drum.code, concept=Concept.objects.get(key="temple"))
    assert drum.code in codes(q="temple")
    lampang = temples["lampang"]
    with django_capture_on_commit_callbacks(execute=True):
        concept_tag_set(
            user=curator,
            kind="asset",
            code=lampang.code,
            concept=Concept.objects.get(key="temple"),
            excluded=True,
        )
    assert lampang.code not in codes(q="", filters=SearchFilters(concepts=("temple",)))


def test_a_new_label_in_the_thesaurus_finds_records_once_committed(
    temples, django_capture_on_commit_callbacks
):
    before = search_catalogue(q="dhatu Lamphun")
    assert not before.all_words, "no record has both words: only the any-word fallback"
    with django_capture_on_commit_callbacks(execute=True):
        reliquary = Concept.objects.get(key="reliquary")
        reliquary.alt_labels_en = [*reliquary.alt_labels_en, "dhatu"]
        reliquary.save()
    after = search_catalogue(q="dhatu Lamphun")
    assert after.all_words and [hit.code for hit in after.results] == [temples["hariphunchai"].code]
