"""The thesaurus as SKOS (W3C Simple Knowledge Organization System), through rdflib.

A concept's key is its `skos:notation` and the last segment of its URI under THESAURUS_URI; labels keep
their languages (th, en, and th-Latn for romanised Thai, RTGS). Turtle and JSON-LD are both read and
written; what is read is checked whole before anything is stored (services.thesaurus_import).
"""

from dataclasses import dataclass, field

from django.conf import settings
from rdflib import RDF, SKOS, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS

from .selectors import ConceptData

FORMATS = {"ttl": "turtle", "turtle": "turtle", "jsonld": "json-ld", "json-ld": "json-ld", "json": "json-ld"}
ROMAN = "th-Latn"
SCHEME_TITLE = ("อรรถาภิธานมรดกวัฒนธรรม", "Thai cultural heritage thesaurus")


def base_uri() -> str:
    return settings.THESAURUS_URI.rstrip("/") + "/"


def concept_uri(key: str) -> URIRef:
    return URIRef(base_uri() + key)


def scheme_uri() -> URIRef:
    return URIRef(base_uri().rstrip("/"))


def rdf_format(name: str) -> str:
    try:
        return FORMATS[name.lower().lstrip(".")]
    except KeyError:
        raise ValueError(f"unknown SKOS format {name!r}: use ttl or jsonld") from None


def to_graph(concepts: list[ConceptData]) -> Graph:
    graph = Graph()
    graph.bind("skos", SKOS)
    graph.bind("dct", DCTERMS)
    scheme = scheme_uri()
    graph.add((scheme, RDF.type, SKOS.ConceptScheme))
    graph.add((scheme, DCTERMS.title, Literal(SCHEME_TITLE[0], lang="th")))
    graph.add((scheme, DCTERMS.title, Literal(SCHEME_TITLE[1], lang="en")))
    for c in concepts:
        uri = concept_uri(c.key)
        graph.add((uri, RDF.type, SKOS.Concept))
        graph.add((uri, SKOS.inScheme, scheme))
        graph.add((uri, SKOS.notation, Literal(c.key)))
        graph.add((uri, SKOS.prefLabel, Literal(c.pref_label_th, lang="th")))
        graph.add((uri, SKOS.prefLabel, Literal(c.pref_label_en, lang="en")))
        for labels, lang in ((c.alt_labels_th, "th"), (c.alt_labels_en, "en"), (c.alt_labels_roman, ROMAN)):
            for label in labels:
                graph.add((uri, SKOS.altLabel, Literal(label, lang=lang)))
        for label in c.hidden_labels:
            graph.add((uri, SKOS.hiddenLabel, Literal(label)))
        if not c.broader:
            graph.add((uri, SKOS.topConceptOf, scheme))
            graph.add((scheme, SKOS.hasTopConcept, uri))
        for broader in c.broader:
            graph.add((uri, SKOS.broader, concept_uri(broader)))
            graph.add((concept_uri(broader), SKOS.narrower, uri))
    return graph


def serialize(concepts: list[ConceptData], fmt: str) -> str:
    fmt = rdf_format(fmt)
    if fmt == "json-ld":
        return to_graph(concepts).serialize(format="json-ld", indent=1, auto_compact=True)
    return to_graph(concepts).serialize(format=fmt)


@dataclass
class ParsedThesaurus:
    concepts: list[ConceptData] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def parse(data: str | bytes, fmt: str) -> ParsedThesaurus:
    """The concepts of a SKOS file, or the reasons it cannot be taken (named by concept)."""
    graph = Graph()
    try:
        graph.parse(data=data, format=rdf_format(fmt))
    except ValueError:
        raise
    except Exception as error:  # rdflib raises its parsers' own errors
        return ParsedThesaurus(errors=[f"the file is not {rdf_format(fmt)}: {error}"])
    parsed = ParsedThesaurus()
    keys = {uri: _key(graph, uri) for uri in set(graph.subjects(RDF.type, SKOS.Concept))}
    for uri, key in sorted(keys.items(), key=lambda item: item[1]):
        concept, errors = _concept(graph, uri, key, keys)
        parsed.errors += errors
        if concept:
            parsed.concepts.append(concept)
    if not keys:
        parsed.errors.append("no skos:Concept in the file")
    return parsed


def _key(graph: Graph, uri: URIRef) -> str:
    notation = graph.value(uri, SKOS.notation)
    if notation is not None:
        return str(notation)
    return str(uri).rstrip("/").rsplit("/", 1)[-1].rsplit("#", 1)[-1]


def _labels(graph: Graph, uri: URIRef, predicate, lang: str | None) -> list[str]:
    found = [
        str(value)
        for value in graph.objects(uri, predicate)
        if isinstance(value, Literal) and (lang is None or (value.language or "").lower() == lang.lower())
    ]
    return sorted(found)


def _concept(graph: Graph, uri, key: str, keys: dict) -> tuple[ConceptData | None, list[str]]:
    errors = []
    pref_th = _labels(graph, uri, SKOS.prefLabel, "th")
    pref_en = _labels(graph, uri, SKOS.prefLabel, "en")
    if len(pref_th) != 1 or len(pref_en) != 1:
        errors.append(f"{key}: needs exactly one skos:prefLabel in Thai (@th) and one in English (@en)")
    broader = {keys.get(b) for b in graph.objects(uri, SKOS.broader)}
    broader |= {keys.get(b) for b in graph.subjects(SKOS.narrower, uri)}
    unknown = [str(b) for b in graph.objects(uri, SKOS.broader) if b not in keys]
    if unknown:
        errors.append(f"{key}: skos:broader names a concept that is not in the file: {', '.join(unknown)}")
    if errors:
        return None, errors
    return (
        ConceptData(
            key=key,
            pref_label_th=pref_th[0],
            pref_label_en=pref_en[0],
            alt_labels_th=tuple(_labels(graph, uri, SKOS.altLabel, "th")),
            alt_labels_en=tuple(_labels(graph, uri, SKOS.altLabel, "en")),
            alt_labels_roman=tuple(_labels(graph, uri, SKOS.altLabel, ROMAN)),
            hidden_labels=tuple(_labels(graph, uri, SKOS.hiddenLabel, None)),
            broader=tuple(sorted(b for b in broader if b)),
        ),
        [],
    )
