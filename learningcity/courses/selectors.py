"""Reads on courses, cohorts and outcomes, and the figures a city's impact is judged by.

The public sees published records of published cities; the city's team and curators also see drafts
and retired records (marked so). Figures count only what the public may see (`counted_*`).
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Case, Count, F, IntegerField, Max, Min, Q, QuerySet, Sum, When
from django.db.models.functions import ExtractYear
from django.http import Http404

from culturalmap.core.thai import BE_OFFSET
from learningcity.models import LearningCity, PublicationStatus, choice_label
from learningcity.selectors import can_edit_city

from .models import APPLICATION_TARGET_PCT, Cohort, Course, Outcome, RecordRevision, Sex, TargetGroup

PUBLISHED = PublicationStatus.PUBLISHED
WITHDRAWN = PublicationStatus.WITHDRAWN


# --- what a viewer may see ------------------------------------------------------------------------


def city_courses_for_viewer(*, city: LearningCity, user) -> QuerySet[Course]:
    """The city's courses with their cohorts counted (counted cohorts only: published ones)."""
    courses = Course.objects.filter(city=city).select_related("city", "space")
    if not can_edit_city(user, city):
        courses = courses.filter(status=PUBLISHED)
    live = Q(cohorts__status=PUBLISHED)
    return courses.annotate(
        cohort_count=Count("cohorts", filter=live),
        enrolled=Sum("cohorts__enrolled", filter=live),
        completed=Sum("cohorts__completed", filter=live),
    ).order_by(Case(When(status=PUBLISHED, then=0), default=1), "title_th", "code")


def course_for_viewer(*, code: str, user) -> Course:
    course = Course.objects.select_related("city__province", "space").filter(code=code).first()
    if course is None:
        raise Http404("No such course")
    public = course.status == PUBLISHED and course.city.status == PUBLISHED
    if not public and not can_edit_city(user, course.city):
        raise Http404("No such course")
    return course


def cohorts_for_viewer(*, course: Course, user) -> QuerySet[Cohort]:
    cohorts = Cohort.objects.filter(course=course).select_related("course")
    if not can_edit_city(user, course.city):
        cohorts = cohorts.filter(status=PUBLISHED)
    return cohorts.order_by("starts_on", "id")


def cohort_for_viewer(*, pk: int, user) -> Cohort:
    cohort = Cohort.objects.select_related("course__city").filter(pk=pk).first()
    if cohort is None:
        raise Http404("No such cohort")
    course_for_viewer(code=cohort.course.code, user=user)
    if cohort.status != PUBLISHED and not can_edit_city(user, cohort.course.city):
        raise Http404("No such cohort")
    return cohort


def outcomes_for_viewer(*, city: LearningCity, user, course: Course | None = None) -> QuerySet[Outcome]:
    outcomes = Outcome.objects.filter(city=city).select_related("city", "course", "cohort")
    if course is not None:
        outcomes = outcomes.filter(course=course)
    if not can_edit_city(user, city):
        outcomes = outcomes.filter(status=PUBLISHED).exclude(course__status__in=[WITHDRAWN, "draft"])
        outcomes = outcomes.exclude(cohort__status=WITHDRAWN)
    return outcomes.order_by("-survey_date", "-id")


def outcome_for_viewer(*, pk: int, user) -> Outcome:
    outcome = Outcome.objects.select_related("city__province", "course", "cohort").filter(pk=pk).first()
    if outcome is None or not outcomes_for_viewer(city=outcome.city, user=user).filter(pk=pk).exists():
        raise Http404("No such outcome")
    if outcome.city.status != PUBLISHED and not can_edit_city(user, outcome.city):
        raise Http404("No such outcome")
    return outcome


def record_revisions(*, city: LearningCity, course: Course | None = None) -> QuerySet[RecordRevision]:
    revisions = RecordRevision.objects.filter(city=city).select_related("author", "reverts", "course")
    if course is not None:
        revisions = revisions.filter(course=course)
    return revisions


# --- what the figures count -----------------------------------------------------------------------


def counted_cohorts(*, cities: QuerySet[LearningCity] | None = None) -> QuerySet[Cohort]:
    """Published cohorts of published courses of published cities."""
    cohorts = Cohort.objects.filter(
        status=PUBLISHED, course__status=PUBLISHED, course__city__status=PUBLISHED
    )
    return cohorts.filter(course__city__in=cities) if cities is not None else cohorts


def counted_outcomes(*, cities: QuerySet[LearningCity] | None = None) -> QuerySet[Outcome]:
    """Published outcomes of published cities, not of a retired or draft course or cohort."""
    outcomes = (
        Outcome.objects.filter(status=PUBLISHED, city__status=PUBLISHED)
        .exclude(course__status__in=[WITHDRAWN, "draft"])
        .exclude(cohort__status__in=[WITHDRAWN, "draft"])
    )
    return outcomes.filter(city__in=cities) if cities is not None else outcomes


def fiscal_year(field_name: str) -> Case:
    """The Thai fiscal year (CE) a date falls in: 1 Oct 2023 – 30 Sep 2024 is FY 2024 (ปีงบ 2567)."""
    return Case(
        When(**{f"{field_name}__month__gte": 10}, then=ExtractYear(field_name) + 1),
        default=ExtractYear(field_name),
        output_field=IntegerField(),
    )


def _in_period(queryset: QuerySet, field_name: str, start: datetime.date | None, end: datetime.date | None):
    if start is not None:
        queryset = queryset.filter(**{f"{field_name}__gte": start})
    if end is not None:
        queryset = queryset.filter(**{f"{field_name}__lte": end})
    return queryset


def _pct(part, whole) -> float | None:
    return 100 * float(part) / float(whole) if whole else None


@dataclass
class ImpactFigures:
    """A city's (or the nation's) learning results, per Thai fiscal year and in all."""

    years: list[dict[str, Any]] = field(default_factory=list)
    enrolled: int = 0
    completed: int = 0
    cohorts: int = 0
    respondents: int = 0
    applied: int = 0
    income_baht: Decimal | None = None
    baseline_income_baht: Decimal | None = None
    first_income_year: dict[str, Any] | None = None
    latest_income_year: dict[str, Any] | None = None
    cost_recovery: list[dict[str, Any]] = field(default_factory=list)
    by_target_group: list[dict[str, Any]] = field(default_factory=list)
    by_sex: list[dict[str, Any]] = field(default_factory=list)

    @property
    def completion_pct(self) -> float | None:
        return _pct(self.completed, self.enrolled)

    @property
    def applied_pct(self) -> float | None:
        return _pct(self.applied, self.respondents)

    @property
    def meets_application_target(self) -> bool | None:
        return None if self.applied_pct is None else self.applied_pct >= APPLICATION_TARGET_PCT

    @property
    def income_growth(self) -> float | None:
        """The latest fiscal year's income as a multiple of the first's (Phayao: 22.42 times)."""
        first, latest = self.first_income_year, self.latest_income_year
        if not first or not latest or first is latest or not first["income_baht"]:
            return None
        return float(latest["income_baht"] / first["income_baht"])

    @property
    def has_results(self) -> bool:
        return bool(self.cohorts or self.respondents or self.income_baht is not None or self.cost_recovery)


def impact_figures(
    *, city: LearningCity, start: datetime.date | None = None, end: datetime.date | None = None
) -> ImpactFigures:
    """Learners (cohorts by the fiscal year they ended), application rate (outcomes by the year they
    were surveyed), income after learning (by the year the period ended), cost recovered, groups."""
    cities = LearningCity.objects.filter(pk=city.pk)
    cohorts = _in_period(counted_cohorts(cities=cities), "ends_on", start, end)
    outcomes = _in_period(counted_outcomes(cities=cities), "survey_date", start, end)
    figures = ImpactFigures()
    years: dict[int, dict[str, Any]] = defaultdict(
        lambda: {
            "enrolled": 0,
            "completed": 0,
            "cohorts": 0,
            "respondents": 0,
            "applied": 0,
            "income_baht": None,
        }
    )
    for row in (
        cohorts.annotate(fy=fiscal_year("ends_on"))
        .values("fy")
        .annotate(enrolled=Sum("enrolled"), completed=Sum("completed"), cohorts=Count("pk"))
    ):
        years[row["fy"]].update(enrolled=row["enrolled"], completed=row["completed"], cohorts=row["cohorts"])
    for row in (
        outcomes.filter(respondents__isnull=False, applied__isnull=False)
        .annotate(fy=fiscal_year("survey_date"))
        .values("fy")
        .annotate(respondents=Sum("respondents"), applied=Sum("applied"))
    ):
        years[row["fy"]].update(respondents=row["respondents"], applied=row["applied"])
    for row in (
        outcomes.filter(income_baht__isnull=False)
        .annotate(fy=fiscal_year("period_end"))
        .values("fy")
        .annotate(income=Sum("income_baht"), baseline=Sum("baseline_income_baht"))
    ):
        years[row["fy"]].update(income_baht=row["income"], baseline_income_baht=row["baseline"])
    for fy in sorted(years):
        year = years[fy]
        year.update(
            fiscal_year=fy,
            fiscal_year_be=fy + BE_OFFSET,
            completion_pct=_pct(year["completed"], year["enrolled"]),
            applied_pct=_pct(year["applied"], year["respondents"]),
        )
        figures.years.append(year)
        figures.enrolled += year["enrolled"]
        figures.completed += year["completed"]
        figures.cohorts += year["cohorts"]
        figures.respondents += year["respondents"]
        figures.applied += year["applied"]
    with_income = [y for y in figures.years if y["income_baht"] is not None]
    if with_income:
        figures.income_baht = sum((y["income_baht"] for y in with_income), Decimal(0))
        baselines = [
            y["baseline_income_baht"] for y in with_income if y.get("baseline_income_baht") is not None
        ]
        figures.baseline_income_baht = sum(baselines, Decimal(0)) if baselines else None
        figures.first_income_year, figures.latest_income_year = with_income[0], with_income[-1]
    figures.cost_recovery = cost_recovery(outcomes)
    figures.by_target_group, figures.by_sex = learners_by_group(cohorts)
    return figures


def cost_recovery(outcomes: QuerySet[Outcome]) -> list[dict[str, Any]]:
    """Cost recovered per target group: the range over its outcomes and the months it took
    (Phayao: informal workers 34.8–58.5 % in 4–5 months)."""
    rows = (
        outcomes.filter(cost_recovered_pct__isnull=False)
        .annotate(group=F("target_group"))
        .values("group")
        .annotate(
            low=Min("cost_recovered_pct"),
            high=Max("cost_recovered_pct"),
            months_low=Min("recovery_months"),
            months_high=Max("recovery_months"),
            outcomes=Count("pk"),
        )
        .order_by("-high")
    )
    return [
        {
            **row,
            "group_label": _group_label(row["group"]),
            "pct_range": _span(row["low"], row["high"]),
            "months_range": _span(row["months_low"], row["months_high"]),
        }
        for row in rows
    ]


def _span(low, high) -> str:
    """A range as the report writes it (34.8–58.5), or one figure when both ends agree."""
    if low is None:
        return ""
    return f"{low:,}" if low == high else f"{low:,}–{high:,}"


def _group_label(code: str) -> str:
    return choice_label(TargetGroup, code) if code else ""


def learners_by_group(cohorts: QuerySet[Cohort]) -> tuple[list[dict], list[dict]]:
    """Enrolled and completed by target group and by sex, in the lists' order, with the learners no
    group was recorded for as a last row ("not recorded")."""
    totals = {"by_target_group": defaultdict(lambda: [0, 0]), "by_sex": defaultdict(lambda: [0, 0])}
    enrolled = completed = 0
    for cohort in cohorts.only("enrolled", "completed", "by_target_group", "by_sex"):
        enrolled += cohort.enrolled
        completed += cohort.completed
        for name in totals:
            for key, counts in (getattr(cohort, name) or {}).items():
                totals[name][key][0] += counts.get("enrolled", 0)
                totals[name][key][1] += counts.get("completed", 0)
    result = []
    for name, choices in (("by_target_group", TargetGroup), ("by_sex", Sex)):
        rows = [
            {"group": c.value, "label": choice_label(choices, c.value), "enrolled": e, "completed": d}
            for c in choices
            for e, d in [totals[name][c.value]]
            if e or d
        ]
        rest = (enrolled - sum(r["enrolled"] for r in rows), completed - sum(r["completed"] for r in rows))
        if rows and any(rest):
            rows.append({"group": "", "label": "", "enrolled": rest[0], "completed": rest[1]})
        result.append(rows)
    return result[0], result[1]
