"""manage.py import_assets / export_assets: what they print and how they exit."""

import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import geopandas as gpd
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from culturalmap.assets.models import Asset
from tests.factories import AssetFactory

from .interchange_rows import frame, row

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]


def run(*args) -> str:
    out = StringIO()
    call_command(*args, stdout=out, stderr=StringIO())
    return out.getvalue()


def test_import_prints_counts_and_one_line_per_refused_row(tmp_path):
    path = tmp_path / "survey.gpkg"
    frame(row(), row(category="temple"), row(name_th="", name_en="")).to_file(path, layer="assets")

    output = run("import_assets", str(path))

    assert "created 1, updated 0, refused 2 (of 3 rows)" in output
    lines = output.splitlines()
    assert any("รายการที่ 2:" in line and "feature 2: unknown category 'temple'" in line for line in lines)
    assert any("feature 3: no name" in line for line in lines)


def test_strict_import_of_a_file_with_a_bad_row_exits_non_zero_and_imports_nothing(tmp_path):
    path = tmp_path / "survey.geojson"
    good = row()
    frame(good, row(category="temple")).to_file(path)

    with pytest.raises(CommandError) as excinfo:
        run("import_assets", str(path), "--strict")

    assert excinfo.value.returncode == 1
    assert "strict mode" in str(excinfo.value)
    assert not Asset.objects.filter(ref=good["ref"]).exists()
    assert "created 1" in run("import_assets", str(path))  # without --strict the good row goes in


def test_an_unreadable_file_exits_2_with_one_clear_message(tmp_path):
    path = tmp_path / "survey.csv"
    path.write_bytes("ref,name_th,category,lon,lat\nx,วัด,architecture,99.3,18.2\n".encode("cp874"))
    # A real process, for the real exit status; the file is refused before any database work.
    result = subprocess.run(
        [sys.executable, "manage.py", "import_assets", str(path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "culturalmap.settings.test", "PYTHAINLP_OFFLINE": "1"},
        timeout=120,
    )
    assert result.returncode == 2, result.stderr
    assert "not UTF-8" in result.stderr and "Traceback" not in result.stderr


def test_export_writes_the_file_the_extension_names(tmp_path):
    asset = AssetFactory(ref="cmd-export")
    path = tmp_path / "catalogue.gpkg"

    output = run("export_assets", str(path))

    exported = gpd.read_file(path, layer="assets").set_index("code")
    assert f"exported {len(exported)} assets" in output
    assert exported.loc[asset.code, "ref"] == "cmd-export"


def test_public_export_leaves_out_unpublished_records(tmp_path):
    draft = AssetFactory(ref="cmd-draft", status="draft")
    path = tmp_path / "open.csv"
    run("export_assets", str(path), "--public")
    assert draft.code not in path.read_text(encoding="utf-8-sig")
