"""The demo's courses, cohorts, outcomes and self-assessments: Phayao's figures exactly as the report
gives them, every record within the rules a city team is held to, nine cities not yet assessed."""

import io
from decimal import Decimal

import pytest
from docx import Document

from learningcity.assessment.selectors import latest_approved
from learningcity.courses import selectors, services
from learningcity.courses.models import Cohort, Course, Outcome
from learningcity.models import LearningCity

pytestmark = pytest.mark.django_db


@pytest.fixture
def phayao_demo(demo_catalogue):
    return LearningCity.objects.get(name_en="Phayao")


def test_phayao_s_results_are_the_report_s(phayao_demo):
    figures = selectors.impact_figures(city=phayao_demo)
    assert figures.latest_income_year["income_baht"] == Decimal("448419")
    assert f"{figures.income_growth:.2f}" == "22.42"
    recovery = {row["group"]: row for row in figures.cost_recovery}
    assert (recovery["informal_workers"]["pct_range"], recovery["informal_workers"]["months_range"]) == (
        "34.8–58.5",
        "4–5",
    )
    assert (
        recovery["vulnerable_disabled"]["pct_range"],
        recovery["vulnerable_disabled"]["months_range"],
    ) == (
        "328.3",
        "2",
    )
    assert figures.applied_pct >= 30  # the programme's target
    modules = Course.objects.filter(city=phayao_demo, kind="module")
    assert modules.count() == 4 and set(modules.values_list("hours", flat=True)) == {Decimal("15")}


def test_phayao_s_page_shows_them_against_the_targets(phayao_demo, client):
    page = client.get(phayao_demo.get_absolute_url()).content.decode()
    impact = page.split('id="impact"')[1]
    assert "144,663" in impact and "448,419 บาท" in impact and "22.42 เท่า ของปีแรก" in impact
    assert "34.8–58.5%" in impact and "ภายใน 4–5 เดือน" in impact and "328.3%" in impact
    assert impact.count('<svg class="chart"') == 4  # learners, completion, applied, income
    assert "ถึงเป้าหมาย" in impact


def test_the_report_s_courses_are_there(demo_catalogue):
    titles = set(Course.objects.values_list("title_en", flat=True))
    assert {"Cut-work embroidery", "Textile design", "Khon Kaen Studies"} <= titles
    yala = Course.objects.filter(city__name_en="Yala").select_related("space")
    assert {c.space.name_th for c in yala} == {"ตรอกสุ่ย", "สะพานดำ"}


def test_every_demo_cohort_and_outcome_passes_the_team_rules(demo_catalogue):
    """What a team is held to: a demo record it could not save again as it is would be a broken demo."""
    for cohort in Cohort.objects.select_related("course"):
        values = {name: getattr(cohort, name) for name in services.COHORT_FIELDS}
        services.clean_cohort_values(course=cohort.course, values=values, current=cohort)
    for outcome in Outcome.objects.select_related("city", "course", "cohort"):
        values = {name: getattr(outcome, name) for name in services.OUTCOME_FIELDS}
        services.clean_outcome_values(city=outcome.city, values=values)
    assert Outcome.objects.count() >= 10


def test_nine_cities_read_not_yet_assessed_and_phayao_compares_two_years(demo_catalogue, client):
    unassessed = [city for city in LearningCity.objects.all() if latest_approved(city) is None]
    assert len(unassessed) == 9
    page = client.get(unassessed[0].get_absolute_url()).content.decode()
    assert page.split('id="key-features"')[1].split("</section>")[0].count("ยังไม่ได้ประเมิน") == 12
    phayao = LearningCity.objects.get(name_en="Phayao")
    years = client.get(f"/learning-cities/{phayao.code}/key-features/").content.decode()
    assert "2566" in years and "2567" in years and 'class="lc-change up">(+1)' in years


def test_phayao_s_biennial_report_carries_the_figures(phayao_demo, client):
    response = client.get(f"/learning-cities/{phayao_demo.code}/report.docx?first=2566&last=2567&lang=th")
    document = Document(io.BytesIO(response.content))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "448,419" in text and "22.42 เท่าของปีแรก" in text and "34.8–58.5%" in text
    assert "144,663" in text
    national = client.get("/learning-cities/national/").content.decode()
    row = national.split(f'data-city="{phayao_demo.code}"')[1].split("</tr>")[0]
    assert "448,419" in row and "22.42 เท่า" in row and "12/12 (2567)" in row
