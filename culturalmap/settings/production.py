"""Production (gunicorn): secrets and hosts from the environment; `check --deploy` clean.

Behind a TLS-terminating proxy by default. For a plain-HTTP server on loopback (benchmarks),
set DJANGO_SECURE_SSL=0.
"""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if len(SECRET_KEY) < 50:
    raise ImproperlyConfigured("Set DJANGO_SECRET_KEY (50+ random characters) for production.")

_secure = os.environ.get("DJANGO_SECURE_SSL", "1") == "1"
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = _secure
SESSION_COOKIE_SECURE = _secure
CSRF_COOKIE_SECURE = _secure
SECURE_HSTS_SECONDS = 31_536_000 if _secure else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = _secure
SECURE_HSTS_PRELOAD = _secure
SECURE_CONTENT_TYPE_NOSNIFF = True
if _secure:
    # Behind the TLS proxy every request comes from the proxy's address: limit sign-in per visitor.
    RATELIMIT_IP_META_KEY = "culturalmap.accounts.throttle.forwarded_client_ip"

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
