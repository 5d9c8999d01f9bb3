"""Reading the files organisers have: Thai Excel's CSV encodings, .xlsx, .ods (no database)."""

import datetime
import io
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from PIL import Image

from culturalmap.markets.sheet_files import SheetRefused, read_sales_sheet
from tests.markets.sheets import csv_text, xlsx_bytes

FILES = Path(__file__).parent / "files"
ROWS = [
    ["วันที่", "ร้าน", "ยอดขาย"],
    ["01/09/2567", "ลุงดำ ผ้าทอ", "14,245.50"],
    ["01/09/2567", "ป้าแดง", "๑,๒๐๐"],
    ["2024-09-08", "ลุงมา", "800"],
]
EXPECTED = [
    (datetime.date(2024, 9, 1), "ลุงดำ ผ้าทอ", Decimal("14245.50")),
    (datetime.date(2024, 9, 1), "ป้าแดง", Decimal("1200")),
    (datetime.date(2024, 9, 8), "ลุงมา", Decimal("800")),
]


def lines(sheet) -> list[tuple]:
    return [(row.held_on, row.vendor, row.amount) for row in sheet.rows]


def tab_text(rows) -> str:
    return "".join("\t".join(str(c) for c in row) + "\r\n" for row in rows)


@pytest.mark.parametrize(
    ("content", "encoding"),
    [
        (csv_text(ROWS).encode("utf-8"), "CSV UTF-8"),
        (b"\xef\xbb\xbf" + csv_text(ROWS).encode("utf-8"), "CSV UTF-8"),  # Excel's "CSV UTF-8"
        (csv_text(ROWS).encode("cp874"), "Windows-874"),  # Thai Excel's "CSV (Comma delimited)"
        (csv_text(ROWS).encode("tis-620"), "Windows-874"),
        (b"\xff\xfe" + tab_text(ROWS).encode("utf-16-le"), "UTF-16"),  # Excel's "Unicode Text"
        (b"\xff\xfe" + csv_text(ROWS).encode("utf-16-le"), "UTF-16"),
        (tab_text(ROWS).encode("utf-16-le"), "UTF-16"),  # no BOM
    ],
)
def test_csv_in_every_encoding_thai_excel_writes(content, encoding):
    sheet = read_sales_sheet(content, "sheet.csv")
    assert encoding in sheet.file_format
    assert lines(sheet) == EXPECTED and sheet.refused == []


def test_title_rows_above_the_header_and_english_headers():
    text = "ยอดขายตลาดชุมชน ประจำเดือนกันยายน 2567\r\n,,\r\nNo.,Date,Vendor,Sales\r\n1,01/09/2567,ป้าแดง,1200\r\n"
    sheet = read_sales_sheet(text.encode("cp874"), "s.csv")
    assert sheet.header_row == 3 and lines(sheet) == [(datetime.date(2024, 9, 1), "ป้าแดง", Decimal("1200"))]
    assert sheet.rows[0].line == 4  # the row number Excel shows, title rows counted


def test_an_xlsx_workbook_with_a_title_real_dates_and_numbers():
    content = xlsx_bytes(
        [
            ["ลำดับ", "วันที่", "ชื่อร้าน", "ยอดขาย (บาท)", "จำนวนร้าน"],
            [1, datetime.datetime(2024, 9, 1), "ลุงดำ ผ้าทอ", 14245.5, 3],
            [2, "01/09/2567", "ป้าแดง", "1,200", 3.0],
            [3, datetime.date(2024, 9, 8), "ลุงมา", 800, None],
            [4, 45564, "ร้านเลขวันที่", 100, None],
        ],
        title_rows=[["รายงานยอดขาย"], []],
        sheets=2,
    )
    sheet = read_sales_sheet(content, "season.xlsx")
    assert (sheet.file_format, sheet.sheet_name, sheet.header_row) == ("Excel .xlsx", "ยอดขาย", 3)
    assert lines(sheet) == EXPECTED and [r.vendors_present for r in sheet.rows] == [3, 3, None]
    assert [row for row, _reason in sheet.refused] == [7] and "ตัวเลข 45564" in sheet.refused[0][1]


@pytest.mark.parametrize(
    ("name", "file_format"),
    [
        ("season-libreoffice.ods", "OpenDocument .ods"),
        ("season-libreoffice.xlsx", "Excel .xlsx"),
        ("season-libreoffice.xls", "Excel 97–2003 .xls"),  # LibreOffice's "Excel 97–2003" filter
    ],
)
def test_workbooks_saved_by_libreoffice(name, file_format):
    """Files LibreOffice Calc wrote (tests/markets/files): a cover sheet without the columns, a
    report title, a running-number column, real and Buddhist-Era text dates, a blank row, a sum row."""
    sheet = read_sales_sheet((FILES / name).read_bytes(), name)
    assert sheet.file_format == file_format
    assert sheet.sheet_name == "ยอดขาย ก.ย. 67" and sheet.header_row == 4
    assert [(r.line, r.held_on, r.vendor, r.amount) for r in sheet.rows] == [
        (5, datetime.date(2024, 9, 1), "ลุงดำ ผ้าทอ", Decimal("14245.50")),
        (6, datetime.date(2024, 9, 1), "ป้าแดง", Decimal("1200")),
        (7, datetime.date(2024, 9, 1), "ลุงมา", Decimal("800")),
        (9, datetime.date(2024, 9, 8), "ป้าแดง", Decimal("1500.25")),
    ]
    assert sheet.rows[1].note == "ขนมจีน" and [row for row, _ in sheet.skipped] == [10]


def test_an_excel_97_workbook_with_thai_names_and_buddhist_era_dates():
    """An old-Excel .xls (BIFF8, tests/markets/files/make_excel97_sheet.py): a cover sheet, a title,
    Buddhist-Era dates as text (in Thai digits too) beside real date cells, amounts as numbers, as
    text with a thousands separator and in Thai digits, a sum row."""
    sheet = read_sales_sheet((FILES / "sales-excel97.xls").read_bytes(), "ยอดขาย.xls")
    assert (sheet.file_format, sheet.sheet_name, sheet.header_row) == (
        "Excel 97–2003 .xls",
        "ยอดขาย ก.ย. 2567",
        3,
    )
    assert [(r.line, r.held_on, r.vendor, r.amount) for r in sheet.rows] == [
        (4, datetime.date(2024, 9, 1), "ลุงดำ ผ้าทอ", Decimal("14245.50")),
        (5, datetime.date(2024, 9, 1), "ป้าแดง ขนมครก", Decimal("1200")),
        (6, datetime.date(2024, 9, 1), "ยายเนียม ข้าวยำ", Decimal("800")),
        (7, datetime.date(2024, 9, 8), "ลุงมา เครื่องจักสาน", Decimal("1500.25")),
        (8, datetime.date(2024, 9, 8), "ป้าแดง ขนมครก", Decimal("950")),
    ]
    assert sheet.rows[1].note == "ขนมจีน" and [row for row, _ in sheet.skipped] == [10] and not sheet.refused


def png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (4, 4)).save(out, "PNG")
    return out.getvalue()


def zipped(names: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in names.items():
            archive.writestr(name, data)
    return out.getvalue()


@pytest.mark.parametrize(
    ("content", "says"),
    [
        (png(), "รูปภาพ (PNG)"),
        (b"\xff\xd8\xff\xe0" + b"\0" * 100, "รูปภาพ (JPEG)"),
        (b"%PDF-1.7\n%\xe2\xe3\n1 0 obj", "เอกสาร PDF"),
        (zipped({"word/document.xml": b"<w/>"}), "เอกสารข้อความ"),
        (zipped({"photos/a.jpg": b"x"}), "ไฟล์ ZIP"),
        (xlsx_bytes([["ชื่อ", "ราคา"], ["ก", 1]]), "ไม่มีแผ่นงานที่มีคอลัมน์"),
        (b"", "ไฟล์ว่าง"),
        (b"price,when\n1,2\n", "price, when"),
        (bytes(range(128, 256)) * 20, "อ่านไฟล์นี้เป็นข้อความไม่ได้"),
    ],
)
def test_a_file_that_is_no_sales_sheet_says_what_it_is(content, says):
    with pytest.raises(SheetRefused) as refused:
        read_sales_sheet(content, "upload")
    message = " ".join(refused.value.messages)
    assert says in message and "ไบต์" not in message  # plain words, no byte positions


@pytest.mark.parametrize("header", ["date,price", "amount,vendor", "date,amount,date", "วันที่,ยอดขาย,สี"])
def test_a_sheet_with_the_wrong_columns_is_refused_whole(header):
    with pytest.raises(SheetRefused, match="คอลัมน์"):
        read_sales_sheet(f"{header}\n01/10/2566,100,x\n".encode(), "s.csv")


def test_semicolon_sheets_read_and_a_european_thousands_point_is_refused_not_guessed():
    sheet = read_sales_sheet(b"date;amount\n01/10/2566;1.500\n02/10/2566;2,500\n", "s.csv")
    assert [r.amount for r in sheet.rows] == [Decimal("2500")] and [r for r, _ in sheet.refused] == [2]


def test_a_sheet_of_thousands_of_bad_rows_lists_the_first_500():
    sheet = read_sales_sheet(
        ("วันที่,ยอดขาย\n" + "".join(f"01/10/2566,-{n}\n" for n in range(1, 1201))).encode(), "s"
    )
    assert sheet.refused_count == 1200 and len(sheet.refused) == 500 and sheet.refused[0][0] == 2


def test_an_over_long_vendor_name_and_an_impossible_head_count_are_refused_by_row():
    long_name = "ก" * 201
    sheet = read_sales_sheet(
        f"วันที่,ร้าน,ยอดขาย,ผู้เข้าชม\n01/10/2566,ป้าแดง,100,\n01/10/2566,{long_name},50,\n02/10/2566,ลุงมา,1,3000000000\n".encode(),
        "s.csv",
    )
    reasons = dict(sheet.refused)
    assert "200" in reasons[3] and "มากเกินไป" in reasons[4] and len(sheet.rows) == 1


@pytest.mark.parametrize("visitors", ["²", "①", "٣"])
def test_a_head_count_in_other_digits_is_refused_by_row(visitors):
    sheet = read_sales_sheet(
        f"วันที่,ยอดขาย,ผู้เข้าชม\n01/10/2566,100,{visitors}\n02/10/2566,100,๓๕๐\n".encode(), "s.csv"
    )
    assert len(sheet.rows) == 1 and [line for line, _reason in sheet.refused] == [2]
    assert "จำนวนเต็มไม่ติดลบ" in sheet.refused[0][1]


def test_a_cell_over_the_csv_field_limit_is_refused_by_row_and_the_rest_kept():
    blob = "ก" * 140_000
    sheet = read_sales_sheet(
        f"วันที่,ร้าน,ยอดขาย\n01/10/2566,ป้าแดง,100\n01/10/2566,{blob},50\n02/10/2566,ลุงมา,70\n".encode(), "s.csv"
    )
    assert len(sheet.rows) == 2 and [line for line, _reason in sheet.refused] == [3]
    assert "131,072" in sheet.refused[0][1]


def test_a_header_over_the_csv_field_limit_refuses_the_sheet_with_the_reason():
    with pytest.raises(SheetRefused) as info:
        read_sales_sheet(("วันที่,ยอดขาย," + "x" * 140_000 + "\n01/10/2566,100,\n").encode(), "s.csv")
    assert "131,072" in str(info.value)
