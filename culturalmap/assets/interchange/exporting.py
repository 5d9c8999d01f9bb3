"""Writing asset records in the interchange format; the container comes from the file's extension."""

import tempfile
import warnings
import zipfile
from pathlib import Path

import geopandas as gpd
import pandas as pd
import shapely
from django.db.models import QuerySet

from culturalmap.assets.models import Asset, Risk
from culturalmap.assets.records import ASSET
from geodata.areas import address, tambons_by_code

from .fields import EXPORT_FIELDS, PLACE_FIELDS, SHAPEFILE_NAMES
from .reading import EXTENSIONS, LAYER, unsupported

DBF_TEXT_BYTES = 254  # a Shapefile's text field holds at most this many bytes (Thai: ~84 letters)


class ExportWarning(UserWarning):
    """Something the chosen container cannot hold (a Shapefile's short text fields)."""


def asset_frame(assets: QuerySet[Asset] | None = None, *, public: bool = False) -> gpd.GeoDataFrame:
    """The records as interchange rows: the spec's fields, `code`, and ref = code when there is none.

    `public`: only published records, and a high-risk record shows its generalised public
    location, never its exact geometry, nor the sub-district, district or province of its exact
    point (nor the curators' risk_reason).
    """
    queryset = Asset.objects.all() if assets is None else assets
    if public:
        queryset = queryset.filter(ASSET.public_filter())
    records = queryset.order_by("code").values(
        "code",
        "ref",
        "name_th",
        "name_en",
        "archetype",
        "description_th",
        "description_en",
        "period",
        "province__name_th",
        "tambon_code",
        "public_tambon_code",
        "risk",
        "keywords",
        "source",
        "risk_reason",
        "geom",
        "public_location",
    )
    records = list(records)
    shown = "public_tambon_code" if public else "tambon_code"
    tambons = tambons_by_code(r[shown] for r in records)
    rows, geoms = [], []
    for r in records:
        hidden = public and r["risk"] == Risk.HIGH
        geoms.append(bytes((r["public_location"] if hidden else r["geom"]).wkb))
        tambon = tambons.get(r[shown])
        rows.append(
            {
                **r,
                "ref": r["ref"] or r["code"],
                "category": r["archetype"],
                "keywords": ";".join(r["keywords"]),
                "risk_reason": "" if public else r["risk_reason"],
                **_place_columns(tambon, province="" if hidden else r["province__name_th"]),
            }
        )
    frame = pd.DataFrame(rows, columns=EXPORT_FIELDS)
    return gpd.GeoDataFrame(frame, geometry=gpd.GeoSeries.from_wkb(geoms, crs=4326))


def _place_columns(tambon, *, province: str) -> dict[str, str]:
    """The place a reader of the file is shown, as the spec's province and tambon_code and as names
    (a record stored without its sub-district: its province, unless that would tell too much)."""
    if tambon is None:
        return {**dict.fromkeys(["tambon_code", *PLACE_FIELDS], ""), "province": province}
    return {
        "province": tambon.province.name_th,
        "tambon_code": tambon.code,
        "tambon_th": tambon.name_th,
        "amphoe_th": tambon.amphoe.name_th,
        "postcode": tambon.postcodes[0] if tambon.postcodes else "",
        "address_th": address(tambon, "th"),
        "address_en": address(tambon, "en"),
    }


def asset_file_export(
    *, path: str | Path, assets: QuerySet[Asset] | None = None, public: bool = False
) -> int:
    """Write the records to `path` (.gpkg layer `assets`, .geojson/.json, .zip Shapefile, .csv with
    a `wkt` column); returns how many were written."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in EXTENSIONS:
        raise unsupported(path)
    frame = asset_frame(assets, public=public)
    path.unlink(missing_ok=True)  # a GeoPackage would otherwise keep its other layers
    if suffix == ".csv":
        table = pd.DataFrame(frame.drop(columns="geometry"))
        table["wkt"] = shapely.to_wkt(frame.geometry.to_numpy(), rounding_precision=-1)
        # The BOM lets Excel, which Thai offices open CSVs with, show Thai correctly.
        table.to_csv(path, index=False, encoding="utf-8-sig")
    elif suffix == ".zip":
        _write_shapefile_zip(frame, path)
    else:
        driver = "GPKG" if suffix == ".gpkg" else "GeoJSON"
        _write(frame, path, driver=driver, layer=LAYER if driver == "GPKG" else None)
    return len(frame)


def _write(frame: gpd.GeoDataFrame, path: Path, **options) -> None:
    geometry_type = None if len(frame) else "Point"
    frame.to_file(path, engine="pyogrio", geometry_type=geometry_type, **options)


def _write_shapefile_zip(frame: gpd.GeoDataFrame, path: Path) -> None:
    """A Shapefile holds one geometry type: points and polygons go to two .shp in the zip."""
    frame = frame.rename(columns=SHAPEFILE_NAMES)
    too_long = [
        (code, column)
        for column in frame.columns.drop("geometry")
        for code, value in zip(frame["code"], frame[column], strict=True)
        if isinstance(value, str) and len(value.encode()) > DBF_TEXT_BYTES
    ]
    if too_long:
        warnings.warn(
            ExportWarning(
                f"Shapefile ตัดข้อความที่ยาวเกิน {DBF_TEXT_BYTES} ไบต์ใน {len(too_long)} ช่อง"
                f" (เช่น {too_long[0][0]} {too_long[0][1]}): ใช้ .gpkg หรือ .geojson เพื่อไม่ให้ข้อมูลขาด"
                f" / a Shapefile cuts text longer than {DBF_TEXT_BYTES} bytes in {len(too_long)} field(s)"
                f" (e.g. {too_long[0][0]} {too_long[0][1]}): use .gpkg or .geojson for a lossless export"
            ),
            stacklevel=3,
        )
    is_point = (frame.geom_type == "Point").to_numpy()
    parts = {"assets_points": frame[is_point], "assets_polygons": frame[~is_point]}
    with tempfile.TemporaryDirectory() as tmp, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for stem, part in parts.items():
            if not len(part) and stem == "assets_polygons":
                continue
            target = Path(tmp) / f"{stem}.shp"
            with warnings.catch_warnings():
                warnings.filterwarnings("ignore", message=".*not successfully written.*")
                warnings.filterwarnings("ignore", message=".*truncated.*")
                _write(part, target, driver="ESRI Shapefile", encoding="UTF-8")
            for written in sorted(Path(tmp).glob(f"{stem}.*")):
                archive.write(written, written.name)
