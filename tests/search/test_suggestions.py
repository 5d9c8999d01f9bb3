"""A misspelt query offers the right word ("did you mean"); each result shows why it matched (the
passage of its text holding the words, the concept the query named); the API explains a score."""

import re

import pytest

from culturalmap.search import index, spelling
from culturalmap.search.selectors import search_catalogue
from tests.factories import AssetFactory, province

pytestmark = pytest.mark.django_db

PHRAE_CLOTH_TEXT = (
    "ผ้าทอมือลายน้ำไหลของชุมชนบ้านทุ่งโฮ้ง ย้อมครามด้วยวิธีดั้งเดิม สืบทอดกันมาหลายชั่วอายุคน "
    "ใช้สีจากธรรมชาติ ทอด้วยกี่พื้นเมือง ลวดลายเป็นเอกลักษณ์ของเมืองแพร่ จำหน่ายในตลาดชุมชน "
    "และงานประจำปีของจังหวัด บันทึกข้อมูลโดยมหาวิทยาลัยราชภัฏลำปาง"
)


@pytest.fixture
def records(index_dir):
    found = {
        "phi_ta_khon": AssetFactory(
            name_th="ผีตาโขน",
            name_en="Phi Ta Khon masks",
            archetype="social_practice",
            province=province("42"),
        ),
        "kwan": AssetFactory(name_th="กว๊านพะเยา", name_en="Kwan Phayao", archetype="cultural_space"),
        "cloth": AssetFactory(
            name_th="ผ้าทอลายน้ำไหลบ้านทุ่งโฮ้ง",
            name_en="Thung Hong indigo cloth",
            archetype="craftsmanship",
            province=province("54"),
            description_th=PHRAE_CLOTH_TEXT,
        ),
        "puppets": AssetFactory(
            name_th="หนังตะลุงคณะเมืองนคร", name_en="Nang Talung troupe of Nakhon", archetype="performing_art"
        ),
    }
    index.rebuild()
    return found


def test_thai_distance_halves_a_tone_mark_and_a_sound_alike_letter():
    assert spelling.thai_distance("กวานพะเยา", "กว๊านพะเยา") == 0.5
    assert spelling.thai_distance("ศิลป", "สิลป") == 0.5
    assert spelling.thai_distance("ผีตาโขล", "ผีตาโขน") == 1.0


@pytest.mark.parametrize(
    ("typed", "meant"),
    [("ผีตาโขล", "ผีตาโขน"), ("shadow pupet", "shadow puppet"), ("Phi Ta Kohn", "Phi Ta Khon")],
)
def test_a_misspelt_query_offers_the_right_word_and_what_it_finds(client, records, typed, meant):
    page = search_catalogue(q=typed)
    assert page.suggestion is not None, typed
    assert page.suggestion.q.lower() == meant.lower() and page.suggestion.count >= 1
    assert "<mark>" in page.suggestion.html
    body = client.get("/api/search/", {"q": typed}).json()
    assert body["suggestion"]["q"].lower() == meant.lower()
    html = client.get("/search/", {"q": typed}).content.decode()
    assert 'class="search-suggestion"' in html and "หรือคุณหมายถึง" in html


def test_a_query_of_known_words_with_results_offers_nothing(records):
    assert search_catalogue(q="ผีตาโขน").suggestion is None
    assert search_catalogue(q="หนังตะลุง").suggestion is None


def test_the_snippet_is_the_passage_that_matched_not_the_first_lines(client, records):
    body = client.get("/api/search/", {"q": "ลำปาง ผ้า"}).json()
    [cloth] = [r for r in body["results"] if r["code"] == records["cloth"].code]
    snippet = cloth["snippet"]
    assert "<mark>ลำปาง</mark>" in snippet, snippet
    assert snippet.startswith("…"), "the end of the text, where the word is"
    assert "ผ้าทอมือลายน้ำไหล" not in snippet
    page = client.get("/search/", {"q": "ลำปาง ผ้า"}).content.decode()
    assert (
        re.search(r'<p class="snippet">[^<]*…[^<]*<mark>ลำปาง</mark>', page) or "<mark>ลำปาง</mark>" in page
    )


def test_a_result_found_through_a_concept_names_it_and_explain_gives_the_parts(client, records):
    body = client.get("/api/search/", {"q": "shadow puppet", "explain": "1"}).json()
    [first, *_] = body["results"]
    assert first["code"] == records["puppets"].code
    assert "shadow_theatre" in [c["key"] for c in body["concepts"]]
    assert first["concepts"], "why it matched: the concept its tags share with the query"
    score = first["score"]
    assert score["name_match"] == "concept"
    assert set(score) >= {"score", "text", "quality", "popularity", "weights", "name_match"}
    plain = client.get("/api/search/", {"q": "shadow puppet"}).json()
    assert plain["results"][0]["score"] is None
    facet = {v["value"] for v in body["facets"]["concept"]}
    assert "nang_talung" in facet
    narrowed = client.get("/api/search/", {"q": "", "concept": "nang_talung"}).json()
    assert [r["code"] for r in narrowed["results"]] == [records["puppets"].code]
    refused = client.get("/api/search/", {"concept": "no_such_concept"})
    assert refused.status_code == 400 and "no_such_concept" in refused.content.decode()


def test_a_query_of_many_unknown_words_looks_up_only_a_few(records, monkeypatch):
    calls = []
    looked_up = spelling.Speller.best

    def spy(self, word):
        calls.append(word)
        return looked_up(self, word)

    monkeypatch.setattr(spelling.Speller, "best", spy)
    page = search_catalogue(q=" ".join(f"qz{i}xv" for i in range(10)))  # under MAX_QUERY_CHARS
    assert page.count == 0 and page.suggestion is None
    assert len(calls) == spelling.MAX_LOOKUPS
    calls.clear()
    assert search_catalogue(q="ผีตาโขล " + "x" * spelling.MAX_QUERY_CHARS).suggestion is None and not calls
