"""A city's results as the city page shows them: headline figures against the programme's targets,
and per fiscal year the learners, the application rate and the income after learning, each as an SVG
chart (culturalmap.core.charts) with the same figures in a table beside it."""

from typing import Any

from django.utils.translation import get_language, pgettext
from django.utils.translation import gettext as _

from culturalmap.core.charts import bar_chart
from learningcity.models import LearningCity

from .models import APPLICATION_TARGET_PCT, SPACE_USERS_TARGET
from .selectors import ImpactFigures, impact_figures


def fiscal_year_label(year: dict[str, Any]) -> str:
    if (get_language() or "th").startswith("en"):
        return f"FY{year['fiscal_year']}"
    return f"ปีงบ {year['fiscal_year_be']}"


def impact_dashboard(*, city: LearningCity, space_users: int) -> dict[str, Any]:
    """Everything templates/learningcity/courses/_city_impact.html shows; `space_users` is the yearly
    learners over the city's learning spaces (the ≥ 10,000 users target)."""
    figures = impact_figures(city=city)
    return {
        "figures": figures,
        "space_users": space_users,
        "space_users_target": SPACE_USERS_TARGET,
        "meets_users_target": space_users >= SPACE_USERS_TARGET,
        "application_target": APPLICATION_TARGET_PCT,
        "charts": impact_charts(figures),
    }


def impact_charts(figures: ImpactFigures) -> dict[str, Any]:
    people = pgettext("chart unit", "คน")
    learners = [y for y in figures.years if y["enrolled"]]
    applied = [y for y in figures.years if y["applied_pct"] is not None]
    income = [y for y in figures.years if y["income_baht"] is not None]
    target = _("เป้าหมาย ≥ %(pct)s%%") % {"pct": APPLICATION_TARGET_PCT}
    return {
        "learners": bar_chart(
            [(fiscal_year_label(y), y["enrolled"]) for y in learners],
            title=_("ผู้เรียนที่ลงทะเบียนต่อปีงบประมาณ"),
            unit=people,
        )
        if learners
        else None,
        "completion": bar_chart(
            [(fiscal_year_label(y), y["completion_pct"]) for y in learners],
            title=_("สัดส่วนผู้สำเร็จหลักสูตร (%)"),
            unit="%",
            decimals=1,
        )
        if learners
        else None,
        "applied": bar_chart(
            [(fiscal_year_label(y), y["applied_pct"]) for y in applied],
            title=_("สัดส่วนผู้นำความรู้ไปใช้ (%)"),
            unit="%",
            decimals=1,
            target=APPLICATION_TARGET_PCT,
            target_label=target,
        )
        if applied
        else None,
        "income": bar_chart(
            [(fiscal_year_label(y), y["income_baht"]) for y in income],
            title=_("รายได้หลังการเรียนรู้ (บาท)"),
            unit=_("บาท"),
        )
        if income
        else None,
    }
