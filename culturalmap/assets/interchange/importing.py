"""Bulk import of asset records in the interchange format: check every row, then upsert in bulk.

A whole file is checked at once (geometry rules on arrays; sub-districts, and so districts and
provinces, by one spatial statement: culturalmap.assets.places), then written with two bulk
statements under an advisory lock.
A refused row changes nothing stored; in strict mode one refused row stops the whole import.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import shapely
from django.contrib.gis.geos import GEOSGeometry
from django.db import connection, transaction
from django.db.models import Q

# The module, not its names: culturalmap.assets.places reads this package's rules (an import cycle).
from culturalmap.assets import places
from culturalmap.assets.history import KIND, asset_snapshots
from culturalmap.assets.models import Asset
from culturalmap.core.changes import records_changed
from culturalmap.core.history import Change, RevisionVia, revisions_record
from culturalmap.core.permissions import AnyUser
from culturalmap.core.publication import PublicationStatus
from geodata.models import Province
from geodata.selectors import province_by_name_or_code

from . import rules
from .fields import missing_required, normalise_columns
from .reading import read_asset_file
from .rules import AssetProblem, InterchangeFileError

# pg_advisory_xact_lock key: two imports never interleave their matching and writing.
IMPORT_LOCK_KEY = 0x43_4D_41_53_53_45_54  # "CMASSET"

# Fields an import sets on an existing record, by the column that carries them.
_COLUMN_FIELDS = {
    "name_th": ["name_th"],
    "name_en": ["name_en"],
    "category": ["archetype"],
    "description_th": ["description_th"],
    "description_en": ["description_en"],
    "period": ["period"],
    "risk": ["risk"],
    "keywords": ["keywords"],
    "source": ["source"],
    "risk_reason": ["risk_reason"],
}
# Status, view count, code and creation date stay as the catalogue has them.
# The places follow the geometry, whatever the file says (a tambon_code column is only a claim).
_ALWAYS_UPDATED = ["geom", "province", "tambon_code", "public_tambon_code", "updated_at"]

UNITS = {"row": ("แถว", "row"), "feature": ("รายการที่", "feature")}


@dataclass
class RowMessage:
    row: int | str
    reason: str
    ref: str | None = None
    name: str | None = None
    reason_th: str = ""
    reason_en: str = ""
    # "row": a CSV data row or frame row, counted from 1 after the header;
    # "feature": a feature of a GeoPackage/GeoJSON/Shapefile layer, counted from 1 in file order.
    unit: str = "row"

    def line(self) -> str:
        th_unit, en_unit = UNITS.get(self.unit, UNITS["row"])
        who = " ".join(x for x in (f"ref={self.ref}" if self.ref else "", self.name or "") if x)
        who = f" [{who}]" if who else ""
        if self.reason_th and self.reason_en:
            return f"{th_unit} {self.row}: {self.reason_th} / {en_unit} {self.row}: {self.reason_en}{who}"
        return f"{th_unit} {self.row} / {en_unit} {self.row}: {self.reason}{who}"


@dataclass
class RefusedRow(RowMessage):
    """A row that was not imported, and why."""


@dataclass
class RowWarning(RowMessage):
    """A row that was imported, but with a value left out (e.g. a malformed tambon code)."""


@dataclass
class ImportReport:
    created: int
    updated: int
    refused: list[RefusedRow]
    strict: bool
    warnings: list[RowWarning] = field(default_factory=list)
    rows: int = 0
    asset_ids: list[int] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.refused

    @property
    def imported(self) -> int:
        return self.created + self.updated

    def as_text(self) -> str:
        lines = [
            f"สร้างใหม่ {self.created} แก้ไข {self.updated} ปฏิเสธ {len(self.refused)} (จาก {self.rows} แถว)"
            f" / created {self.created}, updated {self.updated}, refused {len(self.refused)}"
            f" (of {self.rows} rows)"
        ]
        if self.strict and self.refused:
            lines.append(
                "โหมดเข้มงวด: ไม่นำเข้าเลยเพราะมีแถวที่ถูกปฏิเสธ"
                " / strict mode: nothing was imported because rows were refused"
            )
        lines += [f"ปฏิเสธ / refused: {r.line()}" for r in self.refused]
        lines += [f"คำเตือน / warning: {w.line()}" for w in self.warnings]
        return "\n".join(lines)


@dataclass
class _Row:
    """One checked row, ready to become an Asset."""

    ref: str | None
    code: str | None
    values: dict[str, Any]
    claimed_province: str
    claimed_tambon: str = ""


def asset_frame_import(
    frame: gpd.GeoDataFrame, *, strict: bool = False, user: "AnyUser | None" = None
) -> ImportReport:
    """Import interchange rows (columns of the spec + geometry; an optional `code` column)."""
    return import_rows(frame, strict=strict, user=user)


def asset_file_import(
    *, path: str | Path, strict: bool = False, user: "AnyUser | None" = None
) -> ImportReport:
    """Import a GeoPackage, GeoJSON, zipped Shapefile or CSV file; InterchangeFileError when the
    file cannot be read at all (nothing is imported then). `user`: who imports (the history)."""
    found = read_asset_file(path)
    return import_file(found, strict=strict, user=user)


def import_file(found, *, strict: bool = False, user: "AnyUser | None" = None) -> ImportReport:
    """Import the rows of a file already read (culturalmap.assets.interchange.reading.AssetFile)."""
    return import_rows(
        found.frame,
        strict=strict,
        unit=found.unit,
        labels=found.labels,
        early_problems=found.problems,
        user=user,
    )


def import_rows(
    frame: gpd.GeoDataFrame,
    *,
    strict: bool = False,
    unit: str = "row",
    labels: list[int | str] | None = None,
    early_problems: dict[int, list[AssetProblem]] | None = None,
    user: "AnyUser | None" = None,
) -> ImportReport:
    """The import proper. `labels` name each row in messages; `early_problems` come from reading
    (e.g. a CSV cell that is not a number), keyed by row position."""
    frame = _readable_frame(frame)
    if not len(frame):
        return ImportReport(created=0, updated=0, refused=[], strict=strict)

    n = len(frame)
    labels = labels if labels is not None else list(range(1, n + 1))
    problems: list[list[AssetProblem]] = [list((early_problems or {}).get(i, [])) for i in range(n)]
    columns = set(frame.columns)

    def column(name: str) -> list[Any]:
        return frame[name].tolist() if name in columns else [None] * n

    cols = {
        name: column(name)
        for name in (
            "ref",
            "code",
            "name_th",
            "name_en",
            "category",
            "description_th",
            "description_en",
            "period",
            "province",
            "tambon_code",
            "risk",
            "risk_reason",
            "keywords",
            "source",
        )
    }
    rows = [_check_row(i, cols, problems[i]) for i in range(n)]

    geoms, geom_problems = rules.check_geometries(frame.geometry.to_numpy())
    for i, problem in enumerate(geom_problems):
        # A CSV cell that is not a number already says why there is no geometry.
        if problem and not any(p.field == "geom" for p in problems[i]):
            problems[i].append(problem)

    placeable = np.flatnonzero([not any(p.field == "geom" for p in ps) for ps in problems])
    warned: dict[int, RowWarning] = {}
    claims: dict[str, Province | None] = {}
    for i, placed in zip(placeable, place_rows(geoms[placeable]), strict=True):
        row = rows[i]
        if placed.code is None:
            problems[i].append(placed.problem)
            continue
        province = placed.province
        claimed = row.claimed_province
        if claimed and claimed not in claims:
            claims[claimed] = province_by_name_or_code(claimed)
        problem = rules.province_claim_problem(claimed, claims.get(claimed), province)
        if problem:
            problems[i].append(problem)
        row.values["province"] = province
        row.values["geom"] = geoms[i]
        row.values["tambon_code"] = placed.code
        # A high-risk site's public place is its generalised point's: derived once it is written.
        row.values["public_tambon_code"] = placed.code
        claim = row.claimed_tambon
        problem = rules.tambon_claim_problem(claim, placed.tambon) if claim and claim != placed.code else None
        if problem:
            warned[i] = _message(RowWarning, i, problem, labels, unit, row)

    _refuse_duplicates(rows, problems, labels, unit)

    update_fields = [f for c, fs in _COLUMN_FIELDS.items() if c in columns for f in fs]
    return _store(rows, problems, warned, labels, unit, strict=strict, update_fields=update_fields, user=user)


def _readable_frame(frame: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """The frame with the spec's column names, in WGS84; InterchangeFileError when it has no geometry
    or lacks a required column."""
    try:
        frame.geometry  # noqa: B018 - a GeoDataFrame without an active geometry raises here
    except AttributeError as error:
        raise InterchangeFileError("ไม่มีคอลัมน์รูปเรขาคณิต (geometry)", "there is no geometry column") from error
    frame = normalise_columns(frame)
    missing = missing_required(list(frame.columns))
    if len(frame) and missing:
        raise InterchangeFileError(
            f"ไม่มีคอลัมน์ที่ต้องมี: {', '.join(missing)}",
            f"required column(s) missing: {', '.join(missing)}",
        )
    if frame.crs is None:
        return frame.set_crs(4326)  # the spec: no declared CRS means WGS84
    return frame if frame.crs.to_epsg() == 4326 else frame.to_crs(4326)


def _store(
    rows, problems, warned, labels, unit, *, strict: bool, update_fields: list[str], user: "AnyUser | None"
) -> ImportReport:
    """Match the rows to stored records and write the good ones, one import at a time."""
    n = len(rows)
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [IMPORT_LOCK_KEY])
        targets = _match_existing(rows, problems, labels, unit)
        repeats = _repeats_without_ref(rows, problems, targets, labels, unit)
        refused = [_message(RefusedRow, i, ps, labels, unit, rows[i]) for i, ps in enumerate(problems) if ps]
        # Warnings only for rows that are taken: a refused row's reasons say enough.
        warnings = [w for i, w in sorted([*warned.items(), *repeats]) if not problems[i]]
        report = ImportReport(created=0, updated=0, refused=refused, strict=strict, warnings=warnings, rows=n)
        if strict and refused:
            return report
        good = [i for i in range(n) if not problems[i]]
        before = asset_snapshots([targets[i].pk for i in good if i in targets])
        created, updated = _write(rows, good, targets, update_fields + _ALWAYS_UPDATED)
        report.created, report.updated = len(created), len(updated)
        report.asset_ids = created + updated
        places.asset_public_places_derive(asset_ids=report.asset_ids)
        after = asset_snapshots(report.asset_ids)
        revisions_record(
            kind=KIND,
            changes=[Change(pk, before.get(pk), after[pk]) for pk in report.asset_ids],
            user=user,
            via=RevisionVia.IMPORT,
        )
        records_changed("asset", report.asset_ids)
    return report


def _check_row(i: int, cols: dict[str, list[Any]], problems: list[AssetProblem]) -> _Row:
    """The plain (non-spatial) rules for one row; what breaks them goes to `problems`."""

    def attempt(check, *values: Any) -> Any:
        try:
            return check(*values)
        except AssetProblem as problem:
            problems.append(problem)
            return None

    values: dict[str, Any] = {}
    names = attempt(rules.clean_names, cols["name_th"][i], cols["name_en"][i])
    if names:
        values["name_th"], values["name_en"] = names
    values["archetype"] = attempt(rules.clean_archetype, cols["category"][i])
    values["risk"] = attempt(rules.clean_risk, cols["risk"][i])
    values["keywords"] = attempt(rules.clean_keywords, cols["keywords"][i])
    for name in ("period", "source"):
        values[name] = rules.clean_text(cols[name][i])
        attempt(rules.check_length, name, values[name])
    for name in ("description_th", "description_en", "risk_reason"):
        values[name] = rules.clean_text(cols[name][i], single_line=False)
    return _Row(
        ref=attempt(rules.clean_ref, cols["ref"][i]),
        code=attempt(rules.clean_code, cols["code"][i]),
        values=values,
        claimed_province=rules.clean_text(cols["province"][i]),
        claimed_tambon=rules.clean_tambon(cols["tambon_code"][i]),
    )


def place_rows(geoms: np.ndarray) -> list["places.Placed"]:
    """The sub-district of each row's geometry, or why it is refused (one statement for the file)."""
    return places.place_geometries(geoms)


def _refuse_duplicates(rows, problems, labels, unit) -> None:
    """A ref (or a code) that appears on more than one row: none of those rows is taken."""
    for key in ("ref", "code"):
        seen: dict[str, list[int]] = defaultdict(list)
        for i, row in enumerate(rows):
            value = getattr(row, key)
            if value:
                seen[value].append(i)
        for value, where in seen.items():
            if len(where) < 2:
                continue
            for i in where:
                others = ", ".join(str(labels[j]) for j in where if j != i)
                problems[i].append(
                    AssetProblem(
                        key,
                        f"{key} '{value}' ซ้ำกับ{UNITS[unit][0]} {others} ในไฟล์เดียวกัน:"
                        f" แต่ละระเบียนต้องมี {key} ไม่ซ้ำ",
                        f"{key} '{value}' appears again in {UNITS[unit][1]} {others} of this file:"
                        f" each record needs its own {key}",
                    )
                )


def _place_key(row: _Row) -> tuple:
    point = shapely.point_on_surface(row.values["geom"])
    return (row.values.get("name_th"), row.values.get("name_en"), round(point.x, 6), round(point.y, 6))


def _repeats_without_ref(rows, problems, targets, labels, unit) -> list[tuple[int, RowWarning]]:
    """Rows without a ref can only add records: say so when one repeats a row of the file, or a
    stored record, by name and place (the survey team may want to give them refs)."""
    fresh = [
        i
        for i, row in enumerate(rows)
        if not row.ref and i not in targets and not problems[i] and "geom" in row.values
    ]
    if not fresh:
        return []
    names = {rows[i].values.get("name_th") for i in fresh} | {rows[i].values.get("name_en") for i in fresh}
    names.discard("")
    stored = {}
    same_names = Asset.objects.filter(Q(name_th__in=names) | Q(name_en__in=names))
    for code, name_th, name_en, location in same_names.values_list("code", "name_th", "name_en", "location"):
        stored.setdefault((name_th, name_en, round(location.x, 6), round(location.y, 6)), code)
    found: list[tuple[int, RowWarning]] = []
    first_row: dict[tuple, int] = {}
    for i in fresh:
        key = _place_key(rows[i])
        if key in first_row:
            th = f"ชื่อและตำแหน่งเดียวกับ{UNITS[unit][0]} {labels[first_row[key]]}: จะได้สองระเบียน"
            en = f"same name and place as {UNITS[unit][1]} {labels[first_row[key]]}: this makes two records"
        elif key in stored:
            th = f"มีระเบียน {stored[key]} ชื่อและตำแหน่งเดียวกันอยู่แล้ว: ใส่ ref เพื่อให้นำเข้าซ้ำเป็นการแก้ไข"
            en = (
                f"record {stored[key]} already has this name and place: give rows a ref so that"
                " importing again updates instead of adding"
            )
        else:
            first_row[key] = i
            continue
        found.append((i, _message(RowWarning, i, AssetProblem("ref", th, en), labels, unit, rows[i])))
    return found


def _match_existing(rows, problems, labels, unit) -> dict[int, Asset]:
    """Row position -> the stored record it updates: by ref, else a ref equal to a record's code
    (an export of records without a ref writes ref = code), else by the `code` column."""
    refs = {row.ref for row in rows if row.ref}
    codes = {row.code for row in rows if row.code}
    by_ref = {a.ref: a for a in Asset.objects.filter(ref__in=refs).only("id", "code", "ref")}
    by_code = {a.code: a for a in Asset.objects.filter(code__in=refs | codes).only("id", "code", "ref")}
    targets: dict[int, Asset] = {}
    for i, row in enumerate(rows):
        target = None
        if row.ref:
            target = by_ref.get(row.ref) or by_code.get(row.ref)
        elif row.code:
            target = by_code.get(row.code)
        if target is not None:
            targets[i] = target
        elif row.code and row.code in by_code:
            other = by_code[row.code]
            problems[i].append(
                AssetProblem(
                    "code",
                    f"รหัสถาวร {row.code} เป็นของระเบียนอื่นแล้ว (ref {other.ref or '-'}): เว้นว่างคอลัมน์ code",
                    f"permalink code {row.code} already belongs to another record (ref {other.ref or '-'}):"
                    " leave the code column blank",
                )
            )
    hits = Counter(t.pk for i, t in targets.items() if not problems[i])
    for i, target in targets.items():
        if hits[target.pk] > 1 and not problems[i]:
            others = [labels[j] for j, t in targets.items() if t.pk == target.pk and j != i]
            problems[i].append(
                AssetProblem(
                    "ref",
                    f"แถวนี้และ{UNITS[unit][0]} {', '.join(map(str, others))} ชี้ไปที่ระเบียน {target.code} เดียวกัน",
                    f"this and {UNITS[unit][1]} {', '.join(map(str, others))} point at the same record"
                    f" {target.code}",
                )
            )
    return targets


def _write(rows, good: list[int], targets: dict[int, Asset], update_fields: list[str]):
    new_assets: list[Asset] = []
    changed: list[Asset] = []
    for i in good:
        row = rows[i]
        values = dict(row.values)
        values["geom"] = GEOSGeometry(memoryview(shapely.to_wkb(values["geom"])), srid=4326)
        target = targets.get(i)
        if target is None:
            # ref = code is how an export writes a record that had no ref: it still has none.
            ref = None if row.ref and row.ref == row.code else row.ref
            asset = Asset(**values, ref=ref, status=PublicationStatus.PUBLISHED)
            if row.code:
                asset.code = row.code
            new_assets.append(asset)
        else:
            # An INSERT .. ON CONFLICT (id) DO UPDATE of just the fields the file carries:
            # one statement per batch, where bulk_update would build a CASE per field and row.
            asset = Asset(pk=target.pk, code=target.code, ref=target.ref, **values)
            changed.append(asset)
    created = Asset.objects.bulk_create(new_assets, batch_size=1000)
    Asset.objects.bulk_create(
        changed, batch_size=1000, update_conflicts=True, unique_fields=["id"], update_fields=update_fields
    )
    return [a.pk for a in created], [a.pk for a in changed]


def _message(cls, i: int, problems, labels, unit, row: _Row):
    problems = problems if isinstance(problems, list) else [problems]
    th = "; ".join(p.th for p in problems)
    en = "; ".join(p.en for p in problems)
    name = row.values.get("name_th") or row.values.get("name_en") or None
    return cls(
        row=labels[i], reason=f"{th} / {en}", ref=row.ref, name=name, reason_th=th, reason_en=en, unit=unit
    )
