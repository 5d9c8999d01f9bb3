"""Open-data releases: build one from the public catalogue, find them, say what changed.

A release is a folder of settings.OPEN_DATA_DIR named by its version, `<date>-<checksum>` (the first
8 hex digits of the SHA-256 of its records), holding one GeoPackage with a layer per kind of record,
a GeoJSON and a CSV per kind, the data dictionary, a README with the licence and the attribution
of the geographic sources, SHA256SUMS, `manifest.json` (the release described) and `records.json`
(each record's digest, so the next release can say what was added, changed or removed).

Every file is made from the OGC API's features (culturalmap.ogc.features): the public records only,
a site at risk at its generalised location, exactly as the map and the API give them. A build that
finds nothing changed since the current release (each kind's count and last change, the format and
the licence) makes nothing, so `make setup` and a nightly job can run it at no cost.
"""

import csv
import datetime
import hashlib
import json
import os
import re
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import geopandas as gpd
import pandas as pd
import shapely
from django.conf import settings
from django.db.models import Count, Max
from django.utils import timezone

from culturalmap.core import records
from culturalmap.core.records import RecordKind
from culturalmap.ogc import features
from geodata.sources import SOURCES

FORMAT = 1  # bump when the files' layout changes: the next build then makes a new release
GEOPACKAGE = "thailand-cultural-map.gpkg"
DICTIONARY = "data-dictionary.csv"
CURRENT = "CURRENT"
VERSION = re.compile(r"^\d{4}-\d{2}-\d{2}-[0-9a-f]{8}$")
MEDIA_TYPES = {
    ".gpkg": "application/geopackage+sqlite3",
    ".geojson": "application/geo+json",
    ".csv": "text/csv; charset=utf-8",
    ".json": "application/json",
    ".txt": "text/plain; charset=utf-8",
    "": "text/plain; charset=utf-8",
}


@dataclass
class Release:
    """A release as its manifest describes it."""

    version: str
    date: datetime.date
    built_at: datetime.datetime
    checksum: str
    fingerprint: str
    path: Path
    kinds: list[dict[str, Any]] = field(default_factory=list)
    files: list[dict[str, Any]] = field(default_factory=list)
    changes: dict[str, Any] = field(default_factory=dict)
    licence: dict[str, str] = field(default_factory=dict)

    @classmethod
    def read(cls, path: Path) -> "Release":
        manifest = json.loads((path / "manifest.json").read_text(encoding="utf-8"))
        return cls(
            version=manifest["version"],
            date=datetime.date.fromisoformat(manifest["date"]),
            built_at=datetime.datetime.fromisoformat(manifest["built_at"]),
            checksum=manifest["checksum"],
            fingerprint=manifest["fingerprint"],
            path=path,
            kinds=manifest["kinds"],
            files=manifest["files"],
            changes=manifest["changes"],
            licence=manifest["licence"],
        )

    def file(self, name: str) -> dict[str, Any] | None:
        return next((f for f in self.files if f["name"] == name), None)

    def records(self) -> dict[str, dict[str, list]]:
        return json.loads((self.path / "records.json").read_text(encoding="utf-8"))

    def changed_records(self) -> dict[str, dict[str, list]]:
        """Per kind: added, changed and removed records as [code, name_th, name_en]."""
        path = self.path / "changes.json"
        return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


# Finding releases -------------------------------------------------------------------------------


def _root() -> Path:
    return Path(settings.OPEN_DATA_DIR)


def releases() -> list[Release]:
    """Every release kept, newest first."""
    root = _root()
    if not root.is_dir():
        return []
    found = [
        Release.read(p) for p in root.iterdir() if VERSION.match(p.name) and (p / "manifest.json").exists()
    ]
    return sorted(found, key=lambda r: r.built_at, reverse=True)


def current_release() -> Release | None:
    pointer = _root() / CURRENT
    if pointer.exists():
        found = release_named(pointer.read_text().strip())
        if found:
            return found
    every = releases()
    return every[0] if every else None


def release_named(version: str) -> Release | None:
    """A kept release by its version (anything else, a path included, is None)."""
    if not VERSION.match(version or ""):
        return None
    path = _root() / version
    return Release.read(path) if (path / "manifest.json").exists() else None


# What a release depends on ----------------------------------------------------------------------


def fingerprint() -> str:
    """Changes whenever a release would differ: a record of a kind added, changed or withdrawn (its
    count, its last change), a kind registered, the files' format or the licence."""
    state: list[Any] = [FORMAT, settings.OPEN_DATA_LICENCE, settings.SITE_URL]
    for kind in records.kinds():
        summary = kind.public().aggregate(n=Count("pk"), last=Max("updated_at"))
        state.append([kind.code, summary["n"], summary["last"].isoformat() if summary["last"] else None])
    return hashlib.sha256(json.dumps(state, sort_keys=True, default=str).encode()).hexdigest()


# Building ---------------------------------------------------------------------------------------


def _digest(feature: dict) -> str:
    """What a reader of the release sees of a record (its time aside: a change nobody can see in the
    files, a curator's note, is no change of the release)."""
    shown = {**feature, "properties": {k: v for k, v in feature["properties"].items() if k != "updated_at"}}
    return hashlib.sha256(json.dumps(shown, sort_keys=True, ensure_ascii=False).encode()).hexdigest()[:16]


def _frame(kind: RecordKind, rows: list[dict]) -> gpd.GeoDataFrame:
    columns = [c.name for c in features.columns(kind)]
    if rows:
        frame = gpd.GeoDataFrame.from_features(rows, crs=4326)
    else:
        frame = gpd.GeoDataFrame({name: [] for name in columns}, geometry=gpd.GeoSeries([], crs=4326))
    for name in columns:
        if name not in frame.columns:
            frame[name] = None
    frame = frame[[*columns, "geometry"]]
    frame["updated_at"] = pd.to_datetime(frame["updated_at"], utc=True)
    return frame


def _write_kind(kind: RecordKind, folder: Path) -> tuple[list[dict], int]:
    """The kind's GeoJSON, CSV and GeoPackage layer; returns its features and how many."""
    page = features.feature_page(kind, limit=None, base_url=settings.SITE_URL)
    (folder / f"{kind.layer}.geojson").write_text(
        '{"type":"FeatureCollection","name":' + json.dumps(kind.layer) + ',"features":' + page.features + "}",
        encoding="utf-8",
    )
    rows = json.loads(page.features)
    frame = _frame(kind, rows)
    table = pd.DataFrame(frame.drop(columns="geometry"))
    table["updated_at"] = frame["updated_at"].map(lambda t: t.isoformat() if pd.notna(t) else "")
    table["wkt"] = shapely.to_wkt(frame.geometry.to_numpy(), rounding_precision=-1) if len(frame) else []
    # The BOM lets Excel, which Thai offices open CSVs with, show Thai correctly.
    table.to_csv(folder / f"{kind.layer}.csv", index=False, encoding="utf-8-sig")
    frame.to_file(
        folder / GEOPACKAGE,
        layer=kind.layer,
        driver="GPKG",
        engine="pyogrio",
        geometry_type="Unknown",
        # GeoPackage 1.2: what Debian's GDAL 3.6 and the QGIS of government offices read without a warning.
        dataset_options={"VERSION": "1.2"},
        layer_options={"DESCRIPTION": f"{kind.name_th} / {kind.plural_en}"},
    )
    return rows, len(rows)


def _write_dictionary(folder: Path) -> None:
    with open(folder / DICTIONARY, "w", encoding="utf-8-sig", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["layer", "field", "type", "meaning_th", "meaning_en"])
        for kind in records.kinds():
            for column in features.columns(kind):
                writer.writerow([kind.layer, column.name, column.type, column.th, column.en])
            writer.writerow([kind.layer, "geometry / wkt", "geometry", GEOMETRY_TH, GEOMETRY_EN])


GEOMETRY_TH = "รูปเรขาคณิต WGS84 (EPSG:4326): แหล่งที่เสี่ยงต่อการถูกลักลอบขุดเป็นจุดโดยประมาณ (ตาราง 0.05 องศา)"
GEOMETRY_EN = "geometry in WGS84 (EPSG:4326): a site at risk of looting is a generalised point (0.05° grid)"


def _changes(previous: Release | None, digests: dict[str, dict[str, list]]) -> tuple[dict, dict]:
    """Per kind, the records added, changed and removed since `previous`: counts, and the lists."""
    before = previous.records() if previous else {}
    lists: dict[str, dict[str, list]] = {}
    counts: dict[str, dict[str, int]] = {}
    for code, now in digests.items():
        old = before.get(code, {})
        found = {
            "added": [[c, *now[c][1:]] for c in sorted(now) if c not in old],
            "changed": [[c, *now[c][1:]] for c in sorted(now) if c in old and old[c][0] != now[c][0]],
            "removed": [[c, *old[c][1:]] for c in sorted(old) if c not in now],
        }
        lists[code] = found
        counts[code] = {name: len(rows) for name, rows in found.items()}
    summary = {"previous": previous.version if previous else None, "kinds": counts}
    return summary, lists


def _readme(version: str, date: datetime.date, counts: dict[str, int]) -> str:
    licence = settings.OPEN_DATA_LICENCE
    lines = [
        f"{settings.OPEN_DATA_ATTRIBUTION}: open data release {version} ({date.isoformat()})",
        "",
        f"สัญญาอนุญาต / Licence: {licence['name']} ({licence.get('name_th', '')}) {licence.get('url', '')}",
        f"ให้เครดิตว่า / Attribute as: {settings.OPEN_DATA_ATTRIBUTION}, {settings.SITE_URL}/open-data/",
        "",
        "ระเบียน / Records (published only; sites at risk of looting at a generalised location):",
        *(f"  {layer}: {n}" for layer, n in counts.items()),
        "",
        "ข้อมูลภูมิศาสตร์ / Geographic sources:",
        *(
            f"  {s.what_en} ({s.what_th}): {s.source}; {s.licence}; attribution: {s.attribution}"
            for s in SOURCES
        ),
        "",
        f"Files: {GEOPACKAGE} (a layer per kind), <layer>.geojson, <layer>.csv (geometry as WKT),",
        f"{DICTIONARY} (every column in Thai and English), manifest.json,",
        "SHA256SUMS (check the files with: sha256sum -c SHA256SUMS).",
        "The cultural assets' columns are those of the asset interchange format: a file imports back.",
    ]
    return "\n".join(lines) + "\n"


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _describe(path: Path) -> dict[str, Any]:
    return {
        "name": path.name,
        "bytes": path.stat().st_size,
        "sha256": _sha256(path),
        "media_type": MEDIA_TYPES.get(path.suffix, MEDIA_TYPES[""]),
    }


def _describe_files(folder: Path) -> list[dict[str, Any]]:
    """Every file with its size and SHA-256, SHA256SUMS among them; the manifest (which cannot hold
    its own checksum) listed last, without one."""
    found = [_describe(path) for path in sorted(folder.iterdir())]
    with open(folder / "SHA256SUMS", "w", encoding="utf-8") as out:
        out.writelines(f"{f['sha256']}  {f['name']}\n" for f in found)
    found.append(_describe(folder / "SHA256SUMS"))
    found.append({"name": "manifest.json", "bytes": None, "sha256": None, "media_type": MEDIA_TYPES[".json"]})
    return found


def open_data_release_build(*, force: bool = False, today: datetime.date | None = None) -> Release | None:
    """Build a release of the public catalogue unless nothing changed since the current one (None
    then; `force` builds regardless). The new release becomes current once complete."""
    root = _root()
    root.mkdir(parents=True, exist_ok=True)
    state = fingerprint()
    previous = current_release()
    if previous and previous.fingerprint == state and not force:
        return None
    today = today or timezone.localdate()
    work = Path(tempfile.mkdtemp(prefix=".build-", dir=root))
    try:
        digests: dict[str, dict[str, list]] = {}
        kinds = []
        for kind in records.kinds():
            rows, count = _write_kind(kind, work)
            digests[kind.code] = {
                f["id"]: [_digest(f), f["properties"]["name_th"], f["properties"]["name_en"]] for f in rows
            }
            kinds.append(
                {
                    "code": kind.code,
                    "layer": kind.layer,
                    "name_th": kind.name_th,
                    "name_en": kind.plural_en,
                    "count": count,
                }
            )
        checksum = hashlib.sha256(json.dumps(digests, sort_keys=True).encode()).hexdigest()
        version = f"{today.isoformat()}-{checksum[:8]}"
        summary, lists = _changes(previous, digests)
        _write_dictionary(work)
        (work / "README.txt").write_text(
            _readme(version, today, {k["layer"]: k["count"] for k in kinds}), encoding="utf-8"
        )
        (work / "records.json").write_text(json.dumps(digests, ensure_ascii=False), encoding="utf-8")
        (work / "changes.json").write_text(json.dumps(lists, ensure_ascii=False), encoding="utf-8")
        files = _describe_files(work)
        manifest = {
            "version": version,
            "date": today.isoformat(),
            "built_at": timezone.now().isoformat(),
            "checksum": checksum,
            "fingerprint": state,
            "format": FORMAT,
            "licence": settings.OPEN_DATA_LICENCE,
            "attribution": settings.OPEN_DATA_ATTRIBUTION,
            "sources": [s.__dict__ for s in SOURCES],
            "kinds": kinds,
            "files": files,
            "changes": summary,
        }
        (work / "manifest.json").write_text(
            json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8"
        )
        work.chmod(0o755)  # mkdtemp's folder is its owner's only; the web server reads it
        target = root / version
        if target.exists():  # the same records rebuilt the same day (a new format, say)
            shutil.rmtree(target)
        os.replace(work, target)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    _point_to(version)
    _prune()
    return Release.read(root / version)


def _point_to(version: str) -> None:
    pointer = _root() / CURRENT
    with tempfile.NamedTemporaryFile("w", dir=_root(), delete=False) as out:
        out.write(version)
    os.replace(out.name, pointer)


def _prune() -> None:
    for old in releases()[settings.OPEN_DATA_RELEASES_KEPT :]:
        shutil.rmtree(old.path, ignore_errors=True)
