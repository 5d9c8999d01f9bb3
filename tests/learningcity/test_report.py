"""The UNESCO biennial report (a DOCX read back with python-docx, in Thai and English, and CSV) and the
national view: published figures only, Thai fonts named for Thai text, a bad period a 400."""

import csv
import datetime
import io
import re

import pytest
from docx import Document
from docx.oxml.ns import qn

from learningcity.report.document import FONT
from tests.factories import CohortFactory, CourseFactory, LearningCityFactory, OutcomeFactory

from .conftest import approved_assessment

pytestmark = pytest.mark.django_db


def docx_text(content: bytes) -> str:
    document = Document(io.BytesIO(content))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


@pytest.fixture
def reported_city(yala, yala_team, curator, trok_sui):
    trok_sui.learners_per_year = 12_500
    trok_sui.save()
    course = CourseFactory(city=yala, title_th="การปักผ้าฉลุลาย", title_en="Cut-work embroidery", space=trok_sui)
    OutcomeFactory(
        cohort__course=course,
        respondents=20,
        applied=9,
        cost_recovered_pct="22.5",
        recovery_months=4,
        target_group="single_mothers",
    )
    CohortFactory(
        course=course, starts_on=datetime.date(2019, 1, 7), ends_on=datetime.date(2019, 1, 9), enrolled=99
    )
    approved_assessment(
        yala, yala_team, curator, year=2024, ratings={"political_will": {"rating": 4, "note": "มติสภาเทศบาล"}}
    )
    return yala


def test_the_thai_report_is_a_word_document_set_in_a_thai_font(client, reported_city):
    response = client.get(f"/learning-cities/{reported_city.code}/report.docx?first=2566&last=2567&lang=th")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats-officedocument")
    assert "biennial-report-2023-2024-th.docx" in response["Content-Disposition"]
    document = Document(io.BytesIO(response.content))
    fonts = document.styles["Normal"].element.rPr.find(qn("w:rFonts"))
    assert fonts.get(qn("w:cs")) == FONT and fonts.get(qn("w:ascii")) == FONT  # Thai is complex script
    assert fonts.get(qn("w:cstheme")) is None  # no theme font to override the name
    heading = document.styles["Heading 1"].element.rPr.find(qn("w:rFonts"))
    assert heading.get(qn("w:cs")) == FONT and heading.get(qn("w:asciiTheme")) is None
    assert document.core_properties.language == "th-TH"
    text = docx_text(response.content)
    assert "รายงานความก้าวหน้าราย 2 ปี" in text and "เมืองยะลา" in text and "2566–2567" in text
    assert "เจตจำนงทางการเมืองและความมุ่งมั่น" in text and "มติสภาเทศบาล" in text
    assert text.count("ยังไม่ได้ประเมิน") == 11  # the eleven features not rated in 2024
    assert "การปักผ้าฉลุลาย" in text and "12,500" in text and "ถึงเป้าหมาย" in text
    assert "ผู้นำความรู้ไปใช้ 45.0%" in text and "22.5%" in text and "แม่เลี้ยงเดี่ยว" in text
    assert "99" not in text.split("4. หลักสูตรและผู้เรียน")[1]  # a cohort of 2019 is outside the period


def test_the_english_report_says_it_all_in_english(client, reported_city):
    response = client.get(f"/learning-cities/{reported_city.code}/report.docx?first=2023&last=2024&lang=en")
    text = docx_text(response.content)
    assert "Biennial progress report" in text and "Yala" in text and "2023–2024" in text
    assert "Strong political will and commitment" in text and "Not yet assessed" in text
    assert "Cut-work embroidery" in text and "Single mothers" in text
    # The team's own Thai text (the evidence, a Thai-only name) may stay; no label is Thai.
    team_text = re.compile("มติสภาเทศบาล|เมืองยะลา|ตรอกสุ่ย")
    assert not re.search("[\u0e00-\u0e7f]", team_text.sub("", text)), re.findall("[\u0e00-\u0e7f]+", text)


def test_the_report_as_data_holds_the_same_figures(client, reported_city):
    response = client.get(f"/learning-cities/{reported_city.code}/report.csv?first=2023&last=2024")
    assert response.content.startswith("\ufeff".encode())  # Excel reads Thai with the mark
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    by = {(r["section"], r["code"], r["measure"]): r["value"] for r in rows}
    assert by[("key_features", "political_will", "rating")] == "4"
    assert by[("key_features", "workplace", "rating")] == "not yet assessed"
    assert by[("learning_spaces", reported_city.code, "space_users_per_year")] == "12500"
    assert by[("cost_recovered", "single_mothers", "cost_recovered_pct_high")] == "22.5"
    years = [r for r in rows if r["section"] == "outcomes_by_fiscal_year" and r["measure"] == "applied_pct"]
    assert [(r["period"], r["value"]) for r in years] == [("FY2024 (2567 BE)", "45.0")]


@pytest.mark.parametrize("query", ["first=2567&last=2560", "first=2010&last=2024", "first=abc&last=2024"])
def test_a_bad_period_is_a_400_with_the_reason(client, yala, query):
    response = client.get(f"/learning-cities/{yala.code}/report.docx?{query}")
    assert response.status_code == 400 and response.content
    assert client.get(f"/learning-cities/{yala.code}/report/?{query}").status_code == 400


def test_the_report_page_defaults_to_the_city_s_two_latest_years_with_results(client, reported_city):
    page = client.get(f"/learning-cities/{reported_city.code}/report/").content.decode()
    assert 'value="2566"' in page and 'value="2567"' in page
    assert "report.docx?first=2023&amp;last=2024&amp;lang=en" in page


def test_the_national_view_compares_published_cities_in_a_few_queries(
    client, reported_city, phayao, django_assert_max_num_queries
):
    LearningCityFactory(name_th="เมืองร่าง", name_en="Draft city", status="draft")
    with django_assert_max_num_queries(12):
        page = client.get("/learning-cities/national/").content.decode()
    assert "เมืองร่าง" not in page
    row = page.split(f'data-city="{reported_city.code}"')[1].split("</tr>")[0]
    assert "12,500" in row and "45.0%" in row and "22.5%" in row and "1/12 (2567)" in row
    phayao_row = page.split(f'data-city="{phayao.code}"')[1].split("</tr>")[0]
    assert "ยังไม่ได้ประเมิน" in phayao_row
    assert "ประเมินแล้ว 1 จาก 2 เมือง" in page
    for _ in range(5):
        LearningCityFactory(name_th="เมืองใหม่")
    with django_assert_max_num_queries(12):
        client.get("/learning-cities/national/")
    rows = list(
        csv.DictReader(
            io.StringIO(client.get("/learning-cities/national/?format=csv").content.decode("utf-8-sig"))
        )
    )
    yala_row = next(r for r in rows if r["code"] == reported_city.code)
    assert yala_row["applied_pct"] == "45.0" and yala_row["key_features_rated"] == "1"


def test_curators_see_what_waits_for_their_review(client, yala, yala_team, curator):
    from learningcity.assessment import services

    year = services.self_assessment_start(user=yala_team, city=yala, year=2024)
    year = services.self_assessment_save(
        user=yala_team, assessment=year, version=1, ratings={"workplace": {"rating": 3, "note": "ปักผ้า"}}
    )
    services.self_assessment_submit(user=yala_team, assessment=year, version=2)
    assert "lc-awaiting-review" not in client.get("/learning-cities/national/").content.decode()
    client.force_login(curator)
    page = client.get("/learning-cities/national/").content.decode()
    assert f"/learning-cities/{yala.code}/key-features/2024/" in page.split('id="lc-awaiting-review"')[1]
