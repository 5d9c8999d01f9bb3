"""Courses, cohorts, outcomes and impact in the API: reads for everyone (published records), team
writes, 400 naming the field, 403 for others, 409 with the current record; never a 500."""

import pytest

from learningcity.courses.models import Cohort, Course, Outcome
from tests.factories import CohortFactory, CourseFactory, OutcomeFactory

pytestmark = pytest.mark.django_db

JSON = "application/json"


def post(client, url, data):
    return client.post(url, data, content_type=JSON)


def patch(client, url, data):
    return client.patch(url, data, content_type=JSON)


def test_a_team_records_a_course_a_cohort_and_its_outcome(client, yala, yala_team, trok_sui):
    client.force_login(yala_team)
    course = post(
        client,
        f"/api/learning-cities/{yala.code}/courses/",
        {
            "title_th": "การออกแบบลายผ้า",
            "hours": "24",
            "space": trok_sui.code,
            "target_groups": ["youth"],
            "skills": ["ออกแบบลายผ้า"],
        },
    )
    assert course.status_code == 201, course.content
    code = course.json()["code"]
    assert course.json()["space"] == trok_sui.code and course.json()["cohorts"] == []
    cohort = post(
        client,
        f"/api/learning-courses/{code}/cohorts/",
        {
            "name": "รุ่นที่ 1",
            "starts_on": "2024-05-13",
            "ends_on": "2024-05-24",
            "enrolled": 26,
            "completed": 22,
            "by_target_group": {"youth": {"enrolled": 26, "completed": 22}},
            "by_sex": {"female": {"enrolled": 17, "completed": 15}, "male": {"enrolled": 9, "completed": 7}},
        },
    )
    assert cohort.status_code == 201, cohort.content
    outcome = post(
        client,
        f"/api/learning-cities/{yala.code}/outcomes/",
        {
            "cohort": cohort.json()["id"],
            "survey_date": "2024-09-30",
            "survey_method": "questionnaire",
            "respondents": 22,
            "applied": 9,
        },
    )
    assert outcome.status_code == 201, outcome.content
    assert outcome.json()["course"] == code and outcome.json()["period_start"] == "2024-05-13"
    impact = client.get(f"/api/learning-cities/{yala.code}/impact/").json()
    assert (impact["enrolled"], impact["completed"], impact["applied"]) == (26, 22, 9)
    assert impact["application_target_pct"] == 30 and impact["years"][0]["fiscal_year_be"] == 2567
    detail = client.get(f"/api/learning-courses/{code}/").json()
    assert [c["name"] for c in detail["cohorts"]] == ["รุ่นที่ 1"]


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"enrolled": 20, "completed": 25}, "completed"),
        ({"by_target_group": {"youth": {"enrolled": 30}}}, "by_target_group"),
        ({"by_sex": {"female": {"enrolled": 15}, "male": {"enrolled": 15}}}, "by_sex"),
        ({"ends_on": "2024-05-01"}, "ends_on"),
        ({"starts_on": "13/05/2567"}, "starts_on"),  # the API takes ISO dates; pages take Thai ones
        ({"by_target_group": "youth"}, "by_target_group"),
    ],
)
def test_a_cohort_that_does_not_add_up_is_a_400_naming_the_field(client, yala, yala_team, payload, field):
    course = CourseFactory(city=yala)
    client.force_login(yala_team)
    data = {"name": "รุ่นที่ 1", "starts_on": "2024-05-13", "ends_on": "2024-05-24", "enrolled": 20, **payload}
    response = post(client, f"/api/learning-courses/{course.code}/cohorts/", data)
    assert response.status_code == 400, response.content
    assert field in response.json()
    assert not Cohort.objects.exists()


def test_an_outcome_outside_its_cohort_is_a_400(client, yala, yala_team):
    cohort = CohortFactory(course__city=yala)
    client.force_login(yala_team)
    response = post(
        client,
        f"/api/learning-cities/{yala.code}/outcomes/",
        {
            "cohort": cohort.pk,
            "survey_date": "2024-03-10",
            "survey_method": "interview",
            "respondents": 5,
            "applied": 1,
        },
    )
    assert response.status_code == 400
    assert "after the cohort ends" in response.json()["survey_date"][0]
    assert response.json()["detail"]  # a sentence too, for a client that shows one message
    assert not Outcome.objects.exists()


def test_writes_by_others_are_403_and_anonymous_reads_see_published_only(client, yala, phayao_team):
    published = CourseFactory(city=yala)
    draft = CourseFactory(city=yala, status="draft")
    listed = client.get(f"/api/learning-cities/{yala.code}/courses/").json()
    assert [c["code"] for c in listed] == [published.code]
    assert client.get(f"/api/learning-courses/{draft.code}/").status_code == 404
    client.force_login(phayao_team)
    response = post(client, f"/api/learning-cities/{yala.code}/courses/", {"title_th": "x", "hours": "1"})
    assert response.status_code == 403
    response = patch(client, f"/api/learning-courses/{published.code}/", {"version": 1, "hours": "2"})
    assert response.status_code == 403
    assert Course.objects.count() == 2 and Course.objects.get(pk=published.pk).hours == 15


def test_a_stale_edit_is_a_409_with_the_current_record(client, yala, yala_team, curator):
    cohort = CohortFactory(course__city=yala)
    client.force_login(curator)
    assert (
        patch(client, f"/api/learning-cohorts/{cohort.pk}/", {"version": 1, "completed": 20}).status_code
        == 200
    )
    client.force_login(yala_team)
    response = patch(client, f"/api/learning-cohorts/{cohort.pk}/", {"version": 1, "completed": 10})
    assert response.status_code == 409
    body = response.json()
    assert body["version"] == 2 and body["current"]["completed"] == 20 and body["code"] == "stale"
    missing = patch(client, f"/api/learning-cohorts/{cohort.pk}/", {"completed": 10})
    assert missing.status_code == 400 and "version" in missing.json()
    assert Cohort.objects.get().completed == 20


def test_retiring_an_outcome_takes_it_out_of_the_figures(client, yala, yala_team):
    outcome = OutcomeFactory(cohort__course__city=yala)
    assert client.get(f"/api/learning-cities/{yala.code}/impact/").json()["applied"] == 9
    client.force_login(yala_team)
    response = post(client, f"/api/learning-outcomes/{outcome.pk}/retire/", {"version": 1})
    assert response.status_code == 200 and response.json()["status"] == "withdrawn"
    client.logout()
    assert client.get(f"/api/learning-cities/{yala.code}/impact/").json()["applied"] == 0
    assert client.get(f"/api/learning-outcomes/{outcome.pk}/").status_code == 404


def test_the_course_list_takes_the_same_few_queries_for_many_courses(
    client, yala, django_assert_max_num_queries
):
    CourseFactory.create_batch(2, city=yala)
    with django_assert_max_num_queries(6) as few:
        client.get(f"/api/learning-cities/{yala.code}/courses/")
    CourseFactory.create_batch(20, city=yala)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(f"/api/learning-cities/{yala.code}/courses/")
    assert len(response.json()) == 22
