"""Writes of the thesaurus: the seed, a SKOS import, a curator's tag on a record."""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction

from culturalmap.core import records
from culturalmap.core.permissions import AnyUser, is_curator

from . import changes, skos
from .models import Concept, ConceptTag
from .selectors import ConceptData


def seed_concepts() -> list[ConceptData]:
    """The thesaurus the catalogue starts with (seed.py) as concepts."""
    from .seed import CONCEPTS

    def split(text: str) -> tuple[str, ...]:
        return tuple(label.strip() for label in text.split("|") if label.strip())

    return [
        ConceptData(
            key=key,
            pref_label_th=th,
            pref_label_en=en,
            alt_labels_th=split(alt_th),
            alt_labels_en=split(alt_en),
            alt_labels_roman=split(roman),
            hidden_labels=(),
            broader=tuple(broader.split()),
        )
        for key, broader, th, en, alt_th, alt_en, roman in CONCEPTS
    ]


@dataclass
class ThesaurusReport:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: int = 0
    removed: list[str] = field(default_factory=list)

    def as_text(self) -> str:
        return (
            f"{len(self.created)} created, {len(self.updated)} updated, {self.unchanged} unchanged, "
            f"{len(self.removed)} removed"
        )


def check_concepts(concepts: list[ConceptData], *, known: set[str] = frozenset()) -> list[str]:
    """Reasons a set of concepts cannot be stored: bad keys, repeated keys, unknown broader concepts,
    a concept broader than itself (a cycle)."""
    from .models import key_validator

    errors = []
    keys = [c.key for c in concepts]
    for key in sorted({k for k in keys if keys.count(k) > 1}):
        errors.append(f"{key}: the key is used by more than one concept")
    for c in concepts:
        try:
            key_validator(c.key)
        except ValidationError as error:
            errors.append(f"{c.key}: {' '.join(error.messages)}")
        for broader in c.broader:
            if broader not in keys and broader not in known:
                errors.append(f"{c.key}: its broader concept {broader} does not exist")
    broader = {c.key: set(c.broader) for c in concepts}
    for c in concepts:
        if _reaches(broader, c.key, c.key):
            errors.append(f"{c.key}: is broader than itself (a cycle of skos:broader)")
    return errors


def _reaches(broader: dict[str, set[str]], start: str, target: str) -> bool:
    seen, stack = set(), list(broader.get(start, ()))
    while stack:
        key = stack.pop()
        if key == target:
            return True
        if key not in seen:
            seen.add(key)
            stack.extend(broader.get(key, ()))
    return False


def write_concepts(model, concepts: list[ConceptData], *, replace: bool = False) -> ThesaurusReport:
    """Create or update concepts by key, then set their broader links (also run by the data migration,
    with its historical model). `replace`: remove the concepts the list does not have. Listeners
    hear of it once."""
    with changes.told_once():
        return _write_concepts(model, concepts, replace=replace)


def _write_concepts(model, concepts: list[ConceptData], *, replace: bool) -> ThesaurusReport:
    report = ThesaurusReport()
    existing = {c.key: c for c in model.objects.all()}
    fields = [
        "pref_label_th",
        "pref_label_en",
        "alt_labels_th",
        "alt_labels_en",
        "alt_labels_roman",
        "hidden_labels",
    ]
    for data in concepts:
        values = {
            name: list(v) if isinstance(v, tuple) else v for name in fields for v in [getattr(data, name)]
        }
        concept = existing.get(data.key)
        if concept is None:
            existing[data.key] = model.objects.create(key=data.key, **values)
            report.created.append(data.key)
        elif any(_differs(getattr(concept, name), value) for name, value in values.items()):
            for name, value in values.items():
                setattr(concept, name, value)
            concept.save()
            report.updated.append(data.key)
        else:
            report.unchanged += 1
    for data in concepts:
        concept = existing[data.key]
        wanted = {existing[key].pk for key in data.broader}
        if set(concept.broader.values_list("pk", flat=True)) != wanted:
            concept.broader.set(wanted)
            if data.key not in report.created and data.key not in report.updated:
                report.updated.append(data.key)
                report.unchanged -= 1
    if replace:
        gone = set(existing) - {c.key for c in concepts}
        model.objects.filter(key__in=gone).delete()
        report.removed = sorted(gone)
    return report


def _differs(stored, value) -> bool:
    """Labels are a set: the order a file lists them in is no change."""
    if isinstance(value, list):
        return sorted(stored) != sorted(value)
    return stored != value


@transaction.atomic
def thesaurus_import(*, data: str | bytes, fmt: str, replace: bool = False) -> ThesaurusReport:
    """Take a SKOS file (Turtle or JSON-LD): every concept is checked first; any error refuses the
    whole file (a ValidationError naming each concept and reason) and nothing is stored."""
    parsed = skos.parse(data, fmt)
    known = set() if replace else set(Concept.objects.values_list("key", flat=True))
    errors = parsed.errors + check_concepts(parsed.concepts, known=known)
    if errors:
        raise ValidationError(errors)
    return write_concepts(Concept, parsed.concepts, replace=replace)


@transaction.atomic
def concept_tag_set(
    *, user: AnyUser, kind: str, code: str, concept: Concept, excluded: bool = False
) -> ConceptTag:
    """A curator says a record is (or, `excluded`, is not) about a concept."""
    if not is_curator(user):
        from django.core.exceptions import PermissionDenied

        raise PermissionDenied("only curators tag records")
    try:
        record_kind = records.get(kind)
    except records.UnknownKind as error:
        raise ValidationError({"kind": str(error)}) from None
    if not record_kind.model_class._default_manager.filter(code=code).exists():
        raise ValidationError({"code": f"no {kind} record has the code {code}"})
    tag, _ = ConceptTag.objects.update_or_create(
        kind=kind, code=code, concept=concept, defaults={"excluded": excluded, "tagged_by": user}
    )
    return tag
