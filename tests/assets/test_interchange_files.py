"""The interchange containers: every file is written by the test itself, read back by the import."""

import warnings
import zipfile

import geopandas as gpd
import pyogrio
import pytest
import shapely
from django.contrib.gis.geos import MultiPolygon, Point, Polygon

from culturalmap.assets.interchange import InterchangeFileError, asset_file_export, asset_file_import
from culturalmap.assets.interchange.exporting import ExportWarning
from culturalmap.assets.models import Asset
from tests.factories import THUNG_SONG, WAT_PHRA_THAT_LAMPANG_LUANG, AssetFactory, province, square_around

from .interchange_rows import BANGKOK, LAMPANG, frame, row

pytestmark = pytest.mark.django_db

COMPARED = [
    "code",
    "ref",
    "name_th",
    "name_en",
    "description_th",
    "description_en",
    "archetype",
    "period",
    "keywords",
    "source",
    "province_id",
    "tambon_code",
    "risk",
    "risk_reason",
    "status",
]


def catalogue_sample() -> list[Asset]:
    """Points, a polygon, a multipolygon, Thai text, a high-risk site, a record without ref."""
    lampang, nakhon = province("52"), province("80")
    x, y = WAT_PHRA_THAT_LAMPANG_LUANG.coords
    two_parts = MultiPolygon(
        Polygon.from_bbox((x, y, x + 0.01, y + 0.01)),
        Polygon.from_bbox((x + 0.02, y, x + 0.03, y + 0.01)),
        srid=4326,
    )
    return [
        AssetFactory(
            ref="lpru-001",
            description_th="วิหารไม้ทรงล้านนา",
            period="ล้านนา",
            keywords=["วิหาร", "ไม้สัก"],
            source="ม.ราชภัฏลำปาง",
            tambon_code="520301",
        ),
        AssetFactory(ref=None, name_en="", archetype="performing_art", geom=THUNG_SONG, province=nakhon),
        AssetFactory(
            ref="lpru-002",
            archetype="historic_site",
            risk="high",
            risk_reason="ถูกลักลอบขุด",
            geom=square_around(WAT_PHRA_THAT_LAMPANG_LUANG)[0],
            province=lampang,
        ),
        AssetFactory(ref="lpru-003", archetype="historic_site", geom=two_parts, province=lampang),
    ]


def snapshot(assets) -> dict[str, tuple]:
    records = Asset.objects.filter(code__in=[a.code for a in assets])
    return {a.code: (tuple(getattr(a, f) for f in COMPARED), a.geom) for a in records}


@pytest.mark.parametrize("suffix", [".gpkg", ".geojson", ".json", ".zip", ".csv"])
def test_export_then_import_gives_back_the_same_records(tmp_path, suffix):
    assets = catalogue_sample()
    before = snapshot(assets)
    path = tmp_path / f"assets{suffix}"
    assert asset_file_export(path=path, assets=Asset.objects.filter(pk__in=[a.pk for a in assets])) == 4

    Asset.objects.filter(pk__in=[a.pk for a in assets]).delete()
    report = asset_file_import(path=path)
    assert (report.created, report.refused) == (4, []), report.as_text()
    after = snapshot(assets)
    assert after.keys() == before.keys()
    for code, (fields, geom) in before.items():
        assert after[code][0] == fields, code
        assert after[code][1].equals_exact(geom, 1e-9) or after[code][1].equals(geom), code

    # And once more over the records now there: updates, no duplicates.
    again = asset_file_import(path=path)
    assert (again.created, again.updated) == (0, 4)
    assert Asset.objects.filter(code__in=before).count() == 4


def test_public_export_hides_exact_locations_and_unpublished_records(tmp_path):
    exact = AssetFactory(ref="secret-site", risk="high", risk_reason="looted in 2019")
    draft = AssetFactory(ref="draft-site", status="draft")
    ordinary = AssetFactory(ref="open-site", geom=Point(*BANGKOK, srid=4326), province=province("10"))
    path = tmp_path / "open-data.geojson"

    asset_file_export(
        path=path, assets=Asset.objects.filter(pk__in=[exact.pk, draft.pk, ordinary.pk]), public=True
    )

    exported = gpd.read_file(path).set_index("ref")
    assert "draft-site" not in exported.index
    shown = exported.loc["secret-site"].geometry
    stored = Asset.objects.get(pk=exact.pk)
    assert not shown.equals_exact(shapely.Point(stored.geom.coords), 1e-4)
    assert shown.equals_exact(shapely.Point(stored.public_location.coords), 1e-9)
    assert exported.loc["open-site"].geometry.equals_exact(shapely.Point(BANGKOK), 1e-9)
    assert "looted" not in path.read_text()


def test_an_export_writes_ref_as_the_code_for_records_without_one(tmp_path):
    asset = AssetFactory(ref=None)
    asset_file_export(path=tmp_path / "a.csv", assets=Asset.objects.filter(pk=asset.pk))
    exported = (tmp_path / "a.csv").read_text(encoding="utf-8-sig").splitlines()
    assert exported[0].startswith("code,ref,name_th,name_en,category")
    assert exported[1].startswith(f"{asset.code},{asset.code},")


def test_a_geopackage_in_utm_is_reprojected(tmp_path):
    path = tmp_path / "survey.gpkg"
    frame(site := row()).to_crs(32647).to_file(path, layer="assets")
    report = asset_file_import(path=path)
    assert report.created == 1, report.as_text()
    point = Asset.objects.get(ref=site["ref"]).geom
    assert (point.x, point.y) == pytest.approx(LAMPANG, abs=1e-7)


def test_a_geopackage_is_read_from_its_assets_layer_or_its_only_layer(tmp_path):
    path = tmp_path / "two-layers.gpkg"
    frame(wanted := row()).to_file(path, layer="assets")
    frame(row()).to_file(path, layer="drafts")
    assert asset_file_import(path=path).created == 1
    assert Asset.objects.filter(ref=wanted["ref"]).exists()

    only = tmp_path / "only.gpkg"
    frame(row(), row()).to_file(only, layer="survey_2567")
    assert asset_file_import(path=only).created == 2

    ambiguous = tmp_path / "ambiguous.gpkg"
    frame(row()).to_file(ambiguous, layer="a")
    frame(row()).to_file(ambiguous, layer="b")
    with pytest.raises(InterchangeFileError, match="none is called 'assets'"):
        asset_file_import(path=ambiguous)


def test_geojson_features_are_counted_as_features(tmp_path):
    path = tmp_path / "survey.geojson"
    frame(row(), row(category="temple")).to_file(path)
    report = asset_file_import(path=path)
    assert report.refused[0].row == 2
    assert report.refused[0].line().startswith("รายการที่ 2: ") and " / feature 2: " in report.refused[0].line()


def write_csv(path, text: str, *, bom: bool = False) -> None:
    path.write_bytes(("\ufeff" if bom else "").encode() + text.encode())


CSV = (
    "ref,name_th,name_en,category,province,lon,lat,keywords\n"
    "csv-1,วัดปงสนุก,Wat Pong Sanuk,สถาปัตยกรรม,ลำปาง,99.4937,18.2930,วิหาร;ล้านนา\n"
    "csv-2,ตลาดกาดกองต้า,,พื้นที่วัฒนธรรม,Lampang,18.2930,99.5060,\n"
    "csv-3,หนังตะลุง,Nang Talung,performing_art,80,๙๙.๖๗๘,๘.๑๖๖,\n"
)


@pytest.mark.parametrize("bom", [False, True])
def test_a_csv_with_or_without_bom_is_read_with_data_row_numbers(tmp_path, bom):
    path = tmp_path / "survey.csv"
    write_csv(path, CSV, bom=bom)
    report = asset_file_import(path=path)

    assert report.created == 2
    assert [(r.row, r.ref) for r in report.refused] == [(2, "csv-2")]
    assert report.refused[0].line().startswith("แถว 2: ละติจูดและลองจิจูดน่าจะสลับกัน")
    assert Asset.objects.get(ref="csv-1").keywords == ["วิหาร", "ล้านนา"]
    assert Asset.objects.get(ref="csv-3").province.code == "80"  # Thai digits in the coordinates


def test_csv_row_numbers_count_blank_lines_as_a_spreadsheet_shows_them(tmp_path):
    path = tmp_path / "survey.csv"
    write_csv(
        path,
        "ref,name_en,category,lon,lat\nb-1,Site,architecture,99.3886,18.2176\n\n"
        "b-2,Site 2,temple,99.3886,18.2176\n",
    )
    report = asset_file_import(path=path)
    assert report.created == 1 and [r.row for r in report.refused] == [3]


def test_a_csv_with_a_wkt_column(tmp_path):
    path = tmp_path / "sites.csv"
    triangle = "POLYGON ((99.38 18.21, 99.39 18.21, 99.39 18.22, 99.38 18.21))"
    write_csv(
        path,
        f'ref,name_en,category,wkt\nw-1,Site,historic_site,"{triangle}"\n'
        "w-2,Broken,historic_site,POLYGON ((99.38\n",
    )
    report = asset_file_import(path=path)
    assert report.created == 1
    assert report.refused[0].row == 2 and "the wkt cannot be read" in report.refused[0].reason_en
    assert Asset.objects.get(ref="w-1").geom.geom_type == "Polygon"


def test_a_csv_cell_that_is_not_a_number_is_named(tmp_path):
    path = tmp_path / "survey.csv"
    write_csv(path, "ref,name_en,category,lon,lat\nn-1,Site,architecture,99.3886,18°13'\n")
    refused = asset_file_import(path=path).refused
    assert len(refused) == 1
    assert "latitude (lat) '18°13'' is not a decimal number" in refused[0].reason_en


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("windows.csv", CSV.encode("cp874"), "not UTF-8"),
        ("nolocation.csv", b"ref,name_en,category\nx,Site,architecture\n", "lon and lat"),
        ("nocategory.csv", b"ref,name_en,lon,lat\nx,Site,99.3,18.2\n", "category"),
        ("fake.gpkg", b"this is not a geopackage", "cannot read fake.gpkg"),
        ("fake.geojson", b'{"type": "Feature"', "cannot read fake.geojson"),
        ("fake.zip", b"PK not really", "cannot read fake.zip"),
        ("survey.xlsx", b"whatever", "unsupported file type '.xlsx'"),
    ],
)
def test_a_file_that_cannot_be_read_gets_one_clear_error_and_imports_nothing(
    tmp_path, name, content, message
):
    path = tmp_path / name
    path.write_bytes(content)
    before = Asset.objects.count()
    with pytest.raises(InterchangeFileError, match=message):
        asset_file_import(path=path)
    assert Asset.objects.count() == before


def zip_shapefiles(path, *layers: tuple[str, gpd.GeoDataFrame], workdir) -> None:
    with zipfile.ZipFile(path, "w") as archive:
        for stem, layer in layers:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # GDAL says it cuts long field names: that is the point
                layer.to_file(workdir / f"{stem}.shp", engine="pyogrio")
            for part in workdir.glob(f"{stem}.*"):
                archive.write(part, f"survey/{part.name}")


def test_a_zipped_shapefile_maps_truncated_field_names_back(tmp_path):
    site = row(description_th="วิหาร", description_en="Vihara", tambon_code="520301")
    layer = frame(site)  # GDAL cuts description_th/_en and tambon_code to 10 characters
    (tmp_path / "shp").mkdir()
    zip_shapefiles(tmp_path / "survey.zip", ("survey", layer), workdir=tmp_path / "shp")
    written = pyogrio.read_info(tmp_path / "shp" / "survey.shp")["fields"]
    assert {"descriptio", "descript_1", "tambon_cod"} <= set(written)

    report = asset_file_import(path=tmp_path / "survey.zip")
    assert report.created == 1, report.as_text()
    asset = Asset.objects.get(ref=site["ref"])
    assert (asset.description_th, asset.description_en, asset.tambon_code) == ("วิหาร", "Vihara", "520301")


def test_a_zip_may_hold_points_and_polygons_as_separate_shapefiles(tmp_path):
    x, y = BANGKOK
    points = frame(row(), row(geometry=shapely.Point(139.69, 35.69)))
    polygons = frame(row(geometry=shapely.box(x, y, x + 0.01, y + 0.01), category="historic_site"))
    (tmp_path / "shp").mkdir()
    zip_shapefiles(
        tmp_path / "both.zip", ("points", points), ("polygons", polygons), workdir=tmp_path / "shp"
    )

    report = asset_file_import(path=tmp_path / "both.zip")
    assert report.created == 2
    assert [r.row for r in report.refused] == ["points.shp#2"]


def test_a_shapefile_export_warns_when_text_is_too_long_for_it(tmp_path):
    asset = AssetFactory(description_th="ก" * 100)  # 300 bytes in UTF-8
    with pytest.warns(ExportWarning, match="254"):
        asset_file_export(path=tmp_path / "a.zip", assets=Asset.objects.filter(pk=asset.pk))


def test_a_thai_shapefile_without_cpg_is_read_as_windows_874(tmp_path):
    (tmp_path / "shp").mkdir()
    site = row(
        name_th="วัดพระธาตุเสด็จ",
        category="สถาปัตยกรรม",
        description_th=None,
        description_en=None,
        tambon_code=None,
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # long field names cut to 10 characters
        frame(site).to_file(tmp_path / "shp" / "old.shp", encoding="cp874")
    (tmp_path / "shp" / "old.cpg").unlink()  # as many older Thai GIS files come
    with zipfile.ZipFile(tmp_path / "old.zip", "w") as archive:
        for part in (tmp_path / "shp").iterdir():
            archive.write(part, part.name)

    report = asset_file_import(path=tmp_path / "old.zip")
    assert report.created == 1, report.as_text()
    assert Asset.objects.get(ref=site["ref"]).name_th == "วัดพระธาตุเสด็จ"


@pytest.mark.parametrize("suffix", [".gpkg", ".geojson", ".zip", ".csv"])
def test_an_empty_export_imports_as_nothing_rather_than_an_error(tmp_path, suffix):
    path = tmp_path / f"empty{suffix}"
    assert asset_file_export(path=path, assets=Asset.objects.none()) == 0
    report = asset_file_import(path=path)
    assert (report.imported, report.refused) == (0, [])


def test_a_zipped_shapefile_in_utm_is_reprojected_by_its_prj(tmp_path):
    (tmp_path / "shp").mkdir()
    site = row(description_th=None, description_en=None, tambon_code=None)
    zip_shapefiles(tmp_path / "utm.zip", ("utm", frame(site).to_crs(32647)), workdir=tmp_path / "shp")
    assert asset_file_import(path=tmp_path / "utm.zip").created == 1
    point = Asset.objects.get(ref=site["ref"]).geom
    assert (point.x, point.y) == pytest.approx(LAMPANG, abs=1e-7)
