"""GDAL, a client nobody here wrote, against the live site: its OGC API – Features driver lists the
collections and downloads every public asset (an at-risk site only at its generalised point), its
MVT driver reads a zoom level of the tiles with no options, and the open-data GeoPackage opens."""

import json
import os
import shutil
import subprocess
import urllib.request

import pytest
from django.contrib.gis.geos import Point
from django.core.servers.basehttp import ThreadedWSGIServer

from culturalmap.assets.models import Asset
from culturalmap.opendata.release import GEOPACKAGE, open_data_release_build
from tests.factories import THUNG_SONG, AssetFactory, CulturalMarketFactory

pytestmark = pytest.mark.skipif(not shutil.which("ogrinfo"), reason="GDAL's command-line tools (gdal-bin)")


def gdal(*args: str) -> str:
    """What the tool prints, its warnings included."""
    env = {**os.environ, "GDAL_HTTP_TIMEOUT": "60"}
    done = subprocess.run(args, capture_output=True, text=True, timeout=120, env=env)
    assert done.returncode == 0, done.stderr
    return done.stdout + done.stderr


def test_the_live_server_answers_requests_in_threads(live_server):
    # GDAL and browsers open several connections at once.
    assert isinstance(live_server.thread.httpd, ThreadedWSGIServer)


def test_ogrinfo_lists_every_collection(live_server):
    AssetFactory()
    CulturalMarketFactory()
    listing = gdal("ogrinfo", "-ro", "-q", f"OAPIF:{live_server.url}/ogc/")
    for collection in (
        "assets",
        "districts",
        "markets",
        "cultural-cities",
        "learning-cities",
        "learning-spaces",
    ):
        assert f": {collection} (" in listing


def test_ogr2ogr_downloads_every_public_asset_and_at_risk_sites_generalised(live_server, tmp_path):
    exact = Point(99.3886, 18.2176, srid=4326)
    public = [AssetFactory(), AssetFactory(geom=THUNG_SONG), *AssetFactory.create_batch(11)]
    at_risk = AssetFactory(risk="high", geom=exact)
    AssetFactory(status="draft")
    target = tmp_path / "assets.geojson"
    # GDAL pages with its default of 10 features: 15 public assets take two pages.
    gdal("ogr2ogr", "-f", "GeoJSON", str(target), f"OAPIF:{live_server.url}/ogc/", "assets")
    downloaded = {f["properties"]["code"]: f for f in json.loads(target.read_text())["features"]}
    assert set(downloaded) == {a.code for a in [*public, at_risk]}
    for asset in Asset.objects.filter(code__in=downloaded):
        x, y = downloaded[asset.code]["geometry"]["coordinates"]
        assert (x, y) == pytest.approx((asset.public_location.x, asset.public_location.y), abs=1e-6)
    x, y = downloaded[at_risk.code]["geometry"]["coordinates"]
    assert (x, y) != pytest.approx((exact.x, exact.y), abs=1e-3)
    assert (
        downloaded[at_risk.code]["properties"]["tambon"]
        == Asset.objects.get(pk=at_risk.pk).public_tambon_code
    )


def test_ogrinfo_reads_a_zoom_level_of_the_vector_tiles_without_options(live_server):
    AssetFactory.create_batch(3)
    out = gdal("ogrinfo", "-ro", "-al", f"MVT:{live_server.url}/tiles/assets/5")
    assert "Layer name: assets" in out
    assert "count (Integer" in out or "count (Real" in out
    assert "OGRFeature(assets)" in out


def test_the_open_data_geopackage_opens_with_ogrinfo(live_server, tmp_path, settings):
    settings.OPEN_DATA_DIR = tmp_path / "open-data"
    AssetFactory.create_batch(4)
    AssetFactory(status="draft")
    CulturalMarketFactory()
    open_data_release_build()
    saved = tmp_path / GEOPACKAGE
    with urllib.request.urlopen(f"{live_server.url}/open-data/latest/{GEOPACKAGE}") as answer:
        saved.write_bytes(answer.read())
    summary = gdal("ogrinfo", "-ro", "-so", str(saved), "assets")
    assert "Feature Count: 4" in summary and "name_th: String" in summary
    assert "may only be partially supported" not in gdal("ogrinfo", "-ro", "-q", str(saved))
    assert "Feature Count: 1" in gdal("ogrinfo", "-ro", "-so", str(saved), "markets")
