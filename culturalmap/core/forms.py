"""Form fields for numbers and dates as people in Thailand type them: Thai digits, thousands
separators, Buddhist-Era years and dates."""

import datetime

from django import forms

from .thai import BE_OFFSET, ThaiInputError, parse_date, western_digits


class _ThaiNumber:
    # Text, not <input type=number>: a browser's number box refuses "12,345" and "๑๒๓".
    widget = forms.TextInput(attrs={"inputmode": "decimal"})

    def to_python(self, value):
        if isinstance(value, str):
            value = western_digits(value).replace(",", "").strip()
        return super().to_python(value)


class ThaiIntegerField(_ThaiNumber, forms.IntegerField):
    pass


class ThaiDecimalField(_ThaiNumber, forms.DecimalField):
    pass


class YearField(ThaiIntegerField):
    """A year of the Common Era or the Buddhist Era (2400 and later is read as BE: 2567 is 2024)."""

    def to_python(self, value):
        year = super().to_python(value)
        return year - BE_OFFSET if year is not None and year >= 2400 else year


class ThaiDateField(forms.CharField):
    """A date as Thai sheets write it (29/09/2567, 29 ก.ย. 2567, 2024-09-29: core.thai.parse_date);
    shown back as dd/mm/yyyy in the Buddhist Era, the way it is typed."""

    def prepare_value(self, value):
        if isinstance(value, datetime.date):
            return f"{value.day:02d}/{value.month:02d}/{value.year + BE_OFFSET}"
        return super().prepare_value(value)

    def clean(self, value):
        value = super().clean(value)
        if value in self.empty_values:
            return None
        try:
            return parse_date(value)
        except ThaiInputError as exc:
            raise forms.ValidationError(str(exc)) from exc
