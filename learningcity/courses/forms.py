"""Page forms for a city team's courses, cohorts and outcomes. They shape the input (Thai digits,
Buddhist-Era dates); the services decide what adds up."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from culturalmap.core.forms import ThaiDateField, ThaiDecimalField, ThaiIntegerField
from culturalmap.core.templatetags.records import localized
from learningcity.forms import status_choice, translated_choices
from learningcity.models import LearningCity, PublicationStatus

from .models import Cohort, Course, CourseKind, Outcome, Sex, SurveyMethod, TargetGroup
from .services import COHORT_FIELDS, COURSE_FIELDS, OUTCOME_FIELDS

DATE_HELP = _("วว/ดด/ปปปป เช่น 29/09/2567")


class CourseForm(forms.Form):
    title_th = forms.CharField(label=_("ชื่อหลักสูตร (ไทย)"), max_length=300)
    title_en = forms.CharField(label=_("ชื่อหลักสูตร (อังกฤษ)"), max_length=300, required=False)
    kind = forms.ChoiceField(label=_("รูปแบบ"), choices=translated_choices(CourseKind))
    space = forms.ChoiceField(label=_("พื้นที่หรือเส้นทางการเรียนรู้"), required=False)
    hours = ThaiDecimalField(label=_("จำนวนชั่วโมง"), max_digits=6, decimal_places=1)
    target_groups = forms.MultipleChoiceField(
        label=_("กลุ่มเป้าหมาย"),
        choices=translated_choices(TargetGroup),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    skills = forms.CharField(
        label=_("ทักษะที่ได้ (บรรทัดละหนึ่งทักษะ)"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    provider = forms.CharField(label=_("ผู้จัด / วิทยากร"), max_length=300, required=False)
    description_th = forms.CharField(
        label=_("คำอธิบาย (ไทย)"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    description_en = forms.CharField(
        label=_("คำอธิบาย (อังกฤษ)"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    status = forms.ChoiceField(
        label=_("การเผยแพร่"),
        initial=PublicationStatus.PUBLISHED,
        choices=[status_choice(PublicationStatus.PUBLISHED), status_choice(PublicationStatus.DRAFT)],
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, city: LearningCity, retired: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        spaces = city.spaces.exclude(status=PublicationStatus.WITHDRAWN).order_by("name_th")
        self.fields["space"].choices = [("", _("— ไม่ระบุ —"))] + [
            (s.code, f"{localized(s)} ({s.space_type_label})") for s in spaces
        ]
        if retired:
            self.fields["status"].choices = [status_choice(PublicationStatus.WITHDRAWN)]

    @staticmethod
    def initial_for(course: Course) -> dict[str, Any]:
        initial = {name: getattr(course, name) for name in COURSE_FIELDS}
        initial["space"] = course.space.code if course.space_id else ""
        initial["skills"] = "\n".join(course.skills)
        initial["version"] = course.version
        return initial

    def course_data(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in COURSE_FIELDS}


def _count_field(label) -> ThaiIntegerField:
    return ThaiIntegerField(label=label, min_value=0, required=False)


class CohortForm(forms.Form):
    """A cohort's totals, then its learners by target group and by sex (enrolled, completed)."""

    name = forms.CharField(label=_("ชื่อรุ่น"), max_length=120)
    starts_on = ThaiDateField(label=_("วันเริ่ม"), help_text=DATE_HELP)
    ends_on = ThaiDateField(label=_("วันจบ"), help_text=DATE_HELP)
    enrolled = ThaiIntegerField(label=_("ผู้ลงทะเบียน (คน)"), min_value=0)
    completed = ThaiIntegerField(label=_("ผู้สำเร็จหลักสูตร (คน)"), min_value=0, required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    BREAKDOWNS = (("by_target_group", "group", TargetGroup), ("by_sex", "sex", Sex))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for _field, prefix, choices in self.BREAKDOWNS:
            for choice in choices:
                for measure in ("enrolled", "completed"):
                    self.fields[f"{prefix}_{choice.value}_{measure}"] = _count_field(_(choice.label))

    @classmethod
    def initial_for(cls, cohort: Cohort) -> dict[str, Any]:
        initial = {name: getattr(cohort, name) for name in COHORT_FIELDS if not name.startswith("by_")}
        for field, prefix, _choices in cls.BREAKDOWNS:
            for key, counts in (getattr(cohort, field) or {}).items():
                for measure, value in counts.items():
                    initial[f"{prefix}_{key}_{measure}"] = value
        initial["version"] = cohort.version
        return initial

    def total_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in ("name", "starts_on", "ends_on", "enrolled", "completed")]

    def breakdown_rows(self) -> list[dict[str, Any]]:
        """The two tables of the form: each row a group with its two bound fields."""
        return [
            {
                "field": field,
                "rows": [
                    {
                        "label": _(choice.label),
                        "enrolled": self[f"{prefix}_{choice.value}_enrolled"],
                        "completed": self[f"{prefix}_{choice.value}_completed"],
                    }
                    for choice in choices
                ],
            }
            for field, prefix, choices in self.BREAKDOWNS
        ]

    def cohort_data(self) -> dict[str, Any]:
        data = {name: self.cleaned_data[name] for name in ("name", "starts_on", "ends_on", "enrolled")}
        data["completed"] = self.cleaned_data["completed"] or 0
        for field, prefix, choices in self.BREAKDOWNS:
            data[field] = {
                choice.value: {
                    "enrolled": self.cleaned_data[f"{prefix}_{choice.value}_enrolled"] or 0,
                    "completed": self.cleaned_data[f"{prefix}_{choice.value}_completed"] or 0,
                }
                for choice in choices
            }
        return data


class OutcomeForm(forms.Form):
    cohort = forms.ChoiceField(label=_("รุ่น"), required=False)
    course = forms.ChoiceField(label=_("หลักสูตร (ถ้าไม่ระบุรุ่น)"), required=False)
    target_group = forms.ChoiceField(
        label=_("กลุ่มเป้าหมาย"), choices=[("", _("ทุกกลุ่ม")), *translated_choices(TargetGroup)], required=False
    )
    period_start = ThaiDateField(label=_("ช่วงที่ติดตาม: ตั้งแต่"), help_text=DATE_HELP, required=False)
    period_end = ThaiDateField(label=_("ถึง"), help_text=DATE_HELP, required=False)
    survey_date = ThaiDateField(label=_("วันที่สำรวจ"), help_text=DATE_HELP)
    survey_method = forms.ChoiceField(label=_("วิธีการติดตาม"), choices=translated_choices(SurveyMethod))
    method_note = forms.CharField(
        label=_("รายละเอียดวิธีการ"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    respondents = ThaiIntegerField(label=_("ผู้เรียนที่ติดตามได้ (คน)"), min_value=0, required=False)
    applied = ThaiIntegerField(label=_("ผู้นำความรู้ไปใช้ (คน)"), min_value=0, required=False)
    income_baht = ThaiDecimalField(
        label=_("รายได้หลังการเรียนรู้ (บาท)"), max_digits=14, decimal_places=2, min_value=0, required=False
    )
    baseline_income_baht = ThaiDecimalField(
        label=_("รายได้ปีฐาน (บาท)"), max_digits=14, decimal_places=2, min_value=0, required=False
    )
    cost_recovered_pct = ThaiDecimalField(
        label=_("ได้ทุนคืน (% ของต้นทุน)"), max_digits=7, decimal_places=1, min_value=0, required=False
    )
    recovery_months = ThaiIntegerField(label=_("ภายใน (เดือน)"), min_value=0, required=False)
    note = forms.CharField(label=_("หมายเหตุ"), widget=forms.Textarea(attrs={"rows": 2}), required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, city: LearningCity, **kwargs):
        super().__init__(*args, **kwargs)
        cohorts = (
            Cohort.objects.filter(course__city=city)
            .exclude(status=PublicationStatus.WITHDRAWN)
            .select_related("course")
            .order_by("course__title_th", "starts_on")
        )
        self.fields["cohort"].choices = [("", _("— ผลลัพธ์ของช่วงเวลา ไม่ใช่ของรุ่นใด —"))] + [
            (str(c.pk), f"{localized(c.course)} · {c.name}") for c in cohorts
        ]
        courses = city.courses.exclude(status=PublicationStatus.WITHDRAWN).order_by("title_th")
        self.fields["course"].choices = [("", _("— ไม่ระบุ —"))] + [(c.code, localized(c)) for c in courses]

    @staticmethod
    def initial_for(outcome: Outcome) -> dict[str, Any]:
        initial = {name: getattr(outcome, name) for name in OUTCOME_FIELDS}
        initial["cohort"] = str(outcome.cohort_id or "")
        initial["course"] = outcome.course.code if outcome.course_id else ""
        initial["version"] = outcome.version
        return initial

    def outcome_data(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in OUTCOME_FIELDS if name != "status"}
