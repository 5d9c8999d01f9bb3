import pytest
from django.contrib.gis.geos import Point
from django.db import IntegrityError, transaction

from culturalmap.assets.models import Asset
from culturalmap.core.location import SENSITIVE_GRID_DEGREES
from tests.factories import WAT_PHRA_THAT_LAMPANG_LUANG, AssetFactory

pytestmark = pytest.mark.django_db


def test_public_location_is_the_exact_point_for_an_ordinary_asset():
    asset = Asset.objects.get(pk=AssetFactory(risk="none").pk)
    assert asset.public_location.equals_exact(WAT_PHRA_THAT_LAMPANG_LUANG, 1e-9)


def test_a_high_risk_assets_public_location_is_generalised_by_the_database():
    asset = Asset.objects.get(pk=AssetFactory(risk="high").pk)
    exact, public = asset.location, asset.public_location
    assert not public.equals_exact(exact, 1e-6)
    assert abs(public.x - exact.x) <= SENSITIVE_GRID_DEGREES / 2 + 1e-9
    assert round(public.x / SENSITIVE_GRID_DEGREES, 6) == round(public.x / SENSITIVE_GRID_DEGREES)


def test_moving_an_asset_or_raising_its_risk_moves_its_public_location():
    asset = AssetFactory(risk="none")
    Asset.objects.filter(pk=asset.pk).update(geom=Point(99.40, 18.30, srid=4326))
    assert Asset.objects.get(pk=asset.pk).public_location.x == pytest.approx(99.40)
    Asset.objects.filter(pk=asset.pk).update(risk="high")
    assert Asset.objects.get(pk=asset.pk).public_location.x == pytest.approx(99.40)  # on the grid already
    assert Asset.objects.get(pk=asset.pk).public_location.y == pytest.approx(18.30)


def test_an_asset_needs_a_name_in_at_least_one_language():
    with pytest.raises(IntegrityError), transaction.atomic():
        AssetFactory(name_th="", name_en="")


def test_an_asset_geometry_must_be_a_point_or_an_area():
    from django.contrib.gis.geos import LineString

    with pytest.raises(IntegrityError), transaction.atomic():
        AssetFactory(geom=LineString((99.3, 18.2), (99.4, 18.3), srid=4326))


def test_every_asset_gets_a_permanent_code():
    a, b = AssetFactory(), AssetFactory()
    assert a.code.startswith("CA-") and a.code != b.code
