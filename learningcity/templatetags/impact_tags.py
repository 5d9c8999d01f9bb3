"""Figures on learning-city impact pages: Thai number formats, percentages, Buddhist-Era dates."""

from django import template
from django.utils.translation import get_language, gettext

from culturalmap.core.thai import format_date, format_number

register = template.Library()


@register.filter
def number(value, decimals: int = 0) -> str:
    """1,234,567 (comma thousands, as the programme's reports print); – when unknown."""
    return format_number(value, int(decimals))


@register.filter
def pct(value, decimals: int = 1) -> str:
    """38.5% from 38.46; – when there is nothing to divide."""
    return "–" if value is None else f"{float(value):,.{int(decimals)}f}%"


@register.filter
def be_date(value) -> str:
    """29 ก.ย. 2567 in Thai, 29 Sep 2024 in English."""
    return format_date(value, get_language() or "th") if value else ""


@register.filter
def times(value) -> str:
    """22.42 เท่า / 22.42×: a multiple, to two decimals."""
    if value is None:
        return "–"
    return gettext("%(n)s เท่า") % {"n": f"{float(value):,.2f}"}


@register.filter
def group_label(code: str, kind: str = "group") -> str:
    """A target group's (or with "sex", a sex's) name in the page's language."""
    from learningcity.courses.models import Sex, TargetGroup
    from learningcity.models import choice_label

    return choice_label(Sex if kind == "sex" else TargetGroup, code)


@register.filter
def record_field_label(name: str) -> str:
    """A changed field of a course, cohort, outcome or self-assessment as its form labels it."""
    from learningcity.courses.forms import CohortForm, CourseForm, OutcomeForm
    from learningcity.templatetags.learningcity_tags import field_label

    labels = {
        "by_target_group": gettext("ตามกลุ่มเป้าหมาย"),
        "by_sex": gettext("ตามเพศ"),
        "status": gettext("สถานะ"),
        "review_comment": gettext("ความเห็นผู้ตรวจ"),
        "year": gettext("ปีที่ประเมิน"),
    }
    if name in labels:
        return labels[name]
    for form in (CourseForm, CohortForm, OutcomeForm):
        if name in form.base_fields:
            return str(form.base_fields[name].label)
    return field_label(name)


@register.filter
def record_value(value, field: str = "") -> str:
    """A before/after value of a course, cohort, outcome or self-assessment, codes as their names."""
    from learningcity.assessment.models import AssessmentStatus
    from learningcity.courses.models import CourseKind, Sex, SurveyMethod, TargetGroup
    from learningcity.models import choice_label
    from learningcity.templatetags.learningcity_tags import history_value

    if value in (None, "", [], {}):
        return "—"
    if field == "target_groups":
        return ", ".join(choice_label(TargetGroup, g) for g in value)
    if field in ("by_target_group", "by_sex") and isinstance(value, dict):
        choices = Sex if field == "by_sex" else TargetGroup
        return ", ".join(
            f"{choice_label(choices, k)} {c.get('enrolled', 0):,}/{c.get('completed', 0):,}"
            for k, c in value.items()
        )
    codes = {"kind": CourseKind, "survey_method": SurveyMethod, "target_group": TargetGroup}
    if field in codes:
        return choice_label(codes[field], value)
    if field == "status" and value in AssessmentStatus.values and value != AssessmentStatus.DRAFT:
        return gettext(AssessmentStatus(value).label)
    if field == "skills":
        return ", ".join(value)
    return history_value(value, field)
