"""The UNESCO biennial progress report of a learning city as a Word document (python-docx), in Thai or
English: the city's profile, its Key Features self-assessment, learning spaces, courses and outcomes.

Set in TH Sarabun New 16 pt, the typeface of Thai official documents (a Windows or Office machine in a
Thai municipality has it; on Debian, fonts-thai-tlwg's Laksaman stands in for it, metric-compatible).
The font is named for every script, complex script (Thai) included, so Word does not fall back to a
Latin face for Thai text.
"""

import io
from typing import Any

from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt

from culturalmap.core.thai import BE_OFFSET, format_date, format_number
from learningcity.courses.models import Sex, TargetGroup
from learningcity.models import choice_label

from .selectors import BiennialReport

FONT = "TH Sarabun New"
BODY_PT = 16
TITLE_PT = 22
HEADING_PT = 18
THEME_FONT_ATTRIBUTES = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")


def _thai_font(rpr, size: int) -> None:
    """FONT for Latin, East-Asian and complex-script (Thai) text, in run properties (<w:rPr>)."""
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attribute in THEME_FONT_ATTRIBUTES:  # a theme font would win over the name
        fonts.attrib.pop(qn(attribute), None)
    for attribute in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attribute), FONT)
    for tag in ("w:sz", "w:szCs"):
        node = rpr.find(qn(tag))
        if node is None:
            node = OxmlElement(tag)
            rpr.append(node)
        node.set(qn("w:val"), str(size * 2))
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:bidi"), "th-TH")


def _styled(document) -> None:
    # The document's defaults (what a style without fonts of its own falls back to), then the styles.
    defaults = document.styles.element.find(qn("w:docDefaults"))
    run_defaults = defaults.find(qn("w:rPrDefault")) if defaults is not None else None
    if run_defaults is not None:
        rpr = run_defaults.find(qn("w:rPr"))
        if rpr is None:
            rpr = OxmlElement("w:rPr")
            run_defaults.append(rpr)
        _thai_font(rpr, BODY_PT)
    sizes = {"Normal": BODY_PT, "Title": TITLE_PT, "Heading 1": HEADING_PT, "Heading 2": BODY_PT + 1}
    for name, size in sizes.items():
        style = document.styles[name]
        _thai_font(style.element.get_or_add_rPr(), size)
        style.font.size = Pt(size)
    document.styles["Normal"].paragraph_format.space_after = Pt(4)


class _Writer:
    def __init__(self, report: BiennialReport, language: str):
        self.report = report
        self.language = language
        self.english = language == "en"
        self.document = Document()
        _styled(self.document)

    # --- helpers -----------------------------------------------------------------------------

    def name(self, record, field: str = "name") -> str:
        if self.english:
            return getattr(record, f"{field}_en", "") or getattr(record, f"{field}_th", "")
        return getattr(record, f"{field}_th", "")

    def year(self, year: int | None) -> str:
        if year is None:
            return "–"
        return str(year) if self.english else str(year + BE_OFFSET)

    def date(self, day) -> str:
        return format_date(day, self.language)

    def fiscal_year(self, row: dict) -> str:
        if self.english:
            return f"FY{row['fiscal_year']}"
        return _("ปีงบ %(year)s") % {"year": row["fiscal_year_be"]}

    def pct(self, value) -> str:
        return "–" if value is None else f"{value:,.1f}%"

    def feature_name(self, row: dict) -> str:
        return row["name_en"] if self.english else row["name_th"]

    def paragraph(self, text: str = "", *, bold: bool = False):
        paragraph = self.document.add_paragraph()
        if text:
            paragraph.add_run(text).bold = bold
        return paragraph

    def table(self, header: list[str], rows: list[list[Any]], *, numeric: set[int] = frozenset()):
        table = self.document.add_table(rows=1, cols=len(header))
        table.style = "Table Grid"
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        for cell, text in zip(table.rows[0].cells, header, strict=True):
            cell.text = ""
            cell.paragraphs[0].add_run(str(text)).bold = True
        for values in rows:
            cells = table.add_row().cells
            for i, (cell, value) in enumerate(zip(cells, values, strict=True)):
                cell.text = str(value)
                if i in numeric:
                    cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
        self.paragraph()
        return table

    # --- sections ----------------------------------------------------------------------------

    def write(self) -> bytes:
        report, city = self.report, self.report.city
        period = f"{self.year(report.period.first_year)}–{self.year(report.period.last_year)}"
        title = _("รายงานความก้าวหน้าราย 2 ปี")
        self.document.core_properties.title = f"{title} · {self.name(city)} {period}"
        self.document.core_properties.language = "en-GB" if self.english else "th-TH"
        self.document.core_properties.subject = "UNESCO Global Network of Learning Cities"
        self.document.add_heading(_("รายงานความก้าวหน้าราย 2 ปี เครือข่ายเมืองแห่งการเรียนรู้ระดับโลกของ UNESCO"), 0)
        country = _("ประเทศไทย")
        self.paragraph(f"{self.name(city)} · {self.name(city.province)} · {country}", bold=True)
        self.paragraph(
            _("ช่วงเวลาของรายงาน: ปี %(period)s · จัดทำเมื่อ %(date)s")
            % {"period": period, "date": self.date(report.generated_on)}
        )
        self.profile()
        self.key_features()
        self.spaces()
        self.courses()
        self.outcomes()
        self.paragraph(
            _(
                "ตัวเลขจากข้อมูลที่เมืองเผยแพร่ในแผนที่ทุนวัฒนธรรมไทย และการประเมินตนเองที่ผู้ดูแลข้อมูลตรวจแล้ว"
                " ปีงบประมาณของไทยเริ่ม 1 ตุลาคม"
            )
        )
        buffer = io.BytesIO()
        self.document.save(buffer)
        return buffer.getvalue()

    def profile(self) -> None:
        city = self.report.city
        self.document.add_heading(_("1. ข้อมูลเมือง"), 1)
        rows = [
            [_("เมือง"), self.name(city)],
            [_("องค์กรปกครองส่วนท้องถิ่น"), self.name(city, "local_government") or "–"],
            [_("ปีที่เข้าร่วมเครือข่าย"), self.year(city.joined_year)],
        ]
        for field, label, value in self.report.profile:
            if field == "data_year":
                value = self.year(value)
            elif field in ("population",):
                value = format_number(value)
            elif field in ("area_km2", "gdp_per_capita_city_usd", "gdp_per_capita_country_usd"):
                value = format_number(value, 2)
            rows.append([_(label), "–" if value in (None, "") else str(value)])
        self.table([_("ข้อมูล"), _("ค่า")], rows)
        for heading, text in ((_("แรงจูงใจ"), city.motivation), (_("การดำเนินงาน"), city.implementation)):
            if text:
                self.document.add_heading(heading, 2)
                self.paragraph(text)
        if self.report.challenges:
            self.document.add_heading(_("ความท้าทาย (1–5)"), 2)
            self.table(
                [_("ความท้าทาย"), _("คะแนน")],
                [
                    [(row["name_en"] or row["name_th"]) if self.english else row["name_th"], row["rating"]]
                    for row in self.report.challenges
                ],
                numeric={1},
            )

    def key_features(self) -> None:
        report = self.report
        self.document.add_heading(_("2. การประเมินตนเองตาม Key Features ของ UNESCO"), 1)
        not_assessed = _("ยังไม่ได้ประเมิน")
        if report.assessment is None:
            self.paragraph(_("ยังไม่มีการประเมินตนเองที่ผู้ดูแลข้อมูลตรวจแล้ว: ทุก Key Feature ยังไม่ได้ประเมิน"))
        else:
            self.paragraph(
                _("ปีที่ประเมิน %(year)s ผู้ดูแลข้อมูลตรวจแล้ว (คะแนน 1 เริ่มต้น ถึง 5 เข้มแข็ง)")
                % {"year": self.year(report.assessment.year)}
            )
        years = report.comparison["years"]
        header = (
            ["Key Feature", *[self.year(a.year) for a in years]] if years else ["Key Feature", _("คะแนน")]
        )
        evidence = {r["feature"]: r for group in report.key_features for r in group["features"]}
        for group in report.comparison["groups"]:
            self.document.add_heading(group["name_en"] if self.english else group["name_th"], 2)
            rows = []
            for row in group["features"]:
                cells = [str(c["rating"]) if c["rating"] is not None else not_assessed for c in row["cells"]]
                rows.append([self.feature_name(row), *(cells or [not_assessed])])
            self.table(header, rows, numeric=set(range(1, len(header))))
        notes = [
            (r, r["note"] or ", ".join(r["links"]))
            for r in evidence.values()
            if r["rating"] is not None and (r["note"] or r["links"])
        ]
        if notes:
            self.document.add_heading(_("หลักฐาน"), 2)
            for row, text in notes:
                paragraph = self.document.add_paragraph(style="List Bullet")
                paragraph.add_run(f"{self.feature_name(row)} ({row['rating']}/5): ").bold = True
                paragraph.add_run(text)

    def spaces(self) -> None:
        report = self.report
        self.document.add_heading(_("3. พื้นที่การเรียนรู้"), 1)
        met = _("ถึงเป้าหมาย") if report.meets_users_target else _("ยังไม่ถึงเป้าหมาย")
        self.paragraph(
            _("พื้นที่และเส้นทางการเรียนรู้ %(n)s แห่ง ผู้ใช้ %(users)s คนต่อปี (เป้าหมาย ≥ %(target)s คน: %(met)s)")
            % {
                "n": format_number(len(report.spaces)),
                "users": format_number(report.space_users),
                "target": format_number(10_000),
                "met": met,
            }
        )
        self.table(
            [_("ชื่อ"), pgettext("learning space", "ประเภท"), _("ผู้เรียนต่อปี")],
            [
                [
                    self.name(s),
                    s.space_type_label,
                    format_number(s.learners_per_year) if s.learners_per_year else "–",
                ]
                for s in report.spaces
            ],
            numeric={2},
        )

    def courses(self) -> None:
        report, figures = self.report, self.report.figures
        self.document.add_heading(_("4. หลักสูตรและผู้เรียน"), 1)
        if not report.courses:
            self.paragraph(_("ไม่มีรุ่นที่เรียนในช่วงเวลานี้"))
            return
        self.table(
            [_("หลักสูตร"), _("รูปแบบ"), _("ชั่วโมง"), _("รุ่น"), _("ลงทะเบียน"), _("สำเร็จ")],
            [
                [
                    self.name(row["course"], "title"),
                    row["course"].kind_label,
                    format_number(row["course"].hours, 1),
                    row["cohorts"],
                    format_number(row["enrolled"]),
                    format_number(row["completed"]),
                ]
                for row in report.courses
            ],
            numeric={2, 3, 4, 5},
        )
        for caption, rows, choices in (
            (_("ผู้เรียนตามกลุ่มเป้าหมาย"), figures.by_target_group, TargetGroup),
            (_("ผู้เรียนตามเพศ"), figures.by_sex, Sex),
        ):
            if rows:
                self.document.add_heading(caption, 2)
                self.table(
                    [_("กลุ่ม"), _("ลงทะเบียน"), _("สำเร็จ")],
                    [
                        [
                            choice_label(choices, row["group"]) if row["group"] else _("ไม่ได้ระบุกลุ่ม"),
                            format_number(row["enrolled"]),
                            format_number(row["completed"]),
                        ]
                        for row in rows
                    ],
                    numeric={1, 2},
                )

    def outcomes(self) -> None:
        figures = self.report.figures
        self.document.add_heading(_("5. ผลลัพธ์ของการเรียนรู้"), 1)
        lines = [
            _("ผู้เรียน %(enrolled)s คน สำเร็จ %(completed)s คน (%(pct)s)")
            % {
                "enrolled": format_number(figures.enrolled),
                "completed": format_number(figures.completed),
                "pct": self.pct(figures.completion_pct),
            },
            _("ผู้นำความรู้ไปใช้ %(pct)s จากผู้ที่ติดตาม %(n)s คน (เป้าหมาย ≥ %(target)s%%)")
            % {"pct": self.pct(figures.applied_pct), "n": format_number(figures.respondents), "target": 30},
        ]
        latest = figures.latest_income_year
        if latest:
            line = _("รายได้หลังการเรียนรู้ %(income)s บาท (%(year)s)") % {
                "income": format_number(latest["income_baht"]),
                "year": self.fiscal_year(latest),
            }
            if figures.income_growth:
                line += " · " + _("%(x)s เท่าของปีแรก") % {"x": f"{figures.income_growth:,.2f}"}
            lines.append(line)
        for row in figures.cost_recovery:
            group = f" ({choice_label(TargetGroup, row['group'])})" if row["group"] else ""
            months = _("ภายใน %(m)s เดือน") % {"m": row["months_range"]} if row["months_range"] else ""
            recovered = _("ได้ทุนคืน")
            lines.append(f"{recovered}{group}: {row['pct_range']}% {months}".strip())
        for line in lines:
            self.document.add_paragraph(line, style="List Bullet")
        if figures.years:
            self.table(
                [_("ปีงบประมาณ"), _("ลงทะเบียน"), _("สำเร็จ"), _("ติดตาม"), _("นำไปใช้"), _("รายได้ (บาท)")],
                [
                    [
                        self.fiscal_year(y),
                        format_number(y["enrolled"]),
                        format_number(y["completed"]),
                        format_number(y["respondents"]),
                        self.pct(y["applied_pct"]),
                        format_number(y["income_baht"]) if y["income_baht"] is not None else "–",
                    ]
                    for y in figures.years
                ],
                numeric={1, 2, 3, 4, 5},
            )


def report_docx(report: BiennialReport, *, language: str) -> bytes:
    """The report as a .docx, every label in `language` ("th" or "en")."""
    with translation.override(language):
        return _Writer(report, language).write()
