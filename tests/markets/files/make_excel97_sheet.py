"""How tests/markets/files/sales-excel97.xls was made (once; the binary is committed). xlwt is no
dependency of the project: `pip install --target /tmp/xlwt xlwt==1.3.0`, then
`PYTHONPATH=/tmp/xlwt python tests/markets/files/make_excel97_sheet.py`.

An Excel 97–2003 workbook (BIFF8) as a Thai market office keeps it: a cover sheet without the
columns, a title above the header, Thai headers and vendor names, a Buddhist-Era date typed as
text (Thai digits too), real date cells, amounts as numbers, with thousands separators as text and
in Thai digits, a blank row and a sum row."""

import datetime
from pathlib import Path

import xlwt

book = xlwt.Workbook(encoding="utf-8")
cover = book.add_sheet("ปก")
cover.write(0, 0, "สมุดบัญชีตลาดถนนคนเดินกาดกองต้า ปีงบประมาณ 2567")
sheet = book.add_sheet("ยอดขาย ก.ย. 2567")
day = xlwt.easyxf(num_format_str="D/M/YYYY")
baht = xlwt.easyxf(num_format_str="#,##0.00")
sheet.write(0, 0, "รายงานยอดขายผู้ค้า เดือนกันยายน 2567")
for col, title in enumerate(["ลำดับ", "วันที่", "ชื่อร้าน", "ยอดขาย (บาท)", "หมายเหตุ"]):
    sheet.write(2, col, title)
rows = [
    (1, "01/09/2567", "ลุงดำ ผ้าทอ", 14245.5, ""),
    (2, datetime.date(2024, 9, 1), "ป้าแดง ขนมครก", "1,200", "ขนมจีน"),
    (3, "๐๑/๐๙/๒๕๖๗", "ยายเนียม ข้าวยำ", "๘๐๐", ""),
    (4, datetime.date(2024, 9, 8), "ลุงมา เครื่องจักสาน", 1500.25, ""),
    (5, datetime.date(2024, 9, 8), "ป้าแดง ขนมครก", 950, ""),
]
for r, (number, when, vendor, amount, note) in enumerate(rows, start=3):
    sheet.write(r, 0, number)
    sheet.write(r, 1, when, *([day] if isinstance(when, datetime.date) else []))
    sheet.write(r, 2, vendor)
    sheet.write(r, 3, amount, *([baht] if isinstance(amount, float | int) else []))
    sheet.write(r, 4, note)
sheet.write(9, 2, "รวม")
sheet.write(9, 3, 18695.75, baht)
book.save(str(Path(__file__).with_name("sales-excel97.xls")))
