"""Settings shared by every environment. Secrets and hosts come from the environment."""

import os
from email.utils import getaddresses
from pathlib import Path
from urllib.parse import urlsplit

from csp.constants import NONCE, NONE, SELF, UNSAFE_INLINE

BASE_DIR = Path(__file__).resolve().parents[2]
VAR_DIR = Path(os.environ.get("CULTURALMAP_VAR_DIR", BASE_DIR / "var"))

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "dev-only-not-secret")
DEBUG = False
ALLOWED_HOSTS = os.environ.get("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",")

INSTALLED_APPS = [
    "culturalmap.accounts.admin_site.ThrottledAdminConfig",  # django.contrib.admin, sign-in rate-limited
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.gis",
    "django.contrib.humanize",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "csp",
    "culturalmap.core",
    "culturalmap.accounts",
    "geodata",
    "culturalmap.assets",
    "culturalmap.markets",
    "culturalmap.economy",
    "culturalmap.thesaurus",
    "culturalmap.search",
    "learningcity",
    "culturalmap.maps",
    "culturalmap.ogc",
    "culturalmap.opendata",
    "culturalmap.linked",
    "django.contrib.sitemaps",
    "culturalmap.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "culturalmap.core.compression.TextGZipMiddleware",  # pages, JSON, scripts and styles gzipped
    "culturalmap.core.middleware.RefuseNulMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # A 503 with Retry-After, not a 500, when PostgreSQL is unreachable (before anything reads it).
    "culturalmap.core.middleware.ServiceUnavailableMiddleware",
    "culturalmap.maps.middleware.PublicTileMiddleware",  # public tiles skip what follows: they need none
    "culturalmap.ogc.middleware.OgcJsonMiddleware",  # so does the OGC API's JSON
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "culturalmap.i18n.ThaiFirstLocaleMiddleware",  # Thai unless the visitor chose English
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "culturalmap.search.middleware.RecordViewsMiddleware",  # counts record pages' views (no visitor data)
]

ROOT_URLCONF = "culturalmap.urls"
WSGI_APPLICATION = "culturalmap.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "culturalmap.maps.basemap.basemap",  # what every page's maps draw underneath
                "culturalmap.i18n.language_links",  # the page in each language (hreflang, the switch)
            ],
        },
    },
]

DATABASES = {
    "default": {
        "ENGINE": "django.contrib.gis.db.backends.postgis",
        "NAME": os.environ.get("CULTURALMAP_DB_NAME", "culturalmap"),
        "USER": os.environ.get("PGUSER", "postgres"),
        "PASSWORD": os.environ.get("PGPASSWORD", ""),
        "HOST": os.environ.get("PGHOST", "127.0.0.1"),
        "PORT": os.environ.get("PGPORT", "54329"),
        "CONN_MAX_AGE": 60,
        # A kept connection is tried before a request reuses it: after a failover or a database
        # restart each worker reconnects instead of failing its next request.
        "CONN_HEALTH_CHECKS": True,
    }
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Reads on a streaming hot standby (culturalmap.core.routers), only when CULTURALMAP_REPLICA_PORT names
# one (the loopback cluster, scripts/cluster/): `make run` and `make test` use the one database.
REPLICA_MAX_LAG = float(os.environ.get("CULTURALMAP_REPLICA_MAX_LAG", "2"))  # seconds, else the primary
REPLICA_CHECK_INTERVAL = 1.0  # seconds between a process's looks at the standby's lag
READ_YOUR_WRITES_SECONDS = 5  # a writer's reads stay on the primary: longer than lag bound + interval
if os.environ.get("CULTURALMAP_REPLICA_PORT"):
    DATABASES["replica"] = {
        **DATABASES["default"],
        "HOST": os.environ.get("CULTURALMAP_REPLICA_HOST", DATABASES["default"]["HOST"]),
        "PORT": os.environ["CULTURALMAP_REPLICA_PORT"],
        "OPTIONS": {"connect_timeout": 2},
    }
    DATABASE_ROUTERS = ["culturalmap.core.routers.PrimaryReplicaRouter"]
    # Before everything that reads the database (sessions, users, the tiles' short path).
    MIDDLEWARE.insert(
        MIDDLEWARE.index("culturalmap.core.middleware.ServiceUnavailableMiddleware") + 1,
        "culturalmap.core.routers.ReadsOnStandbyMiddleware",
    )

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

# Thai first.
LANGUAGE_CODE = "th"
# Each language named in itself, so a visitor finds theirs whatever the page language.
LANGUAGES = [("th", "ไทย"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Bangkok"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = VAR_DIR / "staticfiles"
# Uploaded images live here, but no URL serves this folder: each image is sent by its record's view,
# which checks who may see the record (culturalmap.core.images.image_response), in production too.
MEDIA_URL = "/media/"
# Several app nodes share one media store (CULTURALMAP_MEDIA_ROOT: the loopback cluster's shared folder).
MEDIA_ROOT = Path(os.environ.get("CULTURALMAP_MEDIA_ROOT", VAR_DIR / "media"))

# The whoosh search index (culturalmap.search): derived from PostGIS, rebuilt by
# `manage.py rebuild_search_index`; a symlink to the current build beside it.
SEARCH_INDEX_DIR = VAR_DIR / "search-index"
# The heritage thesaurus's concept URIs (SKOS export): <THESAURUS_URI>/<key>. Set it to the site's own
# address in production; the placeholder's .invalid domain says it is not one yet.
THESAURUS_URI = os.environ.get("CULTURALMAP_THESAURUS_URI", "https://culturalmap.invalid/thesaurus")
# Which node's index this is (its own position in the change feed, culturalmap.search.feed); by default
# the host and the index's folder, so two machines or two checkouts never share a position.
SEARCH_NODE = os.environ.get("CULTURALMAP_NODE", "")

# Uploaded images (culturalmap.core.images): far below Pillow's default bomb limit (~89 Mpx); no
# decoding takes more than IMAGE_DECODE_BUDGET bytes, and at most IMAGE_PROCESSING_SLOTS images are
# processed at once by all server processes together (the others wait IMAGE_PROCESSING_WAIT seconds,
# then get a 503 with Retry-After: uploads never hold every worker).
IMAGE_MAX_PIXELS = 40_000_000
IMAGE_DECODE_BUDGET = 200 * 1024 * 1024
IMAGE_PROCESSING_SLOTS = int(os.environ.get("CULTURALMAP_IMAGE_SLOTS", "2"))
IMAGE_PROCESSING_WAIT = 1.0
IMAGE_PROCESSING_RETRY_AFTER = 10

REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "rest_framework.authentication.TokenAuthentication",  # organisers' scripts and apps
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticatedOrReadOnly"],
    # JSON nested deeper than culturalmap.core.parsers.MAX_JSON_DEPTH is a 400, not a RecursionError.
    "DEFAULT_PARSER_CLASSES": [
        "culturalmap.core.parsers.DepthLimitedJSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    # Domain errors (culturalmap.core.exceptions) become HTTP answers here, not in each view.
    "EXCEPTION_HANDLER": "culturalmap.core.exceptions.api_exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Thailand cultural-capital map API",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    # No CDN: the API docs page uses the vendored Swagger UI.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # Choice sets used by several fields, named once in the schema.
    "ENUM_NAME_OVERRIDES": {
        "CourseKindEnum": "learningcity.courses.models.CourseKind",
        "TargetGroupEnum": "learningcity.courses.models.TargetGroup",
    },
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "culturalmap.core.openapi.document_every_answer",  # 400, 403, 404, 503; a PATCH's version
    ],
}

# Debian bookworm ships GDAL 3.6; files from users are read by pyogrio's own, newer GDAL.
SILENCED_SYSTEM_CHECKS = ["gis.W001"]

# One cache shared by every server process (sign-in rate limits, tiles).
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "culturalmap_cache",
    }
}
CSRF_FAILURE_VIEW = "culturalmap.core.errors.csrf_failure"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

# Map tiles (culturalmap/maps/tiles): their own cache, files under VAR_DIR shared by every server process
# (faster than the database cache for the hot path; see scripts/bench/bench_tiles.py).
CACHES["tiles"] = {
    "BACKEND": "culturalmap.maps.tiles.cache.TileFileCache",
    "LOCATION": str(VAR_DIR / "cache" / "tiles"),
    "OPTIONS": {"MAX_ENTRIES": 200_000, "CULL_FREQUENCY": 4},
}
TILE_CACHE = os.environ.get("CULTURALMAP_TILE_CACHE", "tiles")  # "default": the database cache
# The layers' generations (what a cached tile's key names) live in the database, shared by every app
# node: a change made through one node retires the tiles every node has cached. Never culled.
CACHES["tile-generations"] = {
    "BACKEND": "django.core.cache.backends.db.DatabaseCache",
    "LOCATION": "culturalmap_tile_generation",
    "OPTIONS": {"MAX_ENTRIES": 1_000_000},
}
TILE_GENERATION_CACHE = "tile-generations"
# A third-party base map under the project's own (culturalmap.maps.basemap): an XYZ tile URL template
# with {z}/{x}/{y} (an OpenStreetMap tile server's, say, under its usage policy) and its attribution.
# Empty by default: the maps draw the project's own provinces, districts and sub-districts, and no page
# asks another host for anything.
BASEMAP_TILE_URL = os.environ.get("CULTURALMAP_BASEMAP_TILE_URL", "")
BASEMAP_ATTRIBUTION = os.environ.get("CULTURALMAP_BASEMAP_ATTRIBUTION", "")

# The open-data release (culturalmap.opendata): built by `manage.py build_open_data` (by `make setup`
# when the catalogue changed, and nightly: README), served by /open-data/ from this folder.
OPEN_DATA_DIR = VAR_DIR / "open-data"
OPEN_DATA_RELEASES_KEPT = 10
OPEN_DATA_LICENCE = {
    "name": os.environ.get("CULTURALMAP_OPEN_DATA_LICENCE", "CC BY 4.0"),
    "name_th": os.environ.get("CULTURALMAP_OPEN_DATA_LICENCE_TH", "ครีเอทีฟคอมมอนส์ แสดงที่มา 4.0 สากล"),
    "url": os.environ.get(
        "CULTURALMAP_OPEN_DATA_LICENCE_URL", "https://creativecommons.org/licenses/by/4.0/"
    ),
}
OPEN_DATA_ATTRIBUTION = os.environ.get(
    "CULTURALMAP_OPEN_DATA_ATTRIBUTION", "แผนที่ทุนวัฒนธรรมไทย / Thailand cultural-capital map"
)
# The site's public address, for the permalinks written into files (the open data's `url` column).
SITE_URL = os.environ.get("CULTURALMAP_SITE_URL", "http://127.0.0.1:8000").rstrip("/")
# Sign-in limits (culturalmap.accounts.throttle) go by the visitor's address: X-Forwarded-For is
# believed only from these proxies (addresses or networks), the site's own TLS proxy in production.
TRUSTED_PROXIES = [p for p in os.environ.get("DJANGO_TRUSTED_PROXIES", "").split(",") if p.strip()]

# Who hears of a 500 by e-mail ("Name <address>, ..."), besides the log (production's LOGGING).
ADMINS = getaddresses([os.environ.get("DJANGO_ADMINS", "")]) if os.environ.get("DJANGO_ADMINS") else []
SERVER_EMAIL = os.environ.get("DJANGO_SERVER_EMAIL", "root@localhost")
EMAIL_HOST = os.environ.get("DJANGO_EMAIL_HOST", "localhost")


def _origin(url: str) -> list[str]:
    parts = urlsplit(url.replace("{s}", "a"))
    return [f"{parts.scheme}://{parts.netloc}"] if parts.scheme and parts.netloc else []


def content_security_policy(basemap_tile_url: str) -> dict:
    """Content-Security-Policy (django-csp) on every page: scripts only from this site's own static
    files or inline with the response's nonce (the map page's folium script); nothing from another
    host but the configured base map's tile images. The admin too: its map widget runs on the
    vendored OpenLayers from a static script (culturalmap.core.admin.OwnBaseMapWidget)."""
    return {
        "DIRECTIVES": {
            "default-src": [SELF],
            "script-src": [SELF, NONCE],
            "style-src": [SELF, UNSAFE_INLINE],  # style attributes (colour swatches), folium's <style>
            "img-src": [SELF, "data:", "blob:", *_origin(basemap_tile_url)],
            "font-src": [SELF],
            "connect-src": [SELF],
            "object-src": [NONE],
            "base-uri": [SELF],
            "form-action": [SELF],
            "frame-ancestors": [NONE],
        },
    }


CONTENT_SECURITY_POLICY = content_security_policy(BASEMAP_TILE_URL)
