"""The biennial report page and its downloads (DOCX in Thai or English, CSV), and the national view.
Public: both show published figures and curator-approved self-assessments only."""

from django import forms
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from culturalmap.core.forms import YearField
from learningcity import selectors as city_selectors
from learningcity.assessment.selectors import awaiting_review

from .data import national_csv, report_csv
from .document import report_docx
from .selectors import Period, biennial_report, default_period, national_figures

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
MAX_YEARS = 10


class PeriodForm(forms.Form):
    first = YearField(label=_("ตั้งแต่ปี (พ.ศ. หรือ ค.ศ.)"), min_value=2000, max_value=2200)
    last = YearField(label=_("ถึงปี"), min_value=2000, max_value=2200)
    lang = forms.ChoiceField(choices=[("th", "ไทย"), ("en", "English")], required=False)

    def clean(self):
        cleaned = super().clean()
        first, last = cleaned.get("first"), cleaned.get("last")
        if first and last and not 0 <= last - first < MAX_YEARS:
            raise forms.ValidationError(
                _("ช่วงเวลาต้องเริ่มก่อนสิ้นสุด และไม่เกิน %(n)s ปี") % {"n": MAX_YEARS}, code="period"
            )
        return cleaned


def _period(request, city) -> tuple[PeriodForm, Period | None]:
    default = default_period(city)
    if "first" not in request.GET and "last" not in request.GET:
        shown = 0 if (get_language() or "th").startswith("en") else 543  # BE on Thai pages
        form = PeriodForm(initial={"first": default.first_year + shown, "last": default.last_year + shown})
        return form, default
    form = PeriodForm(request.GET)
    if not form.is_valid():
        return form, None
    return form, Period(form.cleaned_data["first"], form.cleaned_data["last"])


def report_page(request, code: str):
    city = city_selectors.city_for_viewer(code=code, user=request.user)
    form, period = _period(request, city)
    report = biennial_report(city=city, period=period) if period else None
    return render(
        request,
        "learningcity/report/report.html",
        {"city": city, "form": form, "period": period, "report": report},
        status=200 if period else 400,
    )


def _download(content, *, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def report_download(request, code: str, fmt: str):
    city = city_selectors.city_for_viewer(code=code, user=request.user)
    form, period = _period(request, city)
    if period is None:
        return HttpResponse(
            " ".join(str(e) for errors in form.errors.values() for e in errors),
            status=400,
            content_type="text/plain; charset=utf-8",
        )
    report = biennial_report(city=city, period=period)
    stem = f"{city.code}-biennial-report-{period.first_year}-{period.last_year}"
    if fmt == "csv":
        return _download(
            report_csv(report).encode("utf-8"), content_type="text/csv; charset=utf-8", filename=f"{stem}.csv"
        )
    language = form.cleaned_data.get("lang") if form.is_bound else ""
    language = language or ("en" if (get_language() or "th").startswith("en") else "th")
    return _download(
        report_docx(report, language=language), content_type=DOCX, filename=f"{stem}-{language}.docx"
    )


def national(request):
    figures = national_figures(language=get_language() or "th")
    if request.GET.get("format") == "csv":
        return _download(
            national_csv(figures).encode("utf-8"),
            content_type="text/csv; charset=utf-8",
            filename="learning-cities-national.csv",
        )
    return render(
        request,
        "learningcity/report/national.html",
        {**figures, "awaiting_review": awaiting_review(request.user)},
    )
