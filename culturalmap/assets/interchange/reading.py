"""Reading the spec's containers (GeoPackage, GeoJSON, zipped Shapefile, CSV) into one frame."""

import io
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pyogrio
import shapely
from pyogrio.errors import DataLayerError, DataSourceError

from . import rules
from .fields import missing_required, normalise_columns
from .rules import AssetProblem, InterchangeFileError

EXTENSIONS = (".gpkg", ".geojson", ".json", ".zip", ".csv")
LAYER = "assets"
# The spec's names first, then what spreadsheets and QGIS exports call them.
LON_COLUMNS = ("lon", "lng", "long", "longitude", "x")
LAT_COLUMNS = ("lat", "latitude", "y")
WKT_COLUMNS = ("wkt", "geometry", "geom", "the_geom")


@dataclass
class AssetFile:
    """The rows of a file, each with its label for messages, and problems found while reading."""

    frame: gpd.GeoDataFrame
    unit: str  # "row" (CSV) or "feature"
    labels: list[int | str]
    problems: dict[int, list[AssetProblem]] = field(default_factory=dict)


def unsupported(path: Path) -> InterchangeFileError:
    return InterchangeFileError(
        f"ไม่รองรับไฟล์ชนิด '{path.suffix}': ใช้ .gpkg .geojson .json .zip (Shapefile) หรือ .csv",
        f"unsupported file type '{path.suffix}': use .gpkg, .geojson, .json, .zip (Shapefile) or .csv",
    )


def read_asset_file(path: str | Path) -> AssetFile:
    path = Path(path)
    if not path.is_file():
        raise InterchangeFileError(f"ไม่พบไฟล์ {path}", f"file not found: {path}")
    suffix = path.suffix.lower()
    if suffix not in EXTENSIONS:
        raise unsupported(path)
    if suffix == ".csv":
        found = _read_csv(path)
    elif suffix == ".zip":
        found = _read_shapefile_zip(path)
    else:
        frame = _read_vector(str(path), layer=_pick_layer(path) if suffix == ".gpkg" else None)
        found = AssetFile(frame, "feature", list(range(1, len(frame) + 1)))
    found.frame = normalise_columns(found.frame)
    missing = missing_required(list(found.frame.columns))
    if missing and len(found.frame):  # an empty GeoJSON keeps no field names: nothing to import
        raise InterchangeFileError(
            f"ไฟล์ไม่มีคอลัมน์ที่ต้องมี: {', '.join(missing)}",
            f"the file lacks required column(s): {', '.join(missing)}",
        )
    return found


def _cannot_read(path: Path | str, error: Exception) -> InterchangeFileError:
    return InterchangeFileError(
        f"อ่านไฟล์ {Path(str(path)).name} ไม่ได้ (ไฟล์เสียหรือไม่ใช่รูปแบบที่นามสกุลบอก): {error}",
        f"cannot read {Path(str(path)).name} (damaged, or not the format its extension says): {error}",
    )


def _read_vector(source: str, *, layer: str | None = None, encoding: str | None = None) -> gpd.GeoDataFrame:
    try:
        frame = gpd.read_file(source, layer=layer, engine="pyogrio", encoding=encoding)
    except (DataSourceError, DataLayerError, OSError, ValueError, UnicodeDecodeError) as error:
        raise _cannot_read(source, error) from error
    if not isinstance(frame, gpd.GeoDataFrame) or frame.geometry is None:
        raise InterchangeFileError("ไฟล์ไม่มีรูปเรขาคณิต", "the file has no geometry")
    if frame.crs is not None and frame.crs.to_epsg() != 4326:
        frame = frame.to_crs(4326)
    elif frame.crs is None:
        frame = frame.set_crs(4326)
    return frame


def _pick_layer(path: Path) -> str:
    try:
        layers = [name for name, _ in pyogrio.list_layers(path)]
    except (DataSourceError, OSError) as error:
        raise _cannot_read(path, error) from error
    if LAYER in layers:
        return LAYER
    if len(layers) == 1:
        return layers[0]
    raise InterchangeFileError(
        f"GeoPackage มีหลายชั้นข้อมูล ({', '.join(layers)}) แต่ไม่มีชั้นชื่อ '{LAYER}'",
        f"the GeoPackage has several layers ({', '.join(layers)}) and none is called '{LAYER}'",
    )


def _read_shapefile_zip(path: Path) -> AssetFile:
    """Every .shp in the zip (e.g. points and polygons): one frame, features named per file."""
    try:
        with zipfile.ZipFile(path) as archive:
            names = archive.namelist()
    except (zipfile.BadZipFile, OSError) as error:
        raise _cannot_read(path, error) from error
    shapefiles = sorted(n for n in names if n.lower().endswith(".shp") and not n.startswith("__MACOSX"))
    if not shapefiles:
        raise InterchangeFileError("ไฟล์ zip ไม่มี Shapefile (.shp)", "the zip holds no Shapefile (.shp)")
    frames, labels = [], []
    for member in shapefiles:
        # Without a .cpg the DBF's encoding is unknown: Thai files are UTF-8 or Windows-874.
        has_cpg = member[:-4] + ".cpg" in names or member[:-4] + ".CPG" in names
        source = f"/vsizip/{path.resolve()}/{member}"
        try:
            frame = _read_vector(source, encoding=None if has_cpg else "utf-8")
        except InterchangeFileError:
            if has_cpg:
                raise
            frame = _read_vector(source, encoding="cp874")
        frame = normalise_columns(frame)
        frames.append(frame)
        name = Path(member).name
        labels += (
            [f"{name}#{i}" for i in range(1, len(frame) + 1)]
            if len(shapefiles) > 1
            else list(range(1, len(frame) + 1))
        )
    frame = gpd.GeoDataFrame(pd.concat(frames, ignore_index=True), geometry="geometry", crs=4326)
    return AssetFile(frame, "feature", labels)


def _read_csv(path: Path) -> AssetFile:
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")  # with or without the BOM Excel writes
    except UnicodeDecodeError as error:
        raise InterchangeFileError(
            "ไฟล์ CSV ไม่ได้เข้ารหัสเป็น UTF-8 (อาจเป็น TIS-620/Windows-874): บันทึกใหม่เป็น 'CSV UTF-8'",
            "the CSV is not UTF-8 (perhaps TIS-620/Windows-874): save it again as 'CSV UTF-8'",
        ) from error
    try:
        # Blank lines are kept while counting, so "row 12" is the 12th row under the header as a
        # spreadsheet shows it, then left out.
        table = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False, skip_blank_lines=False)
    except (pd.errors.ParserError, pd.errors.EmptyDataError) as error:
        raise _cannot_read(path, error) from error
    filled = (table.fillna("").map(str).map(str.strip) != "").any(axis=1).to_numpy()
    labels = [int(i) + 1 for i in np.flatnonzero(filled)]
    return table_file(normalise_columns(table[filled].reset_index(drop=True)), labels)


def table_file(table: pd.DataFrame, labels: list[int | str], *, srid: int = 4326) -> AssetFile:
    """Rows of a table (a CSV, a spreadsheet) with their geometry from `lon` + `lat` (in `srid`:
    degrees, or a projected CRS's metres such as UTM 47N's) or `wkt` columns."""
    columns = set(table.columns)
    n = len(table)
    problems: dict[int, list[AssetProblem]] = {}
    geoms = np.full(n, None, dtype=object)

    lon = next((c for c in LON_COLUMNS if c in columns), None)
    lat = next((c for c in LAT_COLUMNS if c in columns), None)
    wkt = next((c for c in WKT_COLUMNS if c in columns), None)
    if not wkt and not (lon and lat):
        raise InterchangeFileError(
            "CSV ต้องมีคอลัมน์ตำแหน่ง: lon และ lat (องศาทศนิยม) หรือ wkt",
            "the CSV needs location columns: lon and lat (decimal degrees), or wkt",
        )
    if lon and lat:
        xs = _numbers(table[lon], "lon", "ลองจิจูด", "longitude", problems)
        ys = _numbers(table[lat], "lat", "ละติจูด", "latitude", problems)
        both = ~np.isnan(xs) & ~np.isnan(ys)
        geoms[both] = shapely.points(xs[both], ys[both])
    if wkt:
        texts = table[wkt].map(rules.clean_text).to_numpy(dtype=object)
        given = texts != ""
        parsed = shapely.from_wkt(np.where(given, texts, None), on_invalid="ignore")
        for i in np.flatnonzero(given & shapely.is_missing(parsed)):
            problems.setdefault(int(i), []).append(
                AssetProblem(
                    "geom",
                    f"อ่าน WKT ไม่ได้: '{texts[i][:40]}'",
                    f"the wkt cannot be read: '{texts[i][:40]}'",
                )
            )
        geoms[given] = parsed[given]
    frame = gpd.GeoDataFrame(
        table.drop(columns=[c for c in (wkt,) if c]), geometry=gpd.GeoSeries(geoms, crs=srid)
    )
    if srid != 4326:
        frame = frame.to_crs(4326)
    return AssetFile(frame, "row", labels, problems)


def _numbers(values: pd.Series, column: str, th: str, en: str, problems) -> np.ndarray:
    texts = values.map(rules.clean_digits)
    numbers = pd.to_numeric(texts, errors="coerce").to_numpy(dtype=float)
    for i in np.flatnonzero(np.isnan(numbers) & (texts != "").to_numpy()):
        problems.setdefault(int(i), []).append(
            AssetProblem(
                "geom",
                f"{th} ({column}) '{values.iloc[i]}' ไม่ใช่ตัวเลของศาทศนิยม",
                f"{en} ({column}) '{values.iloc[i]}' is not a decimal number of degrees",
            )
        )
    return numbers
