"""Learning cities' impact: the national view (every city's figures in a fixed number of queries), one
city's figures per fiscal year, the biennial report (DOCX and CSV), and a cohort saved through the
service, each against a baseline measured in the same run.

    PYTHAINLP_OFFLINE=1 .venv/bin/python scripts/bench/bench_learning_impact.py

Works on the dev database inside a transaction that is rolled back (nothing is left behind). It adds
CITIES learning cities with COURSES courses of COHORTS cohorts each, an outcome per cohort, on top of
whatever the demo catalogue holds.
"""

import datetime
import os
import random
import sys
import time
from decimal import Decimal
from pathlib import Path

import django

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "culturalmap.settings.local")
os.environ.setdefault("PYTHAINLP_OFFLINE", "1")
django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.db.models import Count, Sum  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from geodata.models import Province  # noqa: E402
from learningcity.assessment.selectors import latest_approved  # noqa: E402
from learningcity.courses import selectors as course_selectors  # noqa: E402
from learningcity.courses import services as course_services  # noqa: E402
from learningcity.courses.models import Cohort, Course, Outcome  # noqa: E402
from learningcity.models import LearningCity, LearningSpace  # noqa: E402
from learningcity.report.data import report_csv  # noqa: E402
from learningcity.report.document import report_docx  # noqa: E402
from learningcity.report.selectors import Period, biennial_report, national_figures  # noqa: E402
from learningcity.selectors import learners_of, public_cities, public_spaces  # noqa: E402

CITIES = 200
COURSES = 5
COHORTS = 4
SAVES = 50


class Rollback(Exception):
    pass


def timed(fn, repeat: int = 1) -> float:
    start = time.perf_counter()
    for _ in range(repeat):
        fn()
    return (time.perf_counter() - start) / repeat


def queries(fn) -> int:
    with CaptureQueriesContext(connection) as captured:
        fn()
    return len(captured)


def main() -> None:
    try:
        with transaction.atomic():
            run()
            raise Rollback
    except Rollback:
        print("(rolled back: nothing left in the database)")


def seed() -> None:
    rng = random.Random(2567)
    province = Province.objects.get(code="95")
    centre = province.geom.point_on_surface
    cities = LearningCity.objects.bulk_create(
        LearningCity(
            name_th=f"เมืองทดสอบ {i}",
            name_en=f"Bench city {i}",
            province=province,
            joined_year=2024,
            location=centre,
        )
        for i in range(CITIES)
    )
    courses = Course.objects.bulk_create(
        Course(city=city, title_th=f"หลักสูตร {i}", hours=Decimal(15), target_groups=["informal_workers"])
        for city in cities
        for i in range(COURSES)
    )
    cohorts = []
    for course in courses:
        for i in range(COHORTS):
            start = datetime.date(2022, 10, 3) + datetime.timedelta(days=91 * i)
            enrolled = rng.randint(15, 40)
            completed = rng.randint(10, enrolled)
            cohorts.append(
                Cohort(
                    course=course,
                    name=f"รุ่นที่ {i + 1}",
                    starts_on=start,
                    ends_on=start + datetime.timedelta(days=4),
                    enrolled=enrolled,
                    completed=completed,
                    by_target_group={"informal_workers": {"enrolled": enrolled, "completed": completed}},
                )
            )
    cohorts = Cohort.objects.bulk_create(cohorts)
    Outcome.objects.bulk_create(
        Outcome(
            city_id=course_of[c.course_id],
            course_id=c.course_id,
            cohort=c,
            period_start=c.starts_on,
            period_end=c.ends_on + datetime.timedelta(days=120),
            survey_date=c.ends_on + datetime.timedelta(days=120),
            survey_method="interview",
            respondents=c.completed,
            applied=rng.randint(0, c.completed),
            cost_recovered_pct=Decimal(rng.randint(100, 900)) / 10,
            recovery_months=rng.randint(2, 6),
        )
        for course_of in [{course.pk: course.city_id for course in courses}]
        for c in cohorts
    )


def per_city_baseline() -> list[dict]:
    """The same table built city by city, as a page would with one query set per city."""
    rows = []
    for city in public_cities():
        figures = course_selectors.impact_figures(city=city)
        rows.append(
            {
                "city": city,
                "spaces": LearningSpace.objects.filter(city=city, status="published").count(),
                "users": learners_of(public_spaces(city=city))["learners"],
                "courses": Course.objects.filter(city=city, status="published").count(),
                "enrolled": figures.enrolled,
                "applied_pct": figures.applied_pct,
                "assessment": latest_approved(city),
            }
        )
    return rows


def run() -> None:
    seed()
    cities = public_cities().count()
    cohorts = Cohort.objects.count()
    national = timed(lambda: national_figures(language="th"), 3)
    baseline = timed(per_city_baseline, 1)
    print(
        f"national view of {cities:,} learning cities ({cohorts:,} cohorts): {national * 1000:.1f} ms in "
        f"{queries(lambda: national_figures(language='th'))} queries (baseline, city by city: "
        f"{baseline * 1000:.1f} ms in {queries(per_city_baseline):,} queries; "
        f"ratio {baseline / national:.1f}x)"
    )
    # The national totals agree with the baseline's, city by city.
    table = {row["city"].pk: row for row in national_figures(language="th")["rows"]}
    for row in per_city_baseline():
        assert table[row["city"].pk]["enrolled"] == row["enrolled"]

    city = (
        LearningCity.objects.filter(name_en="Phayao").first()
        or LearningCity.objects.filter(courses__isnull=False).first()
    )
    figures = timed(lambda: course_selectors.impact_figures(city=city), 20)
    bare = timed(
        lambda: list(
            course_selectors.counted_cohorts(cities=LearningCity.objects.filter(pk=city.pk)).aggregate(
                n=Count("pk"), enrolled=Sum("enrolled")
            )
        ),
        20,
    )
    print(
        f"{city.name_en}'s figures per fiscal year (learners, application, income, cost recovered, groups): "
        f"{figures * 1000:.2f} ms (baseline, one bare total of its cohorts: {bare * 1000:.2f} ms; "
        f"overhead {figures / bare:.1f}x)"
    )

    report = biennial_report(city=city, period=Period(2023, 2024))
    assembled = timed(lambda: biennial_report(city=city, period=Period(2023, 2024)), 5)
    docx = timed(lambda: report_docx(report, language="th"), 5)
    csv = timed(lambda: report_csv(report), 5)
    size = len(report_docx(report, language="th"))
    print(
        f"biennial report of {city.name_en}: gathered in {assembled * 1000:.1f} ms; DOCX written in "
        f"{docx * 1000:.1f} ms ({size / 1024:.0f} KiB) (baseline, the same figures as CSV: "
        f"{csv * 1000:.2f} ms; ratio {docx / csv:.0f}x)"
    )

    member = get_user_model().objects.create(username="bench-impact-team")
    bench_city = LearningCity.objects.get(name_en="Bench city 0")
    bench_city.team_members.add(member)
    course = bench_city.courses.first()
    data = {
        "name": "รุ่นทดสอบ",
        "starts_on": datetime.date(2024, 3, 4),
        "ends_on": datetime.date(2024, 3, 15),
        "enrolled": 24,
        "completed": 21,
        "by_target_group": {"informal_workers": {"enrolled": 14, "completed": 13}},
        "by_sex": {"female": {"enrolled": 20, "completed": 18}},
    }
    saved = timed(lambda: course_services.cohort_create(user=member, course=course, data=data), SAVES)
    plain = timed(lambda: Cohort.objects.create(course=course, **data), SAVES)
    print(
        f"a cohort saved by the team (permission, counts that add up, revision): {saved * 1000:.2f} ms "
        f"(baseline, bare INSERT: {plain * 1000:.2f} ms; overhead {saved / plain:.1f}x)"
    )


if __name__ == "__main__":
    main()
