"""The thesaurus as SKOS: what is exported reads back the same, in Turtle and JSON-LD; a bad file
changes nothing and says which concept is wrong."""

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from rdflib import SKOS, Graph, Literal
from rdflib.compare import isomorphic

from culturalmap.thesaurus import skos
from culturalmap.thesaurus.models import Concept
from culturalmap.thesaurus.selectors import concept_data
from culturalmap.thesaurus.services import thesaurus_import

pytestmark = pytest.mark.django_db


def as_sets(concepts) -> dict:
    return {
        c.key: (
            c.pref_label_th,
            c.pref_label_en,
            frozenset(c.alt_labels_th),
            frozenset(c.alt_labels_en),
            frozenset(c.alt_labels_roman),
            frozenset(c.hidden_labels),
            frozenset(c.broader),
        )
        for c in concepts
    }


@pytest.mark.parametrize("fmt", ["ttl", "jsonld"])
def test_an_export_read_into_an_empty_thesaurus_gives_the_same_concepts_and_the_same_file(fmt):
    before = concept_data()
    exported = skos.serialize(before, fmt)
    Concept.objects.all().delete()
    report = thesaurus_import(data=exported, fmt=fmt)
    assert len(report.created) == len(before)
    assert as_sets(concept_data()) == as_sets(before)
    again = skos.serialize(concept_data(), fmt)
    first, second = Graph().parse(data=exported, format=skos.rdf_format(fmt)), Graph()
    second.parse(data=again, format=skos.rdf_format(fmt))
    assert isomorphic(first, second)


def test_the_turtle_says_skos_with_languages_and_romanised_thai():
    graph = Graph().parse(data=skos.serialize(concept_data(), "ttl"), format="turtle")
    temple = skos.concept_uri("temple")
    assert (temple, SKOS.prefLabel, Literal("วัด", lang="th")) in graph
    assert (temple, SKOS.altLabel, Literal("wat", lang="th-Latn")) in graph
    assert (temple, SKOS.broader, skos.concept_uri("religious_building")) in graph
    assert (skos.concept_uri("architecture"), SKOS.topConceptOf, skos.scheme_uri()) in graph


def test_an_import_updates_a_concept_by_its_key_and_keeps_the_others():
    graph = Graph().parse(data=skos.serialize(concept_data(), "ttl"), format="turtle")
    temple = skos.concept_uri("temple")
    graph.add((temple, SKOS.altLabel, Literal("อาวาส", lang="th")))
    report = thesaurus_import(data=graph.serialize(format="turtle"), fmt="ttl")
    assert report.updated == ["temple"] and not report.created and not report.removed
    assert "อาวาส" in Concept.objects.get(key="temple").alt_labels_th


def test_a_file_with_an_unknown_broader_concept_or_no_thai_label_changes_nothing():
    count = Concept.objects.count()
    bad = """@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
    <https://x.invalid/t/ghost> a skos:Concept ; skos:notation "ghost" ;
        skos:prefLabel "ผี"@th, "ghost"@en ; skos:broader <https://x.invalid/t/nowhere> .
    <https://x.invalid/t/nameless> a skos:Concept ; skos:notation "nameless" ; skos:prefLabel "nameless"@en .
    """
    with pytest.raises(ValidationError) as refused:
        thesaurus_import(data=bad, fmt="ttl")
    messages = " ".join(refused.value.messages)
    assert "ghost" in messages and "nowhere" in messages
    assert "nameless" in messages and "@th" in messages
    assert Concept.objects.count() == count and not Concept.objects.filter(key="ghost").exists()


def test_a_cycle_of_broader_concepts_is_refused():
    graph = Graph().parse(data=skos.serialize(concept_data(), "ttl"), format="turtle")
    graph.add((skos.concept_uri("architecture"), SKOS.broader, skos.concept_uri("temple")))
    with pytest.raises(ValidationError, match="cycle"):
        thesaurus_import(data=graph.serialize(format="turtle"), fmt="ttl")


def test_the_commands_write_and_read_files(tmp_path):
    path = tmp_path / "thesaurus.ttl"
    call_command("export_thesaurus", str(path))
    assert "skos:prefLabel" in path.read_text()
    Concept.objects.filter(key="nang_talung").delete()
    call_command("import_thesaurus", str(path))
    assert Concept.objects.get(key="nang_talung").pref_label_th == "หนังตะลุง"
    broken = tmp_path / "broken.ttl"
    broken.write_text("this is not turtle <<<")
    with pytest.raises(CommandError, match="nothing imported"):
        call_command("import_thesaurus", str(broken))
    with pytest.raises(CommandError, match="unknown SKOS format"):
        call_command("import_thesaurus", str(path), format="xml")
