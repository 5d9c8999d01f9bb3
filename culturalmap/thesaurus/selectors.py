"""Reads of the thesaurus: its concepts with their links, and the curators' tags of records."""

from dataclasses import dataclass

from django.db.models import Max, QuerySet

from .models import Concept, ConceptTag


def concept_list() -> QuerySet[Concept]:
    return Concept.objects.prefetch_related("broader").order_by("key")


@dataclass(frozen=True)
class ConceptData:
    """A concept as plain data (what search builds its label matcher from)."""

    key: str
    pref_label_th: str
    pref_label_en: str
    alt_labels_th: tuple[str, ...]
    alt_labels_en: tuple[str, ...]
    alt_labels_roman: tuple[str, ...]
    hidden_labels: tuple[str, ...]
    broader: tuple[str, ...]

    def as_json(self) -> dict:
        return {
            name: list(value) if isinstance(value, tuple) else value for name, value in vars(self).items()
        }

    @classmethod
    def from_json(cls, data: dict) -> "ConceptData":
        return cls(
            **{name: tuple(value) if isinstance(value, list) else value for name, value in data.items()}
        )


def concept_data() -> list[ConceptData]:
    """Every concept as plain data, broader keys included (two queries)."""
    links: dict[int, list[str]] = {}
    through = Concept.broader.through.objects.values_list("from_concept_id", "to_concept__key")
    for concept_id, key in through:
        links.setdefault(concept_id, []).append(key)
    return [
        ConceptData(
            key=c.key,
            pref_label_th=c.pref_label_th,
            pref_label_en=c.pref_label_en,
            alt_labels_th=tuple(c.alt_labels_th),
            alt_labels_en=tuple(c.alt_labels_en),
            alt_labels_roman=tuple(c.alt_labels_roman),
            hidden_labels=tuple(c.hidden_labels),
            broader=tuple(sorted(links.get(c.pk, []))),
        )
        for c in Concept.objects.order_by("key")
    ]


def thesaurus_version() -> tuple:
    """Changes whenever a concept or a curator's tag is added, changed or removed."""
    concepts = Concept.objects.aggregate(n=Max("id"), at=Max("updated_at"))
    tags = ConceptTag.objects.aggregate(n=Max("id"), at=Max("tagged_at"))
    return (Concept.objects.count(), concepts["at"], ConceptTag.objects.count(), tags["at"])


def record_tags(kind: str, codes: list[str]) -> dict[str, dict[str, bool]]:
    """The curators' tags of records of a kind: {code: {concept key: excluded}}."""
    found: dict[str, dict[str, bool]] = {}
    rows = ConceptTag.objects.filter(kind=kind, code__in=codes).values_list(
        "code", "concept__key", "excluded"
    )
    for code, key, excluded in rows:
        found.setdefault(code, {})[key] = excluded
    return found
