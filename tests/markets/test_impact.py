"""Economic impact as measured: surveys' parts make the stimulus where they cover an event (shared by
sales), the multiplier only where none does; bad surveys are refused with the reason; SROI with its
inputs and household use of income, each with its "as of" date and source, on the dashboards."""

import datetime
import re
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from culturalmap.markets.festivals import festival_log
from culturalmap.markets.impact import impact_survey_record, social_return_record
from culturalmap.markets.selectors import RevenueScope, revenue_series, revenue_summary
from culturalmap.markets.services import event_sales_log
from tests.factories import CulturalMarketFactory

from .conftest import saved_user

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def two_years(market, organiser):
    """Two nights in FY2567, one in FY2568; multiplier 1.469006 (the factory's)."""
    for day, total in ((D(2023, 11, 4), "300,000"), (D(2024, 5, 4), "100,000"), (D(2024, 11, 2), "200,000")):
        event_sales_log(market=market, user=organiser, held_on=day, total=total)
    return market


def survey(user, market, **more):
    values = {
        "market": market,
        "period_start": D(2023, 10, 1),
        "period_end": D(2024, 9, 30),
        "direct_sales": "400,000",
        "production_chain": "120,000",
        "employment_income": "60,000",
        "total_stimulus": "600,000",
        "as_of": D(2024, 10, 1),
        "source": "แบบสำรวจผู้ค้า ปีงบประมาณ 2567",
        **more,
    }
    return impact_survey_record(user=user, **values)


def test_a_surveyed_year_is_built_from_its_parts_the_rest_from_the_multiplier(two_years, organiser):
    survey(organiser, two_years, spending={"education": "35", "health": "20", "debt": "30"})
    scope = RevenueScope("market", two_years.pk)
    years = revenue_series(scope=scope, interval="fiscal_year")
    fy67, fy68 = years
    assert (fy67["stimulus_direct"], fy67["stimulus_chain"], fy67["stimulus_employment"]) == (
        Decimal("400000.00"),
        Decimal("120000.00"),
        Decimal("60000.00"),
    )
    assert (fy67["stimulus_other"], fy67["stimulus_estimated"], fy67["stimulus"]) == (
        Decimal("20000.00"),
        Decimal("0.00"),
        Decimal("600000.00"),
    )
    assert fy68["stimulus_estimated"] == fy68["stimulus"] == Decimal("293801.20")  # 200,000 × 1.469006
    # Per event, the survey is shared by sales: 3/4 and 1/4.
    nights = revenue_series(scope=scope, interval="event")
    assert [n["stimulus"] for n in nights] == [
        Decimal("450000.00"),
        Decimal("150000.00"),
        Decimal("293801.20"),
    ]
    summary = revenue_summary(scope=scope)
    assert summary["stimulus"] == Decimal("893801.20") and summary["surveyed_events"] == 2


def test_a_district_survey_covers_its_markets_nights_and_festivals_an_event_survey_its_festival(
    market, organiser, curator
):
    """Each kind of survey reaches the events it covers, and only those: a district's survey its
    markets' nights and festivals (held by a market or by the district's community) in its period;
    an event's survey that festival alone. Per event, the parts a night has not read 0.00."""
    for day, total in ((D(2024, 1, 27), "100,000"), (D(2024, 11, 2), "50,000")):
        event_sales_log(market=market, user=organiser, held_on=day, total=total)
    festival = {"user": organiser, "district": market.district, "total": "300,000"}
    festival_log(name_th="งานของดีย่าน", held_on=D(2024, 1, 31), ends_on=D(2024, 2, 2), **festival)
    festival_log(name_th="งานตลาด", held_on=D(2024, 3, 2), host="market", market=market, **festival)
    elsewhere = CulturalMarketFactory()
    other, _lines = festival_log(
        name_th="งานย่านอื่น", held_on=D(2024, 2, 10), user=curator, district=elsewhere.district, total="80,000"
    )
    parts = {"direct_sales": "400,000", "production_chain": "100,000", "employment_income": "50,000"}
    survey(organiser, None, district=market.district, total_stimulus="1,400,000", **parts)
    survey(curator, None, event=other, total_stimulus="120,000", **dict.fromkeys(parts, "40,000"))

    nights = revenue_series(scope=RevenueScope("district", market.district_id), interval="event", kind="all")
    # Covered sales 700,000: the night 1/7, each festival 3/7; the November night is after the period.
    assert [
        (r["period_start"], r["stimulus"], r["stimulus_direct"], r["stimulus_other"], r["stimulus_estimated"])
        for r in nights
    ] == [
        (D(2024, 1, 27), Decimal("200000.00"), Decimal("57142.86"), Decimal("121428.57"), Decimal("0.00")),
        (D(2024, 1, 31), Decimal("600000.00"), Decimal("171428.57"), Decimal("364285.71"), Decimal("0.00")),
        (D(2024, 3, 2), Decimal("600000.00"), Decimal("171428.57"), Decimal("364285.71"), Decimal("0.00")),
        (D(2024, 11, 2), Decimal("73450.30"), Decimal("0.00"), Decimal("0.00"), Decimal("73450.30")),
    ]
    november = nights[-1]
    assert [str(november[f"stimulus_{part}"]) for part in ("chain", "employment")] == ["0.00", "0.00"]
    assert nights[-1]["cumulative_stimulus"] == Decimal("1473450.30")
    (theirs,) = revenue_series(
        scope=RevenueScope("district", elsewhere.district_id), interval="event", kind="all"
    )
    assert (theirs["stimulus"], theirs["stimulus_chain"], theirs["stimulus_estimated"]) == (
        Decimal("120000.00"),
        Decimal("40000.00"),
        Decimal("0.00"),
    )


@pytest.mark.parametrize(
    "change, field, reason",
    [
        ({"total_stimulus": "500,000"}, "total_stimulus", "เกินมูลค่ากระตุ้นเศรษฐกิจรวม 500,000.00 บาท"),
        ({"production_chain": "-5"}, "production_chain", "ติดลบ"),
        ({"spending": {"education": "-3"}}, "spend_education", "ติดลบ"),
        ({"spending": {"debt": "120"}}, "spend_debt", "เกินร้อยละ 100"),
        ({"spending": {"education": "60", "debt": "50"}}, "spend_other", "110"),
        ({"spending": {"health": "มาก"}}, "spend_health", "ตัวเลข"),
        ({"source": " "}, "source", "แหล่งที่มา"),
    ],
)
def test_a_survey_that_does_not_add_up_is_refused_with_the_reason(
    two_years, organiser, change, field, reason
):
    with pytest.raises(ValidationError) as refused:
        survey(organiser, two_years, **change)
    assert reason in " ".join(refused.value.message_dict[field])
    assert not two_years.impact_surveys.exists()


def test_two_surveys_of_the_same_events_are_refused(two_years, organiser):
    survey(organiser, two_years)
    with pytest.raises(ValidationError, match="นับซ้ำ"):
        survey(organiser, None, district=two_years.district, period_start=D(2024, 5, 1))
    # Another period of the same market is fine.
    survey(organiser, two_years, period_start=D(2024, 10, 1), period_end=D(2025, 9, 30))


def test_only_the_places_organisers_and_curators_record_surveys(two_years, other_organiser):
    with pytest.raises(PermissionDenied):
        survey(other_organiser, two_years)


def test_sroi_with_its_inputs_as_of_and_source_on_the_city_page(client, curator, market, organiser):
    study = social_return_record(
        user=curator,
        city=market.district.city,
        project_th="เชียงราย ภูมิทัศน์แห่งตำนาน",
        investment="2,500,000",
        outcomes=[
            {"name_th": "รายได้ชุมชน", "value": "5,200,000"},
            {"name_th": "การเรียนรู้", "value": "4,700,000"},
        ],
        as_of=D(2024, 9, 30),
        source="รายงานประจำปี 2567",
    )
    assert study.ratio == Decimal("3.96")
    page = client.get(market.district.city.get_absolute_url()).content.decode()
    assert "SROI 1 : 3.96" in page and "ณ 30 ก.ย. 2567 · ที่มา: รายงานประจำปี 2567" in page
    assert "2,500,000" in page and "9,900,000" in page
    with pytest.raises(PermissionDenied):
        social_return_record(
            user=organiser,
            city=None,
            project_th="x",
            investment="1",
            outcomes=[],
            as_of=D(2024, 1, 1),
            source="x",
        )
    with pytest.raises(ValidationError) as refused:
        social_return_record(
            user=curator,
            project_th="x",
            investment="0",
            outcomes=[{"value": "-1"}],
            as_of=D(2024, 1, 1),
            source="x",
        )
    assert set(refused.value.message_dict) == {"investment", "outcome_1"}


def test_the_dashboard_stacks_the_measured_parts_with_the_table_beside(client, two_years, organiser):
    survey(organiser, two_years, spending={"education": "35", "health": "20", "debt": "30"})
    page = client.get(two_years.get_absolute_url()).content.decode()
    charts = re.findall(r'<svg class="chart".*?</svg>', page, re.S)
    chart = next(svg for svg in charts if "มูลค่ากระตุ้นเศรษฐกิจชุมชนรายปี" in svg)
    assert chart.count("<rect x=") >= 2 and 'fill="#0072b2"' in chart and 'fill="#999999"' in chart
    assert "ยอดขายโดยตรง (สำรวจ)" in page and "ประมาณการ: ยอดขาย × ตัวคูณ" in page
    table = page[page.index('class="figures-table stimulus"') :]
    assert "400,000" in table[:3000] and "293,801" in table[:3000]
    assert "35.0%" in page and "ณ 1 ต.ค. 2567 · ที่มา: แบบสำรวจผู้ค้า ปีงบประมาณ 2567" in page
    # Readable without JavaScript: the one script folds the header on a phone; the JSON-LD is data.
    assert re.findall(r"<script(?![^>]*application/ld\+json)[^>]*>", page) == [
        '<script src="/static/js/site.js">'
    ]


def test_an_organiser_enters_a_survey_on_the_page_and_a_bad_one_is_sent_back(client, two_years, organiser):
    client.force_login(organiser)
    url = f"/organiser/{two_years.code}/impact/"
    form = {
        "scope": "district",
        "period_start": "01/10/2566",
        "period_end": "30/09/2567",
        "direct_sales": "๔๐๐,๐๐๐",
        "production_chain": "150,000",
        "employment_income": "80,000",
        "total_stimulus": "650,000",
        "spend_education": "40",
        "spend_debt": "70",
        "as_of": "01/10/2567",
        "source": "แบบสำรวจ",
    }
    refused = client.post(url, form)
    assert refused.status_code == 400 and "เกินร้อยละ 100" in refused.content.decode()
    assert not two_years.district.impact_surveys.exists()
    accepted = client.post(url, {**form, "spend_debt": "30"})
    errors = re.findall(r"errorlist[^>]*>(.*?)</ul>", accepted.content.decode(), re.S)
    assert accepted.status_code == 302, errors
    survey = two_years.district.impact_surveys.get()
    assert (survey.direct_sales, survey.spend_debt) == (Decimal("400000"), Decimal("30"))
    summary = revenue_summary(scope=RevenueScope("district", two_years.district_id))
    assert summary["stimulus_parts"]["chain"] == Decimal("150000.00")
    client.force_login(saved_user())
    assert client.get(url).status_code == 403
