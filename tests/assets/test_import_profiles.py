"""Partners' files whose columns are named otherwise: mapped to the interchange fields, previewed with
the refused rows, imported by the one import, and the mapping kept as a profile for the next file."""

import csv
import io

import geopandas as gpd
import pytest
import shapely
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from openpyxl import Workbook
from pyproj import Transformer

from culturalmap.assets.interchange.profiles import (
    ColumnMapping,
    MappingError,
    asset_file_import_mapped,
    guess_mapping,
)
from culturalmap.assets.interchange.tables import read_source_table
from culturalmap.assets.models import Asset, ImportProfile
from culturalmap.assets.services import import_profile_save

pytestmark = pytest.mark.django_db

SURVEY_ROWS = [
    ("ลำดับ", "ชื่อแหล่ง", "siteNameAlt1", "ประเภท", "X", "Y", "จังหวัด"),
    ("1", "วัดไหล่หิน", "Wat Lai Hin", "วัด", "99.3550", "18.2520", "ลำปาง"),
    ("2", "บ้านเสาหนัก", "Ban Sao Nak", "บ้านเก่า", "99.5010", "18.2950", "ลำปาง"),
    ("3", "", "", "วัด", "99.39", "18.19", "ลำปาง"),
    ("4", "แหล่งผิดที่", "Swapped", "วัด", "18.2", "99.4", "ลำปาง"),
]
SURVEY = ColumnMapping(
    columns={
        "name_th": "ชื่อแหล่ง",
        "name_en": "siteNameAlt1",
        "category": "ประเภท",
        "lon": "X",
        "lat": "Y",
        "province": "จังหวัด",
    },
    defaults={"source": "มหาวิทยาลัยราชภัฏลำปาง"},
    category_values={"วัด": "architecture", "บ้านเก่า": "architecture"},
)


def thai_excel_csv(path, rows) -> str:
    """A CSV as Thai Windows Excel saves it: Windows-874, no BOM."""
    text = io.StringIO()
    csv.writer(text).writerows(rows)
    path.write_bytes(text.getvalue().encode("cp874"))
    return str(path)


def test_a_thai_windows_csv_is_read_under_its_own_column_names(tmp_path):
    table = read_source_table(thai_excel_csv(tmp_path / "survey.csv", SURVEY_ROWS))
    assert table.columns == list(SURVEY_ROWS[0]) and table.described == "CSV Windows-874 (TIS-620)"
    assert table.rows["ชื่อแหล่ง"][0] == "วัดไหล่หิน" and table.labels == [1, 2, 3, 4]
    guessed = guess_mapping(table.columns)
    assert guessed.columns == {
        "name_th": "ชื่อแหล่ง",
        "name_en": "siteNameAlt1",
        "category": "ประเภท",
        "lon": "X",
        "lat": "Y",
        "province": "จังหวัด",
    }


def test_a_preview_reports_what_the_import_would_do_and_stores_nothing(tmp_path):
    path = thai_excel_csv(tmp_path / "survey.csv", SURVEY_ROWS)
    preview = asset_file_import_mapped(path=path, mapping=SURVEY, dry_run=True)
    assert (preview.report.created, [r.row for r in preview.report.refused]) == (2, [3, 4])
    assert "swapped" in preview.report.refused[1].reason_en
    assert list(preview.preview["category"][:2]) == ["architecture", "architecture"]
    assert not Asset.objects.exists()
    done = asset_file_import_mapped(path=path, mapping=SURVEY)
    assert done.report.created == 2
    wat = Asset.objects.get(name_th="วัดไหล่หิน")
    assert (wat.name_en, wat.archetype, wat.source, wat.province.code) == (
        "Wat Lai Hin",
        "architecture",
        "มหาวิทยาลัยราชภัฏลำปาง",
        "52",
    )


def test_category_words_no_archetype_matches_are_named_for_the_curator(tmp_path):
    path = thai_excel_csv(tmp_path / "survey.csv", SURVEY_ROWS)
    unmapped = ColumnMapping(columns=SURVEY.columns)
    preview = asset_file_import_mapped(path=path, mapping=unmapped, dry_run=True)
    assert preview.unknown_categories == ["บ้านเก่า", "วัด"]
    assert preview.report.created == 0 and len(preview.report.refused) == 4


def test_an_xlsx_with_title_rows_and_utm_coordinates_lands_in_its_sub_district(tmp_path):
    to_utm = Transformer.from_crs(4326, 32647, always_xy=True)
    x, y = to_utm.transform(99.3886, 18.2176)  # Wat Phra That Lampang Luang
    book = Workbook()
    sheet = book.active
    sheet.title = "สำรวจ 2567"
    sheet.append(["รายงานการสำรวจแหล่งวัฒนธรรม จังหวัดลำปาง"])
    sheet.append([])
    sheet.append(["siteName", "type", "Easting", "Northing"])
    sheet.append(["วัดพระธาตุลำปางหลวง", "สถาปัตยกรรม", round(x, 1), round(y, 1)])
    sheet.append(["ไม่มีพิกัด", "สถาปัตยกรรม", None, None])
    path = tmp_path / "survey.xlsx"
    book.save(path)
    mapping = ColumnMapping(
        columns={"name_th": "siteName", "category": "type", "lon": "Easting", "lat": "Northing"}, srid=32647
    )
    result = asset_file_import_mapped(path=str(path), mapping=mapping)
    assert result.report.created == 1
    assert [r.row for r in result.report.refused] == [5]  # the row number Excel shows
    wat = Asset.objects.get(name_th="วัดพระธาตุลำปางหลวง")
    assert wat.tambon_code == "520301" and wat.location.x == pytest.approx(99.3886, abs=1e-5)


def test_a_geopackage_from_gdal_with_its_own_field_names(tmp_path):
    frame = gpd.GeoDataFrame(
        {"SITE_NAME": ["กาดกองต้า"], "SITE_EN": ["Kad Kong Ta"], "KIND": ["social_practice"]},
        geometry=[shapely.Point(99.506, 18.293)],
        crs=4326,
    )
    path = tmp_path / "partner.gpkg"
    frame.to_file(path, layer="sites", driver="GPKG", engine="pyogrio")
    mapping = ColumnMapping(columns={"name_th": "SITE_NAME", "name_en": "SITE_EN", "category": "KIND"})
    assert asset_file_import_mapped(path=str(path), mapping=mapping).report.created == 1
    assert Asset.objects.get(name_en="Kad Kong Ta").archetype == "social_practice"


@pytest.mark.parametrize(
    ("mapping", "says"),
    [
        (
            ColumnMapping(columns={"category": "ประเภท", "lon": "X", "lat": "Y"}),
            "map a Thai or an English name",
        ),
        (ColumnMapping(columns={"name_th": "ชื่อแหล่ง", "lon": "X", "lat": "Y"}), "map the category"),
        (ColumnMapping(columns={"name_th": "ชื่อแหล่ง", "category": "ประเภท"}), "map the coordinates"),
        (
            ColumnMapping(columns={"name_th": "ชื่อ", "category": "ประเภท", "lon": "X", "lat": "Y"}),
            "no column ชื่อ",
        ),
        (
            ColumnMapping(columns={"name_th": "ชื่อแหล่ง", "category": "ประเภท", "lon": "X", "lat": "X"}),
            "mapped twice",
        ),
        (ColumnMapping(columns={**SURVEY.columns}, srid=999999), "unknown CRS"),
    ],
)
def test_a_mapping_that_cannot_make_rows_imports_nothing_and_says_why(tmp_path, mapping, says):
    path = thai_excel_csv(tmp_path / "survey.csv", SURVEY_ROWS)
    with pytest.raises(MappingError) as refused:
        asset_file_import_mapped(path=path, mapping=mapping)
    assert says in refused.value.en
    assert not Asset.objects.exists()


def test_a_curator_saves_a_profile_and_the_command_imports_through_it(tmp_path, curator, user, capsys):
    with pytest.raises(PermissionDenied):
        import_profile_save(user=user, name="lampang", mapping=SURVEY)
    with pytest.raises(ValidationError):
        import_profile_save(user=curator, name="broken", mapping=ColumnMapping(columns={"name_th": "x"}))
    import_profile_save(user=curator, name="lampang-survey", mapping=SURVEY)
    assert ColumnMapping.from_json(ImportProfile.objects.get(name="lampang-survey").mapping) == SURVEY
    path = thai_excel_csv(tmp_path / "survey.csv", SURVEY_ROWS)
    call_command("import_assets", path, "--profile", "lampang-survey", "--dry-run")
    assert "created 2" in capsys.readouterr().out and not Asset.objects.exists()
    call_command("import_assets", path, "--profile", "lampang-survey", "--user", curator.username)
    assert Asset.objects.count() == 2
    with pytest.raises(CommandError) as unknown:
        call_command("import_assets", path, "--profile", "nobody")
    assert unknown.value.returncode == 3


def test_the_curators_page_maps_previews_saves_and_imports(client, curator, tmp_path):
    path = thai_excel_csv(tmp_path / "survey.csv", SURVEY_ROWS)
    client.force_login(curator)
    with open(path, "rb") as upload:
        response = client.post("/assets/import/", {"file": upload})
    mapping_url = response["Location"]
    page = client.get(mapping_url).content.decode()
    assert '<option value="siteNameAlt1" selected>' in page  # guessed as the English name
    form = {f"col_{k}": v for k, v in SURVEY.columns.items()} | {"default_source": "มรภ.ลำปาง"}
    preview = client.post(mapping_url, {**form, "action": "preview"}).content.decode()
    assert 'data-dry-run="1"' in preview and 'class="unknown"' in preview and "บ้านเก่า" in preview
    assert not Asset.objects.exists()
    words = {"category_word": ["วัด", "บ้านเก่า"], "category_code": ["architecture", "architecture"]}
    preview = client.post(mapping_url, {**form, **words, "action": "preview"}).content.decode()
    assert 'data-row="3"' in preview and 'data-row="4"' in preview and "สร้างใหม่ 2" in preview
    client.post(mapping_url, {**form, **words, "action": "save", "profile_name": "ลำปาง 2567"})
    assert ImportProfile.objects.get(name="ลำปาง 2567").mapping["category_values"]["บ้านเก่า"] == "architecture"
    done = client.post(mapping_url, {**form, **words, "action": "import"}).content.decode()
    assert 'data-dry-run="0"' in done and Asset.objects.count() == 2
    assert Asset.objects.get(name_th="วัดไหล่หิน").source == "มรภ.ลำปาง"
    # The next file from the same partner opens with the saved profile.
    with open(path, "rb") as upload:
        again = client.post("/assets/import/", {"file": upload, "profile": "ลำปาง 2567"})
    assert "?profile=" in again["Location"]
    assert "บ้านเก่า" in client.get(again["Location"]).content.decode()


def test_the_page_is_for_curators_only(client, user):
    assert client.get("/assets/import/").status_code == 302  # to sign in
    client.force_login(user)
    assert client.get("/assets/import/").status_code == 403
    assert client.get("/assets/import/0123456789abcdef0123456789abcdef/").status_code == 403
