"""Forms of the organiser pages: they only collect text; services parse and check it."""

import re
import uuid

from django import forms
from django.utils.translation import gettext_lazy as _

from culturalmap.core.thai import BE_OFFSET, ThaiInputError, parse_date

from .selectors import market_night

_VENDOR_LINE = re.compile(r"^\s*(?P<vendor>[^,\t]*?\S)\s*[,\t]\s*(?P<amount>[^,\t].*?)\s*$")


class ThaiDateField(forms.CharField):
    def clean(self, value):
        value = super().clean(value)
        if not value and not self.required:
            return None
        try:
            return parse_date(value)
        except ThaiInputError as exc:
            raise forms.ValidationError(str(exc)) from exc


def be_date_text(day) -> str:
    return day.strftime("%d/%m/") + str(day.year + BE_OFFSET)


class LogSalesForm(forms.Form):
    held_on = ThaiDateField(
        label=_("วันที่จัดงาน"), help_text=_("เช่น 29/09/2567 · ก่อน 06:00 น. ยังนับเป็นตลาดของเมื่อคืน")
    )
    total = forms.CharField(
        label=_("ยอดขายรวม (บาท)"),
        required=False,
        help_text=_("ใส่ยอดรวมของคืนนั้นอีกครั้งจะแทนยอดเดิม ไม่บวกเพิ่ม"),
    )
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
        # Tonight's market in Bangkok: at 01:30 it is still last evening's.
        self.fields["held_on"].initial = be_date_text(market_night())
        self.fields["request_key"].initial = uuid.uuid4().hex
        for name in ("total", "vendors_present", "visitors"):
            self.fields[name].widget.attrs["inputmode"] = "decimal" if name == "total" else "numeric"

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
    amount = forms.CharField(label=_("ยอดที่ถูกต้อง (บาท)"), required=False)
    vendor = forms.CharField(label=_("ชื่อร้านที่ถูกต้อง"), required=False, max_length=300)
    note = forms.CharField(label=_("เหตุผล"), required=False, max_length=500)

    def clean(self):
        data = super().clean()
        if not data.get("amount") and not data.get("vendor"):
            raise forms.ValidationError(_("ใส่ยอดที่ถูกต้องหรือชื่อร้านที่ถูกต้อง"))
        return data


class DayChangeForm(forms.Form):
    """Withdraw a day logged by mistake, or move it to the right day."""

    held_on = ThaiDateField(widget=forms.HiddenInput)
    to = ThaiDateField(label=_("ย้ายไปวันที่"), required=False)
    reason = forms.CharField(label=_("เหตุผล"), required=False, max_length=400)


class SalesSheetForm(forms.Form):
    file = forms.FileField(
        label=_("ไฟล์แผ่นงาน (.xlsx, .ods หรือ CSV)"),
        widget=forms.ClearableFileInput(
            attrs={"accept": ".csv,.txt,.tsv,.xlsx,.ods,.xls,text/csv,text/plain"}
        ),
    )


class VendorForm(forms.Form):
    """A vendor of the register; other spellings one per line."""

    name = forms.CharField(label=_("ชื่อผู้ค้า / ชื่อร้าน"), max_length=200)
    aliases = forms.CharField(
        label=_("ชื่ออื่นที่ใช้ในบัญชี (บรรทัดละชื่อ)"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    goods = forms.CharField(label=_("สินค้าที่ขาย"), required=False, max_length=300)
    is_local = forms.BooleanField(label=_("เป็นคนในพื้นที่"), required=False, initial=True)
    joined_on = ThaiDateField(label=_("วันที่เข้าร่วมตลาด"), required=False, help_text=_("เช่น 05/01/2563"))
    phone = forms.CharField(label=_("โทรศัพท์"), required=False, max_length=40)
    note = forms.CharField(label=_("หมายเหตุ"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    active = forms.BooleanField(label=_("ยังขายอยู่"), required=False, initial=True)

    def clean_aliases(self) -> list[str]:
        return [line.strip() for line in self.cleaned_data["aliases"].splitlines() if line.strip()]


class SpellingForm(forms.Form):
    """The organiser confirms that lines written `name` are `vendor`'s."""

    name = forms.CharField(max_length=200, widget=forms.HiddenInput)
    vendor = forms.IntegerField(label=_("ผู้ค้า"))


class MergeForm(forms.Form):
    merged = forms.IntegerField(label=_("รวมผู้ค้ารายนี้"))
    into = forms.IntegerField(label=_("เข้ากับ"))


class PeriodForm(forms.Form):
    """A statement's or an export's period; blank: the current fiscal year."""

    date_from = ThaiDateField(label=_("ตั้งแต่วันที่"), required=False)
    date_to = ThaiDateField(label=_("ถึงวันที่"), required=False)

    def clean(self):
        data = super().clean()
        if data.get("date_from") and data.get("date_to") and data["date_from"] > data["date_to"]:
            raise forms.ValidationError(_("วันเริ่มต้องไม่อยู่หลังวันสิ้นสุด"))
        return data


class FestivalForm(forms.Form):
    """A festival of one or more days with its sales; the service checks and parses."""

    name_th = forms.CharField(label=_("ชื่องานเทศกาล"), max_length=300)
    name_en = forms.CharField(label=_("ชื่อภาษาอังกฤษ"), max_length=300, required=False)
    held_on = ThaiDateField(label=_("วันแรกของงาน"), help_text=_("เช่น 12/04/2567"))
    ends_on = ThaiDateField(label=_("วันสุดท้ายของงาน"), required=False)
    host = forms.ChoiceField(
        label=_("ผู้จัด"),
        choices=[("district", _("ชุมชนในย่าน")), ("market", _("ตลาด")), ("network", _("เครือข่ายมหาวิทยาลัย"))],
    )
    market = forms.IntegerField(label=_("ตลาดที่จัด"), required=False, widget=forms.Select)
    network_name = forms.CharField(label=_("ชื่อเครือข่ายมหาวิทยาลัย"), required=False, max_length=300)
    manager_name = forms.CharField(label=_("ผู้จัดการงานเทศกาลประจำปี"), required=False, max_length=200)
    total = forms.CharField(label=_("ยอดขายรวมทั้งงาน (บาท)"), required=False)
    vendor_lines = LogSalesForm.base_fields["vendor_lines"]
    vendors_present = forms.CharField(label=_("จำนวนร้านที่มาขาย"), required=False)
    visitors = forms.CharField(label=_("จำนวนผู้เข้าชมทั้งงาน"), required=False)
    note = forms.CharField(label=_("หมายเหตุ"), required=False)

    clean_vendor_lines = LogSalesForm.clean_vendor_lines

    def __init__(self, *args, markets=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["market"].widget.choices = [("", "–")] + [(m.pk, m.name_th) for m in markets]


class ImpactSurveyForm(forms.Form):
    """An impact survey's figures as text; the service parses and checks them (parts within the total,
    shares 0–100 % adding up to at most 100 %)."""

    scope = forms.ChoiceField(
        label=_("การสำรวจของ"), choices=[("market", _("ตลาดนี้")), ("district", _("ทั้งย่าน"))]
    )
    period_start = ThaiDateField(label=_("ช่วงที่สำรวจ ตั้งแต่"), help_text=_("เช่น 01/10/2566"))
    period_end = ThaiDateField(label=_("ถึง"), help_text=_("เช่น 30/09/2567"))
    direct_sales = forms.CharField(label=_("ยอดขายโดยตรงของผู้ค้า (บาท)"))
    production_chain = forms.CharField(label=_("ห่วงโซ่การผลิต (บาท)"))
    employment_income = forms.CharField(label=_("รายได้จากการจ้างงาน (บาท)"))
    total_stimulus = forms.CharField(
        label=_("มูลค่ากระตุ้นเศรษฐกิจรวม (บาท)"), required=False, help_text=_("เว้นว่าง: ผลรวมของสามส่วน")
    )
    spend_education = forms.CharField(label=_("ใช้เพื่อการศึกษา (%)"), required=False)
    spend_health = forms.CharField(label=_("ใช้เพื่อสุขภาพ (%)"), required=False)
    spend_debt = forms.CharField(label=_("ใช้ชำระหนี้ (%)"), required=False)
    spend_daily_living = forms.CharField(label=_("ค่าใช้จ่ายในครัวเรือน (%)"), required=False)
    spend_savings = forms.CharField(label=_("เงินออม (%)"), required=False)
    spend_business = forms.CharField(label=_("ลงทุนในกิจการ (%)"), required=False)
    spend_other = forms.CharField(label=_("อื่น ๆ (%)"), required=False)
    respondents = forms.IntegerField(label=_("จำนวนผู้ตอบ"), required=False, min_value=0)
    method = forms.CharField(label=_("วิธีสำรวจ"), required=False, max_length=300)
    as_of = ThaiDateField(label=_("ตัวเลข ณ วันที่"))
    source = forms.CharField(label=_("ที่มา"), max_length=500)
