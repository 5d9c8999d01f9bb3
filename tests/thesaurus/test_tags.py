"""A curator says what a record is about; nobody else can."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from culturalmap.thesaurus.admin import ConceptTagForm
from culturalmap.thesaurus.models import Concept
from culturalmap.thesaurus.services import concept_tag_set
from tests.factories import AssetFactory

pytestmark = pytest.mark.django_db


def test_a_curator_tags_a_record_and_can_exclude_a_concept(curator):
    asset = AssetFactory()
    temple = Concept.objects.get(key="temple")
    tag = concept_tag_set(user=curator, kind="asset", code=asset.code, concept=temple)
    assert (tag.kind, tag.code, tag.excluded, tag.tagged_by) == ("asset", asset.code, False, curator)
    tag = concept_tag_set(user=curator, kind="asset", code=asset.code, concept=temple, excluded=True)
    assert tag.excluded and temple.tags.count() == 1


def test_anyone_else_is_refused_and_an_unknown_record_is_named(user, curator):
    asset = AssetFactory()
    temple = Concept.objects.get(key="temple")
    with pytest.raises(PermissionDenied):
        concept_tag_set(user=user, kind="asset", code=asset.code, concept=temple)
    with pytest.raises(ValidationError, match="CA-NOPE"):
        concept_tag_set(user=curator, kind="asset", code="CA-NOPE", concept=temple)
    with pytest.raises(ValidationError, match="unknown record kind"):
        concept_tag_set(user=curator, kind="festival", code=asset.code, concept=temple)


def test_the_admin_form_refuses_a_code_no_record_has():
    form = ConceptTagForm(
        data={"kind": "asset", "code": "CA-NOPE", "concept": Concept.objects.get(key="temple").pk}
    )
    assert not form.is_valid() and "code" in form.errors
