"""Asset history: every change kept (service, admin, import) with who, when and how; what the public
reads of it (what and when, never who nor where an at-risk site lies); a curator's revert."""

import geopandas as gpd
import pytest
import shapely
from django.contrib.gis.geos import Point
from django.core.exceptions import PermissionDenied

from culturalmap.assets import services
from culturalmap.assets.interchange import asset_frame_import
from culturalmap.assets.models import Asset
from culturalmap.core.history import Revision, record_revisions
from tests.assets.test_services import admin_client, admin_form
from tests.factories import AssetFactory

pytestmark = pytest.mark.django_db


def revisions(asset):
    return list(record_revisions("asset", asset.pk))


def test_an_edit_keeps_the_state_before_and_after_with_who_and_how(curator):
    asset = AssetFactory(period="ล้านนา")  # stored before history began
    services.asset_update(asset=asset, user=curator, via="page", period="รัตนโกสินทร์", name_en="Wat X")
    latest, baseline = revisions(asset)
    assert (baseline.number, baseline.action, baseline.snapshot["period"]) == (1, "baseline", "ล้านนา")
    assert (latest.number, latest.action, latest.via, latest.author) == (2, "update", "page", curator)
    assert latest.changes["period"] == ["ล้านนา", "รัตนโกสินทร์"]
    assert set(latest.changes) == {"period", "name_en"}
    # Saving the same values again adds nothing.
    services.asset_update(asset=Asset.objects.get(pk=asset.pk), user=curator, period="รัตนโกสินทร์")
    assert len(revisions(asset)) == 2


def test_a_new_asset_starts_its_history_with_its_creation(user):
    asset = services.asset_create(
        name_th="หม้อดินบ้านหม้อ", archetype="craftsmanship", geom=Point(99.49, 18.29, srid=4326), user=user
    )
    [created] = revisions(asset)
    assert (created.action, created.author, created.snapshot["name_th"]) == ("create", user, "หม้อดินบ้านหม้อ")
    assert created.snapshot["province"] == "52" and created.snapshot["geom"]["type"] == "Point"


def test_an_import_keeps_every_record_it_creates_or_changes_in_one_go(curator):
    stored = AssetFactory(ref="SV-1", name_th="เดิม")
    frame = gpd.GeoDataFrame(
        {"ref": ["SV-1", "SV-2"], "name_th": ["ใหม่", "วัดใหม่"], "category": ["architecture"] * 2},
        geometry=[shapely.Point(99.3886, 18.2176), shapely.Point(99.49, 18.29)],
        crs=4326,
    )
    report = asset_frame_import(frame, user=curator)
    assert (report.created, report.updated) == (1, 1)
    changed = revisions(stored)[0]
    assert (changed.via, changed.author, changed.changes["name_th"]) == ("import", curator, ["เดิม", "ใหม่"])
    new = Asset.objects.get(ref="SV-2")
    assert [r.action for r in revisions(new)] == ["create"]


def test_the_admin_save_is_kept_with_its_author(client):
    asset = AssetFactory(ref="admin-h")
    response = admin_client(client).post(
        f"/admin/assets/asset/{asset.pk}/change/", admin_form(ref="admin-h", name_th="ชื่อใหม่")
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    latest = revisions(asset)[0]
    assert (latest.via, latest.author.is_superuser, latest.changes["name_th"][1]) == ("admin", True, "ชื่อใหม่")
    history = client.get(f"/admin/assets/asset/{asset.pk}/history/")
    assert history["Location"] == f"/assets/{asset.code}/history/"


def test_the_public_reads_what_changed_and_when_but_not_who_nor_where(client, curator):
    asset = AssetFactory(name_th="วัดเก่า", geom=Point(99.3886, 18.2176, srid=4326))
    services.asset_update(asset=asset, user=curator, name_th="วัดใหม่")
    services.asset_update(
        asset=Asset.objects.get(pk=asset.pk), user=curator, risk="high", risk_reason="ลักลอบขุด 2566"
    )
    page = client.get(f"/assets/{asset.code}/history/").content.decode()
    assert "วัดเก่า" in page and "วัดใหม่" in page
    assert curator.username not in page
    assert "ลักลอบขุด" not in page
    assert "18.2176" not in page and "99.3886" not in page  # the exact place of a site now at risk
    assert "ไม่แสดงตำแหน่ง" in page


def test_a_curator_reads_who_and_how_and_reverts_a_revision(client, curator):
    asset = AssetFactory(name_th="วัดเดิม", period="ล้านนา")
    services.asset_update(asset=asset, user=curator, via="page", name_th="ชื่อผิด", period="")
    client.force_login(curator)
    page = client.get(f"/assets/{asset.code}/history/").content.decode()
    assert curator.username in page and "หน้าเว็บ" in page
    baseline = Revision.objects.get(kind="asset", record_id=asset.pk, number=1)
    response = client.post(f"/assets/{asset.code}/history/{baseline.pk}/revert/")
    assert response.status_code == 302
    asset.refresh_from_db()
    assert (asset.name_th, asset.period) == ("วัดเดิม", "ล้านนา")
    latest = revisions(asset)[0]
    assert (latest.action, latest.reverts, latest.number) == ("revert", baseline, 3)


def test_only_curators_revert(client, user):
    asset = AssetFactory()
    services.asset_update(asset=asset, user=user, name_th="แก้")
    baseline = Revision.objects.get(kind="asset", record_id=asset.pk, number=1)
    with pytest.raises(PermissionDenied):
        services.asset_revision_revert(user=user, revision=baseline)
    client.force_login(user)
    assert client.post(f"/assets/{asset.code}/history/{baseline.pk}/revert/").status_code == 403
    assert client.get(f"/assets/{asset.code}/history/{baseline.pk}/revert/").status_code == 405
    assert Asset.objects.get(pk=asset.pk).name_th == "แก้"


def test_a_revert_brings_back_the_place_with_the_geometry(curator):
    asset = AssetFactory(geom=Point(99.3886, 18.2176, srid=4326))  # Lampang Luang, Ko Kha
    services.asset_update(asset=asset, user=curator, geom=Point(100.5018, 13.7563, srid=4326))  # Bangkok
    assert Asset.objects.get(pk=asset.pk).province.code == "10"
    baseline = Revision.objects.get(kind="asset", record_id=asset.pk, number=1)
    services.asset_revision_revert(user=curator, revision=baseline)
    back = Asset.objects.get(pk=asset.pk)
    assert (back.province.code, back.tambon_code) == ("52", "520301")


def test_a_user_of_another_record_cannot_revert_through_this_ones_address(client, curator):
    one, other = AssetFactory(), AssetFactory()
    services.asset_update(asset=other, user=curator, name_th="x")
    revision = Revision.objects.filter(kind="asset", record_id=other.pk).first()
    client.force_login(curator)
    assert client.post(f"/assets/{one.code}/history/{revision.pk}/revert/").status_code == 404
