"""A Yala city-team member on a 390 px phone, in a real browser: adds a course, a cohort (a count that
does not add up is refused on the form, nothing typed lost) and its follow-up; a visitor then sees
the results as charts with their tables, nothing wider than the phone, nothing fetched elsewhere."""

import uuid

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select, WebDriverWait

from learningcity.courses.models import Cohort, Course, Outcome
from tests.browser import requested_urls, sign_in
from tests.factories import YALA_STATION, LearningCityFactory, LearningSpaceFactory, province

from .conftest import saved_user

PHONE = {"width": 390, "height": 844, "deviceScaleFactor": 2, "mobile": True}


@pytest.fixture
def phone(browser):
    browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", PHONE)
    yield browser
    browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


@pytest.fixture
def yala_setup(transactional_db):
    city = LearningCityFactory(name_th="เมืองยะลา", name_en="Yala", province=province("95"))
    member = saved_user(username=f"yala-{uuid.uuid4().hex[:8]}")
    city.team_members.add(member)
    space = LearningSpaceFactory(
        city=city, name_th="ตรอกสุ่ย", name_en="Trok Sui", geom=YALA_STATION, learners_per_year=12_000
    )
    return city, member, space


def wait(browser, seconds=10):
    return WebDriverWait(browser, seconds)


def fits_the_phone(browser) -> bool:
    return browser.execute_script("return document.documentElement.scrollWidth") <= PHONE["width"]


def fill(browser, field_id: str, text: str) -> None:
    element = browser.find_element(By.ID, field_id)
    element.clear()
    element.send_keys(text)


def submit(browser, form_id: str) -> None:
    button = browser.find_element(By.CSS_SELECTOR, f"#{form_id} #lc-save")
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'});", button)
    button.click()


def test_a_team_member_records_a_course_a_cohort_and_its_outcome_on_a_phone(phone, live_server, yala_setup):
    city, member, space = yala_setup
    sign_in(phone, live_server, member.username)

    phone.get(f"{live_server.url}{city.get_absolute_url()}")
    phone.find_element(By.LINK_TEXT, "เพิ่มหลักสูตร").click()
    wait(phone).until(EC.presence_of_element_located((By.ID, "lc-course-form")))
    assert fits_the_phone(phone)
    fill(phone, "id_title_th", "การปักผ้าฉลุลาย")
    fill(phone, "id_hours", "๓๐")  # Thai digits, as typed on a Thai keyboard
    Select(phone.find_element(By.ID, "id_space")).select_by_value(space.code)
    phone.find_element(By.CSS_SELECTOR, "input[name=target_groups][value=single_mothers]").click()
    fill(phone, "id_skills", "ปักฉลุลาย\nเลือกผ้าและด้าย")
    submit(phone, "lc-course-form")
    course = wait(phone).until(lambda b: Course.objects.filter(title_th="การปักผ้าฉลุลาย").first())
    wait(phone).until(EC.url_to_be(f"{live_server.url}{course.get_absolute_url()}"))
    assert course.hours == 30 and course.space == space and course.target_groups == ["single_mothers"]

    phone.find_element(By.LINK_TEXT, "เพิ่มรุ่น").click()
    wait(phone).until(EC.presence_of_element_located((By.ID, "lc-cohort-form")))
    fill(phone, "id_name", "รุ่นที่ 1")
    fill(phone, "id_starts_on", "04/03/2567")
    fill(phone, "id_ends_on", "15/03/2567")
    fill(phone, "id_enrolled", "24")
    fill(phone, "id_completed", "30")  # more than enrolled: refused with the reason
    fill(phone, "id_group_single_mothers_enrolled", "14")
    fill(phone, "id_sex_female_enrolled", "24")
    assert fits_the_phone(phone)  # the two count tables fit a phone
    submit(phone, "lc-cohort-form")
    alert = wait(phone).until(EC.presence_of_element_located((By.CSS_SELECTOR, "[role=alert]")))
    assert alert.is_displayed()
    assert "30 completed is more than the 24 enrolled" in phone.find_element(By.ID, "lc-cohort-form").text
    assert phone.find_element(By.ID, "id_starts_on").get_attribute("value") == "04/03/2567"  # kept
    assert not Cohort.objects.exists()
    fill(phone, "id_completed", "21")
    fill(phone, "id_group_single_mothers_completed", "13")
    fill(phone, "id_sex_female_completed", "21")
    submit(phone, "lc-cohort-form")
    wait(phone).until(
        EC.presence_of_element_located((By.CSS_SELECTOR, "table.lc-cohorts tbody tr[id^=cohort-]"))
    )
    cohort = Cohort.objects.get()
    assert (cohort.enrolled, cohort.completed) == (24, 21)
    assert cohort.by_target_group == {"single_mothers": {"enrolled": 14, "completed": 13}}
    assert fits_the_phone(phone)  # the cohorts table scrolls inside its box, the page does not

    row = phone.find_element(By.ID, f"cohort-{cohort.pk}")
    row.find_element(By.LINK_TEXT, "บันทึกผลลัพธ์").click()
    wait(phone).until(EC.presence_of_element_located((By.ID, "lc-outcome-form")))
    assert Select(phone.find_element(By.ID, "id_cohort")).first_selected_option.get_attribute("value") == str(
        cohort.pk
    )
    fill(phone, "id_survey_date", "10/07/2567")
    Select(phone.find_element(By.ID, "id_survey_method")).select_by_value("interview")
    fill(phone, "id_respondents", "20")
    fill(phone, "id_applied", "9")
    fill(phone, "id_cost_recovered_pct", "22.5")
    fill(phone, "id_recovery_months", "4")
    assert fits_the_phone(phone)
    submit(phone, "lc-outcome-form")
    wait(phone).until(EC.url_to_be(f"{live_server.url}{course.get_absolute_url()}"))
    outcome = Outcome.objects.get()
    assert (outcome.applied, outcome.respondents, outcome.cohort) == (9, 20, cohort)

    # A visitor's phone: the results as charts beside their tables, against the targets.
    phone.delete_all_cookies()
    requested_urls(phone)
    phone.get(f"{live_server.url}{city.get_absolute_url()}")
    impact = phone.find_element(By.ID, "impact")
    charts = impact.find_elements(By.CSS_SELECTOR, "svg.chart")
    assert len(charts) == 3 and all(0 < c.size["width"] <= PHONE["width"] for c in charts)
    assert "45.0%" in impact.text and "เป้าหมาย ≥ 30%" in impact.text and "12,000" in impact.text
    assert impact.find_element(By.CSS_SELECTOR, ".lc-target.met").is_displayed()
    assert fits_the_phone(phone)
    others = [
        u for u in requested_urls(phone) if not u.startswith(live_server.url) and not u.startswith("data:")
    ]
    assert others == []
