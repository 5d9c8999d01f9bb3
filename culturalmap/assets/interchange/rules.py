"""The rules an asset record must satisfy, however it arrives (admin, services, an import file).

Each rule is written once, here. The single-record service and the bulk import both call these
functions; the geometry rule works on arrays, so a whole file is checked in one pass.
A broken rule raises (or returns) an `AssetProblem` that says, in Thai and English, what is wrong
and what the survey team can do about it.
"""

import datetime
import re
import unicodedata
from collections.abc import Iterable
from typing import Any

import numpy as np
import pandas as pd
import shapely

from culturalmap.assets.archetypes import ARCHETYPES, parse_archetype
from culturalmap.assets.models import Asset, Risk
from culturalmap.core.thai import format_date
from geodata.areas import NEAREST_WITHIN_M, address, amphoe_label, dopa_code_status, province_label
from geodata.models import Tambon

# Thai digits turn up in survey sheets typed on Thai keyboards.
_THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
# Zero-width characters (common in Thai text pasted from the web) and the BOM.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"))
_CODE_RE = re.compile(r"^[0-9A-Z][0-9A-Z-]{2,31}$")
_TAMBON_RE = re.compile(r"^\d{6}$")
# Past this, a refused point's nearest sub-district says nothing useful (another country).
NEAR_ENOUGH_TO_NAME_M = 50_000

POLYGONAL = ("Polygon", "MultiPolygon")
_ASSET_GEOMETRY_TYPES = [
    shapely.GeometryType.POINT,
    shapely.GeometryType.POLYGON,
    shapely.GeometryType.MULTIPOLYGON,
]
# A repair by make_valid is kept only when the area stays the same (a self-touching ring);
# a bow-tie or overlapping parts change the area, so their meaning is unclear: refuse.
_AREA_TOLERANCE = 1e-9


class AssetProblem(Exception):
    """One broken rule, for one field, said in Thai and in English."""

    def __init__(self, field: str, th: str, en: str):
        super().__init__(f"{th} / {en}")
        self.field = field
        self.th = th
        self.en = en

    def __str__(self) -> str:
        return f"{self.th} / {self.en}"


class InterchangeFileError(Exception):
    """A file that cannot be read as the interchange format at all: nothing is imported."""

    def __init__(self, th: str, en: str):
        super().__init__(f"{th} / {en}")
        self.th = th
        self.en = en


# --- plain values -----------------------------------------------------------------------------


def is_blank(value: Any) -> bool:
    if isinstance(value, str):
        return not clean_text(value)
    return value is None or (np.ndim(value) == 0 and bool(pd.isna(value)))


def clean_text(value: Any, *, single_line: bool = True) -> str:
    """Text in Unicode NFC without invisible characters; names collapse their whitespace."""
    if not isinstance(value, str) and is_blank(value):
        return ""
    if isinstance(value, float | np.floating) and float(value).is_integer():
        value = int(value)  # a numeric column read as float: 12.0 means "12"
    text = unicodedata.normalize("NFC", str(value)).translate(_INVISIBLE)
    if single_line:
        return " ".join(text.split())
    return text.strip()


def clean_digits(value: Any) -> str:
    """A code typed with Thai or Arabic digits, or read by a spreadsheet as a number."""
    return clean_text(value).translate(_THAI_DIGITS).replace(" ", "")


def check_length(field: str, value: str) -> None:
    limit = Asset._meta.get_field(field).max_length
    if limit and len(value) > limit:
        raise AssetProblem(
            field,
            f"{field} ยาวเกิน {limit} ตัวอักษร ({len(value)}): โปรดย่อ",
            f"{field} is longer than {limit} characters ({len(value)}): shorten it",
        )


def clean_names(name_th: Any, name_en: Any) -> tuple[str, str]:
    th, en = clean_text(name_th), clean_text(name_en)
    if not th and not en:
        raise AssetProblem(
            "name_th",
            "ไม่มีชื่อ: ใส่ name_th หรือ name_en อย่างน้อยหนึ่งช่อง",
            "no name: fill in name_th or name_en (at least one)",
        )
    check_length("name_th", th)
    check_length("name_en", en)
    return th, en


_ARCHETYPE_SPLIT = re.compile(r"[/|()\[\],;]+")


def clean_archetype(value: Any) -> str:
    """An archetype code from its code or label; a "Thai / English" pair of one archetype is fine."""
    text = clean_text(value)
    if not text:
        raise AssetProblem("archetype", "ไม่มีประเภท (category)", "category is missing")
    code = parse_archetype(text)
    if code is None:
        parts = [p for p in _ARCHETYPE_SPLIT.split(text) if p.strip()]
        codes = {parse_archetype(p) for p in parts}
        if len(parts) > 1 and len(codes) == 1 and None not in codes:
            code = codes.pop()
    if code is None:
        known = ", ".join(c for c, _, _ in ARCHETYPES)
        raise AssetProblem(
            "archetype",
            f"ไม่รู้จักประเภท '{text}': ใช้รหัสหรือชื่อไทย/อังกฤษของ 11 ประเภท ({known})",
            f"unknown category '{text}': use the code or Thai/English label of one of the 11 archetypes"
            f" ({known})",
        )
    return code


_RISK_WORDS = {v: v for v in Risk.values} | {label: value for value, label in Risk.choices}


def clean_risk(value: Any) -> str:
    text = clean_text(value).casefold()
    if not text:
        return Risk.NONE
    risk = _RISK_WORDS.get(text)
    if risk is None:
        raise AssetProblem(
            "risk",
            f"ค่าความเสี่ยง '{clean_text(value)}' ไม่ถูกต้อง: ใช้ none, low, medium หรือ high (ไม่มี ต่ำ ปานกลาง สูง)",
            f"unknown risk '{clean_text(value)}': use none, low, medium or high",
        )
    return risk


def clean_keywords(value: Any) -> list[str]:
    """`;`-separated keywords (or a list), without blanks or repeats, in their order."""
    if value is None or (not isinstance(value, str) and is_blank(value)):
        return []
    items: Iterable[Any] = value.split(";") if isinstance(value, str) else value
    keywords: list[str] = []
    for item in items:
        word = clean_text(item)
        if word and word not in keywords:
            if len(word) > 100:
                raise AssetProblem(
                    "keywords",
                    f"คำสำคัญยาวเกิน 100 ตัวอักษร: '{word[:30]}…' (คั่นคำสำคัญด้วย ;)",
                    f"a keyword is longer than 100 characters: '{word[:30]}…' (separate keywords with ;)",
                )
            keywords.append(word)
    return keywords


def clean_ref(value: Any) -> str | None:
    ref = clean_text(value)
    if not ref:
        return None
    check_length("ref", ref)
    return ref


def clean_code(value: Any) -> str | None:
    """A permalink code given by the file (an export of another catalogue): kept for new records."""
    code = clean_text(value).upper()
    if not code:
        return None
    if not _CODE_RE.match(code):
        raise AssetProblem(
            "code",
            f"รหัสถาวร '{code}' ไม่ถูกต้อง: ใช้ตัวอักษร A-Z ตัวเลข และ - ไม่เกิน 32 ตัว หรือเว้นว่างไว้",
            f"permalink code '{code}' is malformed: letters A-Z, digits and '-', at most 32;"
            " or leave it blank",
        )
    return code


def clean_tambon(value: Any) -> str:
    return clean_digits(value)


def tambon_format_problem(code: str) -> AssetProblem | None:
    """A DOPA sub-district code is 6 digits."""
    if code and not _TAMBON_RE.match(code):
        return AssetProblem(
            "tambon_code",
            f"รหัสตำบล '{code}' ต้องเป็นตัวเลข 6 หลักตามรหัส DOPA",
            f"tambon code '{code}' must be the 6-digit DOPA code",
        )
    return None


def _short_th(tambon_th: str, amphoe_th: str, province_th: str, *, with_province: bool) -> str:
    """บางช้าง, อำเภอสามพราน (and the province when two provinces are in question)."""
    return f"{tambon_th}, {amphoe_th}" + (f", {province_th}" if with_province else "")


def tambon_claim_problem(claimed: str, derived: Tambon, *, stored: bool = True) -> AssetProblem | None:
    """A sub-district code given with a record must be the one its geometry lies in (derived, never
    trusted). The problem names both places, so a survey team sees which of the two is wrong.
    `stored`: the import keeps the derived code and says so; an editor is asked to fix the code."""
    if not claimed or claimed == derived.code:
        return None
    malformed = tambon_format_problem(claimed)
    if malformed:
        return malformed
    province = derived.province
    here_province = province_label(province.code, province.name_th, province.name_en)
    status = dopa_code_status(claimed)
    here_th = _short_th(
        derived.name_th,
        amphoe_label(derived.amphoe, province=derived.province),
        here_province,
        with_province=claimed[:2] != derived.province_id,
    )
    if stored:
        stored_th, stored_en = f"เก็บรหัส {derived.code} ตามตำแหน่ง", f"{derived.code} is stored"
    else:
        stored_th = f"แก้รหัสเป็น {derived.code} หรือเว้นว่างไว้ (ระบบหาตำบลจากตำแหน่งเอง)"
        stored_en = (
            f"correct it to {derived.code} or leave it blank (the sub-district comes from the location)"
        )
    if not status.known:
        return AssetProblem(
            "tambon_code",
            f"รหัสตำบล {claimed} ไม่มีในทะเบียนรหัสของกรมการปกครอง ตำแหน่งอยู่ใน {here_th}: {stored_th}",
            f"tambon code {claimed} is not a DOPA sub-district code; the point lies in {here_th}:"
            f" {stored_en}",
        )
    said_th = _short_th(
        status.tambon_th,
        status.amphoe_th,
        status.province_th,
        with_province=claimed[:2] != derived.province_id,
    )
    if not status.current:
        when = datetime.date.fromisoformat(status.abolished_on)
        now = [
            f"{s.code} ({_short_th(s.tambon_th, s.amphoe_th, '', with_province=False)})"
            for s in status.successors
        ]
        now_th = " หรือ ".join(now) or "-"
        now_en = " or ".join(now) or "no current code"
        if derived.code in {s.code for s in status.successors}:
            where_th, where_en = "", ""
        else:
            where_th = f" และตำแหน่งอยู่ใน {here_th}"
            where_en = f"; the point lies in {here_th}"
        return AssetProblem(
            "tambon_code",
            f"รหัสตำบล {claimed} ({said_th}) ถูกยกเลิกเมื่อ {format_date(when)} ปัจจุบันคือ {now_th}{where_th}:"
            f" {stored_th}",
            f"tambon code {claimed} ({said_th}) was abolished on {when.isoformat()}, now {now_en}{where_en}:"
            f" {stored_en}",
        )
    return AssetProblem(
        "tambon_code",
        f"รหัสตำบล {claimed} คือ {said_th} แต่ตำแหน่งอยู่ใน {here_th}: {stored_th}",
        f"tambon code {claimed}: the code says {said_th}; the point lies in {here_th}: {stored_en}",
    )


# --- geometry ---------------------------------------------------------------------------------


def _invalid_reason_th(reason: str) -> str:
    if reason.startswith("Self-intersection"):
        return "เส้นขอบของรูปแปลงตัดกันเอง (รูปโบว์)"
    if reason.startswith("Too few points"):
        return "รูปแปลงมีจุดไม่พอ"
    if reason.startswith("Ring Self-intersection"):
        return "เส้นขอบของรูปแปลงแตะกันเอง"
    if reason.startswith("Nested shells"):
        return "รูปแปลงย่อยซ้อนทับกัน"
    return "รูปเรขาคณิตไม่ถูกต้อง"


def check_geometries(geoms: Any) -> tuple[np.ndarray, list[AssetProblem | None]]:
    """Each geometry as the catalogue stores it (2-D, valid), or the problem that refuses it.

    Vectorised over the whole array; only the invalid ones are looked at one by one.
    """
    geoms = np.asarray(geoms, dtype=object)
    problems: list[AssetProblem | None] = [None] * len(geoms)
    out = np.array(geoms, dtype=object)
    if not len(geoms):
        return out, problems

    missing = shapely.is_missing(geoms)
    present = ~missing
    out[present] = shapely.force_2d(geoms[present])
    empty = present & shapely.is_empty(np.where(present, out, None))
    for i in np.flatnonzero(missing | empty):
        problems[i] = AssetProblem(
            "geom",
            "ไม่มีตำแหน่ง (geometry ว่าง): ใส่พิกัดหรือรูปแปลง",
            "no geometry (missing or empty): give coordinates or a shape",
        )

    live = present & ~empty
    type_ids = shapely.get_type_id(np.where(live, out, None))
    allowed = np.isin(type_ids, _ASSET_GEOMETRY_TYPES)
    for i in np.flatnonzero(live & ~allowed):
        kind = out[i].geom_type
        problems[i] = AssetProblem(
            "geom",
            f"ชนิดรูปเรขาคณิต {kind} ใช้ไม่ได้: ใช้จุด (Point) หรือรูปแปลง (Polygon/MultiPolygon)",
            f"a {kind} cannot be an asset's geometry: use a Point, Polygon or MultiPolygon",
        )

    live &= allowed
    bounds = shapely.bounds(np.where(live, out, None))
    finite = np.isfinite(bounds).all(axis=1)
    xs, ys = np.abs(bounds[:, [0, 2]]), np.abs(bounds[:, [1, 3]])
    # Latitude above 90 may be a swapped pair: the location rule names that case.
    lon_lat = (xs <= 180).all(axis=1) & (ys <= 90).all(axis=1)
    lat_lon = (xs <= 90).all(axis=1) & (ys <= 180).all(axis=1)
    degrees = finite & (lon_lat | lat_lon)
    for i in np.flatnonzero(live & ~degrees):
        problems[i] = AssetProblem(
            "geom",
            "พิกัดไม่ใช่องศาละติจูด/ลองจิจูด: ถ้าไฟล์ใช้ระบบพิกัดอื่น (เช่น UTM EPSG:32647) ต้องระบุ CRS ในไฟล์",
            "coordinates are not longitude/latitude degrees: a file in another CRS (e.g. UTM,"
            " EPSG:32647) must declare it",
        )

    live &= degrees
    valid = shapely.is_valid(np.where(live, out, None))
    for i in np.flatnonzero(live & ~valid):
        repaired = repair_geometry(out[i])
        if repaired is None:
            reason = shapely.is_valid_reason(out[i])
            problems[i] = AssetProblem(
                "geom",
                f"{_invalid_reason_th(reason)} ({reason}) และซ่อมไม่ได้โดยไม่เปลี่ยนพื้นที่: โปรดวาดรูปแปลงใหม่",
                f"invalid geometry ({reason}) that cannot be repaired without changing its area:"
                " redraw the shape",
            )
        else:
            out[i] = repaired
    return out, problems


def repair_geometry(geom: shapely.Geometry) -> shapely.Geometry | None:
    """The valid twin of an invalid polygon when it covers the same area, else None."""
    if geom.geom_type not in POLYGONAL:
        return None
    fixed = shapely.make_valid(geom)
    if fixed.geom_type == "GeometryCollection":
        parts = [g for g in fixed.geoms if g.geom_type in POLYGONAL]
        fixed = shapely.union_all(parts) if parts else shapely.Polygon()
    if fixed.is_empty or fixed.geom_type not in POLYGONAL or not fixed.is_valid:
        return None
    before, after = abs(geom.area), fixed.area
    if abs(after - before) > _AREA_TOLERANCE * max(after, before, 1e-12) + 1e-15:
        return None
    return fixed


def swap_xy(geom: shapely.Geometry) -> shapely.Geometry:
    return shapely.transform(geom, lambda coords: coords[:, ::-1])


def location_problem(
    *, inside: bool, swapped_inside: bool, nearest: Tambon | None = None, metres: float = 0.0
) -> AssetProblem | None:
    """Given whether the location (and the same with x and y swapped) lies in (or within 1 km of) a
    Thai sub-district; `nearest` and `metres` say how far off the nearest one is."""
    if inside:
        return None
    if swapped_inside:
        return AssetProblem(
            "geom",
            "ละติจูดและลองจิจูดน่าจะสลับกัน: ลองจิจูด (lon) ของไทยอยู่ราว 97–106 ละติจูด (lat) ราว 5–21",
            "latitude and longitude look swapped: Thailand's longitude (lon) is about 97–106,"
            " latitude (lat) about 5–21",
        )
    if nearest is not None and metres < NEAR_ENOUGH_TO_NAME_M:
        km = f"{metres / 1000:.1f}"
        return AssetProblem(
            "geom",
            f"ตำแหน่งอยู่นอกประเทศไทย (ในทะเลหรือนอกเขตตำบล) ห่างจาก{address(nearest)} {km} กม."
            f" (ไกลเกิน {NEAREST_WITHIN_M / 1000:.0f} กม.): ตรวจพิกัดอีกครั้ง",
            f"the location lies outside Thailand (in the sea or beyond any sub-district), {km} km from"
            f" {address(nearest, 'en')} (more than {NEAREST_WITHIN_M / 1000:.0f} km): check the coordinates",
        )
    return AssetProblem(
        "geom",
        "ตำแหน่งอยู่นอกประเทศไทย: ตรวจพิกัดอีกครั้ง",
        "the location lies outside Thailand: check the coordinates",
    )


def province_claim_problem(claimed: str, claimed_province: Any, actual: Any) -> AssetProblem | None:
    """A province named by the input must be the one the geometry lies in (derived, never trusted)."""
    if not claimed:
        return None
    if claimed_province is None:
        return AssetProblem(
            "province",
            f"ไม่รู้จักจังหวัด '{claimed}': ใช้ชื่อไทย ชื่ออังกฤษ หรือรหัส 2 หลัก",
            f"unknown province '{claimed}': use its Thai name, English name or 2-digit code",
        )
    if actual is not None and claimed_province.pk != actual.pk:
        return AssetProblem(
            "province",
            f"จังหวัดที่ระบุ ({claimed_province.name_th}) ไม่ตรงกับตำแหน่ง ซึ่งอยู่ในจังหวัด{actual.name_th}:"
            " ตรวจพิกัดหรือชื่อจังหวัด",
            f"the province given ({claimed_province.name_en}) disagrees with the location, which lies in"
            f" {actual.name_en}: check the coordinates or the province",
        )
    return None
