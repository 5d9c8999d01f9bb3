"""The ranking that knows the record: the name first, then the record's quality and its views;
every part shown with explain=1."""

import pytest

from culturalmap.assets.models import Asset
from culturalmap.search import index, ranking
from culturalmap.search.selectors import search_catalogue
from tests.factories import AssetFactory

pytestmark = pytest.mark.django_db


def names(**kwargs) -> list[str]:
    return [hit.name_th for hit in search_catalogue(**kwargs).results]


@pytest.fixture
def troupes(index_dir):
    famous = AssetFactory(
        name_th="หนังตะลุง",
        name_en="Nang Talung (southern shadow puppetry)",
        archetype="performing_art",
        description_th="การแสดงเงาหนังของภาคใต้",
        keywords=["หนังตะลุง", "มรดกภูมิปัญญาทางวัฒนธรรมของชาติ"],
    )
    small = [
        AssetFactory(
            name_th=f"หนังตะลุงคณะ{place}ศิลป์",
            name_en=f"Nang Talung troupe {place}",
            archetype="performing_art",
            description_th=f"หนังตะลุงคณะ{place}ศิลป์ เป็นศิลปะการแสดงของชุมชน หนังตะลุง",
        )
        for place in ("นาทราย", "บางนอน", "เขาขาว")
    ]
    Asset.objects.filter(pk=famous.pk).update(view_count=2400)
    Asset.objects.filter(pk__in=[a.pk for a in small]).update(view_count=40)
    index.rebuild()
    return famous, small


def test_the_whole_name_comes_first_then_the_names_that_start_with_the_query(troupes):
    famous, small = troupes
    assert names(q="หนังตะลุง")[0] == famous.name_th
    assert names(q="หนังตะลุงคณะ")[0] in {a.name_th for a in small}


def test_the_famous_record_comes_before_the_templates_when_the_name_does_not_decide(troupes):
    famous, _ = troupes
    assert names(q="shadow puppet")[0] == famous.name_th
    assert names(q="ตะลุง")[0] == famous.name_th


def test_explain_gives_the_parts_the_score_is_made_of(troupes):
    page = search_catalogue(q="หนังตะลุง", explain=True)
    first, second = page.results[0].score, page.results[1].score
    assert first["name_match"] == "exact_name" and second["name_match"] == "name_prefix"
    for part in (first, second):
        w = part["weights"]
        total = (
            w["text"] * part["text"] + w["quality"] * part["quality"] + w["popularity"] * part["popularity"]
        )
        assert part["score"] == pytest.approx(total, abs=1e-3)
        assert 0 <= part["text"] <= 1 and 0 <= part["quality"] <= 1 and 0 <= part["popularity"] <= 1
    assert page.results[0].score["popularity"] == 1.0, "the most viewed record"
    assert search_catalogue(q="หนังตะลุง").results[0].score is None, "only when asked"


def test_most_viewed_first_and_the_order_does_not_depend_on_the_page_size(troupes):
    famous, _ = troupes
    by_views = search_catalogue(q="", sort="views")
    assert by_views.results[0].name_th == famous.name_th
    views = [hit.views for hit in by_views.results]
    assert views == sorted(views, reverse=True)
    everything = names(q="ตะลุง", page_size=100)
    assert [n for p in (1, 2) for n in names(q="ตะลุง", page=p, page_size=2)] == everything


def test_quality_counts_what_a_record_has():
    complete = {
        "name_th": "ก",
        "name_en": "k",
        "description_th": "x",
        "description_en": "y",
        "concepts": ["temple"],
    }
    sparse = {"name_th": "ก", "concepts": []}
    from culturalmap.search import documents
    from culturalmap.search.concepts import EMPTY

    complete["completeness"], sparse["completeness"] = 1.0, 0.25
    assert documents.quality(complete, EMPTY) > documents.quality(sparse, EMPTY)
    assert ranking.W_TEXT > ranking.W_POPULARITY > 0 and ranking.W_QUALITY > 0
