"""The heritage thesaurus (SKOS-like): concepts, their labels in Thai, English and romanised Thai,
broader/narrower links, and the concept tags curators set on records.

The 11 archetypes of the public cultural map are top concepts whose key is the archetype's code, so a
record's category is also a concept. Search tags records with concepts from their text at index time
(culturalmap.search.concepts); a `ConceptTag` adds a concept a record's text does not say, or removes
one it says wrongly (`excluded`).
"""

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.core.validators import RegexValidator
from django.db import models

LABEL_MAX = 200
key_validator = RegexValidator(r"^[a-z][a-z0-9_]{1,63}$", "ใช้ตัวอักษรอังกฤษพิมพ์เล็ก ตัวเลข และ _ (เช่น nang_talung)")


def _labels(help_text: str) -> ArrayField:
    return ArrayField(models.CharField(max_length=LABEL_MAX), default=list, blank=True, help_text=help_text)


class Concept(models.Model):
    key = models.CharField(
        max_length=64,
        unique=True,
        validators=[key_validator],
        help_text="The concept's identifier (skos:notation, the end of its URI): nang_talung.",
    )
    pref_label_th = models.CharField("ชื่อหลัก (ไทย)", max_length=LABEL_MAX)
    pref_label_en = models.CharField("ชื่อหลัก (อังกฤษ)", max_length=LABEL_MAX)
    alt_labels_th = _labels("Other Thai words for it (skos:altLabel@th), comma-separated.")
    alt_labels_en = _labels("Other English words for it (skos:altLabel@en), comma-separated.")
    alt_labels_roman = _labels("Thai words in Latin letters, RTGS (skos:altLabel@th-Latn): nang talung.")
    hidden_labels = _labels("Common misspellings, found but never shown (skos:hiddenLabel).")
    definition_th = models.TextField(blank=True)
    definition_en = models.TextField(blank=True)
    broader = models.ManyToManyField(
        "self", symmetrical=False, related_name="narrower", blank=True, help_text="skos:broader"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["key"]

    def __str__(self) -> str:
        return f"{self.pref_label_th} ({self.pref_label_en})"

    def labels(self) -> list[str]:
        """Every label it is found by, preferred first."""
        return [
            self.pref_label_th,
            self.pref_label_en,
            *self.alt_labels_th,
            *self.alt_labels_en,
            *self.alt_labels_roman,
            *self.hidden_labels,
        ]


class ConceptTag(models.Model):
    """A curator's tag on a record (any kind of the registry, by its permalink code): the concept is
    added to what the record's text says, or, `excluded`, taken from it."""

    kind = models.CharField(max_length=32, help_text="The record kind: asset, market, learning_space…")
    code = models.CharField(max_length=32, help_text="The record's permalink code.")
    concept = models.ForeignKey(Concept, on_delete=models.CASCADE, related_name="tags")
    excluded = models.BooleanField(
        default=False, help_text="The record is not about this concept, whatever its text says."
    )
    tagged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    tagged_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["kind", "code", "concept__key"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "code", "concept"], name="concept_tag_once"),
        ]
        indexes = [models.Index(fields=["kind", "code"])]

    def __str__(self) -> str:
        return f"{self.kind}:{self.code} {'−' if self.excluded else '+'}{self.concept.key}"
