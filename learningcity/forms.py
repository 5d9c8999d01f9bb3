"""Page forms for city teams. They only shape the input; the services decide what is allowed."""

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from culturalmap.core.forms import ThaiDecimalField, ThaiIntegerField, YearField
from culturalmap.core.publication import PublicationStatus
from culturalmap.core.thai import ThaiInputError, parse_whole_number

from .models import (
    STATUS_LABELS,
    Audience,
    Challenge,
    LearningCity,
    SpaceType,
    challenge_for,
)
from .services import PROFILE_FIELDS

RATING_CHOICES = [("", "—"), *[(str(n), str(n)) for n in range(1, 6)]]


def translated_choices(choices: type[models.TextChoices]) -> list[tuple[str, Any]]:
    """A TextChoices' (code, label) pairs, each label shown in the page's language when rendered."""
    return [(c.value, _(c.label)) for c in choices]


def status_choice(status: PublicationStatus) -> tuple[str, Any]:
    return (status.value, _(STATUS_LABELS[status]))


def posted_version(request) -> int:
    """The record version a page's form was opened at; 0 when missing or unreadable (a stale edit)."""
    try:
        return parse_whole_number(request.POST.get("version", ""), separators=False)
    except ThaiInputError:
        return 0


def add_service_errors(form: forms.Form, error: ValidationError) -> None:
    """Show a service's ValidationError on the form fields it names (others at the top)."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


class LearningSpaceForm(forms.Form):
    name_th = forms.CharField(label=_("ชื่อ (ไทย)"), max_length=300)
    name_en = forms.CharField(label=_("ชื่อ (อังกฤษ)"), max_length=300, required=False)
    # In a context: the site's catalogue has ประเภท as an asset's "Archetype".
    space_type = forms.ChoiceField(
        label=pgettext_lazy("learning space", "ประเภท"), choices=translated_choices(SpaceType)
    )
    geom = forms.CharField(
        label=_("ตำแหน่งบนแผนที่"),
        widget=forms.HiddenInput,
        error_messages={"required": _("ต้องวาดตำแหน่งบนแผนที่")},
    )
    description_th = forms.CharField(
        label=_("คำอธิบาย (ไทย)"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    description_en = forms.CharField(
        label=_("คำอธิบาย (อังกฤษ)"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    opening_hours = forms.CharField(label=_("เวลาเปิด"), max_length=300, required=False)
    programmes = forms.CharField(
        label=_("กิจกรรมและหลักสูตร"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    audiences = forms.MultipleChoiceField(
        label=_("กลุ่มผู้เรียน"),
        choices=translated_choices(Audience),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    accessibility = forms.CharField(
        label=_("การเข้าถึง"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    contact = forms.CharField(label=_("ติดต่อ"), max_length=300, required=False)
    learners_per_year = forms.IntegerField(label=_("ผู้เรียนต่อปี"), min_value=0, required=False)
    status = forms.ChoiceField(
        label=_("การเผยแพร่"),
        initial=PublicationStatus.PUBLISHED,
        choices=[status_choice(PublicationStatus.PUBLISHED), status_choice(PublicationStatus.DRAFT)],
    )
    photo = forms.FileField(
        label=_("เพิ่มรูปภาพ (JPEG, PNG, WebP)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )
    photo_caption_th = forms.CharField(label=_("คำบรรยายรูปภาพ"), max_length=300, required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    DATA_FIELDS = (
        "name_th",
        "name_en",
        "space_type",
        "geom",
        "description_th",
        "description_en",
        "opening_hours",
        "programmes",
        "audiences",
        "accessibility",
        "contact",
        "learners_per_year",
        "status",
    )

    def __init__(self, *args, retired: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if retired:  # a retired space keeps its state unless a curator reverts it
            self.fields["status"].choices = [status_choice(PublicationStatus.WITHDRAWN)]

    def space_data(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.DATA_FIELDS}


class LearningCityProfileForm(forms.Form):
    name_th = forms.CharField(label=_("ชื่อเมือง (ไทย)"), max_length=300)
    name_en = forms.CharField(label=_("ชื่อเมือง (อังกฤษ)"), max_length=300)
    local_government_th = forms.CharField(
        label=_("องค์กรปกครองส่วนท้องถิ่น (ไทย)"), max_length=300, required=False
    )
    local_government_en = forms.CharField(
        label=_("องค์กรปกครองส่วนท้องถิ่น (อังกฤษ)"), max_length=300, required=False
    )
    website = forms.URLField(label=_("เว็บไซต์"), required=False, assume_scheme="https")
    mayor = forms.CharField(label=_("นายกเทศมนตรี / ผู้บริหาร"), max_length=200, required=False)
    contact_name = forms.CharField(label=_("ผู้ประสานงาน GNLC"), max_length=200, required=False)
    contact_email = forms.EmailField(label=_("อีเมลผู้ประสานงาน"), required=False)
    data_year = YearField(label=_("ปีของข้อมูล (ค.ศ. หรือ พ.ศ.)"), min_value=1900, max_value=2100, required=False)
    population = ThaiIntegerField(label=_("ประชากร"), min_value=0, required=False)
    area_km2 = ThaiDecimalField(
        label=_("พื้นที่ (ตร.กม.)"), min_value=0, max_digits=10, decimal_places=2, required=False
    )
    gdp_per_capita_city_usd = ThaiDecimalField(
        label=_("GDP ต่อหัวของเมือง (USD)"), min_value=0, max_digits=12, decimal_places=2, required=False
    )
    gdp_per_capita_country_usd = ThaiDecimalField(
        label=_("GDP ต่อหัวของประเทศ (USD)"), min_value=0, max_digits=12, decimal_places=2, required=False
    )
    schooling_years_men = ThaiDecimalField(
        label=_("จำนวนปีการศึกษาเฉลี่ย ชาย"),
        min_value=0,
        max_value=30,
        max_digits=4,
        decimal_places=1,
        required=False,
    )
    schooling_years_women = ThaiDecimalField(
        label=_("จำนวนปีการศึกษาเฉลี่ย หญิง"),
        min_value=0,
        max_value=30,
        max_digits=4,
        decimal_places=1,
        required=False,
    )
    motivation = forms.CharField(
        label=_("แรงจูงใจ (ไม่เกิน 200 คำ)"), widget=forms.Textarea(attrs={"rows": 5}), required=False
    )
    implementation = forms.CharField(
        label=_("การดำเนินงาน (ไม่เกิน 200 คำ)"), widget=forms.Textarea(attrs={"rows": 5}), required=False
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # One 1–5 rating per listed challenge (blank: not rated), after the statements.
        for challenge in Challenge:
            self.fields[f"challenge_{challenge.value}"] = forms.TypedChoiceField(
                label=_(challenge.label), choices=RATING_CHOICES, coerce=int, empty_value=None, required=False
            )

    @classmethod
    def initial_for(cls, city: LearningCity) -> dict[str, Any]:
        initial = {name: getattr(city, name) for name in PROFILE_FIELDS if name != "challenges"}
        for key, rating in (city.challenges or {}).items():
            challenge = challenge_for(key)
            if challenge is not None:
                initial[f"challenge_{challenge.value}"] = str(rating)
        initial["version"] = city.version
        return initial

    def profile_fields(self) -> list[forms.BoundField]:
        return [f for f in self.visible_fields() if not f.name.startswith("challenge_")]

    def challenge_fields(self) -> list[forms.BoundField]:
        return [f for f in self.visible_fields() if f.name.startswith("challenge_")]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        cleaned["challenges"] = {
            c.value: cleaned[f"challenge_{c.value}"]
            for c in Challenge
            if cleaned.get(f"challenge_{c.value}") is not None
        }
        return cleaned

    def profile_data(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in PROFILE_FIELDS}
