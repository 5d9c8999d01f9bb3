"""The open-data release: the public catalogue in three formats under a licence, versioned, verified
by its checksums, with a dictionary and what changed since the release before; and its page."""

import datetime
import hashlib
import json

import geopandas as gpd
import pytest
from django.contrib.gis.geos import Point
from django.core.management import call_command

from culturalmap.assets.interchange import asset_file_import
from culturalmap.assets.models import Asset
from culturalmap.opendata.release import GEOPACKAGE, current_release, open_data_release_build, releases
from tests.factories import AssetFactory, CulturalMarketFactory, LearningSpaceFactory

pytestmark = pytest.mark.django_db

DAY = datetime.date(2025, 3, 1)


@pytest.fixture(autouse=True)
def open_data_dir(tmp_path, settings):
    settings.OPEN_DATA_DIR = tmp_path / "open-data"
    settings.SITE_URL = "https://culturalmap.example"
    return settings.OPEN_DATA_DIR


def test_a_release_holds_every_public_record_in_three_formats_with_checksums():
    shown = AssetFactory()
    AssetFactory(status="draft")
    CulturalMarketFactory()
    LearningSpaceFactory()
    release = open_data_release_build(today=DAY)
    assert release.version.startswith("2025-03-01-") and len(release.version) == 19
    counts = {k["layer"]: k["count"] for k in release.kinds}
    assert counts == {
        "assets": 1,
        "districts": 1,
        "markets": 1,
        "cultural-cities": 1,
        "cultural-enterprises": 0,  # every public kind has its layer, empty or not
        "cultural-products": 0,
        "learning-cities": 1,
        "learning-spaces": 1,
    }
    names = {f["name"] for f in release.files}
    assert {
        GEOPACKAGE,
        "assets.geojson",
        "assets.csv",
        "data-dictionary.csv",
        "README.txt",
        "SHA256SUMS",
    } <= names
    for line in (release.path / "SHA256SUMS").read_text().splitlines():
        digest, name = line.split("  ")
        assert hashlib.sha256((release.path / name).read_bytes()).hexdigest() == digest
    layer = gpd.read_file(release.path / GEOPACKAGE, layer="assets")
    assert list(layer["code"]) == [shown.code]
    assert layer["url"][0] == f"https://culturalmap.example/assets/{shown.code}/"


def test_the_readme_states_the_licence_and_the_geographic_sources_attribution(settings):
    AssetFactory()
    release = open_data_release_build(today=DAY)
    readme = (release.path / "README.txt").read_text()
    assert "CC BY 4.0" in readme and "https://creativecommons.org/licenses/by/4.0/" in readme
    assert "Royal Thai Survey Department; OCHA HDX (COD-AB)" in readme and "DOPA, via GeoThai" in readme
    settings.OPEN_DATA_LICENCE = {
        "name": "ODbL 1.0",
        "name_th": "",
        "url": "https://opendatacommons.org/licenses/odbl/",
    }
    again = open_data_release_build(today=DAY)  # another licence is another release
    assert again is not None and "ODbL 1.0" in (again.path / "README.txt").read_text()
    assert json.loads((again.path / "manifest.json").read_text())["licence"]["name"] == "ODbL 1.0"


def test_an_at_risk_site_is_generalised_in_every_file():
    site = AssetFactory(risk="high", geom=Point(99.3886, 18.2176, srid=4326))
    site.refresh_from_db()
    release = open_data_release_build(today=DAY)
    public = (round(site.public_location.x, 6), round(site.public_location.y, 6))
    for name in ("assets.geojson", GEOPACKAGE):
        frame = (
            gpd.read_file(release.path / name, layer="assets")
            if name == GEOPACKAGE
            else gpd.read_file(release.path / name)
        )
        point = frame.geometry[0]
        assert (round(point.x, 6), round(point.y, 6)) == public, name
    text = (release.path / "assets.csv").read_text(encoding="utf-8-sig")
    assert "18.2176" not in text and "99.3886" not in text


def test_nothing_is_built_when_nothing_changed_and_the_changelog_says_what_did():
    kept, changed, removed = AssetFactory(), AssetFactory(), AssetFactory()
    first = open_data_release_build(today=DAY)
    assert first.changes["previous"] is None
    assert open_data_release_build(today=DAY) is None
    Asset.objects.filter(pk=changed.pk).update(name_th="ชื่อใหม่")
    Asset.objects.filter(pk=changed.pk).update(updated_at=changed.updated_at + datetime.timedelta(hours=1))
    Asset.objects.filter(pk=removed.pk).update(status="withdrawn")
    added = AssetFactory()
    second = open_data_release_build(today=DAY + datetime.timedelta(days=1))
    assert second.changes["previous"] == first.version
    assert second.changes["kinds"]["asset"] == {"added": 1, "changed": 1, "removed": 1}
    listed = second.changed_records()["asset"]
    assert [row[0] for row in listed["added"]] == [added.code]
    assert [row[:2] for row in listed["changed"]] == [[changed.code, "ชื่อใหม่"]]
    assert [row[0] for row in listed["removed"]] == [removed.code]
    assert kept.code not in json.dumps(listed)
    assert current_release().version == second.version
    assert [r.version for r in releases()] == [second.version, first.version]


def test_the_assets_csv_imports_back_as_the_same_records():
    asset = AssetFactory(name_th="วัดต้นแบบ", period="ล้านนา", keywords=["วัด", "ล้านนา"])
    release = open_data_release_build(today=DAY)
    report = asset_file_import(path=release.path / "assets.csv")
    assert (report.created, report.updated, report.refused) == (0, 1, [])
    again = Asset.objects.get(pk=asset.pk)
    assert (again.name_th, again.period, again.keywords) == ("วัดต้นแบบ", "ล้านนา", ["วัด", "ล้านนา"])


def test_the_command_builds_when_stale_and_says_when_up_to_date(capsys):
    AssetFactory()
    call_command("build_open_data", "--if-stale")
    assert "open-data release" in capsys.readouterr().out
    call_command("build_open_data", "--if-stale")
    assert "up to date" in capsys.readouterr().out


def test_the_page_gives_the_licence_files_dictionary_sources_and_changes(client):
    AssetFactory()
    page = client.get("/open-data/").content.decode()
    assert "ยังไม่ได้สร้างข้อมูลเปิด" in page and 'rel="license"' in page
    release = open_data_release_build(today=DAY)
    page = client.get("/open-data/").content.decode()
    assert release.version in page and release.checksum in page
    assert f"/open-data/{release.version}/{GEOPACKAGE}" in page
    assert "location_generalised" in page and "คำอธิบายข้อมูล" in page
    assert "CC BY-IGO 3.0" in page
    english = client.get("/open-data/?lang=en").content.decode()
    assert "Data dictionary" in english and "Licence" in english


def test_files_come_through_the_view_and_nothing_else_does(client):
    AssetFactory()
    release = open_data_release_build(today=DAY)
    response = client.get(f"/open-data/{release.version}/{GEOPACKAGE}")
    assert response.status_code == 200 and response["Content-Type"] == "application/geopackage+sqlite3"
    assert response["ETag"].strip('"') == release.file(GEOPACKAGE)["sha256"]
    assert "attachment" in response["Content-Disposition"]
    latest = client.get(f"/open-data/latest/{GEOPACKAGE}")
    assert latest.status_code == 302 and latest["Location"] == f"/open-data/{release.version}/{GEOPACKAGE}"
    for bad in (
        f"/open-data/{release.version}/records.json.bak",
        f"/open-data/{release.version}/..%2F..%2Fsecret",
        "/open-data/2025-03-01-zzzzzzzz/README.txt",
        "/open-data/latest/nothing.csv",
    ):
        assert client.get(bad).status_code == 404, bad
