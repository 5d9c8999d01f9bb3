"""The asset cluster pyramid stays equal to a recount of the published assets after any write."""

import math

import pytest
from django.contrib.gis.geos import Point
from django.db.models import Sum

from culturalmap.assets.models import Asset
from culturalmap.maps.models import AssetCluster, Audience
from culturalmap.maps.tiles import grid
from tests.factories import THUNG_SONG, AssetFactory, province

pytestmark = pytest.mark.django_db


def _cell(point) -> tuple[int, int]:
    cells = 2 ** (grid.ASSET_PYRAMID_MAX_LEVEL + grid.CELL_SHIFT)
    mx = 6378137.0 * math.radians(point.x)
    my = 6378137.0 * math.log(math.tan(math.pi / 4 + math.radians(point.y) / 2))
    cx = min(max(math.floor((mx + grid.HALF_WORLD) / grid.FINEST_CELL), 0), cells - 1)
    cy = min(max(math.floor((grid.HALF_WORLD - my) / grid.FINEST_CELL), 0), cells - 1)
    return cx, cy


def _recount() -> dict[tuple, int]:
    """Cell counts per level and audience computed here in Python, independently of the SQL: an
    at-risk asset at its generalised point for the public and at its exact one for curators."""
    counts: dict[tuple, int] = {}
    for asset in Asset.objects.filter(status="published"):
        if asset.risk == "high":
            places = [(asset.public_location, Audience.PUBLIC), (asset.location, Audience.CURATORS)]
        else:
            places = [(asset.public_location, Audience.EVERYONE)]
        for point, audience in places:
            cx, cy = _cell(point)
            for z in range(grid.ASSET_PYRAMID_MAX_LEVEL + 1):
                shift = grid.ASSET_PYRAMID_MAX_LEVEL - z
                key = (z, cx >> shift, cy >> shift, asset.archetype, asset.province_id, audience)
                counts[key] = counts.get(key, 0) + 1
    return counts


def _pyramid() -> dict[tuple, int]:
    cells = AssetCluster.objects.all()
    return {(c.zoom, c.cx, c.cy, c.archetype, c.province_id, c.audience): c.n for c in cells}


def test_the_pyramid_follows_inserts_moves_status_changes_and_deletes():
    assets = AssetFactory.create_batch(5)
    southern = AssetFactory(geom=THUNG_SONG, province=province("80"), archetype="performing_art")
    AssetFactory(status="draft")
    assert _pyramid() == _recount()

    assets[0].geom = Point(99.60, 18.10, srid=4326)
    assets[0].save()
    Asset.objects.filter(pk=assets[1].pk).update(risk="high")
    Asset.objects.filter(pk=assets[2].pk).update(status="withdrawn")
    Asset.objects.filter(pk__in=[assets[3].pk, southern.pk]).update(archetype="language")
    Asset.objects.filter(pk=assets[4].pk).delete()
    Asset.objects.filter(status="draft").update(status="published")
    assert _pyramid() == _recount()

    # An at-risk asset moved, then no longer at risk.
    Asset.objects.filter(pk=assets[1].pk).update(geom=Point(99.31, 18.02, srid=4326))
    assert _pyramid() == _recount()
    Asset.objects.filter(pk=assets[1].pk).update(risk="none")
    assert _pyramid() == _recount()

    # A write that moves nothing on the map leaves the pyramid alone.
    before = list(AssetCluster.objects.order_by("id").values_list("id", "n", "sx", "sy"))
    Asset.objects.update(view_count=7)
    assert list(AssetCluster.objects.order_by("id").values_list("id", "n", "sx", "sy")) == before


def test_each_level_counts_every_published_asset_once_for_each_audience():
    AssetFactory.create_batch(3)
    AssetFactory(geom=THUNG_SONG, province=province("80"), risk="high")
    for z in range(grid.ASSET_PYRAMID_MAX_LEVEL + 1):
        level = AssetCluster.objects.filter(zoom=z)
        assert level.exclude(audience=Audience.CURATORS).aggregate(n=Sum("n"))["n"] == 4
        assert level.exclude(audience=Audience.PUBLIC).aggregate(n=Sum("n"))["n"] == 4
    Asset.objects.all().delete()
    assert not AssetCluster.objects.exists()


def test_the_pyramid_follows_an_upsert_as_the_import_writes_it():
    kept = AssetFactory()
    moved = Asset(
        code=kept.code, name_th=kept.name_th, archetype="language", province=province("80"), geom=THUNG_SONG
    )
    fresh = Asset(
        name_th="ใหม่", archetype="craftsmanship", province=province("52"), geom=Point(99.5, 18.3, srid=4326)
    )
    Asset.objects.bulk_create(
        [moved, fresh],
        update_conflicts=True,
        unique_fields=["code"],
        update_fields=["archetype", "province", "geom"],
    )
    assert Asset.objects.count() == 2
    assert _pyramid() == _recount()
