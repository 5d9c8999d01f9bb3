"""The production static storage (hashed names from a manifest) collects every file, and each page
finds the files it names: a missing one is a 500 on every page under `make serve`."""

import pytest
from django.core.management import call_command

from tests.factories import AssetFactory, CulturalMarketFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_every_page_finds_its_static_files_under_the_production_storage(client, settings, tmp_path):
    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
    }
    call_command("collectstatic", interactive=False, verbosity=0)
    assert (tmp_path / "staticfiles.json").exists()
    asset, market = AssetFactory(), CulturalMarketFactory()
    pages = [
        "/",
        "/cultural-cities/",
        "/learning-cities/",
        "/accounts/login/",
        asset.get_absolute_url(),
        market.district.get_absolute_url(),
        market.get_absolute_url(),
        "/api/docs/",
    ]
    for path in pages:
        response = client.get(path)
        assert response.status_code == 200, path
        assert "/static/css/site." in response.content.decode() or path == "/api/docs/"
    assert client.get("/ogc/api.html").status_code == 200
    # The admin's map widget names the vendored OpenLayers and its start-up script by their hashes.
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    page = client.get(f"/admin/assets/asset/{asset.pk}/change/").content.decode()
    assert "/static/vendor/ol-7.2.2/ol." in page and "/static/js/admin-map-widget." in page
