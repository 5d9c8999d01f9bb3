"""The interchange import's rules, row by row, and its upsert (frames; the containers are in
test_interchange_files.py)."""

import pytest
import shapely

from culturalmap.assets.interchange import ImportReport, InterchangeFileError, asset_frame_import
from culturalmap.assets.models import Asset
from culturalmap.core import changes
from tests.factories import AssetFactory

from .interchange_rows import BANGKOK, LAMPANG, THUNG_SONG, frame, row, square, unique_ref

pytestmark = pytest.mark.django_db

BOW_TIE = shapely.Polygon([(99.38, 18.21), (99.39, 18.22), (99.39, 18.21), (99.38, 18.22)])


def only_refusal(report: ImportReport):
    assert len(report.refused) == 1, report.as_text()
    return report.refused[0]


def test_rows_become_published_assets_with_the_province_of_their_geometry():
    first = row(keywords="วิหาร; ล้านนา;;วิหาร", tambon_code="520301", risk="high")
    second = row(geometry=shapely.Point(*THUNG_SONG), category="ศิลปะการแสดง")
    report = asset_frame_import(frame(first, second))

    assert (report.created, report.updated, report.refused) == (2, 0, [])
    lampang = Asset.objects.get(ref=first["ref"])
    assert lampang.province.code == "52"
    assert lampang.status == "published"
    assert lampang.keywords == ["วิหาร", "ล้านนา"]
    assert (lampang.tambon_code, lampang.risk, lampang.period) == ("520301", "high", "ล้านนา")
    thung_song = Asset.objects.get(ref=second["ref"])
    assert (thung_song.province.code, thung_song.archetype) == ("80", "performing_art")


def test_a_given_code_names_a_new_record_but_never_renames_an_existing_one():
    new = row(code="CA-DEM0001")
    asset_frame_import(frame(new))
    assert Asset.objects.get(ref=new["ref"]).code == "CA-DEM0001"

    asset_frame_import(frame({**new, "code": "CA-DEM0002", "name_en": "Renamed"}))
    asset = Asset.objects.get(ref=new["ref"])
    assert (asset.code, asset.name_en) == ("CA-DEM0001", "Renamed")


@pytest.mark.parametrize(
    ("spoil", "thai", "english"),
    [
        ({"name_th": "", "name_en": "  "}, "ไม่มีชื่อ", "no name"),
        ({"name_th": None, "name_en": None}, "ไม่มีชื่อ", "no name"),
        ({"category": "temple"}, "ไม่รู้จักประเภท 'temple'", "unknown category 'temple'"),
        ({"category": ""}, "ไม่มีประเภท", "category is missing"),
        ({"geometry": None}, "ไม่มีตำแหน่ง", "no geometry"),
        ({"geometry": shapely.Point()}, "ไม่มีตำแหน่ง", "no geometry"),
        ({"geometry": BOW_TIE}, "ซ่อมไม่ได้", "cannot be repaired without changing its area"),
        ({"geometry": shapely.LineString([LAMPANG, BANGKOK])}, "LineString", "a LineString cannot be"),
        ({"geometry": shapely.Point(139.69, 35.69)}, "นอกประเทศไทย", "outside Thailand"),
        ({"geometry": shapely.Point(18.2176, 99.3886)}, "สลับกัน", "latitude and longitude look swapped"),
        ({"geometry": shapely.Point(13.75, 100.49)}, "สลับกัน", "latitude and longitude look swapped"),
        ({"geometry": shapely.Point(500000, 2015000)}, "ระบุ CRS", "must declare it"),
        ({"province": "Bangkok"}, "ไม่ตรงกับตำแหน่ง", "disagrees with the location, which lies in Lampang"),
        ({"province": "กรุงเทพมหานคร"}, "ไม่ตรงกับตำแหน่ง", "disagrees with the location"),
        ({"province": "Atlantis"}, "ไม่รู้จักจังหวัด", "unknown province 'Atlantis'"),
        ({"risk": "very high"}, "ค่าความเสี่ยง", "unknown risk 'very high'"),
        ({"name_th": "ก" * 301}, "ยาวเกิน 300", "longer than 300 characters"),
        ({"code": "not a code!"}, "รหัสถาวร", "permalink code 'NOT A CODE!' is malformed"),
    ],
)
def test_a_bad_row_is_refused_with_its_number_and_a_reason_in_thai_and_english(spoil, thai, english):
    good, bad, also_good = row(), row(**spoil), row()
    report = asset_frame_import(frame(good, bad, also_good))

    refused = only_refusal(report)
    assert refused.row == 2
    assert thai in refused.reason_th and english in refused.reason_en
    assert refused.line().startswith("แถว 2: ") and " / row 2: " in refused.line()
    assert report.created == 2  # the other rows are imported
    assert not Asset.objects.filter(ref=bad["ref"]).exists()


def test_a_ref_twice_in_the_file_refuses_both_rows_naming_each_other():
    ref = unique_ref()
    report = asset_frame_import(frame(row(), row(ref=ref), row(ref=ref, name_en="Other")))

    assert [r.row for r in report.refused] == [2, 3]
    assert "row 3" in report.refused[0].reason_en and "row 2" in report.refused[1].reason_en
    assert not Asset.objects.filter(ref=ref).exists()
    assert report.created == 1


def test_a_self_touching_ring_is_repaired_because_its_area_is_kept():
    x, y = LAMPANG
    # The ring passes through its top vertex twice, pinching off a triangular hole.
    ring = [
        (x, y),
        (x + 0.04, y),
        (x + 0.04, y + 0.04),
        (x + 0.02, y + 0.04),
        (x + 0.03, y + 0.02),
        (x + 0.01, y + 0.02),
        (x + 0.02, y + 0.04),
        (x, y + 0.04),
        (x, y),
    ]
    polygon = shapely.Polygon(ring)
    assert not polygon.is_valid
    report = asset_frame_import(frame(site := row(geometry=polygon, category="historic_site")))

    assert report.created == 1, report.as_text()
    stored = Asset.objects.get(ref=site["ref"]).geom
    assert stored.valid
    assert stored.area == pytest.approx(abs(polygon.area), rel=1e-9)  # 16 - 2 hole units, not 16


def test_polygons_and_multipolygons_are_taken_as_sites():
    x, y = LAMPANG
    multi = shapely.MultiPolygon([square(x, y), square(x + 0.01, y)])
    report = asset_frame_import(frame(row(geometry=square(x, y)), row(geometry=multi)))
    assert report.created == 2, report.as_text()
    assert (
        sorted(
            Asset.objects.filter(pk__in=report.asset_ids).values_list("geom", flat=True),
            key=lambda g: g.geom_type,
        )[0].geom_type
        == "MultiPolygon"
    )


def test_a_malformed_tambon_code_is_reported_and_the_code_of_the_point_stored():
    wrong_digits = row(tambon_code="5201")
    report = asset_frame_import(frame(wrong_digits))

    assert report.created == 1 and not report.refused
    assert [w.row for w in report.warnings] == [1]
    assert "6-digit DOPA code" in report.warnings[0].reason_en
    assert Asset.objects.get(ref=wrong_digits["ref"]).tambon_code == "520301"
    assert "warning" in report.as_text()


def test_thai_english_mixtures_and_thai_digits_are_understood():
    mixed = row(
        category="สถาปัตยกรรม / Architecture",
        tambon_code="๕๒๐๓๐๑",
        risk="สูง",
        province="จังหวัดลำปาง",
        name_th="\u200bวัดปงยางคก  ",
        name_en=None,
    )
    english = row(category="TRADITIONAL CRAFTSMANSHIP", province="lampang")
    by_code = row(category="folk_sport", province="52")
    report = asset_frame_import(frame(mixed, english, by_code))

    assert report.created == 3, report.as_text()
    asset = Asset.objects.get(ref=mixed["ref"])
    assert (asset.archetype, asset.tambon_code, asset.risk, asset.name_th, asset.name_en) == (
        "architecture",
        "520301",
        "high",
        "วัดปงยางคก",
        "",
    )
    assert Asset.objects.get(ref=english["ref"]).archetype == "craftsmanship"


def test_reimporting_a_ref_updates_that_record_and_never_duplicates_it():
    original = row()
    asset_frame_import(frame(original))
    before = Asset.objects.count()
    moved = {**original, "name_en": "Wat Pho", "geometry": shapely.Point(*BANGKOK), "risk": "medium"}

    report = asset_frame_import(frame(moved))

    assert (report.created, report.updated) == (0, 1)
    assert Asset.objects.count() == before
    asset = Asset.objects.get(ref=original["ref"])
    assert (asset.name_en, asset.province.code, asset.risk) == ("Wat Pho", "10", "medium")
    assert asset.location.x == pytest.approx(BANGKOK[0])


def test_a_ref_equal_to_a_records_code_updates_that_record_and_keeps_it_without_ref():
    asset = AssetFactory(ref=None)
    report = asset_frame_import(frame(row(ref=asset.code, name_en="From the open-data file")))

    assert (report.created, report.updated) == (0, 1), report.as_text()
    asset.refresh_from_db()
    assert (asset.name_en, asset.ref) == ("From the open-data file", None)


def test_columns_absent_from_the_file_leave_those_fields_alone_on_update():
    original = row(description_th="คำอธิบายเดิม", risk="high")
    asset_frame_import(frame(original))
    slim = {k: original[k] for k in ("ref", "name_th", "category", "geometry")}

    assert asset_frame_import(frame(slim)).updated == 1
    asset = Asset.objects.get(ref=original["ref"])
    assert (asset.description_th, asset.risk, asset.name_en) == ("คำอธิบายเดิม", "high", original["name_en"])


def test_a_refused_row_changes_nothing_stored():
    stored = AssetFactory(ref=unique_ref(), name_en="Kept as it was")
    bad_update = row(ref=stored.ref, name_en="Overwritten?", geometry=shapely.Point(18.2176, 99.3886))

    report = asset_frame_import(frame(bad_update))

    assert report.refused and report.updated == 0
    stored_now = Asset.objects.get(pk=stored.pk)
    assert stored_now.name_en == "Kept as it was"
    assert stored_now.geom.equals(stored.geom)


def test_strict_mode_imports_nothing_when_any_row_is_refused():
    stored = AssetFactory(ref=unique_ref(), name_en="Untouched")
    before = Asset.objects.count()
    rows = [row(), row(ref=stored.ref, name_en="Changed"), row(category="temple")]

    report = asset_frame_import(frame(*rows), strict=True)

    assert (report.created, report.updated, len(report.refused)) == (0, 0, 1)
    assert "strict mode" in report.as_text()
    assert Asset.objects.count() == before
    assert Asset.objects.get(pk=stored.pk).name_en == "Untouched"
    assert asset_frame_import(frame(*rows[:2]), strict=True).imported == 2


def test_a_code_taken_by_another_record_is_refused_for_a_new_row():
    other = AssetFactory(ref=unique_ref())
    report = asset_frame_import(frame(row(code=other.code)))
    assert "already belongs to another record" in only_refusal(report).reason_en


def test_two_rows_pointing_at_the_same_record_are_both_refused():
    asset = AssetFactory(ref=unique_ref())
    report = asset_frame_import(frame(row(ref=asset.ref), row(ref=asset.code)))
    assert [r.row for r in report.refused] == [1, 2]
    assert "same record" in report.refused[0].reason_en


def test_a_frame_without_a_category_column_is_not_read_at_all():
    rows = frame(row()).drop(columns=["category"])
    with pytest.raises(InterchangeFileError, match="category"):
        asset_frame_import(rows)


def test_a_frame_in_utm_is_reprojected_to_wgs84():
    utm = frame(site := row()).to_crs(32647)
    assert asset_frame_import(utm).created == 1
    point = Asset.objects.get(ref=site["ref"]).geom
    assert (point.x, point.y) == pytest.approx(LAMPANG, abs=1e-7)


def test_the_import_announces_the_changed_records_after_commit(django_capture_on_commit_callbacks):
    heard: list[tuple[str, list[int]]] = []

    def listener(kind, ids):
        heard.append((kind, ids))

    changes.listen(listener)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            report = asset_frame_import(frame(row(), row()))
    finally:
        changes._listeners.remove(listener)
    assert ("asset", report.asset_ids) in heard and len(report.asset_ids) == 2


def test_rows_without_ref_that_repeat_a_row_or_a_stored_record_are_imported_with_a_warning():
    stored = AssetFactory(ref=None, name_th="วัดเจดีย์ซาวหลัง", name_en="Wat Chedi Sao Lang")
    again = row(
        ref=None,
        name_th=stored.name_th,
        name_en=stored.name_en,
        geometry=shapely.Point(stored.geom.x, stored.geom.y),
    )
    twice = row(ref=None)
    report = asset_frame_import(frame(again, twice, dict(twice)))

    assert report.created == 3
    assert [w.row for w in report.warnings] == [1, 3]
    assert stored.code in report.warnings[0].reason_en
    assert "same name and place as row 2" in report.warnings[1].reason_en
