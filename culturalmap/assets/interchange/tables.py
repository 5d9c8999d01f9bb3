"""Other people's files as they come: a CSV in whatever encoding Thai Excel wrote it, an .xlsx with
title rows above its header, a GeoPackage, GeoJSON or zipped Shapefile with their own field names.

`read_source_table` gives the file's columns under the names the file uses, its rows as text (each
labelled as the reader finds it: a CSV's data row from 1, the row number Excel shows, a feature from
1) and, for a vector file, its geometry; a column mapping (culturalmap.assets.interchange.profiles)
then names them in the interchange format.
"""

import datetime
import io
from dataclasses import dataclass, field
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd

from .reading import _pick_layer, _read_shapefile_zip, _read_vector
from .rules import InterchangeFileError

TABLES = (".csv", ".xlsx")
VECTORS = (".gpkg", ".geojson", ".json", ".zip")
EXTENSIONS = TABLES + VECTORS
HEADER_SEARCH_ROWS = 30  # title rows above the header: a report heading, a survey's name, a blank
# UTF-8 (Excel's "CSV UTF-8" writes a BOM), UTF-16 ("Unicode text"), Thai Windows' "CSV": Windows-874.
ENCODINGS = (("utf-8-sig", "UTF-8"), ("utf-16", "UTF-16"), ("cp874", "Windows-874 (TIS-620)"))


@dataclass
class SourceTable:
    """A file's rows under its own column names."""

    columns: list[str]
    rows: pd.DataFrame  # text cells, one column per file column
    labels: list[int | str]
    unit: str  # "row" or "feature"
    geometry: gpd.GeoSeries | None = None  # a vector file's own
    described: str = ""  # what was read: "CSV Windows-874", "Excel .xlsx, sheet สำรวจ", "GeoPackage"
    sheets: list[str] = field(default_factory=list)

    @property
    def is_vector(self) -> bool:
        return self.geometry is not None


def _unsupported(path: Path) -> InterchangeFileError:
    return InterchangeFileError(
        f"ไม่รองรับไฟล์ชนิด '{path.suffix}': ใช้ .csv .xlsx .gpkg .geojson .json หรือ .zip (Shapefile)",
        f"unsupported file type '{path.suffix}': use .csv, .xlsx, .gpkg, .geojson, .json or .zip (Shapefile)",
    )


def read_source_table(path: str | Path, *, sheet: str = "") -> SourceTable:
    path = Path(path)
    if not path.is_file():
        raise InterchangeFileError(f"ไม่พบไฟล์ {path.name}", f"file not found: {path.name}")
    suffix = path.suffix.lower()
    if suffix not in EXTENSIONS:
        raise _unsupported(path)
    if suffix == ".csv":
        return _csv(path)
    if suffix == ".xlsx":
        return _xlsx(path, sheet)
    if suffix == ".zip":
        found = _read_shapefile_zip(path)
        frame, labels, described = found.frame, found.labels, "Shapefile"
    else:
        layer = _pick_layer(path) if suffix == ".gpkg" else None
        frame = _read_vector(str(path), layer=layer)
        labels, described = list(range(1, len(frame) + 1)), "GeoPackage" if layer else "GeoJSON"
    columns = [str(c) for c in frame.columns if c != frame.geometry.name]
    rows = pd.DataFrame({c: frame[c].map(_text) for c in columns})
    return SourceTable(columns, rows, labels, "feature", frame.geometry, described)


def _decode(raw: bytes) -> tuple[str, str]:
    """The text and the name of its encoding, as Thai Excel and LibreOffice write CSV."""
    for encoding, name in ENCODINGS:
        if encoding == "utf-16" and not raw.startswith((b"\xff\xfe", b"\xfe\xff")):
            continue
        try:
            return raw.decode(encoding), name
        except UnicodeDecodeError:
            continue
    raise InterchangeFileError(
        "อ่านไฟล์ CSV ไม่ได้ (ไม่ใช่ UTF-8, UTF-16 หรือภาษาไทยของ Windows): บันทึกเป็น .xlsx หรือ CSV UTF-8",
        "the CSV is not UTF-8, UTF-16 or Thai Windows text: save it as .xlsx or 'CSV UTF-8'",
    )


def _csv(path: Path) -> SourceTable:
    text, name = _decode(path.read_bytes())
    separator = "\t" if text.split("\n", 1)[0].count("\t") > text.split("\n", 1)[0].count(",") else ","
    try:
        table = pd.read_csv(
            io.StringIO(text), sep=separator, dtype=str, keep_default_na=False, skip_blank_lines=False
        )
    except (pd.errors.ParserError, pd.errors.EmptyDataError) as error:
        raise InterchangeFileError(f"อ่านไฟล์ CSV ไม่ได้: {error}", f"cannot read the CSV: {error}") from error
    filled = (table.map(str).map(str.strip) != "").any(axis=1).to_numpy()
    labels = [int(i) + 1 for i in np.flatnonzero(filled)]
    table = table[filled].reset_index(drop=True)
    table.columns = [str(c).replace("\ufeff", "").strip() for c in table.columns]
    return SourceTable(list(table.columns), table, labels, "row", described=f"CSV {name}")


def _text(value: object) -> str:
    """A cell as text: numbers as written (18.2176, not 18.217600000000001), dates as ISO."""
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    return str(value).strip()


def _xlsx(path: Path, sheet: str) -> SourceTable:
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a damaged or encrypted file
        raise InterchangeFileError(
            "เปิดไฟล์ .xlsx นี้ไม่ได้ (เสียหายหรือตั้งรหัสผ่านไว้): บันทึกใหม่ใน Excel",
            f"cannot open this .xlsx (damaged or password-protected): {error}",
        ) from error
    try:
        names = [s.title for s in book.worksheets]
        if sheet and sheet not in names:
            raise InterchangeFileError(
                f"ไม่มีแผ่นงาน '{sheet}' (มี: {', '.join(names)})",
                f"no sheet '{sheet}' (sheets: {', '.join(names)})",
            )
        chosen = book[sheet] if sheet else book.worksheets[0]
        records = [list(row) for row in chosen.iter_rows(min_row=1, min_col=1, values_only=True)]
    finally:
        book.close()
    header = next(
        (i for i, row in enumerate(records[:HEADER_SEARCH_ROWS]) if sum(_text(c) != "" for c in row) >= 2),
        None,
    )
    if header is None:
        raise InterchangeFileError(
            f"แผ่นงาน '{chosen.title}' ไม่มีแถวหัวตาราง", f"sheet '{chosen.title}' has no header row"
        )
    columns = [_text(c) or f"column {i + 1}" for i, c in enumerate(records[header])]
    body = [(number, row) for number, row in enumerate(records[header + 1 :], start=header + 2)]
    body = [(n, row) for n, row in body if any(_text(c) for c in row)]
    width = len(columns)
    rows = pd.DataFrame(
        [[_text(c) for c in (list(row) + [None] * width)[:width]] for _, row in body],
        columns=columns,
        dtype=str,
    )
    return SourceTable(
        columns, rows, [n for n, _ in body], "row", described=f"Excel .xlsx, {chosen.title}", sheets=names
    )
