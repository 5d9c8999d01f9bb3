"""The Key Features self-assessment as a workflow: the team rates, adds evidence and submits; a curator
approves or sends it back with a comment. Every step is a RecordRevision (kind "assessment").

- Ratings are 1–5 or blank (not yet assessed); anything else is refused naming the feature.
- The team may change ratings and evidence only while the year is a draft or sent back; a submitted
  or approved year is locked (Conflict, 409) until a curator sends it back.
- Submitting needs at least one rating, and evidence (text, a link or a photo) for each rating.
"""

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils import timezone

from culturalmap.core.exceptions import Conflict
from culturalmap.core.images import process_image_upload
from culturalmap.core.permissions import is_curator
from learningcity.courses.models import RecordAction, RecordKind
from learningcity.history import locked_at_version, record_revision_add, save_new_version
from learningcity.models import KEY_FEATURE_ENGLISH, KeyFeature, KeyFeatureAssessment, LearningCity
from learningcity.services import require_team

from .models import AssessmentStatus, KeyFeatureEvidencePhoto, SelfAssessment

FIRST_YEAR = 2013  # UNESCO's Global Network of Learning Cities began in 2013
MAX_LINKS = 10
MAX_PHOTOS_PER_FEATURE = 6
NOT_A_FEATURE = "ไม่ใช่ Key Feature ของ UNESCO / not a UNESCO Key Feature."
NEEDS_EVIDENCE = "คะแนนต้องมีหลักฐาน (ข้อความ ลิงก์ หรือรูปภาพ) / a rating needs evidence (text, a link or a photo)."


def self_assessment_snapshot(assessment: SelfAssessment) -> dict[str, Any]:
    ratings = assessment.ratings.prefetch_related("photos").order_by("feature")
    return {
        "year": assessment.year,
        "status": assessment.status,
        "review_comment": assessment.review_comment,
        # Keyed as the profile's history was, so history pages show each Key Feature's change.
        "key_features": {
            r.feature: {
                "rating": r.rating,
                "note": r.note,
                "links": list(r.links),
                "photos": [p.image.name for p in r.photos.all()],
            }
            for r in ratings
            if r.rating is not None or r.note or r.links or r.photos.all()
        },
    }


def _feature_name(feature: str) -> str:
    return KEY_FEATURE_ENGLISH[KeyFeature(feature)]


def _both_names(feature: str) -> str:
    return f"{KeyFeature(feature).label} ({_feature_name(feature)})"


def clean_ratings(ratings: Any) -> dict[str, dict[str, Any]]:
    """{feature: {"rating": 1–5 or None, "note": text, "links": [URL, ...]}}; each part optional."""
    if not isinstance(ratings, dict):
        raise ValidationError(
            {"ratings": "ต้องระบุเป็น Key Feature: {rating, note, links} / Must map features."}
        )
    clean: dict[str, dict[str, Any]] = {}
    check_url = URLValidator(schemes=["http", "https"])
    for feature, entry in ratings.items():
        if feature not in KeyFeature.values:
            raise ValidationError({f"ratings.{feature}": f"'{feature}': {NOT_A_FEATURE}"})
        entry = entry if isinstance(entry, dict) else {"rating": entry}
        unknown = set(entry) - {"rating", "note", "links"}
        if unknown:
            raise ValidationError(
                {f"ratings.{feature}.{name}": "ไม่ใช่ข้อมูลที่แก้ไขได้ / Not an editable field." for name in unknown}
            )
        cleaned: dict[str, Any] = {}
        if "rating" in entry:
            rating = entry["rating"]
            if rating is not None and (
                isinstance(rating, bool) or not isinstance(rating, int) or not 1 <= rating <= 5
            ):
                raise ValidationError(
                    {
                        f"ratings.{feature}.rating": f"{KeyFeature(feature).label}: ต้องเป็นคะแนน 1–5"
                        f" / {_feature_name(feature)}: must be rated 1–5 (got {rating!r})."
                    }
                )
            cleaned["rating"] = rating
        if "note" in entry:
            cleaned["note"] = str(entry["note"] or "").strip()
        if "links" in entry:
            cleaned["links"] = _clean_links(feature, entry["links"], check_url)
        clean[feature] = cleaned
    return clean


def _clean_links(feature: str, links: Any, check_url: URLValidator) -> list[str]:
    items = links if isinstance(links, list | tuple) else str(links or "").split()
    items = list(dict.fromkeys(str(item).strip() for item in items if str(item).strip()))
    if len(items) > MAX_LINKS:
        raise ValidationError(
            {f"ratings.{feature}.links": f"ลิงก์ได้ไม่เกิน {MAX_LINKS} รายการ / At most {MAX_LINKS} links."}
        )
    for link in items:
        try:
            check_url(link)
        except ValidationError as exc:
            raise ValidationError(
                {f"ratings.{feature}.links": f"'{link}': ไม่ใช่ลิงก์ http(s) / not an http(s) link."}
            ) from exc
        if len(link) > 500:
            raise ValidationError({f"ratings.{feature}.links": "ลิงก์ยาวเกินไป / A link is too long."})
    return items


def _record(assessment: SelfAssessment, *, action: str, before: dict | None, user) -> None:
    record_revision_add(
        city=assessment.city,
        course=None,
        kind=RecordKind.ASSESSMENT,
        record=assessment,
        action=action,
        before=before,
        after=self_assessment_snapshot(assessment),
        user=user,
    )


def _open_at_version(assessment: SelfAssessment, version: int) -> SelfAssessment:
    current = locked_at_version(
        assessment, version, kind=RecordKind.ASSESSMENT, snapshot=self_assessment_snapshot
    )
    _require_open(current)
    return current


def _require_open(assessment: SelfAssessment) -> None:
    if not assessment.is_open:
        raise Conflict(
            f"การประเมินปี {assessment.year + 543} {assessment.status_label}: แก้ไขไม่ได้จนกว่าผู้ดูแลจะส่งกลับ"
            f" / The {assessment.year} self-assessment is {assessment.status}: it cannot change until a"
            " curator sends it back.",
            code="locked",
            status=assessment.status,
        )


@transaction.atomic
def self_assessment_start(
    *, user, city: LearningCity, year: int, today: datetime.date | None = None
) -> SelfAssessment:
    """A new, empty self-assessment for `year` (CE): every Key Feature starts "not yet assessed"."""
    require_team(user, city)
    this_year = (today or timezone.localdate()).year
    if isinstance(year, bool) or not isinstance(year, int) or not FIRST_YEAR <= year <= this_year + 1:
        raise ValidationError(
            {
                "year": f"ปีที่ประเมินต้องอยู่ระหว่าง {FIRST_YEAR + 543}–{this_year + 544}"
                f" / The assessment year must be {FIRST_YEAR}–{this_year + 1}."
            }
        )
    if SelfAssessment.objects.filter(city=city, year=year).exists():
        raise ValidationError(
            {"year": f"มีการประเมินปี {year + 543} แล้ว / There is already a {year} self-assessment."}
        )
    assessment = SelfAssessment.objects.create(city=city, year=year)
    _record(assessment, action=RecordAction.CREATE, before=None, user=user)
    return assessment


@transaction.atomic
def self_assessment_save(
    *, user, assessment: SelfAssessment, version: int, ratings: dict[str, Any]
) -> SelfAssessment:
    """Rate some or all of the 12 Key Features with their evidence; the features not named keep theirs."""
    require_team(user, assessment.city)
    current = _open_at_version(assessment, version)
    clean = clean_ratings(ratings)
    before = self_assessment_snapshot(current)
    author = user if getattr(user, "is_authenticated", False) else None
    for feature, values in clean.items():
        row = KeyFeatureAssessment.objects.filter(assessment=current, feature=feature).first()
        if row is None:
            row = KeyFeatureAssessment(assessment=current, city=current.city, feature=feature)
        if any(getattr(row, name) != value for name, value in values.items()) or row.pk is None:
            for name, value in values.items():
                setattr(row, name, value)
            row.updated_by = author
            row.save()
    if self_assessment_snapshot(current) == before:
        return current
    updated = save_new_version(current, {})
    _record(updated, action=RecordAction.UPDATE, before=before, user=user)
    return updated


@transaction.atomic
def key_feature_photo_add(
    *, user, assessment: SelfAssessment, feature: str, photo, caption: str = ""
) -> KeyFeatureEvidencePhoto:
    require_team(user, assessment.city)
    if feature not in KeyFeature.values:
        raise ValidationError(
            {"feature": f"'{feature}': ไม่ใช่ Key Feature ของ UNESCO / not a UNESCO Key Feature."}
        )
    processed = process_image_upload(photo)  # refused before anything is written
    current = SelfAssessment.objects.select_for_update().get(pk=assessment.pk)
    _require_open(current)
    row, _ = KeyFeatureAssessment.objects.get_or_create(
        assessment=current, feature=feature, defaults={"city": current.city}
    )
    if row.photos.count() >= MAX_PHOTOS_PER_FEATURE:
        raise ValidationError(
            {
                "photo": f"มีรูปหลักฐานครบ {MAX_PHOTOS_PER_FEATURE} รูปแล้ว"
                f" / This Key Feature already has {MAX_PHOTOS_PER_FEATURE} photos."
            }
        )
    before = self_assessment_snapshot(current)
    image = KeyFeatureEvidencePhoto.objects.create(
        rating=row,
        image=processed.image,
        thumbnail=processed.thumbnail,
        width=processed.width,
        height=processed.height,
        caption=caption[:300],
        uploaded_by=user if getattr(user, "is_authenticated", False) else None,
    )
    _record(current, action=RecordAction.PHOTO_ADDED, before=before, user=user)
    return image


@transaction.atomic
def key_feature_photo_remove(*, user, photo: KeyFeatureEvidencePhoto) -> None:
    assessment = SelfAssessment.objects.select_for_update().get(pk=photo.rating.assessment_id)
    require_team(user, assessment.city)
    _require_open(assessment)
    before = self_assessment_snapshot(assessment)
    KeyFeatureEvidencePhoto.objects.filter(pk=photo.pk).update(removed_at=timezone.now())
    _record(assessment, action=RecordAction.PHOTO_REMOVED, before=before, user=user)


@transaction.atomic
def self_assessment_submit(*, user, assessment: SelfAssessment, version: int) -> SelfAssessment:
    require_team(user, assessment.city)
    current = _open_at_version(assessment, version)
    rated = list(current.ratings.filter(rating__isnull=False).prefetch_related("photos"))
    if not rated:
        raise ValidationError(
            {"ratings": "ยังไม่ได้ให้คะแนน Key Feature ใดเลย / Rate at least one Key Feature before submitting."}
        )
    bare = [r for r in rated if not (r.note or r.links or r.photos.all())]
    if bare:
        raise ValidationError(
            {f"ratings.{r.feature}.note": f"{_both_names(r.feature)}: {NEEDS_EVIDENCE}" for r in bare}
        )
    before = self_assessment_snapshot(current)
    updated = save_new_version(
        current, {"status": AssessmentStatus.SUBMITTED, "submitted_by": user, "submitted_at": timezone.now()}
    )
    _record(updated, action=RecordAction.SUBMIT, before=before, user=user)
    return updated


@transaction.atomic
def self_assessment_review(
    *, user, assessment: SelfAssessment, version: int, approve: bool, comment: str = ""
) -> SelfAssessment:
    """A curator approves a submitted year (then it is public), or sends it back saying why."""
    if not is_curator(user):
        raise PermissionDenied("เฉพาะผู้ดูแลข้อมูลเท่านั้นที่ตรวจการประเมินได้ / Only curators review assessments.")
    current = locked_at_version(
        assessment, version, kind=RecordKind.ASSESSMENT, snapshot=self_assessment_snapshot
    )
    if current.status != AssessmentStatus.SUBMITTED and not (
        approve is False and current.status == AssessmentStatus.APPROVED
    ):
        raise Conflict(
            f"การประเมินนี้ {current.status_label}: ไม่ได้รอการตรวจ / This self-assessment is {current.status},"
            " not waiting for review.",
            code="not_submitted",
            status=current.status,
        )
    comment = (comment or "").strip()
    if not approve and not comment:
        raise ValidationError({"comment": "ต้องบอกเหตุผลที่ส่งกลับ / Say what the team should change."})
    before = self_assessment_snapshot(current)
    updated = save_new_version(
        current,
        {
            "status": AssessmentStatus.APPROVED if approve else AssessmentStatus.RETURNED,
            "reviewed_by": user,
            "reviewed_at": timezone.now(),
            "review_comment": comment,
        },
    )
    _record(
        updated, action=RecordAction.APPROVE if approve else RecordAction.RETURN, before=before, user=user
    )
    return updated
