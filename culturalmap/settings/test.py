"""pytest: the same PostGIS as the site, in its own test database."""

import os

from .base import *  # noqa: F403
from .base import VAR_DIR, content_security_policy

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast sign-in in tests
MEDIA_ROOT = VAR_DIR / "test-media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Each concurrent test run (several developers' checkouts, CI) may name its own test database.
DATABASES["default"]["TEST"] = {"NAME": os.environ.get("CULTURALMAP_TEST_DB", "test_culturalmap")}  # noqa: F405
# ...and its own search index, so parallel runs never write into each other's.
SEARCH_INDEX_DIR = VAR_DIR / "test-search" / DATABASES["default"]["TEST"]["NAME"]  # noqa: F405

# No base map from another host in tests; tiles cached in the test database, so a test's rollback
# takes its cached tiles and layer generations with it.
BASEMAP_TILE_URL = ""
CONTENT_SECURITY_POLICY = content_security_policy(BASEMAP_TILE_URL)
CACHES = {
    **CACHES,  # noqa: F405
    "tiles": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "culturalmap_cache",
    },
}

# The read router's tests (tests/core/test_routers.py) read through a second connection to the test
# database, as through a standby with no lag; the router itself is switched on by those tests only.
DATABASES["replica"] = {**DATABASES["default"], "TEST": {"MIRROR": "default"}}  # noqa: F405
