"""The asset history page's words: a field's name and a value as the reader reads them."""

from django import template
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from culturalmap.assets.archetypes import LABEL_EN, LABEL_TH
from culturalmap.assets.models import Risk
from culturalmap.core.publication import PublicationStatus

register = template.Library()

LABELS = {
    "ref": _("รหัสในระบบต้นทาง"),
    "name_th": _("ชื่อภาษาไทย"),
    "name_en": _("ชื่อภาษาอังกฤษ"),
    "description_th": _("คำอธิบายภาษาไทย"),
    "description_en": _("คำอธิบายภาษาอังกฤษ"),
    "archetype": _("ประเภท"),
    "period": _("สมัย"),
    "keywords": _("คำสำคัญ"),
    "source": _("แหล่งข้อมูล"),
    "risk": _("ความเสี่ยง"),
    "risk_reason": _("เหตุผลของความเสี่ยง"),
    "status": _("สถานะการเผยแพร่"),
    "recorded_on": _("บันทึกเมื่อ"),
    "geom": _("ตำแหน่งบนแผนที่"),
    "tambon_code": _("ตำบล (ตำแหน่งจริง)"),
    "public_tambon_code": _("ตำบลที่เผยแพร่"),
    "province": _("จังหวัด"),
    "location": _("ตำแหน่ง"),
}


@register.filter
def asset_field_label(name: str) -> str:
    return str(LABELS.get(name, name))


@register.filter
def asset_history_value(value, field: str = "") -> str:
    """Codes as their labels in the page's language, geometry by its kind, lists joined, blanks shown."""
    english = (get_language() or "th").startswith("en")
    if value in (None, "", [], {}):
        return "—"
    if field == "archetype":
        return (LABEL_EN if english else LABEL_TH).get(value, value)
    if field == "status" and value in PublicationStatus.values:
        return str(PublicationStatus(value).label)
    if field == "risk" and value in Risk.values:
        return str(Risk(value).label)
    if isinstance(value, dict) and "coordinates" in value:
        if value.get("type") == "Point":
            x, y = value["coordinates"]
            return f"{y:.5f}, {x:.5f}"
        return str(value.get("type", ""))
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    return str(value)
