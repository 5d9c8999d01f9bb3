"""What the UNESCO biennial progress report and the national view hold: published figures only.

Both are public: they show what a city has published (cities, spaces, courses, cohorts, outcomes)
and the Key Features years a curator approved, nothing a team keeps as a draft. A city team
downloads its report to submit; the programme's staff compare the cities on the national page.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Count, Max, Min, Q, QuerySet, Sum
from django.utils import timezone
from django.utils.translation import gettext_noop

from culturalmap.core.thai import BE_OFFSET
from learningcity.assessment.models import AssessmentStatus, SelfAssessment
from learningcity.assessment.selectors import (
    coverage_by_city,
    key_feature_comparison,
    key_feature_table,
)
from learningcity.courses.models import APPLICATION_TARGET_PCT, SPACE_USERS_TARGET, Course
from learningcity.courses.selectors import (
    ImpactFigures,
    counted_cohorts,
    counted_outcomes,
    fiscal_year,
    impact_figures,
)
from learningcity.models import LearningCity, LearningSpace, PublicationStatus
from learningcity.selectors import challenge_rows, city_list, learners_of, public_spaces

PUBLISHED = PublicationStatus.PUBLISHED


@dataclass(frozen=True)
class Period:
    """Calendar years (CE), first to last, both whole: UNESCO's reports run by calendar year."""

    first_year: int
    last_year: int

    @property
    def start(self) -> datetime.date:
        return datetime.date(self.first_year, 1, 1)

    @property
    def end(self) -> datetime.date:
        return datetime.date(self.last_year, 12, 31)


def default_period(city: LearningCity) -> Period:
    """The two most recent years with a published result of the city (a cohort's end, a survey),
    or the last two years when there is none yet."""
    latest = [
        counted_cohorts(cities=LearningCity.objects.filter(pk=city.pk)).aggregate(d=Max("ends_on"))["d"],
        counted_outcomes(cities=LearningCity.objects.filter(pk=city.pk)).aggregate(d=Max("survey_date"))["d"],
    ]
    years = [d.year for d in latest if d is not None]
    last = max(years) if years else timezone.localdate().year
    return Period(last - 1, last)


@dataclass
class BiennialReport:
    city: LearningCity
    period: Period
    profile: list[tuple[str, str, Any]]  # (field, label to translate, value)
    challenges: list[dict[str, Any]]
    assessment: SelfAssessment | None
    key_features: list[dict[str, Any]]
    comparison: dict[str, Any]
    spaces: QuerySet[LearningSpace]
    space_users: int
    courses: list[dict[str, Any]]
    figures: ImpactFigures
    generated_on: datetime.date

    @property
    def meets_users_target(self) -> bool:
        return self.space_users >= SPACE_USERS_TARGET


# The fields of UNESCO's member profile, in its order, with the labels of the profile form.
PROFILE = [
    ("website", gettext_noop("เว็บไซต์")),
    ("mayor", gettext_noop("นายกเทศมนตรี / ผู้บริหาร")),
    ("contact_name", gettext_noop("ผู้ประสานงาน GNLC")),
    ("contact_email", gettext_noop("อีเมลผู้ประสานงาน")),
    ("data_year", gettext_noop("ปีของข้อมูล")),
    ("population", gettext_noop("ประชากร")),
    ("area_km2", gettext_noop("พื้นที่ (ตร.กม.)")),
    ("gdp_per_capita_city_usd", gettext_noop("GDP ต่อหัวของเมือง (USD)")),
    ("gdp_per_capita_country_usd", gettext_noop("GDP ต่อหัวของประเทศ (USD)")),
    ("schooling_years_men", gettext_noop("จำนวนปีการศึกษาเฉลี่ย ชาย")),
    ("schooling_years_women", gettext_noop("จำนวนปีการศึกษาเฉลี่ย หญิง")),
]


def biennial_report(*, city: LearningCity, period: Period) -> BiennialReport:
    approved = list(
        SelfAssessment.objects.filter(city=city, status=AssessmentStatus.APPROVED, year__lte=period.last_year)
        .prefetch_related("ratings__photos")
        .order_by("-year")[:2]
    )
    spaces = public_spaces(city=city).prefetch_related(None)
    live = Q(
        cohorts__status=PUBLISHED, cohorts__ends_on__gte=period.start, cohorts__starts_on__lte=period.end
    )
    courses = (
        Course.objects.filter(city=city, status=PUBLISHED)
        .select_related("space")
        .annotate(
            cohort_count=Count("cohorts", filter=live),
            enrolled=Sum("cohorts__enrolled", filter=live),
            completed=Sum("cohorts__completed", filter=live),
        )
        .filter(cohort_count__gt=0)
        .order_by("title_th")
    )
    return BiennialReport(
        city=city,
        period=period,
        profile=[(name, label, getattr(city, name)) for name, label in PROFILE],
        challenges=challenge_rows(city.challenges),
        assessment=approved[0] if approved else None,
        key_features=key_feature_table(approved[0] if approved else None),
        comparison=key_feature_comparison(approved),
        spaces=spaces,
        space_users=learners_of(spaces)["learners"],
        courses=[
            {
                "course": c,
                "cohorts": c.cohort_count,
                "enrolled": c.enrolled or 0,
                "completed": c.completed or 0,
            }
            for c in courses
        ],
        figures=impact_figures(city=city, start=period.start, end=period.end),
        generated_on=timezone.localdate(),
    )


# --- the national view --------------------------------------------------------------------------


def _pct(part, whole) -> float | None:
    return 100 * float(part) / float(whole) if whole else None


def national_figures(*, language: str) -> dict[str, Any]:
    """Every published learning city side by side, in seven queries whatever their number."""
    cities = list(city_list(language=language))
    published = LearningCity.objects.filter(status=PUBLISHED)
    spaces = {
        row["city"]: row
        for row in LearningSpace.objects.filter(status=PUBLISHED, city__in=published)
        .values("city")
        .annotate(spaces=Count("pk"), users=Sum("learners_per_year"))
    }
    courses = {
        row["city"]: row["courses"]
        for row in Course.objects.filter(status=PUBLISHED, city__in=published)
        .values("city")
        .annotate(courses=Count("pk"))
    }
    cohorts = {
        row["course__city"]: row
        for row in counted_cohorts(cities=published)
        .values("course__city")
        .annotate(cohorts=Count("pk"), enrolled=Sum("enrolled"), completed=Sum("completed"))
    }
    surveyed = Q(respondents__isnull=False, applied__isnull=False)
    outcomes = {
        row["city"]: row
        for row in counted_outcomes(cities=published)
        .values("city")
        .annotate(
            followed_up=Sum("respondents", filter=surveyed),
            applied_in_all=Sum("applied", filter=surveyed),
            cost_low=Min("cost_recovered_pct"),
            cost_high=Max("cost_recovered_pct"),
        )
    }
    incomes: dict[int, list] = {}
    for row in (
        counted_outcomes(cities=published)
        .filter(income_baht__isnull=False)
        .annotate(fy=fiscal_year("period_end"))
        .values("city", "fy")
        .annotate(income=Sum("income_baht"))
        .order_by("city", "fy")
    ):
        incomes.setdefault(row["city"], []).append(row)
    coverage = coverage_by_city(published)
    rows = []
    for city in cities:
        space, cohort, outcome = spaces.get(city.pk, {}), cohorts.get(city.pk, {}), outcomes.get(city.pk, {})
        years = incomes.get(city.pk, [])
        row = {
            "city": city,
            "spaces": space.get("spaces", 0),
            "space_users": space.get("users") or 0,
            "courses": courses.get(city.pk, 0),
            "cohorts": cohort.get("cohorts", 0),
            "enrolled": cohort.get("enrolled") or 0,
            "completed": cohort.get("completed") or 0,
            "respondents": outcome.get("followed_up") or 0,
            "applied": outcome.get("applied_in_all") or 0,
            # The latest fiscal year's income after learning, and how many times the first year's.
            "income_baht": years[-1]["income"] if years else None,
            "income_year_be": years[-1]["fy"] + BE_OFFSET if years else None,
            "income_growth": float(years[-1]["income"] / years[0]["income"])
            if len(years) > 1 and years[0]["income"]
            else None,
            "cost_low": outcome.get("cost_low"),
            "cost_high": outcome.get("cost_high"),
            "assessment": coverage.get(city.pk),
        }
        rows.append(_with_rates(row))
    totals = _with_rates(
        {
            key: sum(r[key] for r in rows)
            for key in (
                "spaces",
                "space_users",
                "courses",
                "cohorts",
                "enrolled",
                "completed",
                "respondents",
                "applied",
            )
        }
        | {
            "income_baht": sum((r["income_baht"] for r in rows if r["income_baht"] is not None), Decimal(0)),
            "assessed": sum(1 for r in rows if r["assessment"]),
            "cities": len(rows),
        }
    )
    return {
        "rows": rows,
        "totals": totals,
        "space_users_target": SPACE_USERS_TARGET,
        "application_target": APPLICATION_TARGET_PCT,
    }


def _with_rates(row: dict[str, Any]) -> dict[str, Any]:
    row["completion_pct"] = _pct(row["completed"], row["enrolled"])
    row["applied_pct"] = _pct(row["applied"], row["respondents"])
    row["meets_users_target"] = row["space_users"] >= SPACE_USERS_TARGET
    row["meets_application_target"] = (
        None if row["applied_pct"] is None else row["applied_pct"] >= APPLICATION_TARGET_PCT
    )
    return row
