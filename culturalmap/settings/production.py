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
if _secure and "DJANGO_TRUSTED_PROXIES" not in os.environ:
    # Behind the TLS proxy on this machine every request comes from loopback: the visitor's address
    # is the one the proxy adds to X-Forwarded-For (sign-in limits count per visitor, not per proxy).
    TRUSTED_PROXIES = ["127.0.0.1", "::1"]

# Every record as one line of JSON on stderr (gunicorn passes it to the journal), a 500's traceback
# inside its record; a 500 is also mailed to ADMINS (DJANGO_ADMINS) when there are any.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "culturalmap.core.logs.JsonFormatter"}},
    "handlers": {
        "stderr": {"class": "logging.StreamHandler", "stream": "ext://sys.stderr", "formatter": "json"},
        "mail_admins": {"class": "django.utils.log.AdminEmailHandler", "level": "ERROR"},
    },
    "root": {"handlers": ["stderr"], "level": "INFO"},
    "loggers": {
        "django": {"handlers": ["stderr", "mail_admins"], "level": "INFO", "propagate": False},
    },
}

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
