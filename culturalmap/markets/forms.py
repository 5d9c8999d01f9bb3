"""Forms of the organiser dashboard: they only collect text; services parse and check it."""

import re
import uuid

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from culturalmap.core.thai import BE_OFFSET, ThaiInputError, parse_date

_VENDOR_LINE = re.compile(r"^\s*(?P<vendor>[^,\t]*?\S)\s*[,\t]\s*(?P<amount>[^,\t].*?)\s*$")


class ThaiDateField(forms.CharField):
    def clean(self, value):
        value = super().clean(value)
        try:
            return parse_date(value)
        except ThaiInputError as exc:
            raise forms.ValidationError(str(exc)) from exc


class LogSalesForm(forms.Form):
    held_on = ThaiDateField(label=_("วันที่จัดงาน"), help_text=_("เช่น 29/09/2567"))
    total = forms.CharField(label=_("ยอดขายรวม (บาท)"), required=False)
    vendor_lines = forms.CharField(
        label=_("หรือยอดขายรายร้าน"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("หนึ่งร้านต่อบรรทัด: ชื่อร้าน, ยอดขาย"),
    )
    vendors_present = forms.CharField(label=_("จำนวนร้านที่มาขาย"), required=False)
    visitors = forms.CharField(label=_("จำนวนผู้เข้าชม"), required=False)
    note = forms.CharField(label=_("หมายเหตุ"), required=False)
    # New with each blank form: a double click or a resent form logs the sales once.
    request_key = forms.CharField(widget=forms.HiddenInput, required=False, max_length=100)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        today = timezone.localdate()
        self.fields["held_on"].initial = today.strftime("%d/%m/") + str(today.year + BE_OFFSET)
        self.fields["request_key"].initial = uuid.uuid4().hex

    def clean_vendor_lines(self) -> list[tuple[str, str]]:
        lines = []
        for number, line in enumerate(self.cleaned_data["vendor_lines"].splitlines(), start=1):
            if not line.strip():
                continue
            # The amount is the number after the name's first comma or tab, so "ป้าแดง, 1,200" is
            # 1,200 baht (a thousands separator is no second column).
            match = _VENDOR_LINE.match(line)
            if not match:
                raise forms.ValidationError(_("บรรทัด %(n)s: ใช้รูปแบบ ชื่อร้าน, ยอดขาย") % {"n": number})
            lines.append((match["vendor"].strip(), match["amount"].strip()))
        return lines


class CorrectEntryForm(forms.Form):
    entry_id = forms.IntegerField(widget=forms.HiddenInput)
    amount = forms.CharField(label=_("ยอดที่ถูกต้อง (บาท)"))
    note = forms.CharField(label=_("เหตุผล"), required=False, max_length=500)


class SalesSheetForm(forms.Form):
    file = forms.FileField(label=_("ไฟล์ CSV (UTF-8)"))
