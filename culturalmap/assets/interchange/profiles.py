"""Column mappings: a partner's file whose columns are named otherwise (`siteNameAlt1`, `ชื่อแหล่ง`,
`Y`) read as the interchange format, then imported by the one import (its rules, its row report).

A mapping names, for each field of ours, the file's column that holds it; gives constants for fields
the file lacks (every row is a `craftsmanship`, the `source` is the surveying university); turns the
file's own category words into archetypes; says the CRS of coordinate columns (UTM 47N: EPSG:32647);
and, for a workbook, which sheet. A curator saves it as a profile (culturalmap.assets.models.ImportProfile)
to use again on the next file from the same partner.
"""

import re
from dataclasses import dataclass, field
from typing import Any

import geopandas as gpd
import pandas as pd
from django.db import transaction
from pyproj import CRS
from pyproj.exceptions import CRSError

from culturalmap.core.permissions import AnyUser

from . import rules
from .fields import EXTRA_FIELDS, FIELDS
from .importing import ImportReport, import_file
from .reading import AssetFile, table_file
from .tables import SourceTable, read_source_table

# Our fields a file's columns can fill, in the order a curator reads them; the location last.
TARGETS = (*FIELDS, *EXTRA_FIELDS, "lon", "lat", "wkt")
GEOMETRY_TARGETS = ("lon", "lat", "wkt")
DEFAULTABLE = ("category", "source", "risk", "province", "period", "keywords")
PREVIEW_ROWS = 20

# What partners' files call our fields (compared without case, spaces, dots, dashes or underscores).
GUESSES: dict[str, tuple[str, ...]] = {
    "ref": ("ref", "id", "siteid", "รหัส", "รหัสแหล่ง", "เลขที่", "objectid"),
    "name_th": ("name_th", "name", "ชื่อ", "ชื่อแหล่ง", "ชื่อไทย", "ชื่อภาษาไทย", "sitename", "ชื่อแหล่งวัฒนธรรม"),
    "name_en": ("name_en", "ชื่ออังกฤษ", "ชื่อภาษาอังกฤษ", "englishname", "sitenamealt1", "sitename_en", "nameen"),
    "category": ("category", "archetype", "type", "ประเภท", "หมวด", "หมวดหมู่", "ประเภทแหล่ง"),
    "description_th": ("description_th", "description", "คำอธิบาย", "รายละเอียด", "ประวัติ"),
    "description_en": ("description_en", "descriptionen", "คำอธิบายภาษาอังกฤษ"),
    "period": ("period", "era", "สมัย", "ยุค", "ยุคสมัย"),
    "province": ("province", "จังหวัด", "changwat", "prov"),
    "tambon_code": ("tambon_code", "รหัสตำบล", "tamboncode", "subdistrictcode"),
    "risk": ("risk", "ความเสี่ยง", "ระดับความเสี่ยง"),
    "keywords": ("keywords", "keyword", "tags", "คำสำคัญ"),
    "source": ("source", "แหล่งข้อมูล", "ผู้บันทึก", "ผู้สำรวจ", "recorder"),
    "lon": ("lon", "lng", "long", "longitude", "x", "ลองจิจูด", "พิกัดx", "easting"),
    "lat": ("lat", "latitude", "y", "ละติจูด", "พิกัดy", "northing"),
    "wkt": ("wkt", "geometry", "geom", "the_geom"),
}


def _key(text: object) -> str:
    return re.sub(r"[\s._\-]+", "", str(text)).casefold()


_GUESSED = {_key(alias): target for target, aliases in GUESSES.items() for alias in aliases}


@dataclass
class ColumnMapping:
    """Which column of the file is which field of ours, and what to take where the file says nothing."""

    columns: dict[str, str] = field(default_factory=dict)  # our field -> the file's column
    defaults: dict[str, str] = field(default_factory=dict)  # our field -> a value for every row
    category_values: dict[str, str] = field(default_factory=dict)  # the file's word -> archetype code
    srid: int = 4326  # the CRS of lon/lat (x/y) columns
    sheet: str = ""  # the workbook's sheet (blank: the first)

    def as_json(self) -> dict[str, Any]:
        return {
            "columns": self.columns,
            "defaults": self.defaults,
            "category_values": self.category_values,
            "srid": self.srid,
            "sheet": self.sheet,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> "ColumnMapping":
        return cls(
            columns=dict(data.get("columns") or {}),
            defaults=dict(data.get("defaults") or {}),
            category_values=dict(data.get("category_values") or {}),
            srid=int(data.get("srid") or 4326),
            sheet=str(data.get("sheet") or ""),
        )


def guess_mapping(columns: list[str]) -> ColumnMapping:
    """A first mapping from the columns' names, for the curator to correct."""
    found: dict[str, str] = {}
    for column in columns:
        target = _GUESSED.get(_key(column))
        if target and target not in found:
            found[target] = column
    return ColumnMapping(columns=found)


def mapping_problems(mapping: ColumnMapping, table: SourceTable | None = None) -> list[tuple[str, str]]:
    """What keeps the mapping from making interchange rows, each in Thai and English; [] when nothing."""
    return [*_column_problems(mapping, table), *_field_problems(mapping), *_location_problems(mapping, table)]


def _column_problems(mapping: ColumnMapping, table: SourceTable | None) -> list[tuple[str, str]]:
    problems = []
    unknown = sorted(set(mapping.columns) - set(TARGETS)) + sorted(set(mapping.defaults) - set(DEFAULTABLE))
    if unknown:
        problems.append((f"ไม่รู้จักช่อง {', '.join(unknown)}", f"unknown field(s) {', '.join(unknown)}"))
    used = [c for c in mapping.columns.values() if c]
    twice = sorted({c for c in used if used.count(c) > 1})
    if twice:
        problems.append((f"คอลัมน์ {', '.join(twice)} ถูกใช้ซ้ำ", f"column(s) {', '.join(twice)} mapped twice"))
    missing = sorted(set(used) - set(table.columns)) if table is not None else []
    if missing:
        problems.append((f"ไฟล์ไม่มีคอลัมน์ {', '.join(missing)}", f"the file has no column {', '.join(missing)}"))
    return problems


def _field_problems(mapping: ColumnMapping) -> list[tuple[str, str]]:
    problems = []
    if not {"name_th", "name_en"} & set(mapping.columns):
        problems.append(("ต้องเลือกคอลัมน์ชื่อไทยหรือชื่ออังกฤษ", "map a Thai or an English name"))
    category = mapping.defaults.get("category")
    if "category" not in mapping.columns and not category:
        problems.append(
            ("ต้องเลือกคอลัมน์ประเภท หรือให้ประเภทเดียวกับทุกแถว", "map the category, or give one for every row")
        )
    if category:
        try:
            rules.clean_archetype(category)
        except rules.AssetProblem as problem:
            problems.append((problem.th, problem.en))
    return problems


def _location_problems(mapping: ColumnMapping, table: SourceTable | None) -> list[tuple[str, str]]:
    problems = []
    vector = table is not None and table.is_vector
    has_points = "lon" in mapping.columns and "lat" in mapping.columns
    if not vector and not has_points and "wkt" not in mapping.columns:
        problems.append(
            (
                "ต้องเลือกคอลัมน์พิกัด (ลองจิจูดและละติจูด หรือ X และ Y) หรือ WKT",
                "map the coordinates (lon and lat, or x and y) or a wkt column",
            )
        )
    try:
        CRS.from_epsg(mapping.srid)
    except CRSError:
        problems.append((f"ไม่รู้จักระบบพิกัด EPSG:{mapping.srid}", f"unknown CRS EPSG:{mapping.srid}"))
    return problems


class MappingError(rules.InterchangeFileError):
    """The mapping cannot make interchange rows of this file: nothing is imported."""

    def __init__(self, problems: list[tuple[str, str]]):
        super().__init__("; ".join(th for th, _ in problems), "; ".join(en for _, en in problems))
        self.problems = problems


def mapped_rows(table: SourceTable, mapping: ColumnMapping) -> pd.DataFrame:
    """The file's rows under our field names: mapped columns, then the constants, then its category
    words as archetypes (only these columns: an unmapped column is left aside, whatever its name)."""
    rows = pd.DataFrame(index=table.rows.index)
    for target, column in mapping.columns.items():
        if column:
            rows[target] = table.rows[column].astype(str).str.strip()
    for target, value in mapping.defaults.items():
        if value:
            given = rows[target] if target in rows else pd.Series("", index=rows.index)
            rows[target] = given.where(given != "", value)
    if "category" in rows and mapping.category_values:
        words = {_key(word): code for word, code in mapping.category_values.items() if code}
        rows["category"] = rows["category"].map(lambda word: words.get(_key(word), word))
    return rows


def mapped_file(table: SourceTable, mapping: ColumnMapping) -> AssetFile:
    problems = mapping_problems(mapping, table)
    if problems:
        raise MappingError(problems)
    rows = mapped_rows(table, mapping)
    if table.is_vector:
        frame = gpd.GeoDataFrame(
            rows.drop(columns=[c for c in GEOMETRY_TARGETS if c in rows]), geometry=table.geometry
        )
        return AssetFile(frame, table.unit, table.labels)
    found = table_file(rows, table.labels, srid=mapping.srid)
    found.unit = table.unit
    return found


@dataclass
class MappedImport:
    """A file read through a mapping: its rows as we read them, and the import's report."""

    table: SourceTable
    preview: pd.DataFrame  # the first rows under our field names
    report: ImportReport
    dry_run: bool
    unknown_categories: list[str] = field(default_factory=list)  # the file's words no archetype matched


def _unknown_categories(rows: pd.DataFrame) -> list[str]:
    if "category" not in rows:
        return []
    found = []
    for word in sorted(set(rows["category"]) - {""}):
        try:
            rules.clean_archetype(word)
        except rules.AssetProblem:
            found.append(word)
    return found


def asset_file_import_mapped(
    *,
    path: str,
    mapping: ColumnMapping,
    user: "AnyUser | None" = None,
    strict: bool = False,
    dry_run: bool = False,
) -> MappedImport:
    """Import a partner's file through a mapping; `dry_run` checks every row exactly as the import
    would (the same report: what would be created, updated, refused and why) and stores nothing."""
    table = read_source_table(path, sheet=mapping.sheet)
    found = mapped_file(table, mapping)
    rows = mapped_rows(table, mapping)
    with transaction.atomic():
        report = import_file(found, strict=strict, user=user)
        if dry_run:
            transaction.set_rollback(True)
    return MappedImport(table, rows.head(PREVIEW_ROWS), report, dry_run, _unknown_categories(rows))
