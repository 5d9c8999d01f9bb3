"""The thesaurus the catalogue starts with: the field's words, in both languages, under the archetypes."""

import re

import pytest

from culturalmap.assets.archetypes import ARCHETYPES
from culturalmap.thesaurus.models import Concept
from culturalmap.thesaurus.selectors import concept_data

pytestmark = pytest.mark.django_db

THAI = re.compile(r"[\u0e01-\u0e4f]")


def by_key() -> dict:
    return {c.key: c for c in concept_data()}


def test_it_holds_at_least_300_concepts_each_named_in_thai_and_english():
    concepts = concept_data()
    assert len(concepts) >= 300
    for c in concepts:
        assert THAI.search(c.pref_label_th), c.key
        assert not THAI.search(c.pref_label_en), c.key
        assert all(not THAI.search(label) for label in (*c.alt_labels_en, *c.alt_labels_roman)), c.key
        assert all(THAI.search(label) for label in c.alt_labels_th), c.key


def test_the_11_archetypes_are_top_concepts_and_every_concept_reaches_a_top_concept():
    concepts = by_key()
    for code, th, _en in ARCHETYPES:
        assert concepts[code].broader == () and concepts[code].pref_label_th == th
    for c in concepts.values():
        seen, current = set(), c
        while current.broader:
            assert current.key not in seen, f"{c.key}: a cycle"
            seen.add(current.key)
            current = concepts[current.broader[0]]
    under_archetypes = [
        c for c in concepts.values() if _top(concepts, c) in dict((a, 1) for a, _, _ in ARCHETYPES)
    ]
    assert len(under_archetypes) >= 250


def _top(concepts, c):
    while c.broader:
        c = concepts[c.broader[0]]
    return c.key


@pytest.mark.parametrize(
    ("key", "labels"),
    [
        ("temple", {"วัด", "temple", "wat", "monastery"}),
        ("nang_talung", {"หนังตะลุง", "shadow puppet theatre", "nang talung", "Nang Talung"}),
        ("rocket_festival", {"บุญบั้งไฟ", "บั้งไฟ", "rocket festival", "bun bang fai"}),
    ],
)
def test_the_issues_examples_are_one_concept_each(key, labels):
    assert labels <= set(Concept.objects.get(key=key).labels())


def test_a_concept_is_under_its_archetype():
    temple = Concept.objects.get(key="temple")
    assert [b.key for b in temple.broader.all()] == ["religious_building"]
    assert "architecture" in [b.key for b in Concept.objects.get(key="religious_building").broader.all()]
    assert {n.key for n in temple.narrower.all()} >= {"forest_monastery", "royal_temple"}


def test_writing_the_whole_thesaurus_is_told_to_search_once(django_capture_on_commit_callbacks):
    from culturalmap.thesaurus import changes
    from culturalmap.thesaurus.services import seed_concepts, write_concepts

    heard = []
    listener = changes.listen(heard.append)
    try:
        Concept.objects.all().delete()
        heard.clear()
        with django_capture_on_commit_callbacks(execute=True):
            write_concepts(Concept, seed_concepts())
    finally:
        changes._listeners.remove(listener)
    assert Concept.objects.count() >= 300
    assert heard == [None]  # one notice that concepts changed, not one per concept
