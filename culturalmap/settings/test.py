"""pytest: the same PostGIS as the site, in its own test database."""

import os

from .base import *  # noqa: F403
from .base import VAR_DIR

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast sign-in in tests
MEDIA_ROOT = VAR_DIR / "test-media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Each concurrent test run (several developers' checkouts, CI) may name its own test database.
DATABASES["default"]["TEST"] = {"NAME": os.environ.get("CULTURALMAP_TEST_DB", "test_culturalmap")}  # noqa: F405
