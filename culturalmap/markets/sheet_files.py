"""Reading a sales sheet as organisers keep it: CSV in any encoding Thai Excel writes, .xlsx, .ods.

What comes in is bytes and a file name; what goes out is the sheet's rows under known column names,
each with the row number Excel or LibreOffice shows, typed and checked (`read_sales_sheet`). No
database here: the market's own checks (a day still to come, before the market opened) and the
ledger come after, in `uploads`. A file that is not a sheet says what it is instead (an image, a PDF,
a workbook with no sheet that has the columns) and nothing from it is kept.
"""

import csv
import datetime
import io
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import NamedTuple

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from culturalmap.core.parsers import CsvRowError, csv_rows
from culturalmap.core.thai import ThaiInputError, parse_amount, parse_count, parse_date

# Column names as sheets write them (matched without case or spaces).
SHEET_COLUMNS: dict[str, tuple[str, ...]] = {
    "date": ("date", "held_on", "held on", "day", "วันที่", "วันที่จัดงาน", "วันที่ขาย", "วัน/เดือน/ปี"),
    "amount": (
        "amount",
        "sales",
        "baht",
        "ยอดขาย",
        "ยอดขาย (บาท)",
        "ยอดเงิน",
        "ยอดเงิน (บาท)",
        "จำนวนเงิน",
        "จำนวนเงิน (บาท)",
        "รายได้",
        "รายได้ (บาท)",
    ),
    "vendor": ("vendor", "shop", "stall", "seller", "ร้าน", "ชื่อร้าน", "ร้านค้า", "ผู้ค้า", "ชื่อผู้ค้า", "ผู้ขาย"),
    "vendors_present": ("vendors_present", "vendors", "จำนวนร้าน", "จำนวนร้านค้า"),
    "visitors": ("visitors", "ผู้เข้าชม", "จำนวนผู้เข้าชม", "ผู้มาเที่ยว"),
    "note": ("note", "notes", "remark", "หมายเหตุ"),
    # A running number column: common in Thai sheets, read and ignored.
    "": ("no", "no.", "#", "ลำดับ", "ลำดับที่", "ที่"),
}
REQUIRED_COLUMNS = ("date", "amount")
HEADER_SEARCH_ROWS = 30  # title rows above the header: a report heading, the market's name, a blank
MAX_SHEET_ROWS = 50_000
MAX_LISTED = 500  # refused rows listed by number; the count says how many more
VENDOR_NAME_MAX_LENGTH = 200  # SalesEntry.vendor
NOTE_MAX_LENGTH = 500
# A row whose date cell says this is the sheet's own sum: skipped, not counted twice.
TOTAL_ROW_WORDS = {"รวม", "ยอดรวม", "รวมทั้งสิ้น", "รวมทั้งหมด", "total", "totals", "sum", "grandtotal"}


def _key(text: object) -> str:
    return "".join(str(text).casefold().split())


_ALIASES = {_key(alias): column for column, aliases in SHEET_COLUMNS.items() for alias in aliases}


class SheetRefused(ValidationError):
    """The whole file is unreadable as a sales sheet: nothing from it was stored."""


class SheetRow(NamedTuple):  # a tuple: a season's sheet makes tens of thousands
    line: int  # the row number Excel shows (CSV: the record number, title rows counted)
    held_on: datetime.date
    vendor: str
    amount: Decimal
    vendors_present: int | None
    visitors: int | None
    note: str


@dataclass
class SalesSheet:
    file_format: str
    sheet_name: str
    header_row: int
    rows: list[SheetRow] = field(default_factory=list)
    refused: list[tuple[int, str]] = field(default_factory=list)  # the first MAX_LISTED
    refused_count: int = 0
    refused_days: set[datetime.date] = field(default_factory=set)  # days with a refused row
    skipped: list[tuple[int, str]] = field(default_factory=list)  # total rows, not counted

    def refuse(self, line: int, reason: str, held_on: datetime.date | None = None) -> None:
        self.refused_count += 1
        if len(self.refused) < MAX_LISTED:
            self.refused.append((line, reason))
        if held_on is not None:
            self.refused_days.add(held_on)


# --- what kind of file ---------------------------------------------------------------------------

_IMAGES = (
    (b"\x89PNG", "PNG"),
    (b"\xff\xd8\xff", "JPEG"),
    (b"GIF8", "GIF"),
    (b"BM", "BMP"),
    (b"II*\x00", "TIFF"),
    (b"MM\x00*", "TIFF"),
)


def _not_a_sheet(what: str) -> SheetRefused:
    return SheetRefused(
        _("ไฟล์นี้เป็น%(what)s ไม่ใช่แผ่นงานยอดขาย: อัปโหลดไฟล์ .xlsx, .ods หรือ CSV") % {"what": what},
        code="not_a_sheet",
    )


def _refuse_other_files(content: bytes) -> None:
    """Images and PDFs are named for what they are."""
    for magic, name in _IMAGES:
        if content.startswith(magic):
            raise _not_a_sheet(_("รูปภาพ (%(kind)s)") % {"kind": name})
    if content[:4] == b"RIFF" and content[8:12] == b"WEBP":
        raise _not_a_sheet(_("รูปภาพ (%(kind)s)") % {"kind": "WebP"})
    if content[4:12] in (b"ftypheic", b"ftypheix", b"ftypmif1", b"ftypmsf1"):
        raise _not_a_sheet(_("รูปภาพ (%(kind)s)") % {"kind": "HEIC"})
    if content.startswith(b"%PDF"):
        raise _not_a_sheet(_("เอกสาร PDF"))


def _zip_kind(content: bytes) -> str:
    """'xlsx' or 'ods' for a ZIP container; other ZIP documents are refused, naming them."""
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            names = set(archive.namelist())
            mimetype = archive.read("mimetype").decode("ascii", "replace") if "mimetype" in names else ""
    except (zipfile.BadZipFile, KeyError, OSError) as exc:
        raise SheetRefused(_("ไฟล์ ZIP นี้เสียหายหรือไม่ครบ: บันทึกใหม่แล้วอัปโหลดอีกครั้ง"), code="damaged") from exc
    if "xl/workbook.xml" in names:
        return "xlsx"
    if mimetype.startswith("application/vnd.oasis.opendocument.spreadsheet"):
        return "ods"
    if "word/document.xml" in names or mimetype == "application/vnd.oasis.opendocument.text":
        raise _not_a_sheet(_("เอกสารข้อความ (Word หรือ Writer)"))
    if "ppt/presentation.xml" in names or "presentation" in mimetype:
        raise _not_a_sheet(_("งานนำเสนอ"))
    raise _not_a_sheet(_("ไฟล์ ZIP"))


def _container(content: bytes) -> str:
    """'xlsx', 'ods', 'xls' or 'text'; refuses files of other kinds, naming them."""
    _refuse_other_files(content)
    if content.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "xls"  # Excel 97–2003 (or an old Word file: the reader then says so)
    if content.startswith(b"PK\x03\x04"):
        return _zip_kind(content)
    return "text"


# --- text files (CSV) ----------------------------------------------------------------------------


def _decode(content: bytes) -> tuple[str, str]:
    """The text and a name of its encoding, as Thai Excel and LibreOffice write CSV and "Unicode text"."""
    if content.startswith(b"\xef\xbb\xbf"):
        return content[3:].decode("utf-8", errors="strict"), "CSV UTF-8"
    if content.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return content.decode("utf-16"), "UTF-16"
        except UnicodeDecodeError as exc:
            raise SheetRefused(_("ไฟล์ UTF-16 นี้ไม่ครบหรือเสียหาย"), code="encoding") from exc
    sample = content[:4000]
    if b"\x00" in sample:  # no text encoding but UTF-16 has NULs: UTF-16 without its BOM
        encoding = "utf-16-le" if sample[1::2].count(0) >= sample[0::2].count(0) else "utf-16-be"
        try:
            return content.decode(encoding), "UTF-16"
        except UnicodeDecodeError:
            pass
    try:
        return content.decode("utf-8"), "CSV UTF-8"
    except UnicodeDecodeError:
        pass
    try:
        # Thai Windows' "CSV (Comma delimited)": Windows-874, of which TIS-620 is a part.
        return content.decode("cp874"), "CSV Windows-874 (TIS-620)"
    except UnicodeDecodeError as exc:
        raise SheetRefused(
            _(
                "อ่านไฟล์นี้เป็นข้อความไม่ได้ (ไม่ใช่ UTF-8, UTF-16 หรือภาษาไทยของ Windows): "
                "เปิดใน Excel แล้วบันทึกเป็น .xlsx"
            ),
            code="encoding",
        ) from exc


def _csv_records(text: str) -> tuple[str, list[list[str]]]:
    """The records of a CSV text with the delimiter whose reading finds the header row."""
    if "\x00" in text:
        raise SheetRefused(_("ไฟล์นี้ไม่ใช่ข้อความ CSV (พบข้อมูลไบนารี)"), code="binary")
    head = "\n".join(text.splitlines()[: HEADER_SEARCH_ROWS * 2])  # the header is near the top
    chosen = ","
    for delimiter in ("\t", ",", ";"):
        if _header_index(_read_csv(head, delimiter)) is not None:
            chosen = delimiter
            break
    return chosen, _read_csv(text, chosen)


def _read_csv(text: str, delimiter: str) -> list[list[str] | CsvRowError]:
    """The records; one that csv cannot read (a cell over its field-size limit) as its CsvRowError,
    so a pasted blob costs its own row only."""
    return [
        cells for _line, cells in csv_rows(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    ]


# --- workbooks -----------------------------------------------------------------------------------


def _xlsx_tables(content: bytes) -> Iterator[tuple[str, list[list[object]]]]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged or encrypted file
        raise SheetRefused(
            _("เปิดไฟล์ .xlsx นี้ไม่ได้ (เสียหายหรือตั้งรหัสผ่านไว้): บันทึกใหม่ใน Excel แล้วอัปโหลดอีกครั้ง"),
            code="damaged",
        ) from exc
    try:
        for sheet in book.worksheets:
            # min_row=1, min_col=1: row and column numbers as Excel shows them, leading blanks kept.
            rows = sheet.iter_rows(min_row=1, min_col=1, values_only=True)
            yield sheet.title, [list(row) for row in _limit(rows)]
    finally:
        book.close()


def _calamine_tables(content: bytes, kind: str) -> Iterator[tuple[str, list[list[object]]]]:
    from python_calamine import CalamineWorkbook

    try:
        book = CalamineWorkbook.from_filelike(io.BytesIO(content))
    except Exception as exc:  # the reader's errors for damaged, encrypted or non-spreadsheet files
        what = ".ods" if kind == "ods" else ".xls"
        raise SheetRefused(
            _("เปิดไฟล์ %(what)s นี้ไม่ได้ (เสียหาย ตั้งรหัสผ่านไว้ หรือไม่ใช่แผ่นงาน): บันทึกเป็น .xlsx แล้วอัปโหลดอีกครั้ง")
            % {"what": what},
            code="damaged",
        ) from exc
    for name in book.sheet_names:
        sheet = book.get_sheet_by_name(name)
        # skip_empty_area=False: rows from A1, so row numbers are the ones the organiser sees.
        yield name, [list(row) for row in _limit(sheet.to_python(skip_empty_area=False))]


def _limit(rows: Iterable) -> Iterator:
    for number, row in enumerate(rows, start=1):
        if number > MAX_SHEET_ROWS + HEADER_SEARCH_ROWS + 1:
            raise SheetRefused(
                _("แผ่นงานยาวเกิน %(n)s แถว: แบ่งเป็นหลายไฟล์แล้วอัปโหลดทีละไฟล์") % {"n": f"{MAX_SHEET_ROWS:,}"},
                code="too_long",
            )
        yield row


# --- the header row ------------------------------------------------------------------------------


def _header_index(records: list[list[object]]) -> int | None:
    """The index of the first row (within the first HEADER_SEARCH_ROWS) naming a date and an amount."""
    for index, record in enumerate(records[:HEADER_SEARCH_ROWS]):
        if isinstance(record, CsvRowError):
            continue
        columns = {_ALIASES.get(_key(cell)) for cell in record if cell is not None}
        if all(column in columns for column in REQUIRED_COLUMNS):
            return index
    return None


def _expected_columns() -> str:
    return ", ".join(
        f"{column} ({next(a for a in aliases if not a.isascii())})"
        for column, aliases in SHEET_COLUMNS.items()
        if column
    )


def _columns(header: list[object]) -> list[str]:
    columns, unknown = [], []
    for cell in header:
        text = "" if cell is None else str(cell).strip()
        if not text:
            columns.append("")
        elif _key(text) in _ALIASES:
            columns.append(_ALIASES[_key(text)])
        else:
            unknown.append(text)
            columns.append("")
    named = [c for c in columns if c]
    duplicated = sorted({c for c in named if named.count(c) > 1})
    if unknown or duplicated:
        parts = []
        if unknown:
            parts.append(_("คอลัมน์ที่ไม่รู้จัก: %(cols)s") % {"cols": ", ".join(unknown)})
        if duplicated:
            parts.append(_("คอลัมน์ซ้ำ: %(cols)s") % {"cols": ", ".join(duplicated)})
        raise SheetRefused(
            "; ".join(parts) + ". " + _("คอลัมน์ที่ใช้ได้: %(cols)s") % {"cols": _expected_columns()},
            code="columns",
        )
    return columns


def _no_header(first_rows: list[list[object]], where: str) -> SheetRefused:
    first = next((r for r in first_rows if any(_text(c) for c in r)), None)
    seen = ", ".join(_text(c) for c in first if _text(c)) if first else ""
    message = _("ไม่พบแถวหัวตารางที่มีคอลัมน์ วันที่ และ ยอดขาย %(where)s") % {"where": where}
    if seen:
        message += " " + _("(แถวแรกที่มีข้อมูล: %(cells)s)") % {"cells": seen[:200]}
    return SheetRefused(
        message + ". " + _("คอลัมน์ที่ใช้ได้: %(cols)s") % {"cols": _expected_columns()}, code="columns"
    )


# --- cells ---------------------------------------------------------------------------------------


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    return " ".join(str(value).split())


def _date(value: object) -> datetime.date:
    if isinstance(value, bool | int | float):
        # A date cell Excel shows as a number: its serial, which we do not guess at.
        raise ThaiInputError(
            _("ช่องวันที่เป็นตัวเลข %(value)s: จัดรูปแบบช่องเป็นวันที่ หรือพิมพ์แบบ 29/09/2567") % {"value": _text(value)}
        )
    if isinstance(value, datetime.time):
        raise ThaiInputError(_("ช่องวันที่มีแต่เวลา: %(value)s") % {"value": value})
    return parse_date(value)


def _amount(value: object) -> Decimal:
    if isinstance(value, float):
        # A spreadsheet number: its shortest decimal form (1200.5, not 1200.49999…).
        return parse_amount(Decimal(repr(value)) if value == value and abs(value) != float("inf") else "x")
    return parse_amount(value)


def _count(value: object) -> int | None:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return parse_count(value)


def _vendor(value: object) -> str:
    name = _text(value)
    if len(name) > VENDOR_NAME_MAX_LENGTH:
        raise ThaiInputError(
            _("ชื่อร้านยาวเกิน %(n)s ตัวอักษร: %(name)s…") % {"n": VENDOR_NAME_MAX_LENGTH, "name": name[:40]}
        )
    return name


def _rows(sheet: SalesSheet, columns: list[str], records: Iterable[tuple[int, list[object]]]) -> None:
    width = len(columns)
    for line, cells in records:
        if isinstance(cells, CsvRowError):
            sheet.refuse(line, cells.reason)
            continue
        if not any(_text(c) for c in cells):
            continue
        if len(cells) > width and any(_text(c) for c in cells[width:]):
            sheet.refuse(
                line,
                _("มีข้อมูล %(got)s ช่อง แต่หัวตารางมี %(want)s ช่อง")
                % {"got": max(i + 1 for i, c in enumerate(cells) if _text(c)), "want": width},
            )
            continue
        row = {column: cell for column, cell in zip(columns, cells, strict=False) if column}
        if _key(_text(row.get("date"))) in TOTAL_ROW_WORDS or (
            not _text(row.get("date")) and _key(_text(row.get("vendor"))) in TOTAL_ROW_WORDS
        ):
            sheet.skipped.append((line, _("แถวยอดรวมของแผ่นงาน: ไม่นับซ้ำ")))
            continue
        held_on = None
        try:
            held_on = _date(row.get("date"))
            sheet.rows.append(
                SheetRow(
                    line=line,
                    held_on=held_on,
                    vendor=_vendor(row.get("vendor")),
                    amount=_amount(row.get("amount")),
                    vendors_present=_count(row.get("vendors_present")),
                    visitors=_count(row.get("visitors")),
                    note=_text(row.get("note"))[:NOTE_MAX_LENGTH],
                )
            )
        except ThaiInputError as exc:
            sheet.refuse(line, str(exc), held_on)


def read_sales_sheet(content: bytes, file_name: str = "") -> SalesSheet:
    """The sheet's rows, typed, with the refused ones and their reasons; refuses a file that is no
    sales sheet (SheetRefused), saying what it is."""
    if not content.strip():
        raise SheetRefused(_("ไฟล์ว่าง"), code="empty")
    kind = _container(content)
    if kind == "text":
        text, encoding = _decode(content)
        delimiter, records = _csv_records(text)
        header = _header_index(records)
        if header is None:
            unreadable = next((r for r in records[:HEADER_SEARCH_ROWS] if isinstance(r, CsvRowError)), None)
            if unreadable:
                raise SheetRefused(_("หัวตาราง: %(reason)s") % {"reason": unreadable.reason}, code="columns")
            raise _no_header(records[:HEADER_SEARCH_ROWS], _("ใน %(n)s แถวแรก") % {"n": HEADER_SEARCH_ROWS})
        if len(records) - header - 1 > MAX_SHEET_ROWS:
            raise SheetRefused(
                _("แผ่นงานยาวเกิน %(n)s แถว: แบ่งเป็นหลายไฟล์แล้วอัปโหลดทีละไฟล์") % {"n": f"{MAX_SHEET_ROWS:,}"},
                code="too_long",
            )
        # A technical label, stored with the upload: the same in every page language.
        separator = {"\t": "tab", ",": "comma", ";": "semicolon"}[delimiter]
        sheet = SalesSheet(f"{encoding}, {separator}", "", header + 1)
        _rows(sheet, _columns(records[header]), enumerate(records[header + 1 :], start=header + 2))
        return sheet
    tables = _xlsx_tables(content) if kind == "xlsx" else _calamine_tables(content, kind)
    names = []
    for name, records in tables:
        names.append(name)
        header = _header_index(records)
        if header is None:
            continue
        file_format = {"xlsx": "Excel .xlsx", "ods": "OpenDocument .ods", "xls": "Excel 97–2003 .xls"}[kind]
        sheet = SalesSheet(file_format, name, header + 1)
        _rows(sheet, _columns(records[header]), enumerate(records[header + 1 :], start=header + 2))
        return sheet
    raise SheetRefused(
        _("สมุดงานนี้ไม่มีแผ่นงานที่มีคอลัมน์ วันที่ และ ยอดขาย (แผ่นงาน: %(sheets)s). คอลัมน์ที่ใช้ได้: %(cols)s")
        % {"sheets": ", ".join(names) or "–", "cols": _expected_columns()},
        code="no_sheet",
    )
