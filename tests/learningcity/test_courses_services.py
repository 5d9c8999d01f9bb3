"""Courses, cohorts and outcomes: the counts add up, dates stay inside their cohort, only the team
writes, every change has its history, a stale edit is refused, and a refusal stores nothing."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from culturalmap.core.exceptions import Conflict
from learningcity.courses import selectors, services
from learningcity.courses.models import Cohort, Course, Outcome, RecordRevision
from learningcity.services import StaleEdit
from tests.factories import CohortFactory, CourseFactory, LearningSpaceFactory, OutcomeFactory

pytestmark = pytest.mark.django_db

D = datetime.date


def course_data(**overrides):
    data = {
        "title_th": "การปักผ้าฉลุลาย",
        "title_en": "Cut-work embroidery",
        "kind": "short_course",
        "hours": Decimal("30"),
        "target_groups": ["single_mothers", "informal_workers"],
        "skills": "ปักฉลุลาย\nเลือกผ้าและด้าย, ตกแต่งผลิตภัณฑ์",
    }
    data.update(overrides)
    return data


def cohort_data(**overrides):
    data = {
        "name": "รุ่นที่ 1",
        "starts_on": D(2024, 3, 4),
        "ends_on": D(2024, 3, 15),
        "enrolled": 24,
        "completed": 21,
        "by_target_group": {
            "single_mothers": {"enrolled": 14, "completed": 13},
            "informal_workers": {"enrolled": 10, "completed": 8},
        },
        "by_sex": {"female": {"enrolled": 24, "completed": 21}},
    }
    data.update(overrides)
    return data


def field_errors(excinfo, field: str) -> str:
    return " ".join(excinfo.value.message_dict[field])


# --- courses ------------------------------------------------------------------------------------


def test_the_team_creates_a_course_at_one_of_its_spaces_with_history(yala, yala_team, trok_sui):
    course = services.course_create(user=yala_team, city=yala, data=course_data(space=trok_sui.code))
    assert course.code.startswith("LK-") and course.space == trok_sui and course.version == 1
    assert course.skills == ["ปักฉลุลาย", "เลือกผ้าและด้าย", "ตกแต่งผลิตภัณฑ์"]
    revision = RecordRevision.objects.get(kind="course", record_id=course.pk)
    assert revision.action == "create" and revision.author == yala_team and revision.city == yala
    assert revision.snapshot["space"] == trok_sui.code and revision.changes["hours"] == [None, "30"]


def test_a_course_at_another_city_s_space_is_refused(yala, yala_team, phayao):
    elsewhere = LearningSpaceFactory(city=phayao, geom=phayao.location)
    with pytest.raises(ValidationError) as info:
        services.course_create(user=yala_team, city=yala, data=course_data(space=elsewhere.code))
    assert "not a learning space of this city" in field_errors(info, "space")
    assert not Course.objects.exists()


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"hours": Decimal("0")}, "hours"),
        ({"target_groups": ["astronauts"]}, "target_groups"),
        ({"kind": "semester"}, "kind"),
        ({"title_th": ""}, "title_th"),
        ({"city": "LC-X"}, "city"),  # not an editable field: said, not silently dropped
    ],
)
def test_bad_course_input_names_the_field(yala, yala_team, overrides, field):
    with pytest.raises(ValidationError) as info:
        services.course_create(user=yala_team, city=yala, data=course_data(**overrides))
    assert field in info.value.message_dict
    assert not Course.objects.exists() and not RecordRevision.objects.exists()


def test_only_the_city_s_team_or_a_curator_writes(yala, phayao_team, curator):
    with pytest.raises(PermissionDenied):
        services.course_create(user=phayao_team, city=yala, data=course_data())
    course = services.course_create(user=curator, city=yala, data=course_data())
    with pytest.raises(PermissionDenied):
        services.course_update(user=phayao_team, course=course, version=1, data={"hours": 1})
    assert Course.objects.get().hours == 30


def test_a_stale_course_edit_is_refused_with_the_newer_record(yala, yala_team, curator):
    course = services.course_create(user=yala_team, city=yala, data=course_data())
    services.course_update(user=curator, course=course, version=1, data={"hours": Decimal("32")})
    with pytest.raises(StaleEdit) as info:
        services.course_update(user=yala_team, course=course, version=1, data={"title_en": "Embroidery"})
    # One error for pages (StaleEdit, with the newer record) and the API's handler (Conflict, 409).
    assert isinstance(info.value, Conflict) and info.value.extra["version"] == 2
    assert info.value.extra["current"]["hours"] == "32.0" and "curator" in info.value.message
    assert Course.objects.get().title_en == "Cut-work embroidery"


def test_a_curator_reverts_a_course_and_a_retired_course_leaves_the_public_list(yala, yala_team, curator):
    course = services.course_create(user=yala_team, city=yala, data=course_data())
    services.course_update(user=yala_team, course=course, version=1, data={"hours": Decimal("3")})
    first = RecordRevision.objects.get(kind="course", record_id=course.pk, action="create")
    with pytest.raises(PermissionDenied):
        services.record_revert(user=yala_team, revision=first)
    latest = services.record_revert(user=curator, revision=first)
    assert latest.action == "revert" and latest.reverts == first
    assert Course.objects.get().hours == 30 and Course.objects.get().version == 3
    services.course_retire(user=yala_team, course=course, version=3)
    assert list(selectors.city_courses_for_viewer(city=yala, user=None)) == []
    assert [c.status for c in selectors.city_courses_for_viewer(city=yala, user=yala_team)] == ["withdrawn"]


# --- cohorts: counts that add up ------------------------------------------------------------------


def test_a_cohort_with_its_learners_by_group_and_sex(yala, yala_team):
    course = CourseFactory(city=yala)
    cohort = services.cohort_create(user=yala_team, course=course, data=cohort_data())
    assert cohort.by_target_group["single_mothers"] == {"enrolled": 14, "completed": 13}
    assert cohort.completion_pct == pytest.approx(87.5)
    assert RecordRevision.objects.get(kind="cohort", record_id=cohort.pk).course == course


@pytest.mark.parametrize(
    ("overrides", "field", "reason"),
    [
        ({"completed": 25}, "completed", "25 completed is more than the 24 enrolled"),
        ({"ends_on": D(2024, 3, 1)}, "ends_on", "ends before it starts"),
        (
            {"by_target_group": {"single_mothers": {"enrolled": 20}, "youth": {"enrolled": 10}}},
            "by_target_group",
            "add up to 30, more than the cohort's 24",
        ),
        (
            {"by_target_group": {"youth": {"enrolled": 5, "completed": 6}}},
            "by_target_group",
            "6 completed, more than 5 enrolled",
        ),
        (
            {"by_sex": {"female": {"enrolled": 20}, "male": {"enrolled": 5}}},
            "by_sex",
            "more than the cohort's 24",
        ),
        ({"by_sex": {"robot": {"enrolled": 1}}}, "by_sex", "not a listed group"),
        ({"by_target_group": {"youth": {"enrolled": -3}}}, "by_target_group", "จำนวนต้องเป็นจำนวนเต็มไม่ติดลบ"),
        ({"enrolled": -1, "completed": 0}, "enrolled", ""),
    ],
)
def test_counts_that_do_not_add_up_are_refused_with_the_reason(yala, yala_team, overrides, field, reason):
    course = CourseFactory(city=yala)
    with pytest.raises(ValidationError) as info:
        services.cohort_create(user=yala_team, course=course, data=cohort_data(**overrides))
    assert reason in field_errors(info, field)
    assert not Cohort.objects.exists()


def test_group_counts_in_thai_digits_are_read(yala, yala_team):
    course = CourseFactory(city=yala)
    cohort = services.cohort_create(
        user=yala_team,
        course=course,
        data=cohort_data(by_sex={"female": {"enrolled": "๒๔", "completed": "21"}}),
    )
    assert cohort.by_sex == {"female": {"enrolled": 24, "completed": 21}}


def test_a_cohort_edit_that_would_strand_its_outcomes_is_refused(yala, yala_team):
    outcome = OutcomeFactory(cohort__course__city=yala, respondents=20, applied=9)
    cohort = outcome.cohort
    for data, field in (
        ({"ends_on": D(2024, 7, 20)}, "ends_on"),  # the follow-up would then come before the end
        ({"starts_on": D(2024, 3, 10)}, "starts_on"),
        ({"enrolled": 15, "completed": 10}, "enrolled"),  # fewer learners than were followed up
    ):
        with pytest.raises(ValidationError) as info:
            services.cohort_update(user=yala_team, cohort=cohort, version=1, data=data)
        assert field in info.value.message_dict
    cohort.refresh_from_db()
    assert (cohort.version, cohort.enrolled, cohort.ends_on) == (1, 24, D(2024, 3, 15))


def test_a_retired_course_takes_no_new_cohort(yala, yala_team):
    course = CourseFactory(city=yala, status="withdrawn")
    with pytest.raises(ValidationError) as info:
        services.cohort_create(user=yala_team, course=course, data=cohort_data())
    assert "retired" in field_errors(info, "course")


# --- outcomes -----------------------------------------------------------------------------------


def outcome_data(cohort, **overrides):
    data = {
        "cohort": cohort.pk,
        "survey_date": D(2024, 7, 10),
        "survey_method": "interview",
        "respondents": 20,
        "applied": 9,
        "cost_recovered_pct": Decimal("22.5"),
        "recovery_months": 4,
        "target_group": "single_mothers",
    }
    data.update(overrides)
    return data


def test_a_cohort_s_follow_up_covers_the_cohort_by_default(yala, yala_team):
    cohort = CohortFactory(course__city=yala)
    outcome = services.outcome_create(user=yala_team, city=yala, data=outcome_data(cohort))
    assert outcome.course == cohort.course and outcome.city == yala
    assert (outcome.period_start, outcome.period_end) == (cohort.starts_on, D(2024, 7, 10))
    assert outcome.applied_pct == pytest.approx(45.0)


@pytest.mark.parametrize(
    ("overrides", "field", "reason"),
    [
        ({"applied": 21}, "applied", "21 applied is more than the 20 followed up"),
        ({"respondents": 30, "applied": 3}, "respondents", "more than the cohort's 24"),
        ({"survey_date": D(2024, 3, 12)}, "survey_date", "A follow-up comes after the cohort ends"),
        ({"period_start": D(2024, 2, 1)}, "period_start", "starts before the cohort did"),
        ({"period_end": D(2024, 3, 1)}, "period_end", "ends before it starts"),
        ({"survey_date": D(2099, 1, 1)}, "survey_date", "in the future"),
        ({"respondents": None}, "respondents", "followed up"),
        ({"recovery_months": 0}, "recovery_months", "1–120"),
        ({"cost_recovered_pct": Decimal("-5")}, "cost_recovered_pct", "negative"),
        ({"applied": None, "cost_recovered_pct": None}, "non_field_errors", "at least one result"),
    ],
)
def test_bad_outcomes_are_refused_with_the_reason(yala, yala_team, overrides, field, reason):
    cohort = CohortFactory(course__city=yala)
    with pytest.raises(ValidationError) as info:
        services.outcome_create(user=yala_team, city=yala, data=outcome_data(cohort, **overrides))
    assert reason in field_errors(info, field)
    assert not Outcome.objects.exists()


def test_an_outcome_of_another_city_s_cohort_is_refused(yala, yala_team, phayao):
    theirs = CohortFactory(course__city=phayao)
    with pytest.raises(ValidationError) as info:
        services.outcome_create(user=yala_team, city=yala, data=outcome_data(theirs))
    assert "not a cohort of this city" in field_errors(info, "cohort")


def test_a_period_outcome_needs_its_period_and_counts_income_against_the_first_year(yala, yala_team):
    with pytest.raises(ValidationError) as info:
        services.outcome_create(
            user=yala_team,
            city=yala,
            data={"survey_date": D(2024, 10, 15), "survey_method": "income_records", "income_baht": 448_419},
        )
    assert "period_start" in info.value.message_dict
    outcome = services.outcome_create(
        user=yala_team,
        city=yala,
        data={
            "period_start": D(2023, 10, 1),
            "period_end": D(2024, 9, 30),
            "survey_date": D(2024, 10, 15),
            "survey_method": "income_records",
            "income_baht": Decimal("448419"),
            "baseline_income_baht": Decimal("20000"),
        },
    )
    assert outcome.cohort is None and f"{outcome.income_multiple:.2f}" == "22.42"


def test_a_stale_outcome_edit_keeps_the_newer_one(yala, yala_team, curator):
    outcome = OutcomeFactory(cohort__course__city=yala)
    services.outcome_update(user=curator, outcome=outcome, version=1, data={"applied": 12})
    with pytest.raises(StaleEdit):
        services.outcome_update(user=yala_team, outcome=outcome, version=1, data={"applied": 3})
    outcome.refresh_from_db()
    assert outcome.applied == 12 and outcome.version == 2
    baseline, update = RecordRevision.objects.filter(kind="outcome").order_by("id")
    assert baseline.action == "baseline" and baseline.snapshot["applied"] == 9  # made before history began
    assert update.changes["applied"] == [9, 12] and update.author == curator


# --- the figures --------------------------------------------------------------------------------


def test_figures_count_only_what_the_public_may_see_by_thai_fiscal_year(yala, yala_team):
    counted = CohortFactory(course__city=yala, ends_on=D(2023, 10, 2), starts_on=D(2023, 9, 25))  # FY 2567
    CohortFactory(course=counted.course, status="withdrawn", enrolled=999, completed=0)
    CohortFactory(course__city=yala, course__status="draft", enrolled=500, completed=0)
    OutcomeFactory(
        cohort=counted, survey_date=D(2023, 11, 1), period_end=D(2023, 11, 1), respondents=20, applied=5
    )
    OutcomeFactory(cohort=counted, survey_date=D(2023, 12, 1), period_end=D(2023, 12, 1), status="withdrawn")
    figures = selectors.impact_figures(city=yala)
    assert (figures.enrolled, figures.completed, figures.respondents, figures.applied) == (24, 21, 20, 5)
    assert [y["fiscal_year_be"] for y in figures.years] == [2567]
    assert figures.applied_pct == 25.0 and figures.meets_application_target is False
