"""Reads on the Key Features self-assessments: the public sees approved years only; the city's team
and curators see every year, with its state."""

from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404

from culturalmap.core.permissions import is_curator
from learningcity.models import (
    KEY_FEATURE_ENGLISH,
    KEY_FEATURE_GROUP_ENGLISH,
    KEY_FEATURE_GROUPS,
    KeyFeature,
    KeyFeatureAssessment,
    LearningCity,
)
from learningcity.selectors import can_edit_city

from .models import AssessmentStatus, KeyFeatureEvidencePhoto, SelfAssessment

FEATURE_COUNT = len(KeyFeature.values)


def _with_ratings(assessments: QuerySet[SelfAssessment]) -> QuerySet[SelfAssessment]:
    photos = Prefetch("photos", queryset=KeyFeatureEvidencePhoto.objects.order_by("id"))
    ratings = KeyFeatureAssessment.objects.select_related("updated_by").prefetch_related(photos)
    return assessments.select_related("city", "submitted_by", "reviewed_by").prefetch_related(
        Prefetch("ratings", queryset=ratings)
    )


def assessments_for_viewer(*, city: LearningCity, user) -> QuerySet[SelfAssessment]:
    """The city's self-assessments, newest year first."""
    assessments = SelfAssessment.objects.filter(city=city)
    if not can_edit_city(user, city):
        assessments = assessments.filter(status=AssessmentStatus.APPROVED)
    return _with_ratings(assessments).order_by("-year")


def assessment_for_viewer(*, city: LearningCity, year: int, user) -> SelfAssessment:
    assessment = assessments_for_viewer(city=city, user=user).filter(year=year).first()
    if assessment is None:
        raise Http404("No such self-assessment")
    return assessment


def evidence_photo_for_viewer(
    *, city: LearningCity, year: int, photo_id: int, user
) -> KeyFeatureEvidencePhoto:
    assessment = assessment_for_viewer(city=city, year=year, user=user)
    photo = KeyFeatureEvidencePhoto.objects.filter(pk=photo_id, rating__assessment=assessment).first()
    if photo is None:
        raise Http404("No such photo")
    return photo


def latest_approved(city: LearningCity) -> SelfAssessment | None:
    return (
        _with_ratings(SelfAssessment.objects.filter(city=city, status=AssessmentStatus.APPROVED))
        .order_by("-year")
        .first()
    )


def awaiting_review(user) -> QuerySet[SelfAssessment]:
    """Submitted years waiting for a curator (none for anyone else)."""
    if not is_curator(user):
        return SelfAssessment.objects.none()
    return (
        SelfAssessment.objects.filter(status=AssessmentStatus.SUBMITTED)
        .select_related("city")
        .order_by("submitted_at")
    )


def key_feature_table(assessment: SelfAssessment | None) -> list[dict[str, Any]]:
    """The 12 Key Features in UNESCO's order, grouped, each with the year's rating and evidence; a
    feature with no rating (or no assessment at all) has rating None: "not yet assessed"."""
    found = {r.feature: r for r in assessment.ratings.all()} if assessment is not None else {}
    groups = []
    for group, features in KEY_FEATURE_GROUPS.items():
        rows = []
        for feature in features:
            rating = found.get(feature.value)
            rows.append(
                {
                    "feature": feature.value,
                    "name_th": feature.label,
                    "name_en": KEY_FEATURE_ENGLISH[feature],
                    "rating": rating.rating if rating else None,
                    "note": rating.note if rating else "",
                    "links": list(rating.links) if rating else [],
                    "photos": list(rating.photos.all()) if rating else [],
                    "updated_by": rating.updated_by if rating else None,
                    "updated_at": rating.updated_at if rating else None,
                }
            )
        groups.append(
            {
                "group": group.value,
                "name_th": group.label,
                "name_en": KEY_FEATURE_GROUP_ENGLISH[group],
                "features": rows,
            }
        )
    return groups


def key_feature_comparison(assessments: list[SelfAssessment]) -> dict[str, Any]:
    """The Key Features side by side over years (oldest first), each cell a rating or None, with the
    change from the year before."""
    years = sorted(assessments, key=lambda a: a.year)
    by_year = [{r.feature: r.rating for r in a.ratings.all()} for a in years]
    groups = []
    for group, features in KEY_FEATURE_GROUPS.items():
        rows = []
        for feature in features:
            cells, previous = [], None
            for ratings in by_year:
                rating = ratings.get(feature.value)
                change = rating - previous if rating is not None and previous is not None else None
                cells.append({"rating": rating, "change": change})
                previous = rating if rating is not None else previous
            rows.append(
                {
                    "feature": feature.value,
                    "name_th": feature.label,
                    "name_en": KEY_FEATURE_ENGLISH[feature],
                    "cells": cells,
                }
            )
        groups.append(
            {
                "group": group.value,
                "name_th": group.label,
                "name_en": KEY_FEATURE_GROUP_ENGLISH[group],
                "features": rows,
            }
        )
    return {"years": years, "groups": groups}


def coverage_by_city(cities: QuerySet[LearningCity]) -> dict[int, dict[str, Any]]:
    """Each city's latest approved year and how many of the 12 features it rated (one query)."""
    rows = (
        SelfAssessment.objects.filter(city__in=cities, status=AssessmentStatus.APPROVED)
        .annotate(rated=Count("ratings", filter=Q(ratings__rating__isnull=False)))
        .order_by("city_id", "-year")
        .values("city_id", "year", "rated")
    )
    coverage: dict[int, dict[str, Any]] = {}
    for row in rows:
        coverage.setdefault(row["city_id"], {"year": row["year"], "rated": row["rated"], "of": FEATURE_COUNT})
    return coverage
