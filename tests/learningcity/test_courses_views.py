"""The team's course, cohort and outcome pages: Thai dates and digits in, a refusal on the form with
its reason and everything typed kept, the newer record beside a stale form; the city page's charts
with their tables against the targets."""

import datetime

import pytest

from learningcity.courses.models import Cohort, Course, Outcome
from tests.factories import CohortFactory, CourseFactory, OutcomeFactory

pytestmark = pytest.mark.django_db


def cohort_form(**overrides):
    data = {
        "name": "รุ่นที่ 1",
        "starts_on": "04/03/2567",
        "ends_on": "๑๕/๐๓/๒๕๖๗",
        "enrolled": "24",
        "completed": "21",
        "group_single_mothers_enrolled": "14",
        "group_single_mothers_completed": "13",
        "group_informal_workers_enrolled": "10",
        "group_informal_workers_completed": "8",
        "sex_female_enrolled": "24",
        "sex_female_completed": "21",
    }
    data.update(overrides)
    return data


def test_a_team_adds_a_course_and_a_cohort_with_thai_dates(client, yala, yala_team, trok_sui):
    client.force_login(yala_team)
    response = client.post(
        f"/learning-cities/{yala.code}/courses/new/",
        {
            "title_th": "การปักผ้าฉลุลาย",
            "kind": "short_course",
            "space": trok_sui.code,
            "hours": "๓๐",
            "target_groups": ["single_mothers", "informal_workers"],
            "skills": "ปักฉลุลาย\nเลือกผ้าและด้าย",
            "status": "published",
        },
    )
    course = Course.objects.get()
    assert response.status_code == 302 and response["Location"] == course.get_absolute_url()
    assert course.hours == 30 and course.skills == ["ปักฉลุลาย", "เลือกผ้าและด้าย"]
    response = client.post(f"/learning-courses/{course.code}/cohorts/new/", cohort_form())
    cohort = Cohort.objects.get()
    assert response.status_code == 302
    assert (cohort.starts_on, cohort.ends_on) == (datetime.date(2024, 3, 4), datetime.date(2024, 3, 15))
    assert cohort.by_target_group == {
        "single_mothers": {"enrolled": 14, "completed": 13},
        "informal_workers": {"enrolled": 10, "completed": 8},
    }
    page = client.get(course.get_absolute_url()).content.decode()
    assert "4 มี.ค. 2567 – 15 มี.ค. 2567" in page and "แม่เลี้ยงเดี่ยว 14/13" in page
    edit = client.get(f"/learning-cohorts/{cohort.pk}/edit/").content.decode()
    assert 'value="04/03/2567"' in edit  # shown back in the Buddhist Era, as typed


@pytest.mark.parametrize(
    ("overrides", "reason"),
    [
        ({"completed": "30"}, "30 completed is more than the 24 enrolled"),
        ({"group_single_mothers_enrolled": "20"}, "เกินยอดรวมของรุ่น 24 คน"),
        ({"ends_on": "01/03/2567"}, "The cohort ends before it starts"),
        ({"starts_on": "31/02/2567"}, "ไม่มีวันที่นี้ในปฏิทิน"),
        ({"sex_female_enrolled": "-2"}, ""),
    ],
)
def test_a_cohort_form_that_does_not_add_up_says_why_and_keeps_what_was_typed(
    client, yala, yala_team, overrides, reason
):
    course = CourseFactory(city=yala)
    client.force_login(yala_team)
    response = client.post(
        f"/learning-courses/{course.code}/cohorts/new/", cohort_form(name="รุ่นพิเศษ", **overrides)
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert reason in page and 'value="รุ่นพิเศษ"' in page and 'role="alert"' in page
    assert not Cohort.objects.exists()


def test_a_stale_cohort_form_shows_the_newer_record_and_keeps_the_typed_values(
    client, yala, yala_team, curator
):
    cohort = CohortFactory(course__city=yala)
    client.force_login(curator)
    edit = cohort_form(
        version="1", completed="20", group_informal_workers_completed="7", sex_female_completed="20"
    )
    assert client.post(f"/learning-cohorts/{cohort.pk}/edit/", edit).status_code == 302
    client.force_login(yala_team)
    response = client.post(f"/learning-cohorts/{cohort.pk}/edit/", cohort_form(version="1", name="รุ่นแก้ไข"))
    page = response.content.decode()
    assert response.status_code == 409
    assert 'id="lc-current"' in page and "มีผู้แก้ไขข้อมูลนี้ก่อนคุณ" in page and "curator" in page
    assert 'value="รุ่นแก้ไข"' in page and 'name="version" value="2"' in page
    cohort.refresh_from_db()
    assert cohort.completed == 20 and cohort.name != "รุ่นแก้ไข"


def test_an_outcome_form_refuses_a_survey_before_the_cohort_ended(client, yala, yala_team):
    cohort = CohortFactory(course__city=yala)
    client.force_login(yala_team)
    data = {
        "cohort": str(cohort.pk),
        "survey_date": "10/03/2567",
        "survey_method": "interview",
        "respondents": "20",
        "applied": "9",
        "note": "ติดตามทางโทรศัพท์",
    }
    response = client.post(f"/learning-cities/{yala.code}/outcomes/new/", data)
    page = response.content.decode()
    assert response.status_code == 400
    assert "การติดตามผลต้องทำหลังรุ่นจบ (15 มี.ค. 2567)" in page and "ติดตามทางโทรศัพท์" in page
    assert not Outcome.objects.exists()
    response = client.post(
        f"/learning-cities/{yala.code}/outcomes/new/", {**data, "survey_date": "10/07/2567"}
    )
    assert response.status_code == 302 and Outcome.objects.get().applied == 9


def test_the_city_page_shows_results_as_charts_with_tables_against_the_targets(client, yala, trok_sui):
    trok_sui.learners_per_year = 12_000
    trok_sui.save()
    OutcomeFactory(cohort__course__city=yala, respondents=20, applied=9)  # 45 %, FY 2567
    page = client.get(yala.get_absolute_url()).content.decode()
    impact = page.split('id="impact"')[1]
    assert "12,000" in impact and "ถึงเป้าหมาย" in impact
    # Learners, completion and the application rate; no income was recorded, so no income chart.
    assert impact.count('<svg class="chart"') == 3
    assert 'class="target"' in impact and "เป้าหมาย ≥ 30%" in impact
    assert '<th scope="row">2567</th>' in impact and "45.0%" in impact  # the same figures in a table
    assert "9 จาก 20 คนที่ติดตาม" in impact
    assert "การปักผ้าฉลุลาย" in impact  # the course list


def test_the_impact_history_lists_changes_and_a_curator_reverts(client, yala, yala_team, curator):
    course = CourseFactory(city=yala)
    client.force_login(yala_team)
    client.post(
        f"/learning-courses/{course.code}/edit/",
        {
            "title_th": course.title_th,
            "kind": "workshop",
            "hours": "3",
            "status": "published",
            "version": "1",
        },
    )
    page = client.get(f"/learning-cities/{yala.code}/impact-history/?course={course.code}").content.decode()
    assert "<del>หลักสูตรระยะสั้น</del>" in page and "<ins>กิจกรรมเรียนรู้</ins>" in page
    assert "คืนค่าเป็นฉบับที่" not in page  # the team does not revert
    client.force_login(curator)
    page = client.get(f"/learning-cities/{yala.code}/impact-history/").content.decode()
    baseline = page.split("learning-record-revisions/")[-1].split("/revert/")[0]
    client.post(f"/learning-record-revisions/{baseline}/revert/")
    course.refresh_from_db()
    assert course.kind == "short_course" and course.version == 3
