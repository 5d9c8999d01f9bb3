"""Page forms of the Key Features self-assessment: start a year, rate with evidence, review."""

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from culturalmap.core.forms import YearField
from learningcity.models import KEY_FEATURE_ENGLISH, KEY_FEATURE_GROUPS, KeyFeature

RATING_CHOICES = [("", _("ยังไม่ได้ประเมิน")), *[(str(n), str(n)) for n in range(1, 6)]]


class StartAssessmentForm(forms.Form):
    year = YearField(label=_("ปีที่ประเมิน (พ.ศ. หรือ ค.ศ.)"), min_value=1900, max_value=2700)


class RatingsForm(forms.Form):
    """The 12 Key Features, each with a 1–5 rating (or not yet assessed), evidence text and links."""

    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        english = (get_language() or "th").startswith("en")
        for features in KEY_FEATURE_GROUPS.values():
            for feature in features:
                name = KEY_FEATURE_ENGLISH[feature] if english else feature.label
                self.fields[f"rating_{feature.value}"] = forms.TypedChoiceField(
                    label=name, choices=RATING_CHOICES, coerce=int, empty_value=None, required=False
                )
                self.fields[f"note_{feature.value}"] = forms.CharField(
                    label=_("หลักฐาน"), required=False, widget=forms.Textarea(attrs={"rows": 2})
                )
                self.fields[f"links_{feature.value}"] = forms.CharField(
                    label=_("ลิงก์หลักฐาน (บรรทัดละหนึ่งลิงก์)"),
                    required=False,
                    widget=forms.Textarea(attrs={"rows": 1}),
                )

    @staticmethod
    def initial_for(assessment, table: list[dict[str, Any]]) -> dict[str, Any]:
        initial: dict[str, Any] = {"version": assessment.version}
        for group in table:
            for row in group["features"]:
                initial[f"rating_{row['feature']}"] = "" if row["rating"] is None else str(row["rating"])
                initial[f"note_{row['feature']}"] = row["note"]
                initial[f"links_{row['feature']}"] = "\n".join(row["links"])
        return initial

    def rows(self, table: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """The table grouped as on the city page, each row with its bound fields."""
        return [
            {
                **group,
                "features": [
                    {
                        **row,
                        "rating_field": self[f"rating_{row['feature']}"],
                        "note_field": self[f"note_{row['feature']}"],
                        "links_field": self[f"links_{row['feature']}"],
                    }
                    for row in group["features"]
                ],
            }
            for group in table
        ]

    def ratings(self) -> dict[str, dict[str, Any]]:
        return {
            feature: {
                "rating": self.cleaned_data[f"rating_{feature}"],
                "note": self.cleaned_data[f"note_{feature}"],
                "links": self.cleaned_data[f"links_{feature}"].split(),
            }
            for feature in KeyFeature.values
        }

    def add_service_errors(self, error: ValidationError) -> None:
        """The services name `ratings.<feature>.<part>`; the form's fields are `<part>_<feature>`."""
        for key, messages in (
            error.message_dict.items() if hasattr(error, "error_dict") else [(None, error.messages)]
        ):
            parts = (key or "").split(".")
            if len(parts) == 3 and f"{parts[2]}_{parts[1]}" in self.fields:
                self.add_error(f"{parts[2]}_{parts[1]}", messages)
            elif len(parts) == 2 and f"rating_{parts[1]}" in self.fields:
                self.add_error(f"rating_{parts[1]}", messages)
            else:
                self.add_error(None, messages)


class EvidencePhotoForm(forms.Form):
    feature = forms.ChoiceField(choices=KeyFeature.choices, widget=forms.HiddenInput)
    photo = forms.FileField(
        label=_("รูปหลักฐาน (JPEG, PNG, WebP)"),
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )
    caption = forms.CharField(label=_("คำบรรยาย"), max_length=300, required=False)


class ReviewForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    decision = forms.ChoiceField(
        label=_("ผลการตรวจ"),
        choices=[("approve", _("อนุมัติ")), ("return", _("ส่งกลับให้แก้ไข"))],
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("ความเห็นถึงทีมเมือง"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
