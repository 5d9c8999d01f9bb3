"""The faster paths of a search answer exactly as whoosh's own did: the words in memory (lexicon.py)
against whoosh's term walk and edit distance, the map's list without facets, and a server process
that loads the search before its first visitor (warmup.py, gunicorn_conf.py)."""

import gc

import pytest
from whoosh.support.levenshtein import damerau_levenshtein

from culturalmap import gunicorn_conf
from culturalmap.search import index, lexicon, warmup
from tests.factories import AssetFactory

pytestmark = pytest.mark.django_db

NAMES = [
    ("ผีตาโขน", "Phi Ta Khon masks"),
    ("กว๊านพะเยา", "Kwan Phayao"),
    ("วัดพระธาตุหริภุญชัย", "Wat Phra That Hariphunchai"),
    ("หนังตะลุงคณะเคล้าขวัญ", "Nang Talung troupe"),
    ("ผ้าทอลายน้ำไหล", "Nam Lai weaving"),
    ("ผ้าไหมมัดหมี่", "Mudmee silk"),
    ("บุญบั้งไฟยโสธร", "Yasothon Rocket Festival"),
    ("ตะกร้อลอดห่วง", "Takraw hoop"),
]
# Typos of those words: a letter missed, added, changed, two swapped; Thai and romanised.
TYPED = [
    "ผีตาโขล",
    "ผิตาโขน",
    "กวานพะเยา",
    "หริภุญไชย",
    "หนังตะลง",
    "Phimia",
    "Kohn",
    "Sukhotai",
    "ผ้าทอ",
    "ตะกร้",
    "บั้งไฟ",
    "Nmm",
    "Wta",
    "silkk",
    "Rocekt",
    "weavin",
]


@pytest.fixture
def built(index_dir, django_capture_on_commit_callbacks):
    for th, en in NAMES:
        AssetFactory(name_th=th, name_en=en)
    index.rebuild()
    with django_capture_on_commit_callbacks(execute=True):  # a second segment: the on-commit sync
        AssetFactory(name_th="ผ้าซิ่นตีนจก", name_en="Tin Chok skirt")
    return index_dir


def test_the_words_in_memory_are_whooshs_words_in_its_order(built):
    with index.open_index().searcher() as searcher:
        reader = searcher.reader()
        for fieldname in ("spell", "name_th", "name_key", "name_en", "name_roman"):
            words = lexicon.lexicon(reader, fieldname)
            expected = [raw.decode() for raw in reader.lexicon(fieldname)]
            assert words.words == sorted(expected) and words.words, fieldname
            for typed in TYPED:
                for prefix in (typed[:1], typed[:2], typed):
                    assert list(words.with_prefix(prefix)) == [
                        raw.decode() for raw in reader.expand_prefix(fieldname, prefix)
                    ]
                for maxdist in (1, 2):
                    whooshs = []
                    for raw in reader.expand_prefix(fieldname, typed[:1]):
                        term = raw.decode()
                        if abs(len(term) - len(typed)) <= maxdist:
                            distance = damerau_levenshtein(term, typed, limit=maxdist)
                            if distance <= maxdist:
                                whooshs.append((distance, term))
                    assert words.near(typed, maxdist) == whooshs, (fieldname, typed, maxdist)


def test_typo_candidates_are_whooshs_automatons_on_one_segment(index_dir):
    for th, en in NAMES:
        AssetFactory(name_th=th, name_en=en)
    index.rebuild()  # one segment: whoosh answers with its Levenshtein automaton
    with index.open_index().searcher() as searcher:
        reader = searcher.reader()
        words = lexicon.lexicon(reader, "spell")
        found_any = False
        for typed in TYPED:
            for maxdist in (1, 2):
                for prefix in (0, 1):
                    expected = [
                        t.decode() if isinstance(t, bytes) else t
                        for t in reader.terms_within("spell", typed, maxdist, prefix=prefix)
                    ]
                    assert list(words.within(typed, maxdist, prefix=prefix)) == expected, typed
                    found_any = found_any or bool(expected)
        assert found_any, "the typos are near some word"


def test_a_new_segment_is_a_new_set_of_words(built):
    with index.open_index().searcher() as searcher:
        assert "ตีนจก" in " ".join(lexicon.lexicon(searcher.reader(), "spell").words)


def test_the_maps_list_asks_without_facets_and_gets_the_same_results(client, built):
    params = {"q": "ผ้า", "kind": "asset"}
    full = client.get("/api/search/", params).json()
    lean = client.get("/api/search/", {**params, "facets": "0"}).json()
    assert lean["facets"] is None
    assert full["facets"]["kind"][0]["count"] == full["count"] == lean["count"] >= 3
    assert lean["results"] == full["results"]


def test_a_worker_warms_up_before_its_first_visitor_and_says_it_is_alive(built):
    class Worker:
        beats = 0

        def notify(self):
            self.beats += 1

    worker = Worker()
    lexicon._cache.clear()
    try:
        gunicorn_conf.post_worker_init(worker)
    finally:
        gc.unfreeze()
    assert worker.beats == 3, "a heartbeat after each step: a long warm-up is no hung worker"
    assert any(key[1] == "spell" for key in lexicon._cache), "the typo look-ups' words are loaded"


def test_a_warm_up_without_an_index_lets_the_server_start(index_dir, caplog):
    steps = warmup.warm_up()
    assert set(steps) == {"views", "index", "searches"}
    assert "no search index yet" in caplog.text


def test_a_map_area_finds_the_records_whooshs_range_finds(built):
    from whoosh.query import NumericRange

    from culturalmap.search.documents import microdegrees
    from culturalmap.search.selectors import _coordinate_mask

    with index.open_index().searcher() as searcher:
        reader = searcher.reader()
        points = [(f["lon"], f["lat"]) for f in reader.all_stored_fields() if f.get("lon") is not None]
        assert len(points) >= len(NAMES)
        lon, lat = points[0]
        for fieldname, centre in (("lon_e6", lon), ("lat_e6", lat)):
            for low, high in ((centre - 0.5, centre + 0.5), (centre, centre), (-180, centre), (centre, 180)):
                for excl in (False, True):
                    query = NumericRange(fieldname, microdegrees(low), microdegrees(high), excl, excl)
                    expected = sorted(searcher.docs_for_query(query))
                    mask = _coordinate_mask(reader, query)  # deleted documents too: the search masks them
                    assert [d for d in map(int, mask.nonzero()[0]) if not reader.is_deleted(d)] == expected
