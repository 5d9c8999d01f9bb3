"""Writes on courses, cohorts and outcomes: who may, what adds up, and the history of every change.

- Only the city's team or a curator may write (learningcity.services.require_team): 403 otherwise.
- Counts add up: completed never above enrolled, a group's or a sex's learners never above the
  cohort's, applied never above those surveyed; dates stay inside their cohort. A refusal names the
  field and the reason (ValidationError, 400) and writes nothing.
- An edit names its version (StaleRecord, 409, if someone saved in between); every change is a
  RecordRevision; a curator's revert is a new revision; retiring takes a record off the public pages
  and out of the figures, its history kept.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from culturalmap.core.permissions import is_curator
from culturalmap.core.thai import ThaiInputError, format_date, parse_count
from learningcity.history import (
    field_values,
    locked_at_version,
    record_revision_add,
    save_new_version,
)
from learningcity.models import LearningCity, LearningSpace, PublicationStatus
from learningcity.services import require_team

from .models import (
    Cohort,
    Course,
    Outcome,
    RecordAction,
    RecordKind,
    RecordRevision,
    Sex,
    TargetGroup,
)

COURSE_FIELDS = (
    "title_th",
    "title_en",
    "kind",
    "space",
    "description_th",
    "description_en",
    "provider",
    "hours",
    "target_groups",
    "skills",
    "status",
)
COHORT_FIELDS = (
    "name",
    "starts_on",
    "ends_on",
    "enrolled",
    "completed",
    "by_target_group",
    "by_sex",
    "status",
)
OUTCOME_FIELDS = (
    "course",
    "cohort",
    "target_group",
    "period_start",
    "period_end",
    "survey_date",
    "survey_method",
    "method_note",
    "respondents",
    "applied",
    "income_baht",
    "baseline_income_baht",
    "cost_recovered_pct",
    "recovery_months",
    "note",
    "status",
)
BREAKDOWNS = {"by_target_group": TargetGroup, "by_sex": Sex}
MAX_RECOVERY_MONTHS = 120
MAX_COST_RECOVERED_PCT = Decimal("100000")
NOT_EDITABLE = "ไม่ใช่ข้อมูลที่แก้ไขได้ / Not an editable field."


def _refuse_unknown(values: dict[str, Any], fields: tuple[str, ...]) -> None:
    unknown = set(values) - set(fields)
    if unknown:
        raise ValidationError(dict.fromkeys(sorted(unknown), NOT_EDITABLE))


def _full_clean(candidate, exclude: list[str]) -> None:
    candidate.full_clean(exclude=exclude, validate_constraints=False, validate_unique=False)


# --- snapshots ----------------------------------------------------------------------------------


def course_snapshot(course: Course) -> dict[str, Any]:
    snapshot = field_values(course, tuple(f for f in COURSE_FIELDS if f != "space"))
    snapshot["space"] = course.space.code if course.space_id else None
    return snapshot


def cohort_snapshot(cohort: Cohort) -> dict[str, Any]:
    return field_values(cohort, COHORT_FIELDS)


def outcome_snapshot(outcome: Outcome) -> dict[str, Any]:
    snapshot = field_values(outcome, tuple(f for f in OUTCOME_FIELDS if f not in ("course", "cohort")))
    snapshot["course"] = outcome.course.code if outcome.course_id else None
    snapshot["cohort"] = outcome.cohort_id
    return snapshot


# --- the rules ----------------------------------------------------------------------------------


def _space_of(city: LearningCity, value: Any, current: LearningSpace | None) -> LearningSpace | None:
    if value in (None, ""):
        return None
    code = value.code if isinstance(value, LearningSpace) else str(value).strip()
    space = LearningSpace.objects.filter(code=code).first()
    if space is None or space.city_id != city.pk:
        raise ValidationError(
            {"space": f"'{code}': ไม่ใช่พื้นที่การเรียนรู้ของเมืองนี้ / not a learning space of this city."}
        )
    if space.status == PublicationStatus.WITHDRAWN and space != current:
        raise ValidationError({"space": "พื้นที่นี้ถูกปลดออกแล้ว / This learning space has been retired."})
    return space


def _text_list(value: Any) -> list[str]:
    """Skills as a list, from a list or from text with one skill a line (or comma-separated)."""
    if value in (None, ""):
        return []
    items = value if isinstance(value, list | tuple) else str(value).replace(",", "\n").splitlines()
    return list(dict.fromkeys(str(item).strip() for item in items if str(item).strip()))


def clean_course_values(*, city: LearningCity, values: dict[str, Any], current: Course | None = None) -> dict:
    _refuse_unknown(values, COURSE_FIELDS)
    values = dict(values)
    values["space"] = _space_of(city, values.get("space"), current.space if current else None)
    values["target_groups"] = list(dict.fromkeys(values.get("target_groups") or []))
    values["skills"] = _text_list(values.get("skills"))
    candidate = Course(city=city, **values)
    _full_clean(candidate, exclude=["code", "city", "version"])
    if candidate.hours <= 0:
        raise ValidationError({"hours": "จำนวนชั่วโมงต้องมากกว่า 0 / Hours must be more than 0."})
    return {name: getattr(candidate, name) for name in COURSE_FIELDS}


def _count(value: Any, field: str, label: str) -> int:
    if isinstance(value, bool):
        value = str(value)  # True is no head count
    try:
        return parse_count(value) or 0
    except ThaiInputError as exc:
        raise ValidationError({field: f"{label}: {exc}"}) from exc


def _th(day: datetime.date) -> str:
    return format_date(day, "th")


def _clean_breakdown(field: str, choices, value: Any, enrolled: int, completed: int) -> dict[str, dict]:
    """A cohort's learners by target group (or sex): each learner counted once, so no group holds
    more than the cohort, and together they hold no more than it does."""
    if value in (None, ""):
        return {}
    if not isinstance(value, dict):
        raise ValidationError(
            {field: "ต้องระบุเป็น กลุ่ม: {enrolled, completed} / Must map each group to counts."}
        )
    clean: dict[str, dict] = {}
    for key, counts in value.items():
        if key not in choices.values:
            raise ValidationError(
                {field: f"'{key}': ไม่ใช่กลุ่มในรายการ / not a listed group ({', '.join(choices.values)})."}
            )
        label = choices(key).label
        counts = counts if isinstance(counts, dict) else {"enrolled": counts}
        if set(counts) - {"enrolled", "completed"}:
            raise ValidationError(
                {field: f"{label}: ระบุได้เฉพาะ enrolled และ completed / only enrolled and completed."}
            )
        group_enrolled = _count(counts.get("enrolled"), field, label)
        group_completed = _count(counts.get("completed"), field, label)
        if group_completed > group_enrolled:
            raise ValidationError(
                {
                    field: f"{label}: ผู้สำเร็จ {group_completed:,} คน มากกว่าผู้ลงทะเบียน {group_enrolled:,} คน"
                    f" / {key}: {group_completed:,} completed, more than {group_enrolled:,} enrolled."
                }
            )
        if group_enrolled or group_completed:
            clean[key] = {"enrolled": group_enrolled, "completed": group_completed}
    for measure, total in (("enrolled", enrolled), ("completed", completed)):
        summed = sum(c[measure] for c in clean.values())
        if summed > total:
            word_th = "ผู้ลงทะเบียน" if measure == "enrolled" else "ผู้สำเร็จ"
            raise ValidationError(
                {
                    field: f"{word_th}รายกลุ่มรวม {summed:,} คน เกินยอดรวมของรุ่น {total:,} คน"
                    f" ({100 * summed / total if total else 100:.0f}%)"
                    f" / The groups' {measure} add up to {summed:,}, more than the cohort's {total:,}."
                }
            )
    return clean


def clean_cohort_values(*, course: Course, values: dict[str, Any], current: Cohort | None = None) -> dict:
    _refuse_unknown(values, COHORT_FIELDS)
    values = dict(values)
    breakdowns = {field: values.pop(field, None) for field in BREAKDOWNS}
    candidate = Cohort(course=course, **values)
    _full_clean(candidate, exclude=["course", "version", *BREAKDOWNS])
    if candidate.completed > candidate.enrolled:
        raise ValidationError(
            {
                "completed": f"ผู้สำเร็จ {candidate.completed:,} คน มากกว่าผู้ลงทะเบียน {candidate.enrolled:,} คน"
                f" / {candidate.completed:,} completed is more than the {candidate.enrolled:,} enrolled."
            }
        )
    if candidate.ends_on < candidate.starts_on:
        raise ValidationError({"ends_on": "วันจบรุ่นอยู่ก่อนวันเริ่ม / The cohort ends before it starts."})
    for field, choices in BREAKDOWNS.items():
        setattr(
            candidate,
            field,
            _clean_breakdown(field, choices, breakdowns[field], candidate.enrolled, candidate.completed),
        )
    if current is not None:
        _outcomes_still_fit(current, candidate)
    return {name: getattr(candidate, name) for name in COHORT_FIELDS}


def _outcomes_still_fit(current: Cohort, candidate: Cohort) -> None:
    """A cohort's new dates and counts must still hold the outcomes recorded for it."""
    outcomes = current.outcomes.exclude(status=PublicationStatus.WITHDRAWN)
    early = outcomes.filter(period_start__lt=candidate.starts_on).order_by("period_start").first()
    if early is not None:
        raise ValidationError(
            {
                "starts_on": f"มีผลลัพธ์ที่ติดตามตั้งแต่ {_th(early.period_start)} ก่อนวันเริ่มใหม่"
                f" / An outcome of this cohort covers {early.period_start}, before the new start."
            }
        )
    surveyed = outcomes.filter(survey_date__lt=candidate.ends_on).order_by("survey_date").first()
    if surveyed is not None:
        raise ValidationError(
            {
                "ends_on": f"มีผลลัพธ์ที่สำรวจเมื่อ {_th(surveyed.survey_date)} ก่อนวันจบรุ่นใหม่"
                f" / An outcome was surveyed on {surveyed.survey_date}, before the new end."
            }
        )
    crowded = outcomes.filter(respondents__gt=candidate.enrolled).order_by("-respondents").first()
    if crowded is not None:
        raise ValidationError(
            {
                "enrolled": f"มีผลลัพธ์ที่ติดตามผู้เรียน {crowded.respondents:,} คน มากกว่าผู้ลงทะเบียนใหม่"
                f" / An outcome followed up {crowded.respondents:,} learners, more than the new enrolment."
            }
        )


def _cohort_of(city: LearningCity, value: Any) -> Cohort | None:
    if value in (None, ""):
        return None
    cohort_id = value.pk if isinstance(value, Cohort) else value
    cohort = (
        Cohort.objects.select_related("course").filter(pk=cohort_id, course__city=city).first()
        if str(cohort_id).isascii() and str(cohort_id).isdigit()
        else None
    )
    if cohort is None:
        raise ValidationError({"cohort": f"'{value}': ไม่ใช่รุ่นของหลักสูตรในเมืองนี้ / not a cohort of this city."})
    return cohort


def _course_of(city: LearningCity, value: Any) -> Course | None:
    if value in (None, ""):
        return None
    code = value.code if isinstance(value, Course) else str(value).strip()
    course = Course.objects.filter(code=code, city=city).first()
    if course is None:
        raise ValidationError({"course": f"'{code}': ไม่ใช่หลักสูตรของเมืองนี้ / not a course of this city."})
    return course


def clean_outcome_values(
    *, city: LearningCity, values: dict[str, Any], today: datetime.date | None = None
) -> dict:
    _refuse_unknown(values, OUTCOME_FIELDS)
    values = dict(values)
    cohort = _cohort_of(city, values.get("cohort"))
    course = _course_of(city, values.get("course"))
    if cohort is not None:
        if course is not None and course != cohort.course:
            raise ValidationError({"course": "รุ่นนี้ไม่ได้อยู่ในหลักสูตรนี้ / That cohort is of another course."})
        course = cohort.course
        # A cohort's follow-up covers the cohort unless the team says otherwise.
        values.setdefault("period_start", cohort.starts_on)
        values["period_start"] = values["period_start"] or cohort.starts_on
        values["period_end"] = values.get("period_end") or values.get("survey_date")
    values["cohort"], values["course"] = cohort, course
    values["target_group"] = values.get("target_group") or ""
    candidate = Outcome(city=city, **values)
    _full_clean(candidate, exclude=["city", "version", "course", "cohort"])
    _check_outcome_dates(candidate, cohort, today or timezone.localdate())
    _check_outcome_counts(candidate, cohort)
    return {name: getattr(candidate, name) for name in OUTCOME_FIELDS}


def _check_outcome_dates(outcome: Outcome, cohort: Cohort | None, today: datetime.date) -> None:
    if outcome.period_end < outcome.period_start:
        raise ValidationError({"period_end": "ช่วงเวลาจบก่อนเริ่ม / The period ends before it starts."})
    if outcome.survey_date < outcome.period_start:
        raise ValidationError(
            {"survey_date": "วันสำรวจอยู่ก่อนช่วงเวลาที่ติดตาม / The survey is dated before the period it covers."}
        )
    if outcome.survey_date > today:
        raise ValidationError({"survey_date": "วันสำรวจยังมาไม่ถึง / The survey date is in the future."})
    if cohort is None:
        return
    if outcome.period_start < cohort.starts_on:
        raise ValidationError(
            {
                "period_start": f"ช่วงเวลาที่ติดตามเริ่มก่อนรุ่นเริ่มเรียน ({_th(cohort.starts_on)})"
                f" / The period starts before the cohort did ({cohort.starts_on})."
            }
        )
    if outcome.survey_date < cohort.ends_on:
        raise ValidationError(
            {
                "survey_date": f"การติดตามผลต้องทำหลังรุ่นจบ ({_th(cohort.ends_on)})"
                f" / A follow-up comes after the cohort ends ({cohort.ends_on})."
            }
        )


def _check_outcome_counts(outcome: Outcome, cohort: Cohort | None) -> None:
    if outcome.applied is not None and outcome.respondents is None:
        raise ValidationError({"respondents": "ต้องระบุจำนวนผู้ที่ติดตาม / Say how many learners were followed up."})
    if outcome.applied is not None and outcome.applied > outcome.respondents:
        raise ValidationError(
            {
                "applied": f"ผู้นำไปใช้ {outcome.applied:,} คน มากกว่าผู้ที่ติดตาม {outcome.respondents:,} คน"
                f" / {outcome.applied:,} applied is more than the {outcome.respondents:,} followed up."
            }
        )
    if cohort is not None and outcome.respondents is not None and outcome.respondents > cohort.enrolled:
        raise ValidationError(
            {
                "respondents": f"ผู้ที่ติดตาม {outcome.respondents:,} คน"
                f" มากกว่าผู้ลงทะเบียนของรุ่น {cohort.enrolled:,} คน"
                f" / {outcome.respondents:,} followed up is more than the cohort's {cohort.enrolled:,}."
            }
        )
    if outcome.baseline_income_baht is not None and outcome.income_baht is None:
        raise ValidationError(
            {"income_baht": "ต้องระบุรายได้หลังเรียนเมื่อมีรายได้ฐาน / Give the income after learning too."}
        )
    for field in ("income_baht", "baseline_income_baht", "cost_recovered_pct"):
        if getattr(outcome, field) is not None and getattr(outcome, field) < 0:
            raise ValidationError({field: "ติดลบไม่ได้ / Cannot be negative."})
    if outcome.cost_recovered_pct is not None and outcome.cost_recovered_pct > MAX_COST_RECOVERED_PCT:
        raise ValidationError({"cost_recovered_pct": "สูงเกินไป / Too high."})
    if outcome.recovery_months is not None and not 1 <= outcome.recovery_months <= MAX_RECOVERY_MONTHS:
        raise ValidationError(
            {
                "recovery_months": f"ต้องอยู่ระหว่าง 1–{MAX_RECOVERY_MONTHS} เดือน"
                f" / Must be 1–{MAX_RECOVERY_MONTHS} months."
            }
        )
    if outcome.applied is None and outcome.income_baht is None and outcome.cost_recovered_pct is None:
        raise ValidationError(
            {
                "non_field_errors": "ต้องมีผลอย่างน้อยหนึ่งอย่าง: ผู้นำไปใช้ รายได้ หรือสัดส่วนที่ได้ทุนคืน"
                " / Record at least one result: applied, income or cost recovered."
            }
        )


# --- one way to write each kind -----------------------------------------------------------------


@dataclass(frozen=True)
class _Kind:
    """How a course, a cohort or an outcome is checked, pictured in history and placed in its city."""

    kind: str
    model: type
    fields: tuple[str, ...]
    snapshot: Callable[[Any], dict[str, Any]]
    clean: Callable[[Any, dict[str, Any]], dict]  # (the current record, its new values)
    city: Callable[[Any], LearningCity]
    course: Callable[[Any], Course | None]


COURSE = _Kind(
    RecordKind.COURSE,
    Course,
    COURSE_FIELDS,
    course_snapshot,
    lambda course, values: clean_course_values(city=course.city, values=values, current=course),
    lambda course: course.city,
    lambda course: course,
)
COHORT = _Kind(
    RecordKind.COHORT,
    Cohort,
    COHORT_FIELDS,
    cohort_snapshot,
    lambda cohort, values: clean_cohort_values(course=cohort.course, values=values, current=cohort),
    lambda cohort: cohort.course.city,
    lambda cohort: cohort.course,
)
OUTCOME = _Kind(
    RecordKind.OUTCOME,
    Outcome,
    OUTCOME_FIELDS,
    outcome_snapshot,
    lambda outcome, values: clean_outcome_values(city=outcome.city, values=values),
    lambda outcome: outcome.city,
    lambda outcome: outcome.course,
)
KINDS = {spec.kind: spec for spec in (COURSE, COHORT, OUTCOME)}


def _created(spec: _Kind, record, user):
    record_revision_add(
        city=spec.city(record),
        course=spec.course(record),
        kind=spec.kind,
        record=record,
        action=RecordAction.CREATE,
        before=None,
        after=spec.snapshot(record),
        user=user,
    )
    return record


def _apply_update(
    spec: _Kind, *, user, record, version: int, data: dict, action: str, reverts: RecordRevision | None = None
):
    current = locked_at_version(record, version, kind=spec.kind, snapshot=spec.snapshot)
    before = spec.snapshot(current)
    values = {name: getattr(current, name) for name in spec.fields}
    values.update(data)
    cleaned = spec.clean(current, values)
    changed = {name: value for name, value in cleaned.items() if value != getattr(current, name)}
    if not changed:
        return current
    updated = save_new_version(current, changed)
    if action == RecordAction.UPDATE and changed.get("status") == PublicationStatus.WITHDRAWN:
        action = RecordAction.RETIRE
    record_revision_add(
        city=spec.city(updated),
        course=spec.course(updated),
        kind=spec.kind,
        record=updated,
        action=action,
        before=before,
        after=spec.snapshot(updated),
        user=user,
        reverts=reverts,
    )
    return updated


RETIRED = {"status": PublicationStatus.WITHDRAWN}


# --- courses ------------------------------------------------------------------------------------


@transaction.atomic
def course_create(*, user, city: LearningCity, data: dict[str, Any]) -> Course:
    require_team(user, city)
    cleaned = clean_course_values(city=city, values={"status": PublicationStatus.PUBLISHED, **data})
    return _created(COURSE, Course.objects.create(city=city, **cleaned), user)


@transaction.atomic
def course_update(*, user, course: Course, version: int, data: dict[str, Any]) -> Course:
    require_team(user, course.city)
    return _apply_update(
        COURSE, user=user, record=course, version=version, data=data, action=RecordAction.UPDATE
    )


@transaction.atomic
def course_retire(*, user, course: Course, version: int) -> Course:
    """Off the public pages and out of the city's figures; the record and its history stay."""
    require_team(user, course.city)
    return _apply_update(
        COURSE, user=user, record=course, version=version, data=RETIRED, action=RecordAction.RETIRE
    )


# --- cohorts ------------------------------------------------------------------------------------


@transaction.atomic
def cohort_create(*, user, course: Course, data: dict[str, Any]) -> Cohort:
    require_team(user, course.city)
    if course.status == PublicationStatus.WITHDRAWN:
        raise ValidationError({"course": "หลักสูตรนี้ถูกปลดออกแล้ว / This course has been retired."})
    cleaned = clean_cohort_values(course=course, values={"status": PublicationStatus.PUBLISHED, **data})
    return _created(COHORT, Cohort.objects.create(course=course, **cleaned), user)


@transaction.atomic
def cohort_update(*, user, cohort: Cohort, version: int, data: dict[str, Any]) -> Cohort:
    require_team(user, cohort.course.city)
    return _apply_update(
        COHORT, user=user, record=cohort, version=version, data=data, action=RecordAction.UPDATE
    )


@transaction.atomic
def cohort_retire(*, user, cohort: Cohort, version: int) -> Cohort:
    require_team(user, cohort.course.city)
    return _apply_update(
        COHORT, user=user, record=cohort, version=version, data=RETIRED, action=RecordAction.RETIRE
    )


# --- outcomes -----------------------------------------------------------------------------------


@transaction.atomic
def outcome_create(*, user, city: LearningCity, data: dict[str, Any]) -> Outcome:
    require_team(user, city)
    cleaned = clean_outcome_values(city=city, values={"status": PublicationStatus.PUBLISHED, **data})
    return _created(OUTCOME, Outcome.objects.create(city=city, **cleaned), user)


@transaction.atomic
def outcome_update(*, user, outcome: Outcome, version: int, data: dict[str, Any]) -> Outcome:
    require_team(user, outcome.city)
    return _apply_update(
        OUTCOME, user=user, record=outcome, version=version, data=data, action=RecordAction.UPDATE
    )


@transaction.atomic
def outcome_retire(*, user, outcome: Outcome, version: int) -> Outcome:
    require_team(user, outcome.city)
    return _apply_update(
        OUTCOME, user=user, record=outcome, version=version, data=RETIRED, action=RecordAction.RETIRE
    )


# --- revert -------------------------------------------------------------------------------------

_BY_CODE = ("space", "course", "cohort")  # kept in snapshots as the code (or id) the services take


@transaction.atomic
def record_revert(*, user, revision: RecordRevision, version: int | None = None) -> RecordRevision:
    """Curators only: bring a course, cohort or outcome back to this revision's state, as a new one."""
    if not is_curator(user):
        raise PermissionDenied("เฉพาะผู้ดูแลข้อมูลเท่านั้นที่ย้อนกลับได้ / Only curators may revert.")
    spec = KINDS.get(revision.kind)
    if spec is None:
        raise ValidationError({"revision": "ย้อนกลับการประเมินตนเองไม่ได้ / A self-assessment is not reverted."})
    model = spec.model
    record = model.objects.get(pk=revision.record_id)
    data = {
        field: revision.snapshot[field]
        if field in _BY_CODE
        else model._meta.get_field(field).to_python(revision.snapshot[field])
        for field in spec.fields
        if field in revision.snapshot
    }
    updated = _apply_update(
        spec,
        user=user,
        record=record,
        version=record.version if version is None else version,
        data=data,
        action=RecordAction.REVERT,
        reverts=revision,
    )
    return (
        RecordRevision.objects.filter(kind=spec.kind, record_id=updated.pk)
        .order_by("-version", "-id")
        .first()
    )
