"""Form fields for numbers as people in Thailand type them: Thai digits, thousands separators and
Buddhist-Era years."""

from django import forms

from .thai import BE_OFFSET, western_digits


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
